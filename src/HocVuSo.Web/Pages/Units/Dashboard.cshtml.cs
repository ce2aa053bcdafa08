using HocVuSo.Core.Common;
using HocVuSo.Core.Features.Reporting;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace HocVuSo.Web.Pages.Units;

/// <summary>A unit's indicators for a month against their targets, reported next to computed, and where the communes' reports stand.</summary>
[Authorize]
public sealed class DashboardModel(GetDashboard.Handler dashboard, ListReportStatus.Handler statuses) : PageModel
{
    [FromRoute]
    public string Code { get; set; } = string.Empty;

    [FromQuery(Name = "period")]
    public string? Period { get; set; }

    public DashboardDto Dashboard { get; private set; } = null!;

    public IReadOnlyList<ReportStatusRow> Statuses { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        var english = System.Globalization.CultureInfo.CurrentUICulture.TwoLetterISOLanguageName == "en";
        var result = await dashboard.HandleAsync(new GetDashboard.Query(Code, Period, english), ct);
        if (!result.IsSuccess)
        {
            return result.FirstError.Kind == ErrorKind.Forbidden ? Forbid() : NotFound();
        }

        Dashboard = result.Value!;
        Statuses = (await statuses.HandleAsync(new ListReportStatus.Query(Code, Dashboard.Period), ct)).Value ?? [];
        return Page();
    }

    /// <summary>Green at or above target, amber from 70% of it, red below; none without a target.</summary>
    public string Light(IndicatorValue i) =>
        i.Target is not { } t || i.Value is not { } v ? "none" : v >= t.Value ? "green" : v >= t.Value * 0.7m ? "amber" : "red";

    public string Display(IndicatorValue i) => i.Value is not { } v ? "—"
        : i.Unit == IndicatorUnit.Percent ? VietnameseFormat.Percent(v / 100m) : VietnameseFormat.Number(v);

    public string TargetText(IndicatorValue i) => i.Unit == IndicatorUnit.Percent ? VietnameseFormat.Percent(i.Target!.Value / 100m, 0) : VietnameseFormat.Number(i.Target!.Value, 0);
}
