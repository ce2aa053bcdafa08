using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using HocVuSo.Core.Features.Certification;
using HocVuSo.Core.Features.Messaging;
using HocVuSo.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace HocVuSo.Tests.Features.Certification;

/// <summary>
/// The real executable with the outbox worker and the VNeID sandbox on: a learner passes the final
/// assessment over HTTP, the sandbox holds the confirmation call open ("timeout": it records the
/// call, then does not answer), the process is killed with SIGKILL in the middle of that delivery,
/// and a restart on the same SQLite file delivers the confirmation. VNeID keeps exactly one record
/// for the certificate (received twice: the call held open and the redelivery), the learner is
/// confirmed, and further kills and restarts send nothing more. A second learner's confirmation,
/// refused with 500s until a kill, reaches VNeID once after the restart (received once).
/// </summary>
public class CertificationProcessKillTests
{
    private const string VneidMessage = "vneid.confirmation";

    [Fact]
    public async Task CertificationCommittedBeforeAKill_IsConfirmedOnVneidExactlyOnce_AfterRestart()
    {
        await using var platform = new PlatformProcess(new Dictionary<string, string>
        {
            ["ASPNETCORE_ENVIRONMENT"] = "Staging",
            ["Vneid__Sandbox__Enabled"] = "true",
            ["Vneid__Sandbox__TimeoutDelaySeconds"] = "120",
            ["Vneid__TimeoutSeconds"] = "4",
            ["Outbox__WorkerEnabled"] = "true",
            ["Outbox__PollInterval"] = "00:00:00.300",
            ["Outbox__Lease"] = "00:00:05",
            ["Outbox__BackoffBase"] = "00:00:01",
            ["Outbox__BackoffMax"] = "00:00:02",
        });
        await platform.RunCommandAsync("seed-demo", "--password", TestApp.Password);
        await platform.StartAsync();

        // The demo's pending confirmations are delivered first (normal sandbox), so the worker is idle when the sandbox hangs.
        // Tried is not enough: the first tries may meet a refused connection while the server is still starting, and a demo
        // message left pending would then time out against the hanging sandbox again and again; with the connection failures
        // that opens VNeID's circuit breaker, and this learner's confirmation would wait behind it instead of reaching VNeID.
        (await PlatformProcess.EventuallyAsync(async () => !await AnyPendingConfirmationAsync(platform), TimeSpan.FromSeconds(90))).ShouldBeTrue(platform.Output);
        using (var control = platform.CreateClient())
        {
            (await control.PostAsJsonAsync("/sandbox/vneid/switches", new { mode = "timeout" })).EnsureSuccessStatusCode();
        }

        // A learner with a recorded identification number passes the final assessment: certification and outbox row commit together.
        var number = CertificationHelpers.NewNumber();
        using var learner = await SignInAsync(platform, "learner");
        (await learner.PutAsJsonAsync("/api/v1/identity/me", new { cccd = number, birthYear = 1985, gender = "nữ" })).EnsureSuccessStatusCode();
        await PassFinalAsync(platform, learner);
        var me = await learner.GetFromJsonAsync<JsonElement>("/api/v1/certification/me");
        me.GetProperty("certified").GetBoolean().ShouldBeTrue();
        var serial = me.GetProperty("certificateSerial").GetString()!;
        me.GetProperty("vneidConfirmedAt").ValueKind.ShouldBe(JsonValueKind.Null);
        var key = "vneid-confirmation:" + serial;

        // The sandbox has the call and holds it open; the platform is killed before any acknowledgement arrives.
        (await PlatformProcess.EventuallyAsync(async () => (await ReceivedAsync(platform, serial)).Length == 1, TimeSpan.FromSeconds(90))).ShouldBeTrue(platform.Output);
        platform.Kill();
        var beforeRestart = await MessageAsync(platform, serial);
        beforeRestart.Status.ShouldBe(OutboxStatus.Pending, platform.Output);
        beforeRestart.DeliveredAt.ShouldBeNull();
        beforeRestart.IdempotencyKey.ShouldBe(key);
        (await CertificationAsync(platform, serial)).VneidConfirmedAt.ShouldBeNull("no acknowledgement came back before the kill");

        // Restart on the same file: the switch lived in memory, so the sandbox answers normally; the lease lapses and the message goes again.
        await platform.StartAsync();
        (await PlatformProcess.EventuallyAsync(async () => (await MessageAsync(platform, serial)).Status == OutboxStatus.Delivered, TimeSpan.FromSeconds(60))).ShouldBeTrue(platform.Output);
        var delivered = await MessageAsync(platform, serial);
        var record = (await ReceivedAsync(platform, serial)).ShouldHaveSingleItem();
        record.GetProperty("idempotencyKey").GetString().ShouldBe(key);
        // The call held open before the kill and the redelivery after it: one record, received twice, acknowledged once.
        record.GetProperty("receivedCount").GetInt32().ShouldBe(2);
        var certification = await CertificationAsync(platform, serial);
        certification.VneidConfirmedAt.ShouldNotBeNull();
        certification.VneidAcknowledgementId.ShouldBe(record.GetProperty("acknowledgementId").GetString());
        using (var again = await SignInAsync(platform, "learner"))
        {
            var confirmed = await again.GetFromJsonAsync<JsonElement>("/api/v1/certification/me");
            confirmed.GetProperty("certificateSerial").GetString().ShouldBe(serial);
            confirmed.GetProperty("vneidConfirmedAt").GetDateTime().ShouldBe(certification.VneidConfirmedAt.Value, TimeSpan.FromMilliseconds(1));
        }

        // Kill and restart once more, with VNeID answering 500 this time: the delivered message is not sent again, and a second
        // learner's confirmation, which never reaches VNeID before a further kill, is recorded once (received once) after it.
        platform.Kill();
        await platform.StartAsync();
        using (var control = platform.CreateClient())
        {
            (await control.PostAsJsonAsync("/sandbox/vneid/switches", new { mode = "error500" })).EnsureSuccessStatusCode();
        }

        var secondNumber = CertificationHelpers.NewNumber();
        using var second = await SignInAsync(platform, "hocvien01.eatrang");
        (await second.PutAsJsonAsync("/api/v1/identity/me", new { cccd = secondNumber, birthYear = 1985, gender = "nữ" })).EnsureSuccessStatusCode();
        await PassFinalAsync(platform, second);
        var secondSerial = (await second.GetFromJsonAsync<JsonElement>("/api/v1/certification/me")).GetProperty("certificateSerial").GetString()!;
        (await PlatformProcess.EventuallyAsync(async () => (await MessageAsync(platform, secondSerial)).Attempts >= 2, TimeSpan.FromSeconds(30))).ShouldBeTrue(platform.Output);
        platform.Kill();
        var failed = await MessageAsync(platform, secondSerial);
        failed.Status.ShouldBe(OutboxStatus.Pending);
        failed.LastError.ShouldNotBeNull().ShouldContain("500");
        (await CertificationAsync(platform, secondSerial)).VneidConfirmedAt.ShouldBeNull();

        await platform.StartAsync();
        (await PlatformProcess.EventuallyAsync(async () => (await MessageAsync(platform, secondSerial)).Status == OutboxStatus.Delivered, TimeSpan.FromSeconds(30))).ShouldBeTrue(platform.Output);
        var secondRecord = (await ReceivedAsync(platform, secondSerial)).ShouldHaveSingleItem();
        secondRecord.GetProperty("receivedCount").GetInt32().ShouldBe(1);
        (await CertificationAsync(platform, secondSerial)).VneidAcknowledgementId.ShouldBe(secondRecord.GetProperty("acknowledgementId").GetString());
        (await ReceivedAsync(platform, serial)).ShouldHaveSingleItem().GetProperty("receivedCount").GetInt32().ShouldBe(2);
        platform.Kill();

        var final = await MessageAsync(platform, serial);
        final.Status.ShouldBe(OutboxStatus.Delivered);
        final.Attempts.ShouldBe(delivered.Attempts);
        final.DeliveredAt.ShouldBe(delivered.DeliveredAt);
        var unchanged = await CertificationAsync(platform, serial);
        unchanged.VneidConfirmedAt.ShouldBe(certification.VneidConfirmedAt);
        unchanged.VneidAcknowledgementId.ShouldBe(certification.VneidAcknowledgementId);
        (await CountMessagesAsync(platform, serial)).ShouldBe(1);
        platform.Output.ShouldNotContain(number);
        platform.Output.ShouldNotContain(secondNumber);
    }

    private static async Task<HttpClient> SignInAsync(PlatformProcess platform, string userName)
    {
        var client = platform.CreateClient();
        var response = await client.PostAsJsonAsync("/api/v1/auth/token", new { userName, password = TestApp.Password });
        response.EnsureSuccessStatusCode();
        var token = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("accessToken").GetString();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client;
    }

    /// <summary>Learns the basic course over HTTP in the learning order, then takes its final assessment, answering with the answer key from the database.</summary>
    private static async Task PassFinalAsync(PlatformProcess platform, HttpClient learner)
    {
        int quizId;
        await using (var db = platform.OpenDatabase())
        {
            quizId = await db.Quizzes
                .Where(q => q.Slug == "final" && q.CourseVersion!.Course!.Slug == "ky-nang-so-co-ban" && q.CourseVersion.Course.CurrentVersionId == q.CourseVersionId)
                .Select(q => q.Id).SingleAsync();
        }

        async Task<object[]> AnswerKey(Guid attemptId)
        {
            await using var db = platform.OpenDatabase();
            return await LearnerJourney.RightAnswersAsync(db, attemptId);
        }

        await LearnerJourney.CompleteModulesAsync(AnswerKey, learner);
        (await LearnerJourney.TakeQuizAsync(AnswerKey, learner, quizId)).Result.GetProperty("passed").GetBoolean().ShouldBeTrue();
    }

    private static async Task<JsonElement[]> ReceivedAsync(PlatformProcess platform, string serial)
    {
        using var http = platform.CreateClient();
        return (await http.GetFromJsonAsync<JsonElement[]>($"/sandbox/vneid/api/confirmations?certificateSerial={serial}"))!;
    }

    private static async Task<bool> AnyPendingConfirmationAsync(PlatformProcess platform)
    {
        await using var db = platform.OpenDatabase();
        return await db.OutboxMessages.AnyAsync(m => m.Type == VneidMessage && m.Status == OutboxStatus.Pending);
    }

    private static async Task<OutboxMessage> MessageAsync(PlatformProcess platform, string serial)
    {
        await using var db = platform.OpenDatabase();
        return await db.OutboxMessages.AsNoTracking().SingleAsync(m => m.Type == VneidMessage && m.Reference == serial);
    }

    private static async Task<int> CountMessagesAsync(PlatformProcess platform, string serial)
    {
        await using var db = platform.OpenDatabase();
        return await db.OutboxMessages.CountAsync(m => m.Reference == serial);
    }

    private static async Task<PersonCertification> CertificationAsync(PlatformProcess platform, string serial)
    {
        await using var db = platform.OpenDatabase();
        return await db.Certifications.AsNoTracking().SingleAsync(c => c.Serial == serial);
    }
}
