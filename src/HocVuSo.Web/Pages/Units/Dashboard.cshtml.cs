using System.Globalization;
using HocVuSo.Core.Common;
using HocVuSo.Core.Features.Accounts;
using HocVuSo.Core.Features.Geography;
using HocVuSo.Core.Features.Reporting;
using HocVuSo.Web.Exports;
using HocVuSo.Web.Hosting;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace HocVuSo.Web.Pages.Units;

/// <summary>
/// A unit's dashboard for a month: each indicator against its target (reported next to computed),
/// one indicator's trend over the last 12 months and the ranking of the units below (drill-down),
/// and where the communes' reports stand. Everything comes from the pre-aggregated figures; every
/// table exports to CSV and .xlsx.
/// </summary>
[Authorize]
public sealed class DashboardModel(
    GetDashboard.Handler dashboard,
    GetTrend.Handler trend,
    GetRanking.Handler ranking,
    ListReportStatus.Handler statuses,
    ListProvinceReportStatus.Handler provinceStatuses,
    IssueProvincialReport.Handler issue,
    GetUnit.Handler getUnit,
    ScopeService scopes,
    ErrorMessages messages,
    Microsoft.Extensions.Options.IOptions<ReportingDeadlines> deadlines,
    IStringLocalizer<SharedResource> localizer) : PageModel
{
    public const string DefaultIndicator = "adults_vneid_confirmed";

    [FromRoute]
    public string Code { get; set; } = string.Empty;

    [FromQuery(Name = "period")]
    public string? Period { get; set; }

    [FromQuery(Name = "indicator")]
    public string? Indicator { get; set; }

    /// <summary>Ranking order: best first (default) or worst first.</summary>
    [FromQuery(Name = "order")]
    public string? Order { get; set; }

    public DashboardDto Dashboard { get; private set; } = null!;

    public TrendDto? Trend { get; private set; }

    public RankingDto? Ranking { get; private set; }

    public IReadOnlyList<UnitDto> Ancestors { get; private set; } = [];

    public IReadOnlyList<ReportStatusRow> Statuses { get; private set; } = [];

    /// <summary>For the nation and provinces: the provinces' summaries of the month, issued or not (due on the 25th).</summary>
    public IReadOnlyList<ProvinceReportStatusRow> ProvinceReports { get; private set; } = [];

    /// <summary>On a province's dashboard, whether the user is its approver and the month's summary is not issued yet.</summary>
    public bool CanIssue { get; private set; }

    public int ProvinceDueDay => deadlines.Value.ProvinceDay;

    [TempData]
    public string? IssuedMessage { get; set; }

    public bool WorstFirst => Order == "worst";

    public IReadOnlyList<RankingRow> RankingRows => Ranking is null ? []
        : WorstFirst ? Ranking.Rows.Where(r => r.Rank is not null).Reverse().Concat(Ranking.Rows.Where(r => r.Rank is null)).ToList() : Ranking.Rows;

    private static bool English => CultureInfo.CurrentUICulture.TwoLetterISOLanguageName == "en";

    /// <summary>Set when the month typed in the picker could not be read; the page then shows the current month.</summary>
    public string? PeriodError { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        // The picker sends the month as people write it ("12/2026"); the address keeps "2026-12".
        if (!string.IsNullOrWhiteSpace(Period) && !VietnameseFormat.TryParsePeriod(Period, out _) && VietnameseFormat.TryParseMonth(Period, out var typed))
        {
            return RedirectToPage(new { code = Code, period = VietnameseFormat.PeriodKey(typed), indicator = Indicator, order = Order });
        }

        return await LoadAsync(ct) ?? Page();
    }

    /// <summary>The province's approver issues the month's summary; errors show on the page.</summary>
    public async Task<IActionResult> OnPostIssueAsync(string? comment, CancellationToken ct)
    {
        if (await LoadAsync(ct) is { } failed)
        {
            return failed;
        }

        var result = await issue.HandleAsync(new IssueProvincialReport.Command(Code, Dashboard.Period, comment), ct);
        if (result.IsSuccess)
        {
            IssuedMessage = localizer["Dashboard.province_issued_now", Dashboard.Unit.FullName, MonthLabel(Dashboard.Period)];
            return RedirectToPage(new { code = Code, period = Dashboard.Period });
        }

        if (result.FirstError.Kind == ErrorKind.Forbidden)
        {
            return Forbid();
        }

        messages.AddTo(ModelState, result.Errors);
        return Page();
    }

    /// <summary>One of the dashboard's tables (indicators, trend, ranking, reports) as CSV or .xlsx.</summary>
    public async Task<IActionResult> OnGetExportAsync(string table, string format, CancellationToken ct)
    {
        if (await LoadAsync(ct) is { } failed)
        {
            return failed;
        }

        var export = table switch
        {
            "indicators" => IndicatorTable(),
            "trend" => TrendTable(),
            "ranking" => RankingTable(),
            "reports" => StatusTable(),
            _ => null,
        };
        if (export is null)
        {
            return NotFound();
        }

        var name = $"{table}-{Code}-{Dashboard.Period}";
        return format == "xlsx"
            ? File(TableExport.ToXlsx(export), TableExport.XlsxType, name + ".xlsx")
            : File(TableExport.ToCsv(export), TableExport.CsvType, name + ".csv");
    }

    private async Task<IActionResult?> LoadAsync(CancellationToken ct)
    {
        if (!string.IsNullOrWhiteSpace(Period) && !VietnameseFormat.TryParsePeriod(Period, out _))
        {
            PeriodError = localizer["field.bad_month", Period];
            Period = null;
        }

        var result = await dashboard.HandleAsync(new GetDashboard.Query(Code, Period, English), ct);
        if (!result.IsSuccess)
        {
            return result.FirstError.Kind switch
            {
                ErrorKind.Forbidden => Forbid(),
                ErrorKind.Invalid => BadRequest(),
                _ => NotFound(),
            };
        }

        Dashboard = result.Value!;
        var indicator = Dashboard.Indicators.Any(i => i.Code == Indicator) ? Indicator! : DefaultIndicator;
        Indicator = indicator;
        Trend = (await trend.HandleAsync(new GetTrend.Query(Code, indicator, Dashboard.Period, 12, English), ct)).Value;
        if (Dashboard.Unit.Level < UnitLevel.Village)
        {
            Ranking = (await ranking.HandleAsync(new GetRanking.Query(Code, indicator, Dashboard.Period, English), ct)).Value;
        }

        // Drill-up links only to the units the user may see.
        var scope = await scopes.GetAsync(ct);
        Ancestors = ((await getUnit.HandleAsync(new GetUnit.Query(Code), ct)).Value?.Ancestors ?? [])
            .Where(a => scope.Can(Permission.ViewStaffData, a.Path)).ToList();
        Statuses = (await statuses.HandleAsync(new ListReportStatus.Query(Code, Dashboard.Period), ct)).Value ?? [];
        if (Dashboard.Unit.Level < UnitLevel.Commune)
        {
            ProvinceReports = ((await provinceStatuses.HandleAsync(new ListProvinceReportStatus.Query(Dashboard.Period), ct)).Value ?? [])
                .Where(p => Dashboard.Unit.Level == UnitLevel.Nation || p.ProvinceCode == Dashboard.Unit.Code).ToList();
            CanIssue = Dashboard.Unit.Level == UnitLevel.Province && scope.Can(Permission.ApproveReports, Dashboard.Unit.Path)
                && ProvinceReports.Any(p => p.ProvinceCode == Dashboard.Unit.Code && p.Status == ListProvinceReportStatus.NotIssued);
        }

        return null;
    }

    public static string Display(decimal? value, IndicatorUnit unit) => value is not { } v ? "—"
        : unit == IndicatorUnit.Percent ? VietnameseFormat.Percent(v / 100m) : VietnameseFormat.Number(v);

    public static string Number(decimal? value) => value is { } v ? VietnameseFormat.Number(v, 0) : "—";

    /// <summary>A culture-invariant number for the chart script to read from the table.</summary>
    public static string Raw(decimal? value) => value?.ToString(CultureInfo.InvariantCulture) ?? string.Empty;

    public string Display(IndicatorValue i) => Display(i.Value, i.Unit);

    public string TargetText(IndicatorValue i) => i.Unit == IndicatorUnit.Percent ? VietnameseFormat.Percent(i.Target!.Value / 100m, 0) : VietnameseFormat.Number(i.Target!.Value, 0);

    public static string MonthLabel(string period) => VietnameseFormat.MonthAndYear(period);

    private ExportTable IndicatorTable() => new(
        localizer["dashboard.title_for", Dashboard.Unit.FullName, MonthLabel(Dashboard.Period)],
        [localizer["dashboard.indicator"], localizer["dashboard.reported"], localizer["dashboard.computed"], localizer["dashboard.denominator"],
            localizer["dashboard.value"], localizer["dashboard.target"], localizer["Dashboard.light"]],
        Dashboard.Indicators.Select(i => (IReadOnlyList<object?>)[i.Name, i.Reported, i.Computed, i.Denominator, i.Value, i.Target?.Value,
            localizer["dashboard.light." + i.Light].Value]).ToList());

    private ExportTable TrendTable() => new(
        localizer["Dashboard.trend_title", Trend!.Name, Dashboard.Unit.FullName],
        [localizer["dashboard.period"], localizer["dashboard.reported"], localizer["dashboard.computed"], localizer["dashboard.denominator"], localizer["dashboard.value"]],
        Trend.Points.Select(p => (IReadOnlyList<object?>)[MonthLabel(p.Period), p.Reported, p.Computed, p.Denominator, p.Value]).ToList());

    private ExportTable RankingTable() => new(
        localizer["Dashboard.ranking_title", Ranking?.Name ?? string.Empty, Dashboard.Unit.FullName, MonthLabel(Dashboard.Period)],
        [localizer["Dashboard.rank"], localizer["units.code"], localizer["Dashboard.unit"], localizer["Dashboard.numerator"], localizer["dashboard.denominator"],
            localizer["dashboard.value"], localizer["dashboard.target"], localizer["Dashboard.light"]],
        RankingRows.Select(r => (IReadOnlyList<object?>)[r.Rank, r.UnitCode, r.UnitName, r.Numerator, r.Denominator, r.Value, r.Target,
            localizer["dashboard.light." + r.Light].Value]).ToList());

    private ExportTable StatusTable() => new(
        localizer["Dashboard.status_title", Dashboard.Unit.FullName, MonthLabel(Dashboard.Period)],
        [localizer["units.code"], localizer["Dashboard.unit"], localizer["Dashboard.status"], localizer["reports.late"], localizer["Dashboard.return_comment"]],
        Statuses.Select(s => (IReadOnlyList<object?>)[s.UnitCode, s.UnitName, localizer["reports.status." + s.Status].Value,
            s.Late ? localizer["reports.late"].Value : string.Empty, s.ReturnComment]).ToList());
}
