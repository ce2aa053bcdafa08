using HocVuSo.Core.Features.Messaging;
using HocVuSo.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace HocVuSo.Tests.Features.Messaging;

/// <summary>The outbox dispatcher against a real database: delivery, back-off, dead letters, unknown types, racing instances.</summary>
public class OutboxDispatcherTests
{
    public static TheoryData<string> Providers => TestApp.Providers;

    internal static async Task<(long Id, string Key)> EnqueueAsync<T>(TestApp app, string type, T payload)
    {
        var key = "test-" + Guid.NewGuid().ToString("N");
        var id = await app.ExecuteDbAsync(async db =>
        {
            var message = db.Enqueue(TimeProvider.System, type, payload, key, reference: "REF-" + key[5..13]);
            await db.SaveChangesAsync();
            return message.Id;
        });
        return (id, key);
    }

    internal static Task<OutboxMessage> ReadAsync(TestApp app, long id) =>
        app.ExecuteDbAsync(db => db.OutboxMessages.AsNoTracking().SingleAsync(m => m.Id == id));

    /// <summary>Makes a waiting message due now, as if its back-off had passed.</summary>
    internal static Task MakeDueAsync(TestApp app, long id) =>
        app.ExecuteDbAsync(db => db.OutboxMessages.Where(m => m.Id == id)
            .ExecuteUpdateAsync(s => s.SetProperty(m => m.NextAttemptAt, DateTime.UtcNow.AddSeconds(-1))));

    internal static Task<OutboxDispatchReport> DispatchAsync(TestApp app, params long[] ids) =>
        app.Services.GetRequiredService<OutboxDispatcher>().DispatchDueAsync(ids, CancellationToken.None);

    private static Task<int> AuditCountAsync(TestApp app, string key) =>
        app.ExecuteDbAsync(db => db.AuditEntries.CountAsync(a => a.Action == ScriptedOutboxHandler.DeliveredAction && a.EntityKey == key));

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task Success_MarksDelivered_AndSavesTheHandlersChangesWithIt(string provider)
    {
        var app = await TestApp.GetAsync(provider);
        var (id, key) = await EnqueueAsync(app, ScriptedOutboxHandler.MessageType, new ScriptedOutboxHandler.Script());

        var report = await DispatchAsync(app, id);
        var again = await DispatchAsync(app, id);

        report.ShouldBe(new OutboxDispatchReport(1, 0, 0, 0));
        again.Handled.ShouldBe(0);
        var message = await ReadAsync(app, id);
        message.Status.ShouldBe(OutboxStatus.Delivered);
        message.Attempts.ShouldBe(1);
        message.DeliveredAt.ShouldNotBeNull();
        message.DeliveredAt.Value.ShouldBe(DateTime.UtcNow, TimeSpan.FromMinutes(1));
        message.LastError.ShouldBeNull();
        message.LockedUntil.ShouldBeNull();
        message.ClaimToken.ShouldBeNull();
        ScriptedOutboxHandler.DeliveriesOf(key).ShouldBe(1);
        (await AuditCountAsync(app, key)).ShouldBe(1);
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task Failure_IsRetriedLater_WithAGrowingBackoff_AndTheHandlersChangesDiscarded(string provider)
    {
        var app = await TestApp.GetAsync(provider);
        var settings = app.Services.GetRequiredService<IOptionsMonitor<OutboxOptions>>().CurrentValue;
        var (id, key) = await EnqueueAsync(app, ScriptedOutboxHandler.MessageType, new ScriptedOutboxHandler.Script(FailTimes: 3));

        var waits = new List<TimeSpan>();
        for (var attempt = 1; attempt <= 3; attempt++)
        {
            var report = await DispatchAsync(app, id);
            report.ShouldBe(new OutboxDispatchReport(0, 1, 0, 0));
            var failed = await ReadAsync(app, id);
            failed.Status.ShouldBe(OutboxStatus.Pending);
            failed.Attempts.ShouldBe(attempt);
            failed.LastError.ShouldBe($"InvalidOperationException: Scripted failure {attempt} of 3.");
            failed.LockedUntil.ShouldBeNull();
            var wait = failed.NextAttemptAt - failed.LastAttemptAt!.Value;
            var full = settings.BackoffBase * Math.Pow(2, attempt - 1);
            wait.ShouldBeInRange(full / 2, full);
            waits.Add(wait);

            // Not due yet: a pass leaves it alone.
            (await DispatchAsync(app, id)).Handled.ShouldBe(0);
            await MakeDueAsync(app, id);
        }

        waits[1].ShouldBeGreaterThanOrEqualTo(waits[0]);
        waits[2].ShouldBeGreaterThan(waits[0]);
        waits[2].ShouldBeGreaterThanOrEqualTo(waits[1]);
        (await AuditCountAsync(app, key)).ShouldBe(0);
        ScriptedOutboxHandler.DeliveriesOf(key).ShouldBe(0);

        (await DispatchAsync(app, id)).Delivered.ShouldBe(1);
        var delivered = await ReadAsync(app, id);
        delivered.Status.ShouldBe(OutboxStatus.Delivered);
        delivered.Attempts.ShouldBe(4);
        delivered.LastError.ShouldBeNull();
        (await AuditCountAsync(app, key)).ShouldBe(1);
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task AfterMaxAttempts_TheMessageIsADeadLetter_AndNoLongerTried(string provider)
    {
        var app = await TestApp.GetAsync(provider);
        var max = app.Services.GetRequiredService<IOptionsMonitor<OutboxOptions>>().CurrentValue.MaxAttempts;
        var (id, key) = await EnqueueAsync(app, ScriptedOutboxHandler.MessageType, new ScriptedOutboxHandler.Script(FailTimes: 100));

        for (var attempt = 1; attempt < max; attempt++)
        {
            (await DispatchAsync(app, id)).Failed.ShouldBe(1);
            await MakeDueAsync(app, id);
        }

        (await DispatchAsync(app, id)).DeadLettered.ShouldBe(1);
        var dead = await ReadAsync(app, id);
        dead.Status.ShouldBe(OutboxStatus.DeadLetter);
        dead.Attempts.ShouldBe(max);
        dead.LastError.ShouldBe($"InvalidOperationException: Scripted failure {max} of 100.");

        await MakeDueAsync(app, id);
        (await DispatchAsync(app, id)).Handled.ShouldBe(0);
        ScriptedOutboxHandler.CallsOf(key).ShouldBe(max);
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task UnknownType_IsADeadLetterAtOnce_WithAClearError(string provider)
    {
        var app = await TestApp.GetAsync(provider);
        var (id, _) = await EnqueueAsync(app, "test.nobody_handles_this", new { hello = "world" });

        (await DispatchAsync(app, id)).DeadLettered.ShouldBe(1);

        var dead = await ReadAsync(app, id);
        dead.Status.ShouldBe(OutboxStatus.DeadLetter);
        dead.Attempts.ShouldBe(1);
        dead.LastError.ShouldBe("No handler is registered for message type 'test.nobody_handles_this'.");
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task TwoDispatchersRacing_DeliverEachMessageOnce(string provider)
    {
        var app = await TestApp.GetAsync(provider);
        var messages = new List<(long Id, string Key)>();
        for (var i = 0; i < 6; i++)
        {
            messages.Add(await EnqueueAsync(app, ScriptedOutboxHandler.MessageType, new ScriptedOutboxHandler.Script(DelayMs: 150)));
        }

        var ids = messages.Select(m => m.Id).ToArray();
        // Two separate dispatchers, as two instances of the platform would have, started together.
        var first = ActivatorUtilities.CreateInstance<OutboxDispatcher>(app.Services);
        var second = ActivatorUtilities.CreateInstance<OutboxDispatcher>(app.Services);
        using var start = new SemaphoreSlim(0);
        var runs = new[] { first, second, first, second }.Select(async d =>
        {
            await start.WaitAsync();
            return await d.DispatchDueAsync(ids, CancellationToken.None);
        }).ToList();
        start.Release(runs.Count);
        var reports = await Task.WhenAll(runs);

        reports.Sum(r => r.Delivered).ShouldBe(ids.Length);
        reports.Sum(r => r.Failed + r.DeadLettered).ShouldBe(0);
        foreach (var (id, key) in messages)
        {
            ScriptedOutboxHandler.CallsOf(key).ShouldBe(1, $"message {id} was handed to a handler more than once");
            ScriptedOutboxHandler.DeliveriesOf(key).ShouldBe(1);
            (await AuditCountAsync(app, key)).ShouldBe(1);
            var message = await ReadAsync(app, id);
            message.Status.ShouldBe(OutboxStatus.Delivered);
            message.Attempts.ShouldBe(1);
        }
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task AMessageLeftLockedByADeadDispatcher_WaitsForTheLease_ThenIsDelivered(string provider)
    {
        var app = await TestApp.GetAsync(provider);
        var (id, key) = await EnqueueAsync(app, ScriptedOutboxHandler.MessageType, new ScriptedOutboxHandler.Script());
        // A dispatcher claimed it and died mid-delivery: its lease runs for another minute.
        await app.ExecuteDbAsync(db => db.OutboxMessages.Where(m => m.Id == id)
            .ExecuteUpdateAsync(s => s.SetProperty(m => m.LockedUntil, DateTime.UtcNow.AddMinutes(1)).SetProperty(m => m.ClaimToken, "dead-dispatcher")));

        (await DispatchAsync(app, id)).Handled.ShouldBe(0);
        ScriptedOutboxHandler.CallsOf(key).ShouldBe(0);

        // The lease lapses: the next pass takes it over and delivers it.
        await app.ExecuteDbAsync(db => db.OutboxMessages.Where(m => m.Id == id)
            .ExecuteUpdateAsync(s => s.SetProperty(m => m.LockedUntil, DateTime.UtcNow.AddSeconds(-1))));
        (await DispatchAsync(app, id)).Delivered.ShouldBe(1);
        var message = await ReadAsync(app, id);
        message.Status.ShouldBe(OutboxStatus.Delivered);
        message.ClaimToken.ShouldBeNull();
        ScriptedOutboxHandler.DeliveriesOf(key).ShouldBe(1);
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task NotificationEmail_IsDeliveredThroughTheSender_WithTheRecipientMasked(string provider)
    {
        var app = await TestApp.GetAsync(provider);
        var key = "test-mail-" + Guid.NewGuid().ToString("N");
        var id = await app.ExecuteDbAsync(async db =>
        {
            var message = db.EnqueueEmail(TimeProvider.System, "can.bo.xa@example.vn", "Nhắc nộp báo cáo tháng 11/2026", "Kính gửi…", key);
            await db.SaveChangesAsync();
            return message.Id;
        });
        var sink = Path.Combine(Path.GetTempPath(), "hocvuso-tests", "mail-" + Guid.NewGuid().ToString("N") + ".jsonl");
        var options = app.Services.GetRequiredService<IOptionsMonitor<NotificationOptions>>();
        var sender = new LoggingNotificationSender(new FixedOptions<NotificationOptions>(new NotificationOptions { SinkFile = sink }), TimeProvider.System,
            Microsoft.Extensions.Logging.Abstractions.NullLogger<LoggingNotificationSender>.Instance);
        var message = await ReadAsync(app, id);

        await app.ExecuteDbAsync(async db =>
        {
            await using var senders = new ServiceCollection().AddSingleton<INotificationSender>(sender).BuildServiceProvider();
            await new NotificationHandler(NotificationChannel.Email, db, senders).HandleAsync(message, CancellationToken.None);
            return true;
        });
        (await DispatchAsync(app, id)).Delivered.ShouldBe(1);

        options.CurrentValue.SinkFile.ShouldBeNull();
        var line = (await File.ReadAllLinesAsync(sink)).ShouldHaveSingleItem();
        line.ShouldContain(key);
        line.ShouldContain("c\\u2022\\u2022\\u2022@example.vn");
        line.ShouldNotContain("can.bo.xa");
        Notifications.MaskRecipient("0912345678").ShouldBe("09••••••78");
        (await ReadAsync(app, id)).Status.ShouldBe(OutboxStatus.Delivered);
    }

    [Fact]
    public async Task DestinationNotConfigured_IsRecordedOnTheMessage_ButNotWarnedAboutOnEveryRetry()
    {
        var app = await TestApp.GetAsync("Sqlite");
        var log = LogCapture.For(app);
        var (id, _) = await EnqueueAsync(app, ScriptedOutboxHandler.MessageType, new ScriptedOutboxHandler.Script(FailTimes: 3, NotConfigured: true));

        await DispatchAsync(app, id);
        await MakeDueAsync(app, id);
        await DispatchAsync(app, id);

        var message = await ReadAsync(app, id);
        message.Attempts.ShouldBe(2);
        message.Status.ShouldBe(OutboxStatus.Pending);
        message.LastError.ShouldBe("OutboxDestinationNotConfiguredException: Scripted: nowhere to deliver.");
        log.Entries.Where(e => e.Level >= Microsoft.Extensions.Logging.LogLevel.Warning && e.Message.Contains($"Outbox message {id} ", StringComparison.Ordinal)).ShouldBeEmpty();
        log.Entries.Count(e => e.Level == Microsoft.Extensions.Logging.LogLevel.Debug && e.Message.Contains($"Outbox message {id} ", StringComparison.Ordinal)).ShouldBe(2);
    }

    [Fact]
    public void Backoff_DoublesWithEachFailure_IsCapped_AndJittersWithinHalf()
    {
        var b = TimeSpan.FromSeconds(30);
        var max = TimeSpan.FromMinutes(10);
        OutboxDispatcher.Backoff(1, b, max, 1).ShouldBe(TimeSpan.FromSeconds(30));
        OutboxDispatcher.Backoff(1, b, max, 0).ShouldBe(TimeSpan.FromSeconds(15));
        OutboxDispatcher.Backoff(3, b, max, 1).ShouldBe(TimeSpan.FromSeconds(120));
        OutboxDispatcher.Backoff(3, b, max, 0.5).ShouldBe(TimeSpan.FromSeconds(90));
        OutboxDispatcher.Backoff(30, b, max, 1).ShouldBe(max);
        OutboxDispatcher.Backoff(1000, b, max, 0).ShouldBe(max / 2);
    }

    private sealed class FixedOptions<T>(T value) : IOptionsMonitor<T>
    {
        public T CurrentValue => value;

        public T Get(string? name) => value;

        public IDisposable? OnChange(Action<T, string?> listener) => null;
    }
}
