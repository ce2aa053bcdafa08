using Microsoft.Extensions.Options;

namespace HocVuSo.Core.Features.Privacy;

/// <summary>
/// Configuration section <c>Retention</c>: how long each kind of record that holds or points to
/// personal data is kept before the retention job deletes it. docs/PRIVACY.md explains each period.
/// </summary>
public sealed class RetentionOptions
{
    public const string Section = "Retention";

    /// <summary>Run the daily retention job in this process (default true; tests run it themselves).</summary>
    public bool WorkerEnabled { get; set; } = true;

    /// <summary>Pause between two runs of the job.</summary>
    public TimeSpan Interval { get; set; } = TimeSpan.FromHours(24);

    /// <summary>Rows deleted per statement, so a large backlog never holds a long lock.</summary>
    public int BatchSize { get; set; } = 2_000;

    /// <summary>Sign-ins, failed sign-ins, lock-outs and assisted sign-ins in the audit trail.</summary>
    public TimeSpan SignInAudit { get; set; } = TimeSpan.FromDays(365);

    /// <summary>Every other audit entry: decisions and changes to official figures, accounts and units.</summary>
    public TimeSpan Audit { get; set; } = TimeSpan.FromDays(5 * 365);

    /// <summary>Outbox messages delivered this long ago (their payload addressed a person).</summary>
    public TimeSpan DeliveredMessages { get; set; } = TimeSpan.FromDays(90);

    /// <summary>Outbox dead letters, counted from their last attempt: time for an administrator to retry them.</summary>
    public TimeSpan DeadLetters { get; set; } = TimeSpan.FromDays(365);

    /// <summary>Activation codes used or expired this long ago (their hash is of no further use).</summary>
    public TimeSpan Activations { get; set; } = TimeSpan.FromDays(30);

    /// <summary>Stored first responses of idempotent writes: long enough for a phone that was offline for weeks to sync again.</summary>
    public TimeSpan StoredResponses { get; set; } = TimeSpan.FromDays(30);

    /// <summary>Assisted sessions (a helper beside a learner), counted from their end or start.</summary>
    public TimeSpan AssistedSessions { get; set; } = TimeSpan.FromDays(2 * 365);

    /// <summary>Photos attached to team activities; the activity and its counts stay.</summary>
    public TimeSpan ActivityPhotos { get; set; } = TimeSpan.FromDays(3 * 365);

    /// <summary>What the built-in VNeID sandbox received (names and masked numbers of test confirmations).</summary>
    public TimeSpan SandboxConfirmations { get; set; } = TimeSpan.FromDays(30);
}

/// <summary>Refuses to start with a period that would delete records the platform still needs.</summary>
public sealed class RetentionOptionsValidator : IValidateOptions<RetentionOptions>
{
    public ValidateOptionsResult Validate(string? name, RetentionOptions options)
    {
        var problems = new List<string>();
        void AtLeast(string key, TimeSpan value, TimeSpan minimum)
        {
            if (value < minimum)
            {
                problems.Add($"Retention:{key} must be at least {minimum.TotalDays:0} days.");
            }
        }

        // The audit trail backs the year's reports and their approval: never less than a year.
        AtLeast(nameof(options.Audit), options.Audit, TimeSpan.FromDays(365));
        AtLeast(nameof(options.SignInAudit), options.SignInAudit, TimeSpan.FromDays(30));
        AtLeast(nameof(options.DeliveredMessages), options.DeliveredMessages, TimeSpan.FromDays(1));
        AtLeast(nameof(options.DeadLetters), options.DeadLetters, TimeSpan.FromDays(7));
        AtLeast(nameof(options.Activations), options.Activations, TimeSpan.FromDays(1));
        // A shorter window would let a late retry of an offline sync be applied twice.
        AtLeast(nameof(options.StoredResponses), options.StoredResponses, TimeSpan.FromDays(7));
        AtLeast(nameof(options.AssistedSessions), options.AssistedSessions, TimeSpan.FromDays(365));
        AtLeast(nameof(options.ActivityPhotos), options.ActivityPhotos, TimeSpan.FromDays(365));
        AtLeast(nameof(options.SandboxConfirmations), options.SandboxConfirmations, TimeSpan.FromDays(1));
        if (options.BatchSize is < 1 or > 100_000)
        {
            problems.Add("Retention:BatchSize must be between 1 and 100000.");
        }

        if (options.Interval < TimeSpan.FromMinutes(1))
        {
            problems.Add("Retention:Interval must be at least one minute.");
        }

        return problems.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(problems);
    }
}
