namespace HocVuSo.Core.Features.Audit;

/// <summary>
/// One line of the audit trail: who did what, when, to which record in which unit, with the
/// old and new values and the reason. Audit entries are only ever added.
/// </summary>
public sealed class AuditEntry
{
    public long Id { get; set; }

    public DateTime At { get; set; }

    public string? ActorUserId { get; set; }

    public string? ActorName { get; set; }

    public required string Action { get; set; }

    public required string EntityType { get; set; }

    public required string EntityKey { get; set; }

    /// <summary>Path of the unit the record belongs to, so the trail is scoped like the data.</summary>
    public string? UnitPath { get; set; }

    public string? OldValue { get; set; }

    public string? NewValue { get; set; }

    public string? Reason { get; set; }
}

public static class AuditActions
{
    public const string SignIn = "account.sign_in";
    public const string SignInFailed = "account.sign_in_failed";
    public const string LockedOut = "account.locked_out";
    public const string RetentionApplied = "privacy.retention_applied";
    public const string TwoFactorEnabled = "account.two_factor_enabled";
    public const string TwoFactorReset = "account.two_factor_reset";
    public const string UserCreated = "account.user_created";
    public const string AccountActivated = "account.activated";
    public const string PasswordChanged = "account.password_changed";
    public const string AssistedSignIn = "account.assisted_sign_in";
    public const string RoleAssigned = "account.role_assigned";
    public const string RoleRemoved = "account.role_removed";
    public const string UnitCreated = "unit.created";
    public const string UnitsImported = "unit.imported";
    public const string UnitChanged = "unit.changed";
    public const string BaselineSaved = "baseline.saved";
}
