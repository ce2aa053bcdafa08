namespace HocVuSo.Core.Common.Coordination;

/// <summary>
/// A named background job's lease, shared by every instance of the platform through the database:
/// while <see cref="LeaseUntil"/> is in the future only <see cref="Holder"/> runs the job; an
/// instance that dies lets the lease lapse and another takes the job over.
/// </summary>
public sealed class JobLease
{
    public const int MaxNameLength = 60;
    public const int MaxHolderLength = 120;

    /// <summary>The job, e.g. <c>rollup</c> or <c>retention</c>.</summary>
    public required string Name { get; set; }

    /// <summary>The instance holding the lease (<see cref="InstanceIdentity"/>); null when none does.</summary>
    public string? Holder { get; set; }

    public DateTime LeaseUntil { get; set; }

    /// <summary>When a run of the job last finished, on any instance: jobs that run once per interval start from it.</summary>
    public DateTime? LastCompletedAt { get; set; }
}

/// <summary>
/// A fixed-window counter shared by every instance (the per-account attempt limit): <see cref="Key"/>
/// names what is counted (a door and a hash of the account), <see cref="Window"/> the start of the
/// current window in Unix seconds, <see cref="Count"/> the attempts in it.
/// </summary>
public sealed class RateCounter
{
    public const int MaxKeyLength = 100;

    public required string Key { get; set; }

    public long Window { get; set; }

    public int Count { get; set; }
}

/// <summary>The name of this running instance, unique across instances and restarts, recorded as a lease's holder.</summary>
public sealed class InstanceIdentity
{
    public string Id { get; } = $"{Environment.MachineName}:{Environment.ProcessId}:{Guid.NewGuid().ToString("N")[..8]}";
}
