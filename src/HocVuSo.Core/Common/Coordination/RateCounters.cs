using System.Security.Cryptography;
using System.Text;
using HocVuSo.Core.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace HocVuSo.Core.Common.Coordination;

/// <summary>
/// Fixed-window counters in the shared database, so that a limit holds however many instances
/// count against it. Each hit is one atomic upsert (INSERT … ON CONFLICT DO UPDATE … RETURNING, the
/// same statement on PostgreSQL and SQLite) that starts the count again when the window has moved
/// on. The key is stored as a SHA-256 hash: what was counted (an account name) is not kept.
/// </summary>
public sealed class RateCounters(IServiceScopeFactory scopes, TimeProvider clock)
{
    /// <summary>The longest window counted: a day.</summary>
    public const long MaxWindowSeconds = 86_400;

    private long _sweptAt;

    /// <summary>Counts one hit on <paramref name="key"/> in the current window of <paramref name="window"/>; the count including it, and the time left in the window.</summary>
    public async Task<(int Count, TimeSpan Remaining)> HitAsync(string key, TimeSpan window, CancellationToken ct)
    {
        var seconds = Math.Clamp((long)window.TotalSeconds, 1, MaxWindowSeconds);
        var now = clock.GetUtcNow().ToUnixTimeSeconds();
        var current = now / seconds * seconds;
        var remaining = TimeSpan.FromSeconds(current + seconds - now);
        var stored = Hash(key);

        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var counts = await db.Database.SqlQuery<int>($"""
            INSERT INTO "RateCounters" ("Key", "Window", "Count") VALUES ({stored}, {current}, 1)
            ON CONFLICT ("Key") DO UPDATE SET
                "Count" = CASE WHEN "RateCounters"."Window" = excluded."Window" THEN "RateCounters"."Count" + 1 ELSE 1 END,
                "Window" = excluded."Window"
            RETURNING "Count" AS "Value"
            """).ToListAsync(ct);

        // Counters of windows long gone are deleted now and then (at most once a minute per instance).
        if (now - Interlocked.Read(ref _sweptAt) >= 60)
        {
            Interlocked.Exchange(ref _sweptAt, now);
            var old = now - (2 * MaxWindowSeconds);
            await db.RateCounters.Where(c => c.Window < old).ExecuteDeleteAsync(ct);
        }

        return (counts.Single(), remaining);
    }

    private static string Hash(string key) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(key)));
}
