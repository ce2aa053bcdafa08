namespace HocVuSo.Core.Features.Certification;

/// <summary>Where a confirmation made outside this platform was learned from.</summary>
public enum ExternalConfirmationSource
{
    /// <summary>The commune police's list (column <c>skills_confirmed_date</c>).</summary>
    Police,

    /// <summary>A list exported from the national platform (binhdanhocvuso.gov.vn).</summary>
    NationalPlatform,
}

/// <summary>
/// A person confirmed as having universal digital skills on VNeID through the national platform
/// (xác nhận phổ cập kỹ năng số ngoài nền tảng này), known from the commune police's list or a
/// national-platform export. The person is known only by the keyed hash of their identification
/// number and their unit (never the number in clear): when the number belongs to a learner here,
/// the learner's home unit; otherwise the commune the file was for. One row per person (the hash is
/// unique); the earliest date known is kept. The indicators count a person confirmed here and
/// outside once (<see cref="Reporting.IndicatorComputations"/>), joining by the same hash.
/// </summary>
public sealed class ExternalConfirmation
{
    public int Id { get; set; }

    /// <summary>HMAC-SHA256 of the identification number, as <see cref="PersonIdentity.IdNumberHash"/>.</summary>
    public required byte[] IdNumberHash { get; set; }

    /// <summary>The commune the confirmation was imported for.</summary>
    public int CommuneId { get; set; }

    /// <summary>Where the person is counted: the learner's home unit, or the commune for a person not registered here.</summary>
    public required string UnitPath { get; set; }

    public DateOnly SkillsConfirmedOn { get; set; }

    /// <summary>The start of <see cref="SkillsConfirmedOn"/> in Viet Nam as a UTC instant, to order it against VNeID's acknowledgements of the platform's own confirmations.</summary>
    public DateTime ConfirmedFromUtc { get; set; }

    public ExternalConfirmationSource Source { get; set; }

    /// <summary>The course named in a national-platform list, if any.</summary>
    public string? Course { get; set; }

    public DateTime RecordedAt { get; set; }

    public DateTime UpdatedAt { get; set; }

    public string? RecordedByUserId { get; set; }
}
