using HocVuSo.Core.Features.Messaging;
using HocVuSo.Tests.Infrastructure;
using HocVuSo.Web.Messaging;

namespace HocVuSo.Tests.Features.Messaging;

/// <summary>Notifications through the outbox to a real SMTP server (aiosmtpd) and to local SMS and Zalo gateway sandboxes.</summary>
public class NotificationChannelTests(NotificationChannelsFixture servers) : IClassFixture<NotificationChannelsFixture>
{
    public static TheoryData<string> Providers => TestApp.Providers;

    public static TheoryData<string, NotificationChannel> ProvidersAndGateways
    {
        get
        {
            var data = new TheoryData<string, NotificationChannel>();
            foreach (var provider in TestApp.Providers)
            {
                data.Add(provider, NotificationChannel.Sms);
                data.Add(provider, NotificationChannel.Zalo);
            }

            return data;
        }
    }

    private static async Task<(long Id, string Key)> EnqueueAsync(TestApp app, NotificationChannel channel, string recipient, string subject, string body)
    {
        var key = "test-channel-" + Guid.NewGuid().ToString("N");
        var id = await app.ExecuteDbAsync(async db =>
        {
            var message = db.Enqueue(TimeProvider.System, channel, recipient, subject, body, key);
            await db.SaveChangesAsync();
            return message.Id;
        });
        return (id, key);
    }

    private static string UniquePhone() => "09" + Random.Shared.NextInt64(10_000_000, 99_999_999).ToString(System.Globalization.CultureInfo.InvariantCulture);

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task Email_ArrivesAtTheSmtpServer_WithItsVietnameseSubjectAndBodyIntact(string provider)
    {
        var app = await servers.AppAsync(provider);
        var token = Guid.NewGuid().ToString("N")[..8];
        var subject = $"Nhắc nộp báo cáo tháng 3/2026 — Xã Ea Trang [{token}]";
        const string body = "Kính gửi cán bộ xã,\nbáo cáo tháng này cần nộp trước ngày 20. Trân trọng cảm ơn!";
        var (id, key) = await EnqueueAsync(app, NotificationChannel.Email, "can.bo.xa@example.vn", subject, body);

        var report = await OutboxDispatcherTests.DispatchAsync(app, id);

        report.Delivered.ShouldBe(1);
        var mail = servers.Smtp.MessagesWithSubjectContaining(token).ShouldHaveSingleItem();
        mail.Subject.ShouldBe(subject);
        mail.TextBody.ShouldNotBeNull().ReplaceLineEndings("\n").TrimEnd('\n').ShouldBe(body);
        mail.To.Mailboxes.ShouldHaveSingleItem().Address.ShouldBe("can.bo.xa@example.vn");
        mail.From.Mailboxes.ShouldHaveSingleItem().Name.ShouldBe("Bình dân học vụ số");
        mail.MessageId.ShouldBe(SmtpNotificationSender.MessageIdFor(key, "hocvuso.test"));
        mail.Headers[SmtpNotificationSender.IdempotencyHeader].ShouldBe(key);
        (await OutboxDispatcherTests.ReadAsync(app, id)).Status.ShouldBe(OutboxStatus.Delivered);
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task Email_WhileTheSmtpServerIsDown_IsRetriedWithBackoff_AndArrivesOnceItIsBack(string provider)
    {
        var app = await servers.AppAsync(provider);
        var token = Guid.NewGuid().ToString("N")[..8];
        var (id, _) = await EnqueueAsync(app, NotificationChannel.Email, "hoc.vien@example.vn", $"Chứng nhận của bạn đã sẵn sàng [{token}]", "Xin chúc mừng!");

        servers.Smtp.Stop();
        OutboxDispatchReport first, second;
        try
        {
            first = await OutboxDispatcherTests.DispatchAsync(app, id);
            await OutboxDispatcherTests.MakeDueAsync(app, id);
            second = await OutboxDispatcherTests.DispatchAsync(app, id);
        }
        finally
        {
            servers.Smtp.Start();
        }

        first.Failed.ShouldBe(1);
        second.Failed.ShouldBe(1);
        var waiting = await OutboxDispatcherTests.ReadAsync(app, id);
        waiting.Status.ShouldBe(OutboxStatus.Pending);
        waiting.Attempts.ShouldBe(2);
        waiting.NextAttemptAt.ShouldBeGreaterThan(DateTime.UtcNow);
        waiting.LastError.ShouldNotBeNull();
        waiting.LastError.ShouldNotContain("hoc.vien");
        servers.Smtp.MessagesWithSubjectContaining(token).ShouldBeEmpty();

        (await OutboxDispatcherTests.DispatchAsync(app, id)).Handled.ShouldBe(0, "not due before its back-off has passed");
        await OutboxDispatcherTests.MakeDueAsync(app, id);
        (await OutboxDispatcherTests.DispatchAsync(app, id)).Delivered.ShouldBe(1);
        (await OutboxDispatcherTests.DispatchAsync(app, id)).Handled.ShouldBe(0);

        servers.Smtp.MessagesWithSubjectContaining(token).Count.ShouldBe(1);
        var delivered = await OutboxDispatcherTests.ReadAsync(app, id);
        delivered.Status.ShouldBe(OutboxStatus.Delivered);
        delivered.Attempts.ShouldBe(3);
    }

    [Theory]
    [MemberData(nameof(ProvidersAndGateways))]
    public async Task Gateway_Accepts_TheMessageIsDelivered_UnderTheDocumentedContract(string provider, NotificationChannel channel)
    {
        var app = await servers.AppAsync(provider);
        var sandbox = servers.SandboxOf(channel);
        var phone = UniquePhone();
        var international = "84" + phone[1..];
        const string text = "Lớp học kỹ năng số tối thứ Năm tại nhà văn hóa thôn 2.";
        var (id, key) = await EnqueueAsync(app, channel, phone, "Thông báo lớp học", text);

        (await OutboxDispatcherTests.DispatchAsync(app, id)).Delivered.ShouldBe(1);

        var request = sandbox.RequestsTo(international).ShouldHaveSingleItem();
        request.Method.ShouldBe("POST");
        request.Path.ShouldBe("/" + GatewayNotificationSender.PathFor(channel));
        request.Authorization.ShouldBe("Bearer " + GatewaySandbox.ApiKey);
        request.IdempotencyKey.ShouldBe(key);
        request.ContentType.ShouldStartWith("application/json");
        request.Body.GetProperty("text").GetString().ShouldBe(text);
        request.Body.GetProperty("reference").GetString().ShouldBe(key);
        request.Body.GetProperty("sender").GetString().ShouldBe(channel == NotificationChannel.Zalo ? "oa-1234567890" : "HOCVUSO");
        if (channel == NotificationChannel.Zalo)
        {
            request.Body.GetProperty("title").GetString().ShouldBe("Thông báo lớp học");
        }

        var message = await OutboxDispatcherTests.ReadAsync(app, id);
        message.Status.ShouldBe(OutboxStatus.Delivered);
        message.Attempts.ShouldBe(1);
    }

    [Theory]
    [MemberData(nameof(ProvidersAndGateways))]
    public async Task Gateway_RefusesWith4xx_TheMessageIsDeadLetteredAtOnce_NotRetried(string provider, NotificationChannel channel)
    {
        var app = await servers.AppAsync(provider);
        var sandbox = servers.SandboxOf(channel);
        var phone = UniquePhone();
        var international = "84" + phone[1..];
        sandbox.Script(international, new GatewaySandbox.Answer(422, Error: "recipient_blocked"));
        var (id, _) = await EnqueueAsync(app, channel, phone, "Thông báo", "Nội dung thử.");

        (await OutboxDispatcherTests.DispatchAsync(app, id)).DeadLettered.ShouldBe(1);
        await OutboxDispatcherTests.MakeDueAsync(app, id);
        (await OutboxDispatcherTests.DispatchAsync(app, id)).Handled.ShouldBe(0);

        sandbox.RequestsTo(international).Count.ShouldBe(1);
        var message = await OutboxDispatcherTests.ReadAsync(app, id);
        message.Status.ShouldBe(OutboxStatus.DeadLetter);
        message.Attempts.ShouldBe(1);
        message.LastError.ShouldNotBeNull();
        message.LastError.ShouldContain("422 recipient_blocked");
        message.LastError.ShouldNotContain(international);
        message.LastError.ShouldNotContain(phone[3..]);
    }

    [Theory]
    [MemberData(nameof(ProvidersAndGateways))]
    public async Task Gateway_5xxAndTimeout_AreRetriedWithBackoff_ThenDeliveredOnce(string provider, NotificationChannel channel)
    {
        var app = await servers.AppAsync(provider);
        var sandbox = servers.SandboxOf(channel);
        var phone = UniquePhone();
        var international = "84" + phone[1..];
        // The clients' timeout is 1 s here (NotificationChannelsFixture).
        sandbox.Script(international, new GatewaySandbox.Answer(503, Error: "busy"), new GatewaySandbox.Answer(202, DelayMs: 3000));
        var (id, key) = await EnqueueAsync(app, channel, phone, "Thông báo", "Nội dung thử lại.");

        (await OutboxDispatcherTests.DispatchAsync(app, id)).Failed.ShouldBe(1);
        var afterServerError = await OutboxDispatcherTests.ReadAsync(app, id);
        afterServerError.Status.ShouldBe(OutboxStatus.Pending);
        afterServerError.LastError!.ShouldContain("503 busy");
        afterServerError.NextAttemptAt.ShouldBeGreaterThan(DateTime.UtcNow);

        await OutboxDispatcherTests.MakeDueAsync(app, id);
        (await OutboxDispatcherTests.DispatchAsync(app, id)).Failed.ShouldBe(1);
        var afterTimeout = await OutboxDispatcherTests.ReadAsync(app, id);
        afterTimeout.Status.ShouldBe(OutboxStatus.Pending);
        afterTimeout.Attempts.ShouldBe(2);
        afterTimeout.LastError!.ShouldStartWith("TimeoutException");

        await OutboxDispatcherTests.MakeDueAsync(app, id);
        (await OutboxDispatcherTests.DispatchAsync(app, id)).Delivered.ShouldBe(1);

        var requests = sandbox.RequestsTo(international);
        requests.Count.ShouldBe(3);
        requests.ShouldAllBe(r => r.IdempotencyKey == key);
        var delivered = await OutboxDispatcherTests.ReadAsync(app, id);
        delivered.Status.ShouldBe(OutboxStatus.Delivered);
        delivered.Attempts.ShouldBe(3);
    }

    [Fact]
    public void InternationalPhone_AcceptsVietnameseNumbers_AndRefusesAddresses()
    {
        GatewayNotificationSender.InternationalPhone("0912 345 678").ShouldBe("84912345678");
        GatewayNotificationSender.InternationalPhone("+84 912-345-678").ShouldBe("84912345678");
        GatewayNotificationSender.InternationalPhone("a@b.vn").ShouldBeNull();
        GatewayNotificationSender.InternationalPhone("12345").ShouldBeNull();
        GatewayNotificationSender.InternationalPhone(null).ShouldBeNull();
    }
}
