using HocVuSo.Core.Data;
using HocVuSo.Web.Vneid;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace HocVuSo.Web.Pages.Sandbox.Vneid;

/// <summary>The sandbox's control page: its switches and the confirmations it received.</summary>
public sealed class IndexModel(VneidSandbox sandbox, AppDbContext db) : PageModel
{
    public VneidSandboxSwitches Switches { get; private set; } = new("normal", new Dictionary<string, string>());

    public IReadOnlyList<VneidSandboxConfirmationView> Confirmations { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        if (!sandbox.Enabled)
        {
            return NotFound();
        }

        Switches = VneidSandboxApi.Switches(sandbox);
        Confirmations = await VneidSandboxApi.ListConfirmationsAsync(db, null, null, 100, ct);
        return Page();
    }

    public IActionResult OnPost(string? mode)
    {
        if (!sandbox.Enabled)
        {
            return NotFound();
        }

        if (VneidSandbox.TryParseMode(mode, out var parsed))
        {
            sandbox.SetMode(parsed, null);
        }

        return RedirectToPage();
    }
}
