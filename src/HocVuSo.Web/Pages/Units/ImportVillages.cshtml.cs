using HocVuSo.Core.Features.Geography;
using HocVuSo.Web.Hosting;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace HocVuSo.Web.Pages.Units;

[Authorize]
public sealed class ImportVillagesModel(ImportVillages.Handler import, ErrorMessages messages) : PageModel
{
    [FromRoute]
    public string Code { get; set; } = string.Empty;

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
        var result = await import.HandleAsync(new ImportVillages.Command(stream), ct);
        if (!result.IsSuccess)
        {
            messages.AddTo(ModelState, result.Errors);
            return Page();
        }

        Report = ImportReportView.From(result.Value!, messages);
        return Page();
    }
}
