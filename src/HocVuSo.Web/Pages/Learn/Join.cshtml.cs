using HocVuSo.Core.Features.Plans;
using HocVuSo.Web.Hosting;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace HocVuSo.Web.Pages.Learn;

/// <summary>A signed-in learner types the join code their organisation gave them and becomes its member.</summary>
[Authorize]
public sealed class JoinModel(JoinOrganisation.Handler join, ErrorMessages messages) : PageModel
{
    [BindProperty]
    public string? Code { get; set; }

    public JoinOrganisation.Joined? Joined { get; private set; }

    public void OnGet([FromQuery] string? code) => Code = code;

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        var result = await join.HandleAsync(new JoinOrganisation.Command(Code), ct);
        if (!result.IsSuccess)
        {
            messages.AddTo(ModelState, result.Errors, string.Empty);
            return Page();
        }

        Joined = result.Value;
        return Page();
    }
}
