namespace HocVuSo.Core.Features.Privacy;

/// <summary>What a learner's personal data is processed for, each with its own consent (sự đồng ý của chủ thể dữ liệu).</summary>
public enum ConsentPurpose
{
    /// <summary>Học tập: keeping the account, progress, attempts and certificate. Needed to have an account at all.</summary>
    Learning,

    /// <summary>Xác nhận lên VNeID: sending the certificate and identification number to VNeID.</summary>
    VneidConfirmation,

    /// <summary>Tổ Công nghệ số cộng đồng liên hệ: SMS, e-mail or visits by the community team. Optional.</summary>
    TeamContact,
}

/// <summary>Where a consent was given or changed.</summary>
public enum ConsentChannel
{
    /// <summary>The person signed up themselves at /Account/Register.</summary>
    SelfSignUp,

    /// <summary>A team member registered the person at /assist, the person beside them.</summary>
    AssistedRegistration,

    /// <summary>The person changed it on their own privacy page (/learn/privacy) or through the API.</summary>
    LearnerSettings,

    /// <summary>Written by the demo seed for its illustrative learners; not a real person's consent.</summary>
    Demo,
}

/// <summary>
/// One consent given or withdrawn: who, for which purpose, when, through which channel and under
/// which version of the wording shown. Only ever added: the latest row per person and purpose is
/// the consent in force, the earlier ones its history.
/// </summary>
public sealed class ConsentRecord
{
    public long Id { get; set; }

    public required string UserId { get; set; }

    public ConsentPurpose Purpose { get; set; }

    /// <summary>True when given, false when withdrawn (or declined at sign-up).</summary>
    public bool Granted { get; set; }

    public DateTime At { get; set; }

    /// <summary>The version of the wording the person was shown (<see cref="Consents.WordingVersion"/>).</summary>
    public required string WordingVersion { get; set; }

    public ConsentChannel Channel { get; set; }

    /// <summary>The team member who registered the person, for an assisted registration.</summary>
    public string? RecordedByUserId { get; set; }
}

public enum DeletionRequestStatus
{
    Open,
    Completed,
}

/// <summary>
/// A learner's request that their account be deleted (yêu cầu xóa dữ liệu). Officers who manage
/// identities in the learner's home unit see it with its deadline and complete it: the account is
/// anonymised (<see cref="CompleteDeletion"/>).
/// </summary>
public sealed class DeletionRequest
{
    public int Id { get; set; }

    public required string UserId { get; set; }

    /// <summary>The learner's home unit when they asked, for scope.</summary>
    public required string UnitPath { get; set; }

    public DateTime RequestedAt { get; set; }

    /// <summary><see cref="RequestedAt"/> plus <see cref="PrivacyOptions.DeletionDeadline"/> (as configured when asked).</summary>
    public DateTime DueAt { get; set; }

    public DeletionRequestStatus Status { get; set; }

    public DateTime? CompletedAt { get; set; }

    public string? CompletedByUserId { get; set; }
}

public static class PrivacyAuditActions
{
    public const string ConsentGiven = "privacy.consent_given";
    public const string ConsentWithdrawn = "privacy.consent_withdrawn";
    public const string DataCorrected = "privacy.data_corrected";
    public const string DataExported = "privacy.data_exported";
    public const string NumberRevealedToSelf = "privacy.number_revealed_to_self";
    public const string DeletionRequested = "privacy.deletion_requested";
    public const string DeletionCompleted = "privacy.deletion_completed";
    public const string TeamContactSent = "privacy.team_contact_queued";
}
