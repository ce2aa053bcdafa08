namespace HocVuSo.Core.Features.Reporting;

/// <summary>What an indicator's value is divided by: a population baseline of the unit for the year, its villages, or nothing.</summary>
public enum Denominator
{
    None,
    Adults,
    Officials,
    Students,
    EnterpriseWorkers,
    Households,
    Villages,
}

public enum IndicatorUnit
{
    /// <summary>Numerator over denominator, shown as a percentage.</summary>
    Percent,

    /// <summary>A count (classes held, posts…).</summary>
    Count,

    /// <summary>A count divided by the number of villages (guidance sessions per village).</summary>
    PerVillage,
}

/// <summary>
/// An indicator (chỉ tiêu) of the movement: its numerator is entered in the monthly report and/or
/// computed from the platform's own records; its denominator comes from the population baselines.
/// The five national indicators are marked <see cref="IsNational"/>. Administrators may add more.
/// </summary>
public sealed class Indicator
{
    public required string Code { get; set; }

    public required string NameVi { get; set; }

    public required string NameEn { get; set; }

    public Denominator Denominator { get; set; }

    public IndicatorUnit Unit { get; set; }

    public bool IsNational { get; set; }

    /// <summary>Year-to-date totals that can only grow from month to month (people confirmed, classes held).</summary>
    public bool Cumulative { get; set; }

    /// <summary>Key of the computation from platform records, if any (see <see cref="IndicatorComputations"/>).</summary>
    public string? Computation { get; set; }

    public int Position { get; set; }
}

/// <summary>The value shown for an indicator: a percentage, a count per village, or the count itself.</summary>
public static class IndicatorRate
{
    public static decimal? Of(IndicatorUnit unit, decimal? numerator, decimal? denominator) => unit switch
    {
        IndicatorUnit.Percent when numerator is not null && denominator is > 0 => Math.Round(100m * numerator.Value / denominator.Value, 1),
        IndicatorUnit.PerVillage when numerator is not null && denominator is > 0 => Math.Round(numerator.Value / denominator.Value, 1),
        IndicatorUnit.Count => numerator,
        _ => null,
    };
}

public enum ReportStatus
{
    Draft,
    Submitted,
    Returned,
    Approved,
}

/// <summary>
/// A commune's monthly report (báo cáo định kỳ hằng tháng): figures per indicator, entered by the
/// commune, due by the 20th, approved or returned by the province; approved reports are locked.
/// </summary>
public sealed class MonthlyReport
{
    public int Id { get; set; }

    public int UnitId { get; set; }

    public required string UnitPath { get; set; }

    /// <summary>First day of the month reported.</summary>
    public DateOnly Period { get; set; }

    public ReportStatus Status { get; set; }

    public Dictionary<string, decimal> Values { get; set; } = [];

    public Dictionary<string, string> Comments { get; set; } = [];

    public DateTime UpdatedAt { get; set; }

    public string? UpdatedByUserId { get; set; }

    public DateTime? SubmittedAt { get; set; }

    /// <summary>The Idempotency-Key of the submission, so a retried submission returns its first result.</summary>
    public string? SubmissionKey { get; set; }

    public DateTime? DecidedAt { get; set; }

    public string? DecidedByUserId { get; set; }

    public string? ReturnComment { get; set; }
}
