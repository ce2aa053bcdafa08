namespace HocVuSo.Core.Features.Messaging;

/// <summary>Configuration section <c>Outbox</c>: how the background worker delivers outbox messages.</summary>
public sealed class OutboxOptions
{
    public const string Section = "Outbox";

    /// <summary>Run the background worker in this process (default true). Tests turn it off and call <see cref="OutboxDispatcher.DispatchDueAsync(CancellationToken)"/> themselves.</summary>
    public bool WorkerEnabled { get; set; } = true;

    /// <summary>Pause between two polls when nothing was due.</summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>Messages taken per poll.</summary>
    public int BatchSize { get; set; } = 20;

    /// <summary>Wait after the first failure; it doubles with each further failure (with jitter), up to <see cref="BackoffMax"/>.</summary>
    public TimeSpan BackoffBase { get; set; } = TimeSpan.FromSeconds(30);

    public TimeSpan BackoffMax { get; set; } = TimeSpan.FromHours(6);

    /// <summary>Failed attempts after which a message becomes a dead letter, left for an administrator.</summary>
    public int MaxAttempts { get; set; } = 8;

    /// <summary>How long a dispatcher holds a message it is delivering; longer than any handler's own timeout.</summary>
    public TimeSpan Lease { get; set; } = TimeSpan.FromMinutes(2);
}

/// <summary>Refuses to start with outbox settings that would stall or flood delivery.</summary>
public sealed class OutboxOptionsValidator : Microsoft.Extensions.Options.IValidateOptions<OutboxOptions>
{
    public Microsoft.Extensions.Options.ValidateOptionsResult Validate(string? name, OutboxOptions options)
    {
        var problems = new List<string>();
        if (options.PollInterval <= TimeSpan.Zero)
        {
            problems.Add("Outbox:PollInterval must be positive.");
        }

        if (options.BatchSize is < 1 or > 1000)
        {
            problems.Add("Outbox:BatchSize must be between 1 and 1000.");
        }

        if (options.BackoffBase <= TimeSpan.Zero || options.BackoffMax < options.BackoffBase)
        {
            problems.Add("Outbox:BackoffBase must be positive and Outbox:BackoffMax at least as long.");
        }

        if (options.MaxAttempts < 1)
        {
            problems.Add("Outbox:MaxAttempts must be at least 1.");
        }

        if (options.Lease < TimeSpan.FromSeconds(5))
        {
            problems.Add("Outbox:Lease must be at least 5 seconds (longer than any delivery).");
        }

        return problems.Count == 0 ? Microsoft.Extensions.Options.ValidateOptionsResult.Success : Microsoft.Extensions.Options.ValidateOptionsResult.Fail(problems);
    }
}
