using HocVuSo.Core.Common;
using HocVuSo.Core.Features.Geography;
using HocVuSo.Core.Features.Plans;
using HocVuSo.Core.Features.Reporting;
using HocVuSo.Web.Exports.Pdf;
using Microsoft.Extensions.Localization;

namespace HocVuSo.Web.Exports;

/// <summary>
/// The words and number formats shared by the report documents (PDF and .xlsx): column headers,
/// units of measure, targets, statuses, from the resource files; numbers the Vietnamese way.
/// </summary>
public sealed class ReportText(IStringLocalizer<SharedResource> localizer)
{
    public string this[string key, params object[] args] => localizer["ReportExport." + key, args];

    public string Status(string status, bool late = false) =>
        localizer["reports.status." + status].Value + (late ? " (" + localizer["reports.late"].Value + ")" : string.Empty);

    /// <summary>What the reported figure counts: people, villages, classes, sessions…</summary>
    public string Measure(string code, IndicatorUnit unit, Denominator denominator)
    {
        var own = localizer["ReportExport.Measure." + code];
        if (!own.ResourceNotFound)
        {
            return own.Value;
        }

        return unit switch
        {
            IndicatorUnit.Percent when denominator == Denominator.Villages => this["Measure.Villages"],
            IndicatorUnit.Percent => this["Measure.People"],
            IndicatorUnit.PerVillage => this["Measure.Sessions"],
            _ => this["Measure.Count"],
        };
    }

    /// <summary>A target as the plan states it: "80%" for rates, a count otherwise, with its deadline.</summary>
    public string Target(TargetDto? target, IndicatorUnit unit)
    {
        if (target is null)
        {
            return string.Empty;
        }

        var value = unit == IndicatorUnit.Percent ? VietnameseFormat.Number(target.Value) + "%"
            : unit == IndicatorUnit.PerVillage ? this["PerVillage", VietnameseFormat.Number(target.Value)]
            : VietnameseFormat.Number(target.Value);
        return this["TargetBy", value, VietnameseFormat.Date(target.Deadline)];
    }

    /// <summary>A rate or count of the province: "85,7%", "3,2 buổi/thôn" or a number.</summary>
    public string Value(decimal? value, IndicatorUnit unit) => value is not { } v ? string.Empty
        : unit == IndicatorUnit.Percent ? VietnameseFormat.Number(v) + "%"
        : unit == IndicatorUnit.PerVillage ? this["PerVillage", VietnameseFormat.Number(v)]
        : VietnameseFormat.Number(v);

    public static string Number(decimal? value) => value is { } v ? VietnameseFormat.Number(v) : string.Empty;

    public static string WithSign(decimal? value) => value switch
    {
        null => string.Empty,
        > 0 => "+" + VietnameseFormat.Number(value.Value),
        _ => VietnameseFormat.Number(value.Value),
    };

    /// <summary>"tỉnh Đắk Lắk" from "Tỉnh Đắk Lắk", for use inside a sentence.</summary>
    public static string LowerFirst(string name) => name.Length == 0 ? name : char.ToLower(name[0], VietnameseFormat.Culture) + name[1..];

    /// <summary>"3/2026" for the period "2026-03" (the text around it says "tháng").</summary>
    public static string Month(string period) => VietnameseFormat.MonthAndYear(period);

    public static DateOnly LocalDay(DateTime utc) => DateOnly.FromDateTime(TimeZoneInfo.ConvertTimeFromUtc(DateTime.SpecifyKind(utc, DateTimeKind.Utc), VietnameseFormat.TimeZone));

    /// <summary>"Đã duyệt (đã khóa) — nộp ngày 05/03/2026, quyết định ngày 07/03/2026".</summary>
    public string StatusLine(ReportDto report)
    {
        var parts = new List<string> { this["StatusLabel", Status(report.Status)] };
        if (report.SubmittedAt is { } submitted)
        {
            parts.Add(this["SubmittedOn", VietnameseFormat.Date(LocalDay(submitted))]);
        }

        if (report.DecidedAt is { } decided && report.Status is nameof(ReportStatus.Approved) or nameof(ReportStatus.Returned))
        {
            parts.Add(this["DecidedOn", VietnameseFormat.Date(LocalDay(decided))]);
        }

        var line = string.Join("; ", parts);
        return report.Status == nameof(ReportStatus.Returned) && report.ReturnComment is { } comment ? line + ". " + this["ReturnedBecause", comment] : line;
    }

    /// <summary>The heading of a plan report: for a commune's plan its province above the issuing body; the report's own number left blank.</summary>
    public OfficialHeading PlanHeading(PlanReportDto report) =>
        new(report.UnitLevel == UnitLevel.Province ? string.Empty : this["GoverningBody", report.ProvinceName], report.IssuingBody, this["CommuneNumber"],
            report.Place, report.DocumentDate);

    /// <summary>"Kết quả thực hiện Kế hoạch số 76/KH-UBND ngày 13/03/2026 về việc triển khai …".</summary>
    public string PlanSubtitle(PlanReportDto report) => report.PlanIssuedOn is { } issued
        ? this["PlanSubtitleDated", report.PlanNumber, VietnameseFormat.Date(issued), LowerFirst(report.PlanTitle)]
        : this["PlanSubtitle", report.PlanNumber, LowerFirst(report.PlanTitle)];

    public string PlanPeriod(PlanReportDto report) => this["PlanPeriod", VietnameseFormat.Date(report.From), VietnameseFormat.Date(report.To)];

    public string PlanLead(PlanTaskDto task) => task.Coordinating.Count == 0
        ? task.Lead ?? string.Empty
        : (task.Lead ?? string.Empty) + "\n" + this["PlanCoordinating", string.Join(", ", task.Coordinating)];

    /// <summary>Each target as the plan words it, with the figure reached: "Tổ chức ít nhất 5 lớp học. — đạt 3/5".</summary>
    public string PlanTargets(PlanTaskDto task) => string.Join("\n", task.Targets.Select(t =>
        this["PlanTargetLine", t.Text ?? t.Indicator, t.Progress is { } p ? VietnameseFormat.Number(p) : this["PlanNoFigure"], VietnameseFormat.Number(t.Value)]));

    public string PlanState(string state) => localizer["plans.state." + state].Value;

    /// <summary>The updates of the period, oldest first: "20/04/2026: Đã gửi tài liệu … (https://…)".</summary>
    public string PlanUpdates(PlanTaskDto task) => string.Join("\n", task.Updates.OrderBy(u => u.Date).ThenBy(u => u.Id).Select(u =>
        VietnameseFormat.Date(u.Date) + ": " + u.Text + (u.EvidenceUrl is null ? string.Empty : " (" + u.EvidenceUrl + ")")
        + (u.EvidenceFile is null ? string.Empty : " (" + this["EvidenceFile", u.EvidenceFile] + ")")));

    public string PlanRecipients(PlanReportDto report) => report.UnitLevel == UnitLevel.Province
        ? this["ProvinceRecipients"]
        : this["CommuneRecipients", LowerFirst(report.ProvinceName)];

    public OfficialHeading SummaryHeading(PlanYearSummaryDto summary) =>
        new(summary.UnitLevel == UnitLevel.Province ? string.Empty : this["GoverningBody", summary.ProvinceName], summary.IssuingBody,
            summary.Status == "issued" ? this["YearSummaryNumber", summary.Number] : this["CommuneNumber"], summary.Place, summary.DocumentDate);

    /// <summary>"Tổng kết thực hiện Kế hoạch số 76/KH-UBND ngày 13/03/2026 về việc … năm 2026".</summary>
    public string SummarySubtitle(PlanYearSummaryDto summary) => summary.PlanIssuedOn is { } issued
        ? this["YearSummarySubtitleDated", summary.PlanNumber, VietnameseFormat.Date(issued), LowerFirst(summary.PlanTitle), summary.Year]
        : this["YearSummarySubtitle", summary.PlanNumber, LowerFirst(summary.PlanTitle), summary.Year];

    /// <summary>"I. KẾT QUẢ ĐẠT ĐƯỢC", "V. PHƯƠNG HƯỚNG, NHIỆM VỤ NĂM 2027"…</summary>
    public string SummaryHeading(int number, string key, int year) => Roman(number) + ". " + this[key, year];

    /// <summary>The year's figures in one paragraph: tasks by state, communications and classes recorded, as of which day.</summary>
    public string SummaryFigures(PlanYearSummaryDto summary)
    {
        var f = summary.Figures;
        var states = string.Join("; ", new[] { "done", "on_track", "at_risk", "late", "not_started" }
            .Where(s => f.TasksByState.ContainsKey(s)).Select(s => PlanState(s) + ": " + f.TasksByState[s].ToString(System.Globalization.CultureInfo.InvariantCulture)));
        return this["YearSummaryFiguresLine", f.Tasks.Count, states, f.Communications, f.Classes, VietnameseFormat.Date(f.AsOf)];
    }

    /// <summary>Each target: the plan's value, the figure reached and the figure reported.</summary>
    public string SummaryTargets(SummaryTaskDto task) => string.Join("\n", task.Targets.Select(t =>
        this["YearSummaryTargetLine", t.Text ?? t.Indicator, VietnameseFormat.Number(t.Target), t.Reached is { } r ? VietnameseFormat.Number(r) : this["PlanNoFigure"],
            t.Reported is { } p ? VietnameseFormat.Number(p) : this["PlanNoFigure"]]));

    public string SummaryRecipients(PlanYearSummaryDto summary) => summary.UnitLevel == UnitLevel.Province
        ? this["ProvinceRecipients"]
        : this["CommuneRecipients", LowerFirst(summary.ProvinceName)];

    private static string Roman(int n) => n switch { 1 => "I", 2 => "II", 3 => "III", 4 => "IV", 5 => "V", 6 => "VI", _ => n.ToString(System.Globalization.CultureInfo.InvariantCulture) };
}
