using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using HocVuSo.Core.Features.Certification;
using HocVuSo.Core.Features.Messaging;
using HocVuSo.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using static HocVuSo.Tests.Features.Certification.CertificationHelpers;

namespace HocVuSo.Tests.Features.Certification;

/// <summary>The certification rule, its evidence, sign-off, idempotence, and the outbox message written with it.</summary>
public class CertificationFlowTests
{
    public static TheoryData<string> Providers => TestApp.Providers;

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task UnassistedPass_Certifies_WithEvidence_AndEnqueuesOneConfirmation(string provider)
    {
        var app = await TestApp.GetAsync(provider);
        var (learner, userName) = await app.CreateLearnerAsync("24445-004");
        (await MyCertificationAsync(learner)).GetProperty("status").GetString().ShouldBe("none");
        var number = NewNumber();
        (await learner.PutAsJsonAsync("/api/v1/identity/me", new { cccd = number, birthYear = 1985, gender = "nữ" })).EnsureSuccessStatusCode();

        var attemptId = await PassFinalAsync(app, learner);

        var me = await MyCertificationAsync(learner);
        me.GetProperty("certified").GetBoolean().ShouldBeTrue();
        me.GetProperty("status").GetString().ShouldBe("certified");
        me.GetProperty("ruleVersion").GetString().ShouldBe("v1-2026");
        me.GetProperty("vneidConfirmedAt").ValueKind.ShouldBe(JsonValueKind.Null);
        var serial = me.GetProperty("certificateSerial").GetString()!;
        CertificateSerials.IsWellFormed(serial).ShouldBeTrue(serial);
        var userId = await UserIdAsync(app, userName);
        var row = await app.ExecuteDbAsync(db => db.Certifications.AsNoTracking().SingleAsync(c => c.UserId == userId));
        row.EvidenceAttemptIds.ShouldBe([attemptId]);
        row.Assisted.ShouldBeFalse();
        row.UnitPath.ShouldBe("/66/24445/24445-004/");
        row.CommuneCode.ShouldBe("24445");
        row.MaskedIdNumber.ShouldBe("066•••••••" + number[^2..]);
        var message = (await app.ExecuteDbAsync(db => db.OutboxMessages.AsNoTracking().Where(m => m.Reference == serial).ToListAsync())).ShouldHaveSingleItem();
        message.Type.ShouldBe(VneidConfirmationMessage.Type);
        message.IdempotencyKey.ShouldBe("vneid-confirmation:" + serial);
        message.Payload.ShouldNotContain(number);
        message.Payload.ShouldNotContain("Người Học Thử");
        message.ReadPayload<VneidConfirmationMessage.Payload>().ShouldBe(new VneidConfirmationMessage.Payload(row.Id, serial));
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task RepeatedAndConcurrentEvaluations_CertifyOnce(string provider)
    {
        var app = await TestApp.GetAsync(provider);
        var (learner, userName) = await app.CreateLearnerAsync();
        await PassFinalAsync(app, learner);
        var userId = await UserIdAsync(app, userName);
        var serial = (await MyCertificationAsync(learner)).GetProperty("certificateSerial").GetString();

        await PassFinalAsync(app, learner);
        var evaluations = Enumerable.Range(0, 6).Select(async _ =>
        {
            await using var scope = app.Services.CreateAsyncScope();
            return await scope.ServiceProvider.GetRequiredService<EvaluateCertification.Handler>().HandleAsync(new EvaluateCertification.Command(userId), CancellationToken.None);
        });
        var results = await Task.WhenAll(evaluations);
        (await learner.PostAsync("/api/v1/certification/me/evaluate", null)).StatusCode.ShouldBe(HttpStatusCode.OK);

        results.ShouldAllBe(r => r != null && r.Serial == serial);
        (await app.ExecuteDbAsync(db => db.Certifications.CountAsync(c => c.UserId == userId))).ShouldBe(1);
        (await app.ExecuteDbAsync(db => db.OutboxMessages.CountAsync(m => m.Reference == serial))).ShouldBe(1);
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task ConcurrentFirstEvaluations_MeetTheUniqueIndex_AndLeaveOneCertificationAndOneMessage(string provider)
    {
        var app = await TestApp.GetAsync(provider);
        var (learner, userName) = await app.CreateLearnerAsync();
        var userId = await UserIdAsync(app, userName);
        // Graded without the hook: the row is written directly, then many evaluations race for the first certification.
        await PassFinalAsync(app, learner);
        await app.ExecuteDbAsync(async db =>
        {
            var serials = await db.Certifications.Where(c => c.UserId == userId).Select(c => c.Serial).ToListAsync();
            await db.OutboxMessages.Where(m => serials.Contains(m.Reference)).ExecuteDeleteAsync();
            return await db.Certifications.Where(c => c.UserId == userId).ExecuteDeleteAsync();
        });

        var results = await Task.WhenAll(Enumerable.Range(0, 5).Select(async _ =>
        {
            await using var scope = app.Services.CreateAsyncScope();
            return await scope.ServiceProvider.GetRequiredService<EvaluateCertification.Handler>().HandleAsync(new EvaluateCertification.Command(userId), CancellationToken.None);
        }));

        var row = await app.ExecuteDbAsync(db => db.Certifications.AsNoTracking().SingleAsync(c => c.UserId == userId));
        results.ShouldAllBe(r => r != null && r.Serial == row.Serial);
        (await app.ExecuteDbAsync(db => db.OutboxMessages.CountAsync(m => m.Reference == row.Serial))).ShouldBe(1);
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task AssistedOnlyPass_AwaitsSignOff_ThenASecondUnassistedPassCertifies(string provider)
    {
        var app = await TestApp.GetAsync(provider);
        var (learner, userName) = await app.CreateLearnerAsync();
        var first = await PassFinalAsync(app, learner, assisted: true);

        var me = await MyCertificationAsync(learner);
        me.GetProperty("status").GetString().ShouldBe("awaiting-sign-off");
        me.GetProperty("certified").GetBoolean().ShouldBeFalse();
        me.GetProperty("certificateSerial").ValueKind.ShouldBe(JsonValueKind.Null);
        var userId = await UserIdAsync(app, userName);
        var awaiting = await app.ExecuteDbAsync(db => db.Certifications.AsNoTracking().SingleAsync(c => c.UserId == userId));
        awaiting.Serial.ShouldBeNull();
        (await app.ExecuteDbAsync(db => db.OutboxMessages.CountAsync(m => m.Payload.Contains("\"certificationId\":" + awaiting.Id.ToString(System.Globalization.CultureInfo.InvariantCulture) + ",")))).ShouldBe(0);

        var second = await PassFinalAsync(app, learner);

        me = await MyCertificationAsync(learner);
        me.GetProperty("status").GetString().ShouldBe("certified");
        var row = await app.ExecuteDbAsync(db => db.Certifications.AsNoTracking().SingleAsync(c => c.UserId == userId));
        row.EvidenceAttemptIds.ShouldBe([first, second]);
        row.Assisted.ShouldBeTrue();
        (await app.ExecuteDbAsync(db => db.OutboxMessages.CountAsync(m => m.Reference == row.Serial))).ShouldBe(1);
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task OfficerSignOff_CertifiesAnAssistedOnlyLearner_AndIsAudited_OnlyInScope(string provider)
    {
        var app = await TestApp.GetAsync(provider);
        var (learner, userName) = await app.CreateLearnerAsync();
        await PassFinalAsync(app, learner, assisted: true);
        var outsider = await app.CreateClientAsync("officer.bacninh");
        var officer = await app.CreateClientAsync("officer.eatrang");

        (await outsider.PostAsJsonAsync($"/api/v1/certification/users/{userName}/sign-off", new { note = "x" })).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await learner.PostAsJsonAsync($"/api/v1/certification/users/{userName}/sign-off", new { })).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        var signed = await officer.PostAsJsonAsync($"/api/v1/certification/users/{userName}/sign-off", new { note = "Đã kiểm tra trực tiếp tại nhà văn hóa." });
        var again = await officer.PostAsJsonAsync($"/api/v1/certification/users/{userName}/sign-off", new { });

        signed.StatusCode.ShouldBe(HttpStatusCode.OK);
        again.StatusCode.ShouldBe(HttpStatusCode.Conflict);
        var me = await MyCertificationAsync(learner);
        me.GetProperty("status").GetString().ShouldBe("certified");
        var serial = me.GetProperty("certificateSerial").GetString();
        var userId = await UserIdAsync(app, userName);
        var row = await app.ExecuteDbAsync(db => db.Certifications.AsNoTracking().SingleAsync(c => c.UserId == userId));
        row.SignedOffByUserId.ShouldNotBeNull();
        row.Assisted.ShouldBeTrue();
        (await app.ExecuteDbAsync(db => db.OutboxMessages.CountAsync(m => m.Reference == serial))).ShouldBe(1);
        var audit = (await app.ExecuteDbAsync(db => db.AuditEntries.AsNoTracking()
            .Where(a => a.Action == CertificationAuditActions.SignedOff && a.EntityKey == row.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)).ToListAsync())).ShouldHaveSingleItem();
        audit.ActorName.ShouldBe("officer.eatrang");
        audit.Reason.ShouldBe("Đã kiểm tra trực tiếp tại nhà văn hóa.");
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task FailedAttempt_CertifiesNothing_AndWritesNoMessage(string provider)
    {
        var app = await TestApp.GetAsync(provider);
        var (learner, userName) = await app.CreateLearnerAsync();
        await PassFinalAsync(app, learner, pass: false);
        var userId = await UserIdAsync(app, userName);

        (await MyCertificationAsync(learner)).GetProperty("status").GetString().ShouldBe("none");
        (await app.ExecuteDbAsync(db => db.Certifications.CountAsync(c => c.UserId == userId))).ShouldBe(0);
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task CertificationThatFailsToSave_LeavesNoOutboxMessage(string provider)
    {
        var app = await TestApp.GetAsync(provider);
        var (learner, userName) = await app.CreateLearnerAsync();
        await PassFinalAsync(app, learner, assisted: true);
        var userId = await UserIdAsync(app, userName);
        string? serial;

        // The sign-off's save fails (the row changed underneath it): neither the certificate nor its message is kept.
        await using (var scope = app.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<Core.Data.AppDbContext>();
            var row = await db.Certifications.SingleAsync(c => c.UserId == userId);
            await app.ExecuteDbAsync(other => other.Certifications.Where(c => c.Id == row.Id).ExecuteUpdateAsync(s => s.SetProperty(c => c.Revision, c => c.Revision + 10)));
            await scope.ServiceProvider.GetRequiredService<CertificateIssuer>().IssueAsync(row, CancellationToken.None);
            serial = row.Serial;
            row.Revision++;
            await Should.ThrowAsync<DbUpdateConcurrencyException>(() => db.SaveChangesAsync());
        }

        serial.ShouldNotBeNull();
        (await app.ExecuteDbAsync(db => db.OutboxMessages.CountAsync(m => m.Reference == serial))).ShouldBe(0);
        (await app.ExecuteDbAsync(db => db.Certifications.AsNoTracking().SingleAsync(c => c.UserId == userId))).Serial.ShouldBeNull();
    }
}
