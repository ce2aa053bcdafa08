using System.Net.Http.Json;
using System.Text.Json;
using HocVuSo.Core.Features.Messaging;
using HocVuSo.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using static HocVuSo.Tests.Features.Certification.CertificationHelpers;

namespace HocVuSo.Tests.Features.Certification;

/// <summary>
/// A certification's confirmation delivered by the outbox dispatcher through the real HTTP client to
/// the sandbox answering "duplicateAck" (409 already_recorded, as if VNeID had it before): the
/// learner is confirmed once, and a redelivery of the same message changes nothing.
/// </summary>
public class VneidSandboxDeliveryTests
{
    public static TheoryData<string> Providers => TestApp.Providers;

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task DuplicateAcknowledgement_ConfirmsOnce_AndARedeliveryChangesNothing(string provider)
    {
        var app = await TestApp.GetAsync(provider);
        var (learner, _) = await app.CreateLearnerAsync("24445-004");
        (await learner.PutAsJsonAsync("/api/v1/identity/me", new { cccd = NewNumber(), birthYear = 1985, gender = "nữ" })).EnsureSuccessStatusCode();
        await PassFinalAsync(app, learner);
        var serial = (await MyCertificationAsync(learner)).GetProperty("certificateSerial").GetString()!;
        var key = "vneid-confirmation:" + serial;
        var id = await app.ExecuteDbAsync(db => db.OutboxMessages.Where(m => m.IdempotencyKey == key).Select(m => m.Id).SingleAsync());
        await SwitchAsync(app, "duplicateAck", key);
        try
        {
            await DispatchAsync(app, id);

            var message = await app.ExecuteDbAsync(db => db.OutboxMessages.AsNoTracking().SingleAsync(m => m.Id == id));
            message.Status.ShouldBe(OutboxStatus.Delivered, message.LastError);
            message.Attempts.ShouldBe(1);
            var record = (await ReceivedAsync(app, key)).ShouldHaveSingleItem();
            record.GetProperty("receivedCount").GetInt32().ShouldBe(1);
            var confirmed = await app.ExecuteDbAsync(db => db.Certifications.AsNoTracking().SingleAsync(c => c.Serial == serial));
            confirmed.VneidConfirmedAt.ShouldNotBeNull("an already-recorded acknowledgement is an acknowledgement");
            confirmed.VneidAcknowledgementId.ShouldBe(record.GetProperty("acknowledgementId").GetString());

            // The same message again (at-least-once delivery: a lease taken over, an administrator's retry): nothing changes.
            await app.ExecuteDbAsync(db => db.OutboxMessages.Where(m => m.Id == id).ExecuteUpdateAsync(s => s
                .SetProperty(m => m.Status, OutboxStatus.Pending)
                .SetProperty(m => m.DeliveredAt, (DateTime?)null)
                .SetProperty(m => m.NextAttemptAt, DateTime.UtcNow.AddSeconds(-1))));
            await DispatchAsync(app, id);

            (await app.ExecuteDbAsync(db => db.OutboxMessages.AsNoTracking().SingleAsync(m => m.Id == id))).Status.ShouldBe(OutboxStatus.Delivered);
            var after = await app.ExecuteDbAsync(db => db.Certifications.AsNoTracking().SingleAsync(c => c.Serial == serial));
            after.VneidConfirmedAt.ShouldBe(confirmed.VneidConfirmedAt);
            after.VneidAcknowledgementId.ShouldBe(confirmed.VneidAcknowledgementId);
            after.Revision.ShouldBe(confirmed.Revision);
            (await ReceivedAsync(app, key)).ShouldHaveSingleItem().GetProperty("receivedCount").GetInt32().ShouldBe(1, "a confirmed learner is not sent again");
            (await MyCertificationAsync(learner)).GetProperty("vneidConfirmedAt").GetDateTime().ShouldBe(confirmed.VneidConfirmedAt.Value, TimeSpan.FromMilliseconds(1));
        }
        finally
        {
            await SwitchAsync(app, "normal", key);
        }
    }

    private static Task DispatchAsync(TestApp app, long id) =>
        app.Services.GetRequiredService<OutboxDispatcher>().DispatchDueAsync([id], CancellationToken.None);

    private static async Task SwitchAsync(TestApp app, string mode, string prefix) =>
        (await app.CreateClient().PostAsJsonAsync("/sandbox/vneid/switches", new { mode, keyPrefix = prefix })).EnsureSuccessStatusCode();

    private static async Task<JsonElement[]> ReceivedAsync(TestApp app, string key) =>
        (await app.CreateClient().GetFromJsonAsync<JsonElement[]>("/sandbox/vneid/api/confirmations?keyPrefix=" + Uri.EscapeDataString(key)))!;
}
