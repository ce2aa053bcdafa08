using HocVuSo.Core.Common;
using HocVuSo.Core.Common.Uploads;
using HocVuSo.Core.Features.Accounts;
using HocVuSo.Web.Hosting;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace HocVuSo.Web.Pages.Staff;

/// <summary>Bulk staff creation from CSV; the report lists the accounts created (with their activation codes, shown once) and each bad row, which is left out.</summary>
public sealed class ImportModel(ImportStaff.Handler import, UploadLimits limits, ErrorMessages messages, Microsoft.Extensions.Localization.IStringLocalizer<SharedResource> localizer) : PageModel
{
    public ImportReportView? Report { get; private set; }

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync(IFormFile? file, CancellationToken ct)
    {
        var result = await import.HandleAsync(new ImportStaff.Command(UploadRequests.FileOf(file, limits.MaxCsvBytes)), ct);
        if (!result.IsSuccess && result.FirstError.Kind == ErrorKind.Forbidden)
        {
            return Forbid();
        }

        if (!result.IsSuccess)
        {
            messages.AddTo(ModelState, result.Errors);
            return Page();
        }

        var created = result.Value!.Created.Select(c => $"{c.UserName} · {c.Role} · {c.UnitCode} · {c.InitialPassword ?? (c.ActivationCode is { } code ? localizer["staff.import_code"] + " " + code : "—")}").ToList();
        Report = ImportReportView.From(result.Value.Summary, messages, created);
        return Page();
    }
}
