using System.Globalization;
using HocVuSo.Core.Common;
using HocVuSo.Core.Common.Uploads;
using HocVuSo.Core.Features.Reporting;
using HocVuSo.Web.Hosting;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace HocVuSo.Web.Pages.Units;

/// <summary>A commune's monthly report as a phone-friendly form; approvers of the province approve or return it here.</summary>
[Authorize]
public sealed class ReportModel(MonthlyReports.Handler reports, ListIndicators.Handler indicators, ImportReportTemplate.Handler templates,
    ProvincialSummary.Handler summaries, UploadLimits limits, ErrorMessages messages) : PageModel
{
    [FromRoute]
    public string Code { get; set; } = string.Empty;

    [FromRoute]
    public string Period { get; set; } = string.Empty;

    public ReportDto Report { get; private set; } = null!;

    public IReadOnlyList<IndicatorDto> Indicators { get; private set; } = [];

    public bool CanEdit => Report.CanEdit;

    /// <summary>The province whose summary the user may export from here, if any.</summary>
    public string? ProvinceCode { get; private set; }

    public bool CanDecide => Report.CanDecide;

    public async Task<IActionResult> OnGetAsync(CancellationToken ct) => await LoadAsync(ct) ?? Page();

    public async Task<IActionResult> OnPostSaveAsync(Dictionary<string, string?> values, Dictionary<string, string?> comments, CancellationToken ct) =>
        await SaveAsync(values, comments, submit: false, ct);

    public async Task<IActionResult> OnPostSubmitAsync(Dictionary<string, string?> values, Dictionary<string, string?> comments, string? submissionKey, CancellationToken ct) =>
        await SaveAsync(values, comments, submit: true, ct, submissionKey);

    /// <summary>One key per form shown: pressing "submit" twice, or resending the form, submits once and shows the first result.</summary>
    public string SubmissionKey { get; } = Guid.NewGuid().ToString("N");

    /// <summary>A filled offline template: the rows it holds are saved to the draft when every row is valid, otherwise nothing changes; the page lists what changed.</summary>
    public async Task<IActionResult> OnPostUploadAsync(IFormFile? file, CancellationToken ct)
    {
        var key = new MonthlyReports.Key(Code, Period);
        var saved = await templates.HandleAsync(new ImportReportTemplate.Command(key, UploadRequests.FileOf(file, limits.MaxXlsxBytes)), ct);
        if (!saved.IsSuccess)
        {
            // Problems of the file as a whole (size, format) are not about a form field.
            return await AfterAsync(Result<ReportDto>.Fail(saved.Errors.Select(e => e.Field == "file" ? e with { Field = null } : e).ToList()), ct);
        }

        Changes = saved.Value!.Changes;
        return await LoadAsync(ct) ?? Page();
    }

    /// <summary>What the template just uploaded changed (empty when it matched the draft); null when no template was uploaded.</summary>
    public IReadOnlyList<ImportReportTemplate.Change>? Changes { get; private set; }

    /// <summary>A changed figure (Vietnamese digit grouping) or comment as the change list shows it; null for nothing.</summary>
    public static string? Shown(string? text, string element) =>
        element == "value" && decimal.TryParse(text, NumberStyles.Number, CultureInfo.InvariantCulture, out var n) ? VietnameseFormat.Number((long)n) : text;

    /// <summary>True right after a template was uploaded and saved.</summary>
    public bool Uploaded => Changes is not null;

    public async Task<IActionResult> OnPostApproveAsync(string? comment, CancellationToken ct) =>
        await AfterAsync(await reports.ApproveAsync(new MonthlyReports.Key(Code, Period), comment, ct), ct);

    public async Task<IActionResult> OnPostReturnAsync(string? comment, CancellationToken ct) =>
        await AfterAsync(await reports.ReturnAsync(new MonthlyReports.Key(Code, Period), comment, ct), ct);

    private async Task<IActionResult> SaveAsync(Dictionary<string, string?> values, Dictionary<string, string?> comments, bool submit, CancellationToken ct, string? submissionKey = null)
    {
        // The form shows every indicator: a field left empty clears that figure or comment.
        var numbers = values.Where(v => string.IsNullOrWhiteSpace(v.Value)).ToDictionary(v => v.Key, v => (decimal?)null);
        foreach (var (code, text) in values.Where(v => !string.IsNullOrWhiteSpace(v.Value)))
        {
            var clean = text!.Replace(".", string.Empty, StringComparison.Ordinal).Replace(" ", string.Empty, StringComparison.Ordinal);
            if (decimal.TryParse(clean, NumberStyles.Integer, CultureInfo.InvariantCulture, out var number))
            {
                numbers[code] = number;
            }
            else
            {
                ModelState.AddModelError(string.Empty, messages.Describe(Errors.Invalid("reports.bad_value", code) with { Row = null }) + " (" + code + ")");
            }
        }

        if (!ModelState.IsValid)
        {
            return await LoadAsync(ct) ?? Page();
        }

        var draft = new MonthlyReports.Draft(Code, Period, numbers, comments);
        return await AfterAsync(submit
            ? await reports.SaveAndSubmitAsync(draft, string.IsNullOrWhiteSpace(submissionKey) ? null : submissionKey, ct)
            : await reports.SaveDraftAsync(draft, ct), ct);
    }

    private async Task<IActionResult> AfterAsync(Result<ReportDto> result, CancellationToken ct)
    {
        if (result.IsSuccess)
        {
            return Redirect($"/units/{Code}/reports/{Period}");
        }

        if (result.FirstError.Kind == ErrorKind.Forbidden)
        {
            return Forbid();
        }

        foreach (var error in result.Errors)
        {
            ModelState.AddModelError(string.Empty, error.Row is not null ? messages.Describe(error)
                : (error.Field is { } f ? f + ": " : string.Empty) + messages.Describe(error with { Field = null }));
        }

        return await LoadAsync(ct) ?? Page();
    }

    private async Task<IActionResult?> LoadAsync(CancellationToken ct)
    {
        var report = await reports.GetAsync(new MonthlyReports.Key(Code, Period), ct);
        if (!report.IsSuccess)
        {
            return report.FirstError.Kind == ErrorKind.Forbidden ? Forbid() : NotFound();
        }

        Report = report.Value!;
        ProvinceCode = await summaries.ProvinceInScopeAsync(Code, ct);
        Indicators = (await indicators.HandleAsync(CultureInfo.CurrentUICulture.TwoLetterISOLanguageName == "en", ct)).Value ?? [];
        return null;
    }
}
