using System.Text.Json;
using HocVuSo.Core.Features.Messaging;
using HocVuSo.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace HocVuSo.Tests.Features.Messaging;

/// <summary>
/// The real executable, killed with SIGKILL after a message was committed and before it was
/// delivered, then started again on the same SQLite database: the message is delivered exactly
/// once, and a further kill and restart does not deliver it again.
/// </summary>
public class OutboxProcessKillTests
{
    [Fact]
    public async Task MessageCommittedBeforeAKill_IsDeliveredExactlyOnce_AfterRestart()
    {
        await using var platform = new PlatformProcess(new Dictionary<string, string>
        {
            // First run: the worker is off, so the committed message cannot be delivered before the kill.
            ["Outbox__WorkerEnabled"] = "false",
            ["Outbox__PollInterval"] = "00:00:00.300",
        });
        var sink = Path.Combine(platform.Folder, "mailbox.jsonl");
        platform.Environment["Notifications__SinkFile"] = sink;
        await platform.StartAsync();

        var key = "kill-test-" + Guid.NewGuid().ToString("N");
        long id;
        await using (var db = platform.OpenDatabase())
        {
            var queued = db.EnqueueEmail(TimeProvider.System, "truong.thon@example.vn", "Nhắc nộp báo cáo tháng", "Nội dung nhắc việc.", key, "kill-test");
            await db.SaveChangesAsync();
            id = queued.Id;
        }

        await Task.Delay(1000);
        platform.Kill();
        (await ReadAsync(platform, id)).Status.ShouldBe(OutboxStatus.Pending, platform.Output);
        File.Exists(sink).ShouldBeFalse("nothing may be delivered while the worker is off");

        // Second run, worker on: it finds the committed message and delivers it.
        platform.Environment["Outbox__WorkerEnabled"] = "true";
        await platform.StartAsync();
        var delivered = await PlatformProcess.EventuallyAsync(async () => (await ReadAsync(platform, id)).Status == OutboxStatus.Delivered, TimeSpan.FromSeconds(30));
        delivered.ShouldBeTrue(platform.Output);
        platform.Kill();

        // Third run: already delivered, so nothing more is sent.
        await platform.StartAsync();
        await Task.Delay(1500);
        platform.Kill();

        var message = await ReadAsync(platform, id);
        message.Status.ShouldBe(OutboxStatus.Delivered);
        message.Attempts.ShouldBe(1);
        var lines = (await File.ReadAllLinesAsync(sink)).Where(l => l.Contains(key, StringComparison.Ordinal)).ToList();
        lines.Count.ShouldBe(1, platform.Output);
        var line = JsonDocument.Parse(lines[0]).RootElement;
        line.GetProperty("recipient").GetString().ShouldBe("t•••@example.vn");
        line.GetProperty("subject").GetString().ShouldBe("Nhắc nộp báo cáo tháng");
        platform.Output.ShouldNotContain("truong.thon@example.vn");
        platform.Output.ShouldContain("Notification to t•••@example.vn");
    }

    private static async Task<OutboxMessage> ReadAsync(PlatformProcess platform, long id)
    {
        await using var db = platform.OpenDatabase();
        return await db.OutboxMessages.AsNoTracking().SingleAsync(m => m.Id == id);
    }
}
