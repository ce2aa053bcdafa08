using System.Net;
using System.Net.Http.Json;
using HocVuSo.Core.Common.Coordination;
using HocVuSo.Core.Features.Messaging;
using HocVuSo.Tests.Features.Messaging;
using HocVuSo.Tests.Infrastructure;
using Microsoft.AspNetCore.TestHost;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace HocVuSo.Tests.Features.Coordination;

/// <summary>
/// Two instances of the platform on one database, as behind the proxy: the outbox backlog is
/// delivered once, a job's lease held by one instance keeps the other out until it is given up, and
/// the per-account attempt limit counts the attempts of both.
/// </summary>
public class SeveralInstancesTests(SeveralInstancesTests.Pairs pairs) : IClassFixture<SeveralInstancesTests.Pairs>
{
    private const string RollupJobName = "rollup";

    public static TheoryData<string> Providers => TestApp.Providers;

    /// <summary>Per provider, one app and a sibling on its database, both with the outbox and roll-up workers running.</summary>
    public sealed class Pairs : IAsyncLifetime
    {
        private static readonly Dictionary<string, string?> Settings = new()
        {
            ["Outbox:WorkerEnabled"] = "true",
            ["Outbox:PollInterval"] = "00:00:00.200",
            ["Outbox:BatchSize"] = "5",
            // A claim left by a failed pass lapses quickly, so a stuck message shows as a second delivery, not as a wait.
            ["Outbox:Lease"] = "00:00:05",
            ["Reporting:Rollup:DirtyPoll"] = "00:00:00.500",
            ["Reporting:Rollup:Lease"] = "00:00:30",
            ["RateLimits:Account:PermitLimit"] = "5",
            ["RateLimits:Account:WindowSeconds"] = "600",
            // The same code path on SQLite; on PostgreSQL it is the default.
            ["RateLimits:AccountStore"] = "Database",
        };

        private readonly Dictionary<string, Task<(TestApp First, TestApp Second)>> _started = new();
        private readonly Lock _gate = new();

        public Task<(TestApp First, TestApp Second)> GetAsync(string provider)
        {
            lock (_gate)
            {
                if (!_started.TryGetValue(provider, out var pair))
                {
                    pair = StartAsync(provider);
                    _started[provider] = pair;
                }

                return pair;
            }
        }

        public Task InitializeAsync() => Task.CompletedTask;

        public async Task DisposeAsync()
        {
            foreach (var pair in _started.Values)
            {
                var (first, second) = await pair;
                await second.DisposeAsync();
                await first.DisposeAsync();
            }
        }

        private static async Task<(TestApp, TestApp)> StartAsync(string provider)
        {
            var first = await TestApp.StartOwnAsync(provider, Settings);
            var second = await first.StartSiblingAsync(Settings);
            return (first, second);
        }
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task TwoInstances_DeliverOneBacklog_EveryMessageExactlyOnce(string provider)
    {
        var (first, second) = await pairs.GetAsync(provider);
        // The demo's own messages (reminders, confirmations) wait until tomorrow: the workers see this backlog alone.
        await first.ExecuteDbAsync(db => db.OutboxMessages.Where(m => m.Status == OutboxStatus.Pending && m.Type != ScriptedOutboxHandler.MessageType)
            .ExecuteUpdateAsync(s => s.SetProperty(m => m.NextAttemptAt, DateTime.UtcNow.AddDays(1))));
        LogCapture[] logs = [LogCapture.For(first), LogCapture.For(second)];
        var messages = new List<(long Id, string Key)>();
        for (var i = 0; i < 30; i++)
        {
            messages.Add(await OutboxDispatcherTests.EnqueueAsync(first, ScriptedOutboxHandler.MessageType, new ScriptedOutboxHandler.Script(DelayMs: 30)));
        }

        var ids = messages.Select(m => m.Id).ToList();
        var deadline = DateTime.UtcNow.AddMinutes(2);
        int waiting;
        while ((waiting = await first.ExecuteDbAsync(db => db.OutboxMessages.CountAsync(m => ids.Contains(m.Id) && m.Status != OutboxStatus.Delivered))) > 0)
        {
            if (DateTime.UtcNow > deadline)
            {
                var stuck = await first.ExecuteDbAsync(db => db.OutboxMessages.AsNoTracking().Where(m => ids.Contains(m.Id) && m.Status != OutboxStatus.Delivered).Select(m => m.IdempotencyKey).ToListAsync());
                var calls = string.Join(", ", stuck.Select(k => ScriptedOutboxHandler.CallsOf(k) + "/" + ScriptedOutboxHandler.DeliveriesOf(k)));
                var said = string.Join("\n", logs.SelectMany(l => l.Entries).Where(e => e.Category.Contains("Outbox", StringComparison.Ordinal) && e.Level >= Microsoft.Extensions.Logging.LogLevel.Warning).TakeLast(15).Select(e => e.Message));
                throw new Xunit.Sdk.XunitException($"the two workers did not deliver the backlog in time: {waiting} of {ids.Count} still waiting (calls/deliveries {calls})\n{said}");
            }

            await Task.Delay(200);
        }

        foreach (var (id, key) in messages)
        {
            ScriptedOutboxHandler.CallsOf(key).ShouldBe(1, $"message {id} was handed to a handler more than once");
            ScriptedOutboxHandler.DeliveriesOf(key).ShouldBe(1);
            (await second.ExecuteDbAsync(db => db.AuditEntries.CountAsync(a => a.Action == ScriptedOutboxHandler.DeliveredAction && a.EntityKey == key))).ShouldBe(1);
            (await OutboxDispatcherTests.ReadAsync(second, id)).Attempts.ShouldBe(1);
        }
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task AJobLeaseHeldByOneInstance_KeepsTheOtherOut_UntilGivenUp(string provider)
    {
        var (first, second) = await pairs.GetAsync(provider);
        var a = first.Services.GetRequiredService<JobLeases>();
        var b = second.Services.GetRequiredService<JobLeases>();
        a.Holder.ShouldNotBe(b.Holder);
        var job = "test-" + Guid.NewGuid().ToString("N")[..10];

        // Both ask at once, many times: exactly one instance gets it.
        var asks = Enumerable.Range(0, 10).Select(i => (i % 2 == 0 ? a : b).TryAcquireAsync(job, TimeSpan.FromMinutes(1))).ToList();
        var granted = await Task.WhenAll(asks);
        var holder = await first.ExecuteDbAsync(db => db.JobLeases.AsNoTracking().Where(l => l.Name == job).Select(l => l.Holder).SingleAsync());
        var (owner, other) = holder == a.Holder ? (a, b) : (b, a);
        holder.ShouldBe(owner.Holder);
        granted.Where((_, i) => (i % 2 == 0 ? a : b) == other).ShouldAllBe(g => !g);

        (await owner.TryAcquireAsync(job, TimeSpan.FromMinutes(1))).ShouldBeTrue("the holder renews its lease");
        (await other.TryAcquireAsync(job, TimeSpan.FromMinutes(1))).ShouldBeFalse();

        // Given up, the other takes it; completed, nobody takes it again within the interval.
        await owner.ReleaseAsync(job);
        (await other.TryAcquireAsync(job, TimeSpan.FromMinutes(1))).ShouldBeTrue();
        (await owner.TryAcquireAsync(job, TimeSpan.FromMinutes(1))).ShouldBeFalse();
        await other.CompleteAsync(job);
        (await owner.TryAcquireAsync(job, TimeSpan.FromMinutes(1), notWithin: TimeSpan.FromHours(1))).ShouldBeFalse();
        (await owner.TryAcquireAsync(job, TimeSpan.FromMinutes(1))).ShouldBeTrue("without an interval the free lease is taken");

        // A lease whose holder died lapses, and is then taken over.
        await first.ExecuteDbAsync(db => db.JobLeases.Where(l => l.Name == job).ExecuteUpdateAsync(s => s.SetProperty(l => l.LeaseUntil, DateTime.UtcNow.AddSeconds(-1))));
        (await other.TryAcquireAsync(job, TimeSpan.FromMinutes(1))).ShouldBeTrue();
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task TheRollupWorker_RunsOnOneInstance_AndTheOtherTakesOverWhenItStops(string provider)
    {
        // An app and a sibling of its own: this test stops one of them.
        var settings = new Dictionary<string, string?>
        {
            ["Reporting:Rollup:DirtyPoll"] = "00:00:00.300",
            ["Reporting:Rollup:Lease"] = "00:00:30",
        };
        await using var first = await TestApp.StartOwnAsync(provider, settings);
        var second = await first.StartSiblingAsync(settings);
        try
        {
            var firstId = first.Services.GetRequiredService<JobLeases>().Holder;
            var secondId = second.Services.GetRequiredService<JobLeases>().Holder;

            var holder = await WaitForHolderAsync(first, h => h == firstId || h == secondId);
            var (running, waiting, waitingId) = holder == firstId ? (first, second, secondId) : (second, first, firstId);
            (await waiting.Services.GetRequiredService<JobLeases>().TryAcquireAsync(RollupJobName, TimeSpan.FromSeconds(30))).ShouldBeFalse();
            // Some passes later the same instance still holds it: the other skipped its passes.
            await Task.Delay(1500);
            (await WaitForHolderAsync(waiting, h => h is not null)).ShouldBe(holder);

            // The running instance stops and gives the lease up; the other's next pass takes it.
            await running.App.StopAsync();
            (await WaitForHolderAsync(waiting, h => h == waitingId)).ShouldBe(waitingId);
        }
        finally
        {
            await second.DisposeAsync();
        }
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task TheAccountLimit_CountsTheAttemptsOfBothInstances(string provider)
    {
        var (first, second) = await pairs.GetAsync(provider);
        var servers = new[] { first.App.GetTestServer(), second.App.GetTestServer() };

        // Five wrong passwords at one account, alternating instances and addresses: the sixth is refused on either.
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 5; i++)
        {
            statuses.Add(await TokenAsync(servers[i % 2], $"10.7.0.{i + 1}", "officer.eatrang", "Sai-mat-khau-" + i));
        }

        statuses.ShouldAllBe(s => s == HttpStatusCode.Unauthorized);
        (await TokenAsync(servers[1], "10.7.0.50", "officer.eatrang", "Sai-mat-khau")).ShouldBe(HttpStatusCode.TooManyRequests);
        (await TokenAsync(servers[0], "10.7.0.51", "officer.eatrang", TestApp.Password)).ShouldBe(HttpStatusCode.TooManyRequests);

        // Another account is untouched, and the counter holds no account name.
        (await TokenAsync(servers[1], "10.7.0.52", "officer.bacninh", TestApp.Password)).ShouldBe(HttpStatusCode.OK);
        var keys = await first.ExecuteDbAsync(db => db.RateCounters.AsNoTracking().Select(c => c.Key).ToListAsync());
        keys.ShouldNotBeEmpty();
        keys.ShouldAllBe(k => k.Length == 64 && !k.Contains("OFFICER", StringComparison.OrdinalIgnoreCase));
    }

    private static async Task<string?> WaitForHolderAsync(TestApp app, Func<string?, bool> wanted)
    {
        var deadline = DateTime.UtcNow.AddSeconds(90);
        while (true)
        {
            var holder = await app.ExecuteDbAsync(db => db.JobLeases.AsNoTracking().Where(l => l.Name == RollupJobName && l.LeaseUntil > DateTime.UtcNow).Select(l => l.Holder).FirstOrDefaultAsync());
            if (wanted(holder))
            {
                return holder;
            }

            DateTime.UtcNow.ShouldBeLessThan(deadline, $"the roll-up lease did not reach the expected holder (now {holder ?? "none"})");
            await Task.Delay(200);
        }
    }

    private static async Task<HttpStatusCode> TokenAsync(TestServer server, string address, string userName, string password)
    {
        using var client = new HttpClient(server.CreateHandler(c => c.Connection.RemoteIpAddress = IPAddress.Parse(address))) { BaseAddress = new Uri("http://localhost") };
        using var response = await client.PostAsJsonAsync("/api/v1/auth/token", new { userName, password });
        return response.StatusCode;
    }
}
