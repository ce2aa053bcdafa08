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
