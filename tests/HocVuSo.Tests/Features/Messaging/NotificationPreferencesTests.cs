using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using HocVuSo.Core.Features.Messaging;
using HocVuSo.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace HocVuSo.Tests.Features.Messaging;

/// <summary>Per-user channel preferences, respected when notifications are enqueued, and the scoped delivery log.</summary>
public class NotificationPreferencesTests
{
    public static TheoryData<string> Providers => TestApp.Providers;

    private static Task<string> UserIdAsync(TestApp app, string userName) =>
        app.ExecuteDbAsync(db => db.Users.Where(u => u.UserName == app.StoredUserName(userName)).Select(u => u.Id).SingleAsync());

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task Learner_ChoosesSmsAndZalo_AndNotificationsAreEnqueuedOnThoseChannelsOnly_Once(string provider)
    {
        var app = await TestApp.GetAsync(provider);
        var (client, phone) = await app.CreateLearnerAsync();
        var userId = await UserIdAsync(app, phone);

        var initial = await client.GetFromJsonAsync<JsonElement>("/api/v1/messaging/preferences");
        initial.GetProperty("email").GetBoolean().ShouldBeTrue();
        initial.GetProperty("hasEmail").GetBoolean().ShouldBeFalse();
        initial.GetProperty("hasPhone").GetBoolean().ShouldBeTrue();

        var refused = await client.PutAsJsonAsync("/api/v1/messaging/preferences", new { email = true, sms = true, zalo = false });
        refused.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await refused.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("code").GetString().ShouldBe("notifications.no_email");
        (await app.ExecuteDbAsync(db => db.Users.Where(u => u.Id == userId).Select(u => u.NotificationChannels).SingleAsync())).ShouldBe(NotificationChannel.Email);

        var saved = await client.PutAsJsonAsync("/api/v1/messaging/preferences", new { email = false, sms = true, zalo = true });
        saved.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await app.ExecuteDbAsync(db => db.Users.Where(u => u.Id == userId).Select(u => u.NotificationChannels).SingleAsync()))
            .ShouldBe(NotificationChannel.Sms | NotificationChannel.Zalo);
        (await app.ExecuteDbAsync(db => db.AuditEntries.CountAsync(a => a.Action == SetNotificationPreferences.AuditAction && a.EntityKey == userId))).ShouldBe(1);

        var key = "test-prefs-" + Guid.NewGuid().ToString("N");
        var first = await app.ExecuteDbAsync(async db =>
        {
            var added = await db.EnqueueToUserAsync(TimeProvider.System, userId, "Lớp học mới", "Mời bạn tham gia lớp học kỹ năng số.", key, null, null, CancellationToken.None);
            await db.SaveChangesAsync();
            return added.Count;
        });
        var again = await app.ExecuteDbAsync(async db =>
            (await db.EnqueueToUserAsync(TimeProvider.System, userId, "Lớp học mới", "Mời bạn tham gia lớp học kỹ năng số.", key, null, null, CancellationToken.None)).Count);

        first.ShouldBe(2);
        again.ShouldBe(0);
        var messages = await app.ExecuteDbAsync(db => db.OutboxMessages.AsNoTracking().Where(m => m.IdempotencyKey.StartsWith(key)).OrderBy(m => m.Type).ToListAsync());
        messages.Select(m => m.Type).ShouldBe([Notifications.SmsType, Notifications.ZaloType]);
        messages.ShouldAllBe(m => m.RecipientMasked == Notifications.MaskRecipient(phone));
        messages.ShouldAllBe(m => m.UnitPath != null && m.UnitPath.EndsWith("/24445-002/", StringComparison.Ordinal));
        messages.ShouldAllBe(m => !m.RecipientMasked!.Contains(phone.Substring(3, 5), StringComparison.Ordinal));
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task NoChannelChosen_NothingIsEnqueued(string provider)
    {
        var app = await TestApp.GetAsync(provider);
        var (client, phone) = await app.CreateLearnerAsync();
        var userId = await UserIdAsync(app, phone);
        (await client.PutAsJsonAsync("/api/v1/messaging/preferences", new { email = false, sms = false, zalo = false })).StatusCode.ShouldBe(HttpStatusCode.OK);

        var key = "test-prefs-none-" + Guid.NewGuid().ToString("N");
        var added = await app.ExecuteDbAsync(async db =>
            (await db.EnqueueToUserAsync(TimeProvider.System, userId, "Thông báo", "Nội dung.", key, null, null, CancellationToken.None)).Count);

        added.ShouldBe(0);
        (await app.ExecuteDbAsync(db => db.OutboxMessages.CountAsync(m => m.IdempotencyKey.StartsWith(key)))).ShouldBe(0);
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task SettingsPage_ShowsTheChoicesInVietnamese_AndSavesThem(string provider)
    {
        var app = await TestApp.GetAsync(provider);
        var (client, phone) = await app.CreateLearnerAsync();
        var userId = await UserIdAsync(app, phone);

        var page = await client.GetPageAsync("/Account/Notifications");
        page.QuerySelector("h1")!.TextContent.ShouldBe("Cách nhận thông báo");
        page.QuerySelector("main")!.TextContent.ShouldContain("Tin nhắn SMS");
        page.QuerySelector("input[name='Input.Email']")!.HasAttribute("checked").ShouldBeTrue();

        var posted = await client.SubmitFormAsync("/Account/Notifications", new Dictionary<string, string> { ["Input.Zalo"] = "true", ["Input.Email"] = "false" });
        posted.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        (await app.ExecuteDbAsync(db => db.Users.Where(u => u.Id == userId).Select(u => u.NotificationChannels).SingleAsync())).ShouldBe(NotificationChannel.Zalo);
        var after = await client.GetPageAsync(posted.Headers.Location!.ToString());
        after.QuerySelector(".notice")!.TextContent.ShouldBe("Đã lưu cách nhận thông báo.");

        var refused = await client.SubmitFormAsync("/Account/Notifications", new Dictionary<string, string> { ["Input.Email"] = "true" });
        refused.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await refused.ParseAsync()).QuerySelector("main")!.TextContent.ShouldContain("Tài khoản chưa có địa chỉ thư điện tử");
        (await app.ExecuteDbAsync(db => db.Users.Where(u => u.Id == userId).Select(u => u.NotificationChannels).SingleAsync())).ShouldBe(NotificationChannel.Zalo);
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task DeliveryLog_ShowsOfficersTheirUnitsOnly_WithRecipientsMasked(string provider)
    {
        var app = await TestApp.GetAsync(provider);
        var (eaTrang, bacNinh) = await app.ExecuteDbAsync(async db => (
            await db.Units.Where(u => u.Code == "24445").Select(u => u.Path).FirstAsync(),
            await db.Units.Where(u => u.Code == "24").Select(u => u.Path).FirstAsync()));
        var token = Guid.NewGuid().ToString("N")[..10];
        var (inside, outside) = await app.ExecuteDbAsync(async db =>
        {
            var a = db.Enqueue(TimeProvider.System, NotificationChannel.Sms, "0912345678", "Nhắc việc", "Nội dung.", $"test-log-{token}-a", $"LOG-{token}", eaTrang);
            var b = db.Enqueue(TimeProvider.System, NotificationChannel.Email, "can.bo@bacninh.example.vn", "Nhắc việc", "Nội dung.", $"test-log-{token}-b", $"LOG-{token}", bacNinh);
            await db.SaveChangesAsync();
            return (a.Id, b.Id);
        });

        var officer = await app.CreateClientAsync("officer.eatrang");
        var seen = await officer.GetFromJsonAsync<JsonElement[]>("/api/v1/messaging/deliveries?limit=200") ?? [];
        var row = seen.Where(r => r.GetProperty("id").GetInt64() == inside).ShouldHaveSingleItem();
        row.GetProperty("channel").GetString().ShouldBe("sms");
        row.GetProperty("recipient").GetString().ShouldBe("09••••••78");
        row.GetProperty("status").GetString().ShouldBe("pending");
        seen.ShouldNotContain(r => r.GetProperty("id").GetInt64() == outside);
        seen.ShouldAllBe(r => !r.GetRawText().Contains("Nội dung", StringComparison.Ordinal));

        var bacNinhOfficer = await app.CreateClientAsync("officer.bacninh");
        var theirs = await bacNinhOfficer.GetFromJsonAsync<JsonElement[]>("/api/v1/messaging/deliveries?channel=email&limit=200") ?? [];
        theirs.ShouldContain(r => r.GetProperty("id").GetInt64() == outside && r.GetProperty("recipient").GetString() == "c•••@bacninh.example.vn");
        theirs.ShouldNotContain(r => r.GetProperty("id").GetInt64() == inside);

        var bad = await officer.GetAsync("/api/v1/messaging/deliveries?channel=fax");
        bad.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        var (learner, _) = await app.CreateLearnerAsync();
        (await learner.GetAsync("/api/v1/messaging/deliveries")).StatusCode.ShouldBe(HttpStatusCode.Forbidden);

        var page = await officer.GetPageAsync("/admin/deliveries?channel=sms");
        page.QuerySelector("h1")!.TextContent.ShouldBe("Nhật ký gửi thông báo");
        var tableRow = page.QuerySelector($"#deliveries tr[data-id='{inside}']").ShouldNotBeNull();
        tableRow.TextContent.ShouldContain("09••••••78");
        tableRow.TextContent.ShouldNotContain("0912345678");
        page.QuerySelector($"#deliveries tr[data-id='{outside}']").ShouldBeNull();
        (await officer.GetPageAsync("/staff")).QuerySelector("a[href='/admin/deliveries']").ShouldNotBeNull();
    }
}
