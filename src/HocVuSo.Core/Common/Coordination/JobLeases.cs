using HocVuSo.Core.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace HocVuSo.Core.Common.Coordination;

/// <summary>
/// Makes a background job run on one instance at a time, through a row per job in the shared
/// database (<see cref="JobLease"/>). Taking or renewing a lease is one conditional UPDATE (the lease
/// is free, lapsed, or already ours), so of two instances asking at once exactly one wins, on
/// PostgreSQL and on SQLite alike. The holder renews the lease at each pass; when it stops or dies
/// the lease lapses and the next instance to ask takes the job over.
/// </summary>
public sealed class JobLeases(IServiceScopeFactory scopes, InstanceIdentity instance, TimeProvider clock)
{
    /// <summary>The instance asking (its <see cref="InstanceIdentity"/>).</summary>
    public string Holder => instance.Id;

    /// <summary>
    /// Takes or renews the lease of <paramref name="job"/> for <paramref name="leaseFor"/>; true when
    /// this instance holds it now. With <paramref name="notWithin"/>, a lease that is free is taken
    /// only when no instance has completed the job within that time (jobs that run once per interval).
    /// </summary>
    public async Task<bool> TryAcquireAsync(string job, TimeSpan leaseFor, TimeSpan? notWithin = null, CancellationToken ct = default)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        await EnsureRowAsync(db, job, ct);
        var now = clock.UtcNow();
        var until = now + leaseFor;
        var holder = Holder;
        var query = db.JobLeases.Where(l => l.Name == job && (l.Holder == holder || l.Holder == null || l.LeaseUntil <= now));
        if (notWithin is { } gap)
        {
            var completedBefore = now - gap;
            query = query.Where(l => l.Holder == holder || l.LastCompletedAt == null || l.LastCompletedAt <= completedBefore);
        }

        var taken = await query.ExecuteUpdateAsync(s => s.SetProperty(l => l.Holder, holder).SetProperty(l => l.LeaseUntil, until), ct);
        return taken == 1;
    }

    /// <summary>
    /// Takes or renews the lease like <see cref="TryAcquireAsync"/> and keeps renewing it (every third
    /// of <paramref name="leaseFor"/>) until the result is disposed, so a run longer than the lease is
    /// not taken over half-way. Null when another instance holds the job. Disposing does not give the
    /// lease up: the holder stays the job's runner while it lives.
    /// </summary>
    public async Task<IAsyncDisposable?> HoldAsync(string job, TimeSpan leaseFor, TimeSpan? notWithin = null, CancellationToken ct = default)
    {
        if (!await TryAcquireAsync(job, leaseFor, notWithin, ct))
        {
            return null;
        }

        return new Renewal(this, job, leaseFor, clock);
    }

    /// <summary>Records that a run finished now and gives the lease up, so a run on any instance waits its interval from here.</summary>
    public Task CompleteAsync(string job, CancellationToken ct = default) => EndAsync(job, completed: true, ct);

    /// <summary>Gives the lease up (on shutdown), so another instance may take the job at once.</summary>
    public Task ReleaseAsync(string job, CancellationToken ct = default) => EndAsync(job, completed: false, ct);

    /// <summary>Extends a lease this instance still holds; a lease given up or taken over stays so.</summary>
    private async Task RenewAsync(string job, TimeSpan leaseFor, CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var until = clock.UtcNow() + leaseFor;
        var holder = Holder;
        await db.JobLeases.Where(l => l.Name == job && l.Holder == holder).ExecuteUpdateAsync(s => s.SetProperty(l => l.LeaseUntil, until), ct);
    }

    private async Task EndAsync(string job, bool completed, CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var now = clock.UtcNow();
        var holder = Holder;
        var mine = db.JobLeases.Where(l => l.Name == job && l.Holder == holder);
        if (completed)
        {
            await mine.ExecuteUpdateAsync(s => s.SetProperty(l => l.Holder, (string?)null).SetProperty(l => l.LeaseUntil, now).SetProperty(l => l.LastCompletedAt, now), ct);
        }
        else
        {
            await mine.ExecuteUpdateAsync(s => s.SetProperty(l => l.Holder, (string?)null).SetProperty(l => l.LeaseUntil, now), ct);
        }
    }

    /// <summary>The job's row, created free the first time any instance asks; two instances creating it at once both carry on.</summary>
    private static async Task EnsureRowAsync(AppDbContext db, string job, CancellationToken ct)
    {
        if (await db.JobLeases.AsNoTracking().AnyAsync(l => l.Name == job, ct))
        {
            return;
        }

        db.JobLeases.Add(new JobLease { Name = job, LeaseUntil = DateTime.UnixEpoch });
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException)
        {
            // Another instance created it first.
        }

        db.ChangeTracker.Clear();
    }

    private sealed class Renewal : IAsyncDisposable
    {
        private readonly CancellationTokenSource _stop = new();
        private readonly Task _loop;

        public Renewal(JobLeases leases, string job, TimeSpan leaseFor, TimeProvider clock)
        {
            var every = leaseFor / 3;
            _loop = Task.Run(async () =>
            {
                using var timer = new PeriodicTimer(every, clock);
                try
                {
                    while (await timer.WaitForNextTickAsync(_stop.Token))
                    {
                        await leases.RenewAsync(job, leaseFor, _stop.Token);
                    }
                }
                catch (OperationCanceledException)
                {
                    // Disposed: the run is over.
                }
#pragma warning disable CA1031 // A failed renewal lets the lease lapse; the job's next pass asks again.
                catch (Exception)
#pragma warning restore CA1031
                {
                }
            });
        }

        public async ValueTask DisposeAsync()
        {
            await _stop.CancelAsync();
            await _loop;
            _stop.Dispose();
        }
    }
}
