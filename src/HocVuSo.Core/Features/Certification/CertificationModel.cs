namespace HocVuSo.Core.Features.Certification;

/// <summary>
/// What it takes to be confirmed "đạt phổ cập kỹ năng số cơ bản": a passed attempt at the given
/// assessment of the given course that covers the required competency domains. Versioned: a
/// certification keeps the version it was decided under; a new rule is a new row. A rule may be
/// limited to a campaign and a target group; the default rule has neither.
/// </summary>
public sealed class CertificationRule
{
    public int Id { get; set; }

    /// <summary>Stable name printed on certificates, e.g. "v1-2026".</summary>
    public required string Version { get; set; }

    public required string CourseSlug { get; set; }

    /// <summary>The quiz slug that counts as evidence: "final" is the course's final assessment.</summary>
    public required string QuizSlug { get; set; }

    /// <summary>Comma-separated domain codes of the competency framework that the evidence must cover; empty: every domain the assessment tests.</summary>
    public string RequiredDomains { get; set; } = string.Empty;

    /// <summary>The target group it applies to (citizens, officials…); null for everyone.</summary>
    public string? TargetGroup { get; set; }

    /// <summary>The campaign it belongs to; null for the standing rule.</summary>
    public string? Campaign { get; set; }

    /// <summary>What an assisted-only certification still needs.</summary>
    public AssistedEvidencePolicy AssistedPolicy { get; set; }

    public bool Active { get; set; } = true;

    public DateOnly EffectiveFrom { get; set; }

    public DateTime CreatedAt { get; set; }
}

public enum AssistedEvidencePolicy
{
    /// <summary>A second, unassisted passed attempt or an officer's sign-off, whichever comes first.</summary>
    UnassistedCheckOrSignOff,

    /// <summary>Only an officer's sign-off.</summary>
    SignOffOnly,

    /// <summary>Only a second, unassisted passed attempt.</summary>
    UnassistedCheckOnly,
}

public enum CertificationStatus
{
    /// <summary>All evidence came from assisted sessions: waits for what the rule asks for; no certificate yet.</summary>
    AwaitingSignOff,

    Certified,

    Revoked,
}

/// <summary>
/// A person's confirmation of universal basic digital skills: one per person (unique), with the
/// rule version, the evidence, where the person lived at the time, and, once certified, the
/// certificate (serial and signature) and VNeID's acknowledgement.
/// </summary>
public sealed class PersonCertification
{
    public int Id { get; set; }

    public required string UserId { get; set; }

    public int RuleId { get; set; }

    public required string RuleVersion { get; set; }

    public CertificationStatus Status { get; set; }

    /// <summary>Ids of the passed attempts used as evidence.</summary>
    public List<Guid> EvidenceAttemptIds { get; set; } = [];

    /// <summary>True when any evidence came from an assisted session.</summary>
    public bool Assisted { get; set; }

    /// <summary>The person's unit (village or commune) when the decision was made.</summary>
    public string? UnitPath { get; set; }

    public string? CommuneCode { get; set; }

    public DateTime EvaluatedAt { get; set; }

    public DateOnly? CertifiedOn { get; set; }

    /// <summary>"HVS-2026-XXXX-XXXX-C"; null while awaiting sign-off.</summary>
    public string? Serial { get; set; }

    /// <summary>The name printed on the certificate (as the account had it when certified).</summary>
    public string? HolderName { get; set; }

    /// <summary>The identification number printed on the certificate, masked ("066•••••••12"); empty if none was recorded.</summary>
    public string? MaskedIdNumber { get; set; }

    /// <summary>HMAC-SHA256 over the certificate's canonical fields, base64url.</summary>
    public string? Signature { get; set; }

    public string? SigningKeyId { get; set; }

    public string? SignedOffByUserId { get; set; }

    public DateTime? SignedOffAt { get; set; }

    public DateTime? VneidConfirmedAt { get; set; }

    public string? VneidAcknowledgementId { get; set; }

    public DateTime? RevokedAt { get; set; }

    public string? RevokedByUserId { get; set; }

    public string? RevocationReason { get; set; }

    /// <summary>
    /// Revoked because the holder asked for their account to be deleted (<see cref="Privacy.CompleteDeletion"/>):
    /// the holder's name and number are erased from the row, the certificate verifies as revoked,
    /// and the indicators keep counting it, since the person did reach the standard.
    /// </summary>
    public bool ErasedAtHolderRequest { get; set; }

    /// <summary>Concurrency token: two evaluations or officers changing the row at once cannot both win.</summary>
    public int Revision { get; set; }
}

/// <summary>
/// Someone tried to record an identification number already recorded for another account: likely
/// the same person registered twice. Officers in scope resolve it by merging the two records.
/// </summary>
public sealed class DuplicateIdentityClaim
{
    public int Id { get; set; }

    /// <summary>The account that tried to record the number.</summary>
    public required string ClaimantUserId { get; set; }

    /// <summary>The account that holds the number.</summary>
    public required string HolderUserId { get; set; }

    /// <summary>The claimant's unit, for scope.</summary>
    public string? UnitPath { get; set; }

    public DateTime CreatedAt { get; set; }

    public DuplicateClaimStatus Status { get; set; }

    public DateTime? ResolvedAt { get; set; }

    public string? ResolvedByUserId { get; set; }

    public string? KeptUserId { get; set; }
}

public enum DuplicateClaimStatus
{
    Open,
    Merged,
}

/// <summary>Where a digital-identity status came from.</summary>
public enum StatusSource
{
    Officer,
    Import,
}

/// <summary>
/// A person's other digital-identity milestones, which feed the indicators: VNeID account
/// activated at level 2, and a personal digital signature registered. Each with its date, its
/// source and when it was recorded.
/// </summary>
public sealed class DigitalIdentityStatus
{
    public int Id { get; set; }

    public required string UserId { get; set; }

    /// <summary>The person's unit when last recorded, for counting and scope.</summary>
    public string? UnitPath { get; set; }

    public DateOnly? VneidLevel2On { get; set; }

    public StatusSource? VneidLevel2Source { get; set; }

    public DateTime? VneidLevel2RecordedAt { get; set; }

    public DateOnly? DigitalSignatureOn { get; set; }

    public StatusSource? DigitalSignatureSource { get; set; }

    public DateTime? DigitalSignatureRecordedAt { get; set; }
}
