using HocVuSo.Core.Features.Accounts;
using HocVuSo.Web.Hosting;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace HocVuSo.Web.Pages.Staff;

/// <summary>Bulk staff creation from CSV; the report lists the accounts created (with initial passwords, shown once) and each bad row.</summary>
public sealed class ImportModel(ImportStaff.Handler import, ErrorMessages messages) : PageModel
{
    public ImportReportView? Report { get; private set; }

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync(IFormFile? file, CancellationToken ct)
    {
        if (file is null || file.Length == 0)
        {
            messages.AddTo(ModelState, [Core.Common.Errors.Invalid("csv.empty")]);
            return Page();
        }

        await using var stream = file.OpenReadStream();
        var result = await import.HandleAsync(new ImportStaff.Command(stream), ct);
        if (!result.IsSuccess)
        {
            messages.AddTo(ModelState, result.Errors);
            return Page();
        }

        var created = result.Value!.Created.Select(c => $"{c.UserName} · {c.Role} · {c.UnitCode} · {c.InitialPassword ?? "—"}").ToList();
        Report = ImportReportView.From(result.Value.Summary, messages, created);
        return Page();
    }
}
