using HocVuSo.Core.Common;
using HocVuSo.Core.Common.Uploads;
using HocVuSo.Core.Features.Geography;
using HocVuSo.Web.Hosting;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace HocVuSo.Web.Pages.Units;

[Authorize]
public sealed class ImportVillagesModel(ImportVillages.Handler import, UploadLimits limits, ErrorMessages messages) : PageModel
{
    [FromRoute]
    public string Code { get; set; } = string.Empty;

    public ImportReportView? Report { get; private set; }

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync(IFormFile? file, CancellationToken ct)
    {
        var result = await import.HandleAsync(new ImportVillages.Command(UploadRequests.FileOf(file, limits.MaxCsvBytes)), ct);
        if (!result.IsSuccess && result.FirstError.Kind == ErrorKind.Forbidden)
        {
            return Forbid();
        }

        if (!result.IsSuccess)
        {
            messages.AddTo(ModelState, result.Errors);
            return Page();
        }

        Report = ImportReportView.From(result.Value!, messages);
        return Page();
    }
}
