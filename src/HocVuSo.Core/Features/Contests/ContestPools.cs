using System.Collections.Concurrent;
using HocVuSo.Core.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace HocVuSo.Core.Features.Contests;

/// <summary>A contest's question pool as it is for one <see cref="Contest.PoolVersion"/>: fixed, shared by every entry of its rounds.</summary>
public sealed class ContestPool(int contestId, int version, IReadOnlyDictionary<int, ContestQuestion> questions)
{
    public int ContestId { get; } = contestId;

    public int Version { get; } = version;

    public IReadOnlyDictionary<int, ContestQuestion> Questions { get; } = questions;

    public IReadOnlyList<int> Ids { get; } = questions.Keys.Order().ToList();
}

/// <summary>
/// Keeps question pools in memory at a campaign peak: a round opening makes thousands of entries
/// draw from the same pool within seconds, so the pool is read from the database once per contest
/// and pool version and served from memory after that. Bounded: at most <see cref="Capacity"/>
/// pools are kept, the least recently used is dropped first. A pool change raises the contest's
/// version, so every instance reads the new pool on its next entry.
/// </summary>
public sealed class ContestPools(IServiceScopeFactory scopes)
{
    public const int Capacity = 64;

    private readonly ConcurrentDictionary<(int ContestId, int Version), Lazy<Task<ContestPool>>> _pools = new();
    private readonly ConcurrentDictionary<(int ContestId, int Version), long> _used = new();
    private long _tick;

    public async Task<ContestPool> GetAsync(int contestId, int version, CancellationToken ct)
    {
        var key = (contestId, version);
        _used[key] = Interlocked.Increment(ref _tick);
        var lazy = _pools.GetOrAdd(key, k => new Lazy<Task<ContestPool>>(() => LoadAsync(k.ContestId, k.Version)));
        try
        {
            var pool = await lazy.Value.WaitAsync(ct);
            Trim();
            return pool;
        }
        catch (Exception) when (lazy.Value.IsFaulted || lazy.Value.IsCanceled)
        {
            // A failed read is not kept: the next entry reads again.
            _pools.TryRemove(new KeyValuePair<(int, int), Lazy<Task<ContestPool>>>(key, lazy));
            throw;
        }
    }

    /// <summary>The number of pools held (for tests and metrics).</summary>
    public int Count => _pools.Count;

    private async Task<ContestPool> LoadAsync(int contestId, int version)
    {
        // Read in a scope of its own and without the caller's token: the pool is shared, and one
        // caller giving up (or its request ending) must not fail the others waiting for it.
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var questions = await db.Set<ContestQuestion>().AsNoTracking().Where(q => q.ContestId == contestId).ToListAsync(CancellationToken.None);
        return new ContestPool(contestId, version, questions.ToDictionary(q => q.Id));
    }

    private void Trim()
    {
        while (_pools.Count > Capacity)
        {
            var oldest = _used.OrderBy(u => u.Value).Select(u => u.Key).FirstOrDefault();
            _used.TryRemove(oldest, out _);
            _pools.TryRemove(oldest, out _);
        }

        foreach (var stale in _used.Keys.Where(k => !_pools.ContainsKey(k)).ToList())
        {
            _used.TryRemove(stale, out _);
        }
    }
}

/// <summary>Told when a round's public results change (an entry graded, the round finalised, a prize awarded), so cached pages are dropped.</summary>
public interface IContestResultsChanged
{
    ValueTask RoundChangedAsync(int roundId, CancellationToken ct);
}
