using System.Globalization;
using HocVuSo.Core.Common;
using HocVuSo.Core.Features.Reporting;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace HocVuSo.Web.Pages.Units;

/// <summary>
/// The one-page summary a chairman reads in a minute, printable: the share of adults confirmed on
/// VNeID against the target, the national indicators with their traffic lights, the three best and
/// three worst units below, and the overdue reports. Read from the pre-aggregated figures.
/// </summary>
[Authorize]
public sealed class SummaryModel(GetDashboard.Handler dashboard, GetRanking.Handler ranking, ListReportStatus.Handler statuses) : PageModel
{
    public const string Headline = "adults_vneid_confirmed";

    /// <summary>The movement's goal for adults confirmed on VNeID, shown when no plan above the unit sets one.</summary>
    public const decimal DefaultHeadlineTarget = 80m;

    [FromRoute]
    public string Code { get; set; } = string.Empty;

    [FromQuery(Name = "period")]
    public string? Period { get; set; }

    public DashboardDto Dashboard { get; private set; } = null!;

    public IndicatorValue? HeadlineValue { get; private set; }

    public decimal HeadlineTarget => HeadlineValue?.Target?.Value ?? DefaultHeadlineTarget;

    public string HeadlineLight => TrafficLight.Of(HeadlineValue?.Value, HeadlineTarget);

    public IReadOnlyList<RankingRow> Best { get; private set; } = [];

    public IReadOnlyList<RankingRow> Worst { get; private set; } = [];

    public IReadOnlyList<ReportStatusRow> Overdue { get; private set; } = [];

    public int Communes { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        var english = CultureInfo.CurrentUICulture.TwoLetterISOLanguageName == "en";
        var result = await dashboard.HandleAsync(new GetDashboard.Query(Code, Period, english), ct);
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
        HeadlineValue = Dashboard.Indicators.FirstOrDefault(i => i.Code == Headline);
        if (Dashboard.Unit.Level < Core.Features.Geography.UnitLevel.Village
            && (await ranking.HandleAsync(new GetRanking.Query(Code, Headline, Dashboard.Period, english), ct)).Value is { } ranked)
        {
            var rows = ranked.Rows.Where(r => r.Rank is not null).ToList();
            Best = rows.Take(3).ToList();
            Worst = rows.Skip(Best.Count).TakeLast(3).Reverse().ToList();
        }

        var status = (await statuses.HandleAsync(new ListReportStatus.Query(Code, Dashboard.Period), ct)).Value ?? [];
        Communes = status.Count;
        Overdue = status.Where(s => s.Late || s.Status == "Returned").ToList();
        return Page();
    }
}
