using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using HocVuSo.Core.Features.Messaging;
using HocVuSo.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace HocVuSo.Tests.Features.Messaging;

/// <summary>The outbox page and API for administrators: listing, filtering, retrying (audited), and nobody else.</summary>
public class OutboxAdminTests
{
    public static TheoryData<string> Providers => TestApp.Providers;

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task Admin_RetriesADeadLetter_ThroughTheApi_AndItIsDeliveredNext(string provider)
    {
        var app = await TestApp.GetAsync(provider);
        var admin = await app.CreateAdminClientAsync();
        var (id, key) = await OutboxDispatcherTests.EnqueueAsync(app, ScriptedOutboxHandler.MessageType, new ScriptedOutboxHandler.Script(FailTimes: 1));
        (await OutboxDispatcherTests.DispatchAsync(app, id)).Failed.ShouldBe(1);
        // As if every attempt had failed: a dead letter.
        await app.ExecuteDbAsync(db => db.OutboxMessages.Where(m => m.Id == id).ExecuteUpdateAsync(s => s.SetProperty(m => m.Status, OutboxStatus.DeadLetter)));

        var dead = await admin.GetFromJsonAsync<JsonElement>("/api/v1/admin/outbox?status=dead_letter&limit=200");
        var row = dead.GetProperty("messages").EnumerateArray().Single(m => m.GetProperty("id").GetInt64() == id);
        row.GetProperty("status").GetString().ShouldBe("dead_letter");
        row.GetProperty("attempts").GetInt32().ShouldBe(1);
        row.GetProperty("lastError").GetString().ShouldBe("InvalidOperationException: Scripted failure 1 of 1.");
        row.TryGetProperty("payload", out _).ShouldBeFalse();
        dead.GetProperty("messages").EnumerateArray().ShouldAllBe(m => m.GetProperty("status").GetString() == "dead_letter");
        dead.GetProperty("counts").GetProperty("deadLetter").GetInt32().ShouldBeGreaterThanOrEqualTo(1);

        var idText = id.ToString(System.Globalization.CultureInfo.InvariantCulture);
        var retried = await admin.PostAsJsonAsync($"/api/v1/admin/outbox/{id}/retry", new { comment = "Cổng SMS đã hoạt động lại." });
        retried.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await retried.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("status").GetString().ShouldBe("pending");
        var pending = await OutboxDispatcherTests.ReadAsync(app, id);
        pending.Status.ShouldBe(OutboxStatus.Pending);
        pending.NextAttemptAt.ShouldBeLessThanOrEqualTo(DateTime.UtcNow);
        pending.Attempts.ShouldBe(1);
        var audit = await app.ExecuteDbAsync(db => db.AuditEntries.SingleAsync(a => a.Action == RetryOutboxMessage.AuditAction && a.EntityKey == idText));
        audit.ActorName.ShouldStartWith("quantri.thu.");
        audit.OldValue!.ShouldContain("dead_letter");
        audit.Reason.ShouldBe("Cổng SMS đã hoạt động lại.");

        (await OutboxDispatcherTests.DispatchAsync(app, id)).Delivered.ShouldBe(1);
        (await OutboxDispatcherTests.ReadAsync(app, id)).Status.ShouldBe(OutboxStatus.Delivered);
        ScriptedOutboxHandler.DeliveriesOf(key).ShouldBe(1);

        var again = await admin.PostAsync($"/api/v1/admin/outbox/{id}/retry", null);
        again.StatusCode.ShouldBe(HttpStatusCode.Conflict);
        (await admin.PostAsync("/api/v1/admin/outbox/999999999/retry", null)).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        var bad = await admin.GetAsync("/api/v1/admin/outbox?status=lost");
        bad.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await bad.Content.ReadAsStringAsync()).ShouldContain("Trạng thái «lost» không hợp lệ");
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task OnlyAdministrators_SeeOrRetryTheOutbox(string provider)
    {
        var app = await TestApp.GetAsync(provider);
        var (id, _) = await OutboxDispatcherTests.EnqueueAsync(app, "test.nobody_handles_this", new { });
        (await OutboxDispatcherTests.DispatchAsync(app, id)).DeadLettered.ShouldBe(1);
        var officer = await app.CreateClientAsync("officer.eatrang");
        var viewer = await app.CreateClientAsync("viewer");

        (await officer.GetAsync("/api/v1/admin/outbox")).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await viewer.GetAsync("/api/v1/admin/outbox")).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await officer.PostAsync($"/api/v1/admin/outbox/{id}/retry", null)).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await app.CreateClient().GetAsync("/api/v1/admin/outbox")).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        (await officer.GetAsync("/admin/outbox")).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await OutboxDispatcherTests.ReadAsync(app, id)).Status.ShouldBe(OutboxStatus.DeadLetter);
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task AdminPage_ListsDeadLetters_AndRetriesThem(string provider)
    {
        var app = await TestApp.GetAsync(provider);
        var admin = await app.CreateAdminClientAsync();
        var (id, _) = await OutboxDispatcherTests.EnqueueAsync(app, "test.nobody_handles_this", new { });
        (await OutboxDispatcherTests.DispatchAsync(app, id)).DeadLettered.ShouldBe(1);

        (await admin.GetPageAsync("/staff")).QuerySelector("a[href='/admin/outbox']")!.TextContent.ShouldBe("Hàng đợi gửi đi");
        (await (await app.CreateClientAsync("officer.eatrang")).GetPageAsync("/staff")).QuerySelector("a[href='/admin/outbox']").ShouldBeNull();
        var page = await admin.GetPageAsync("/admin/outbox?status=dead_letter");
        page.QuerySelector("h1")!.TextContent.ShouldBe("Hàng đợi gửi đi");
        var row = page.QuerySelector($"#outbox tr[data-id='{id}']").ShouldNotBeNull();
        row.TextContent.ShouldContain("Đã dừng gửi");
        row.TextContent.ShouldContain("No handler is registered for message type 'test.nobody_handles_this'.");
        page.QuerySelectorAll("#outbox tbody tr").ShouldAllBe(r => r.GetAttribute("data-status") == "dead_letter");

        var posted = await admin.SubmitFormAsync("/admin/outbox?status=dead_letter", new Dictionary<string, string>(), $"id={id}");
        posted.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var message = await OutboxDispatcherTests.ReadAsync(app, id);
        message.Status.ShouldBe(OutboxStatus.Pending);
        var idText = id.ToString(System.Globalization.CultureInfo.InvariantCulture);
        (await app.ExecuteDbAsync(db => db.AuditEntries.CountAsync(a => a.Action == RetryOutboxMessage.AuditAction && a.EntityKey == idText))).ShouldBe(1);
        var after = await admin.GetPageAsync(posted.Headers.Location!.ToString());
        after.QuerySelector(".notice")!.TextContent.ShouldBe($"Đã đưa thư {id} vào hàng đợi để gửi lại ngay.");
    }
}
