using HocVuSo.Core.Features.Accounts;
using HocVuSo.Core.Features.Audit;
using HocVuSo.Core.Features.Certification;
using HocVuSo.Core.Features.Idempotency;
using HocVuSo.Core.Features.Learning;
using HocVuSo.Core.Features.Messaging;
using HocVuSo.Core.Features.Privacy;
using HocVuSo.Core.Features.Teams;
using HocVuSo.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace HocVuSo.Tests.Features.Privacy;

/// <summary>
/// The retention job deletes, kind by kind, exactly what is past its period and keeps what is not;
/// a second run deletes nothing; only the installation itself may run it; periods too short for
/// the platform's own needs are refused at start.
/// </summary>
public class RetentionTests
{
    public static TheoryData<string> Providers => TestApp.Providers;

    private static async Task<RetentionResult> RunAsync(TestApp app, bool system = true)
    {
        await using var scope = app.Services.CreateAsyncScope();
        if (system)
        {
            scope.ServiceProvider.GetRequiredService<ScopeService>().UseSystemScope();
        }

        var result = await scope.ServiceProvider.GetRequiredService<ApplyRetention.Handler>().HandleAsync(CancellationToken.None);
        if (!system)
        {
            result.IsSuccess.ShouldBeFalse();
            return new RetentionResult(new Dictionary<string, int>());
        }

        result.IsSuccess.ShouldBeTrue();
        return result.Value!;
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task EachKind_PastItsPeriod_IsDeleted_AndTheRestIsKept(string provider)
    {
        // Whole tables are counted: the test has an app of its own.
        await using var app = await TestApp.StartOwnAsync(provider);
        await RunAsync(app); // Whatever the demo holds that is already past its period.
        var (_, learnerName) = await app.CreateLearnerAsync();
        var learnerId = await app.ExecuteDbAsync(db => db.Users.Where(u => u.UserName == app.StoredUserName(learnerName)).Select(u => u.Id).SingleAsync());
        var now = DateTime.UtcNow;
        var old = new Dictionary<string, object>();
        var young = new Dictionary<string, object>();

        await app.ExecuteDbAsync(async db =>
        {
            var activityId = await db.FieldActivities.Select(a => a.Id).FirstAsync();
            AuditEntry Audit(string action, DateTime at) => new() { At = at, Action = action, EntityType = "Test", EntityKey = "retention", ActorName = "test" };
            OutboxMessage Message(OutboxStatus status, DateTime at) => new()
            {
                Type = "test.retention", Payload = "{}", IdempotencyKey = Guid.NewGuid().ToString("N"), Status = status, CreatedAt = at, NextAttemptAt = at,
                LastAttemptAt = at, DeliveredAt = status == OutboxStatus.Delivered ? at : null,
            };
            AccountActivation Activation(DateTime expires) => new() { UserId = learnerId, CodeHash = [1, 2, 3], CreatedAt = expires.AddDays(-2), ExpiresAt = expires };
            StoredResponse Response(DateTime at) => new() { UserId = learnerId, Request = "POST /test", Key = Guid.NewGuid().ToString("N"), StatusCode = 200, Body = [1], CreatedAt = at };
            AssistedSession Session(DateTime at) => new() { HelperUserId = learnerId, LearnerUserId = learnerId, StartedAt = at.AddHours(-1), EndedAt = at };
            ActivityPhoto Photo(DateTime at) => new() { ActivityId = activityId, ContentType = "image/jpeg", Bytes = [0xFF, 0xD8], UploadedByUserId = learnerId, UploadedAt = at };
            VneidSandboxConfirmation Sandbox(DateTime at) => new()
            {
                IdempotencyKey = Guid.NewGuid().ToString("N"), AcknowledgementId = "ack", FirstReceivedAt = at, LastReceivedAt = at, PersonalIdHash = "h", PersonalIdMasked = "066•••••••12",
                FullName = "Người Thử", CertificateSerial = "HVS-2026-TEST-TEST-T", CertifiedOn = new DateOnly(2026, 1, 1), RuleVersion = "v1", CommuneCode = "24445", PayloadHash = "p",
            };

            object[] Pair(string kind, object gone, object kept)
            {
                old[kind] = gone;
                young[kind] = kept;
                return [gone, kept];
            }

            db.AddRange(Pair("sign-in-audit", Audit(AuditActions.SignInFailed, now.AddDays(-366)), Audit(AuditActions.SignInFailed, now.AddDays(-364))));
            db.AddRange(Pair("audit", Audit(AuditActions.BaselineSaved, now.AddDays(-5 * 365 - 1)), Audit(AuditActions.BaselineSaved, now.AddDays(-366))));
            db.AddRange(Pair("delivered-messages", Message(OutboxStatus.Delivered, now.AddDays(-91)), Message(OutboxStatus.Delivered, now.AddDays(-89))));
            db.AddRange(Pair("dead-letters", Message(OutboxStatus.DeadLetter, now.AddDays(-366)), Message(OutboxStatus.DeadLetter, now.AddDays(-364))));
            db.AddRange(Pair("activations", Activation(now.AddDays(-31)), Activation(now.AddDays(-29))));
            db.AddRange(Pair("stored-responses", Response(now.AddDays(-31)), Response(now.AddDays(-29))));
            db.AddRange(Pair("assisted-sessions", Session(now.AddDays(-2 * 365 - 1)), Session(now.AddDays(-2 * 365 + 1))));
            db.AddRange(Pair("activity-photos", Photo(now.AddDays(-3 * 365 - 1)), Photo(now.AddDays(-3 * 365 + 1))));
            db.AddRange(Pair("sandbox-confirmations", Sandbox(now.AddDays(-31)), Sandbox(now.AddDays(-29))));
            // A pending message is never deleted, however old: it has not been delivered yet.
            var pending = Message(OutboxStatus.Pending, now.AddDays(-1000));
            young["pending-message"] = pending;
            db.Add(pending);
            return await db.SaveChangesAsync();
        });

        var result = await RunAsync(app);

        foreach (var kind in ApplyRetention.Kinds)
        {
            result.Deleted[kind].ShouldBe(1, kind);
        }

        await app.ExecuteDbAsync(async db =>
        {
            foreach (var (kind, row) in old)
            {
                (await db.FindAsync(row.GetType(), KeyOf(row))).ShouldBeNull(kind);
            }

            foreach (var (kind, row) in young)
            {
                (await db.FindAsync(row.GetType(), KeyOf(row))).ShouldNotBeNull(kind);
            }

            var entry = await db.AuditEntries.AsNoTracking().SingleAsync(a => a.Action == AuditActions.RetentionApplied && a.At >= now);
            entry.NewValue!.ShouldContain("\"activations\":1");
            return 0;
        });

        (await RunAsync(app)).Total.ShouldBe(0);
    }

    private static object KeyOf(object row) => row switch
    {
        AuditEntry a => a.Id,
        OutboxMessage m => m.Id,
        AccountActivation a => a.Id,
        StoredResponse r => r.Id,
        AssistedSession s => s.Id,
        ActivityPhoto p => p.Id,
        VneidSandboxConfirmation c => c.Id,
        _ => throw new ArgumentOutOfRangeException(nameof(row)),
    };

    [Fact]
    public async Task OnlyTheInstallation_RunsIt()
    {
        var app = await TestApp.GetAsync("Sqlite");
        await RunAsync(app, system: false);
    }

    [Fact]
    public void PeriodsShorterThanThePlatformNeeds_AreRefused()
    {
        var validator = new RetentionOptionsValidator();
        validator.Validate(null, new RetentionOptions()).Succeeded.ShouldBeTrue();
        var failed = validator.Validate(null, new RetentionOptions { Audit = TimeSpan.FromDays(30), StoredResponses = TimeSpan.FromDays(1) });
        failed.Failed.ShouldBeTrue();
        failed.FailureMessage.ShouldContain("Retention:Audit");
        failed.FailureMessage.ShouldContain("Retention:StoredResponses");
    }
}
