namespace HocVuSo.Core.Features.Oversight;

/// <summary>What a call-back sample is drawn from.</summary>
public enum SampleKind
{
    /// <summary>People certified in the commune by the end of the period (chứng nhận phổ cập kỹ năng số).</summary>
    CertifiedLearners,

    /// <summary>Guidance sessions (buổi hướng dẫn) a community team recorded in the period.</summary>
    GuidanceSessions,

    /// <summary>Classes (lớp học) held in the period.</summary>
    Classes,
}

/// <summary>What the inspector found when calling or visiting a sampled record.</summary>
public enum VerificationOutcome
{
    /// <summary>Xác nhận đúng.</summary>
    Confirmed,

    /// <summary>Xác nhận, nhưng do người khác làm thay.</summary>
    ConfirmedOther,

    /// <summary>Phủ nhận: it did not happen.</summary>
    Denied,

    /// <summary>Không liên lạc được.</summary>
    Unreachable,

    /// <summary>Sai người: the contact on record leads to someone else.</summary>
    WrongPerson,
}

/// <summary>
/// A call-back verification sample (mẫu xác minh): a reproducible random draw of a commune's records
/// for one period, made by an inspector above the commune, whose items are called or visited and
/// given an outcome. The items hold references to the records, never copies of personal data.
/// </summary>
public sealed class VerificationSample
{
    public int Id { get; set; }

    public int UnitId { get; set; }

    public required string UnitPath { get; set; }

    public required string CommuneCode { get; set; }

    /// <summary>First day of the month sampled.</summary>
    public DateOnly Period { get; set; }

    public SampleKind Kind { get; set; }

    public int Size { get; set; }

    public int Seed { get; set; }

    /// <summary>How many records the sample was drawn from.</summary>
    public int Population { get; set; }

    public required string DrawnByUserId { get; set; }

    public string? DrawnByName { get; set; }

    public DateTime DrawnAt { get; set; }

    public List<VerificationItem> Items { get; set; } = [];
}

/// <summary>One sampled record and, once the inspector has reached it, its outcome (recorded once).</summary>
public sealed class VerificationItem
{
    public int Id { get; set; }

    public int SampleId { get; set; }

    /// <summary>Order in the sample (by village, then by the seeded shuffle).</summary>
    public int Position { get; set; }

    /// <summary>The record: a certification id, a field activity id or a class id.</summary>
    public required string SubjectKey { get; set; }

    /// <summary>The stratum: the village code, or empty for records kept at commune level.</summary>
    public required string VillageCode { get; set; }

    public VerificationOutcome? Outcome { get; set; }

    public string? Note { get; set; }

    public string? RecordedByUserId { get; set; }

    public DateTime? RecordedAt { get; set; }
}
