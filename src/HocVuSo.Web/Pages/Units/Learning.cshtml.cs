using HocVuSo.Core.Common;
using HocVuSo.Core.Features.Learning;
using HocVuSo.Web.Api;
using HocVuSo.Web.Exports;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace HocVuSo.Web.Pages.Units;

/// <summary>Officers follow learning in their area per village or commune, and export it as CSV or Excel.</summary>
[Authorize]
public sealed class LearningModel(LearningProgressReport.Handler handler, IStringLocalizer<SharedResource> localizer) : PageModel
{
    [FromRoute]
    public string Code { get; set; } = string.Empty;

    public ProgressReport Report { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync(CancellationToken ct) => await LoadAsync(ct) ?? Page();

    public async Task<IActionResult> OnGetCsvAsync(CancellationToken ct) =>
        await LoadAsync(ct) ?? File(TableExport.ToCsv(Table()), TableExport.CsvType, $"hoc-tap-{Code}.csv");

    public async Task<IActionResult> OnGetXlsxAsync(CancellationToken ct) =>
        await LoadAsync(ct) ?? File(TableExport.ToXlsx(Table()), TableExport.XlsxType, $"hoc-tap-{Code}.xlsx");

    private ExportTable Table()
    {
        var headers = new List<string> { localizer["units.code"], localizer["staff.unit"], localizer["progress.learners"], localizer["progress.started"], localizer["progress.all_lessons"] };
        headers.AddRange(Report.Modules.Select((m, i) => localizer["progress.module_passed", i + 1].Value + " — " + m));
        headers.Add(localizer["progress.final_passed"]);
        var rows = Report.Rows.Append(Report.Total).Select(r =>
            (IReadOnlyList<object?>)new object?[] { r.UnitCode, r.UnitName, r.Learners, r.Started, r.CompletedAllLessons }
                .Concat(r.PassedByModule.Cast<object?>()).Append(r.PassedFinal).ToList()).ToList();
        return new ExportTable(localizer["progress.title_for", Report.Unit.FullName], headers, rows);
    }

    private async Task<IActionResult?> LoadAsync(CancellationToken ct)
    {
        var report = await handler.HandleAsync(new LearningProgressReport.Query(Code, LearningApi.Language(null)), ct);
        if (!report.IsSuccess)
        {
            return report.FirstError.Kind == ErrorKind.Forbidden ? Forbid() : NotFound();
        }

        Report = report.Value!;
        return null;
    }
}
