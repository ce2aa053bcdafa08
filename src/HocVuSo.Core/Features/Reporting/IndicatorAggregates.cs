namespace HocVuSo.Core.Features.Reporting;

/// <summary>Where a pre-aggregated figure comes from.</summary>
public enum AggregateSource
{
    /// <summary>Computed from the platform's own records (learners, classes, activities), summed up the tree.</summary>
    Computed,

    /// <summary>Reported in approved commune reports, summed up the tree.</summary>
    Reported,

    /// <summary>
    /// A commune's own figures of a report not yet approved (draft, submitted or returned); only
    /// the commune itself shows them, labelled with the report's status.
    /// </summary>
    Own,

    /// <summary>A denominator from the population baselines (or the count of villages), per year: the period is January.</summary>
    Denominator,
}

/// <summary>
/// One pre-aggregated figure: a unit's value of an indicator (or a denominator) for a month and a
/// source. Dashboards read only these rows (ARCHITECTURE rule 6); the roll-up job
/// (<see cref="RollupJob"/>) maintains them and never changes a row whose value is unchanged.
/// </summary>
public sealed class IndicatorAggregate
{
    public long Id { get; set; }

    public int UnitId { get; set; }

    public required string UnitCode { get; set; }

    /// <summary>Parent's code, so that a unit's children rank with one indexed query.</summary>
    public string? ParentCode { get; set; }

    public int Level { get; set; }

    /// <summary>First day of the month; for <see cref="AggregateSource.Denominator"/> the first day of the year.</summary>
    public DateOnly Period { get; set; }

    /// <summary>Indicator code, or for denominators the <see cref="Reporting.Denominator"/> name.</summary>
    public required string Code { get; set; }

    public AggregateSource Source { get; set; }

    public decimal Value { get; set; }

    /// <summary>For <see cref="AggregateSource.Own"/>: the report's status (Draft, Submitted, Returned).</summary>
    public string? Status { get; set; }

    /// <summary>When this value last changed.</summary>
    public DateTime UpdatedAt { get; set; }
}

/// <summary>A month whose reported figures must be rolled up again, written in the same transaction as the report change.</summary>
public sealed class AggregateDirtyMark
{
    public long Id { get; set; }

    public DateOnly Period { get; set; }

    public required string UnitPath { get; set; }

    public DateTime At { get; set; }
}

/// <summary>When a month was last rolled up: its computed figures, and its reported figures.</summary>
public sealed class RollupState
{
    public DateOnly Period { get; set; }

    public DateTime? ComputedAt { get; set; }

    public DateTime? ReportedAt { get; set; }
}
