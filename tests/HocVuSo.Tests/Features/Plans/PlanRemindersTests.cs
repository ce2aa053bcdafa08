using System.Text.Json;
using HocVuSo.Core.Common;
using HocVuSo.Core.Features.Accounts;
using HocVuSo.Core.Features.Messaging;
using HocVuSo.Core.Features.Plans;
using HocVuSo.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace HocVuSo.Tests.Features.Plans;

/// <summary>Task reminders and escalation through the outbox: to the lead body before the deadline and when late, to the commune's officers after some days late; once a day.</summary>
public class PlanRemindersTests
{
    public static TheoryData<string> Providers => TestApp.Providers;

    /// <summary>A plan year no other test uses, so this test's plan is the only one its run reads.</summary>
    private const int Year = 2091;

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task Reminders_GoToTheLeadBodyBeforeAndAfterTheDeadline_EscalateAfterMDaysLate_AndOncePerDay(string provider)
    {
        var app = await TestApp.GetAsync(provider);
        var today = DateOnly.FromDateTime(DateTime.UtcNow.AddHours(7));
        var email = $"lead-{Guid.NewGuid():N}@example.org";
        var ids = await app.ExecuteDbAsync(async db =>
        {
            var commune = await db.Units.AsNoTracking().SingleAsync(u => u.Code == "24445");
            var lead = new Organisation { UnitId = commune.Id, UnitPath = commune.Path, Kind = OrganisationKind.Agency, Name = "Phòng thử nhắc việc " + email[5..13], ContactEmail = email };
            db.Organisations.Add(lead);
            await db.SaveChangesAsync();
            var plan = new Plan { UnitId = commune.Id, UnitPath = commune.Path, Year = Year, Number = "99/KH-UBND", Title = "Kế hoạch thử nhắc việc", IssuingBody = "UBND xã Ea Trang", Status = PlanStatus.Issued };
            var section = new PlanSection { Number = "1", Title = "Nhắc việc", Position = 1 };
            plan.Sections.Add(section);
            PlanTask Add(string number, DateOnly due, ScheduleKind schedule = ScheduleKind.ByDate)
            {
                var task = new PlanTask { Number = number, Title = "Nhiệm vụ " + number, LeadOrganisationId = lead.Id, Schedule = schedule, DueOn = due, Position = section.Tasks.Count + 1 };
                section.Tasks.Add(task);
                plan.Tasks.Add(task);
                return task;
            }

            var dueSoon = Add("1", today.AddDays(3));
            var late = Add("2", today.AddDays(-2));
            var longLate = Add("3", today.AddDays(-10));
            var far = Add("4", today.AddDays(20));
            var done = Add("5", today.AddDays(-10));
            var regular = Add("6", today.AddDays(-10), ScheduleKind.Regular);
            done.Updates.Add(new TaskUpdate { Text = "Đã xong", Date = today.AddDays(-12), Completes = true, At = DateTime.UtcNow });
            db.Plans.Add(plan);
            await db.SaveChangesAsync();
            return new[] { dueSoon.Id, late.Id, longLate.Id, far.Id, done.Id, regular.Id };
        });

        var first = await RunAsync(app, new SendPlanReminders.Command(DaysBefore: 7, EscalateAfter: 7, Year: Year));
        first.Plans.ShouldBe(1);
        first.DueSoon.ShouldBe(1);
        first.Late.ShouldBe(2);
        first.Escalated.ShouldBe(1);

        var messages = await MessagesAsync(app, ids);
        var toLead = messages.Where(m => m.Recipient == email).ToList();
        toLead.Select(m => m.TaskId).ShouldBe([ids[0], ids[1], ids[2]], ignoreOrder: true);
        toLead.Single(m => m.TaskId == ids[0]).Key.ShouldContain(":due:");
        toLead.Single(m => m.TaskId == ids[0]).Body.ShouldContain(VietnameseFormat.Date(today.AddDays(3)));
        toLead.Single(m => m.TaskId == ids[1]).Subject.ShouldContain("chậm tiến độ");
        var escalation = messages.Where(m => m.Key.StartsWith("plan-escalation:", StringComparison.Ordinal)).ToList();
        escalation.ShouldNotBeEmpty();
        escalation.ShouldAllBe(m => m.TaskId == ids[2]);
        escalation.Select(m => m.Recipient).ShouldContain("officer.eatrang@demo.hocvuso.vn");
        escalation[0].Body.ShouldContain("10 ngày");
        escalation[0].Body.ShouldContain("Phòng thử nhắc việc");
        first.Enqueued.ShouldBe(toLead.Count + escalation.Count);

        // Again the same day: nothing more.
        var second = await RunAsync(app, new SendPlanReminders.Command(DaysBefore: 7, EscalateAfter: 7, Year: Year));
        second.Enqueued.ShouldBe(0);
        second.AlreadySent.ShouldBe(first.Enqueued);
        (await MessagesAsync(app, ids)).Count.ShouldBe(messages.Count);

        // A number of days out of range is refused.
        await using var scope = app.Services.CreateAsyncScope();
        var handler = scope.ServiceProvider.GetRequiredService<SendPlanReminders.Handler>();
        var bad = await handler.HandleAsync(new SendPlanReminders.Command(DaysBefore: -1, Year: Year), CancellationToken.None);
        bad.IsSuccess.ShouldBeFalse();
        bad.FirstError.Code.ShouldBe("plans.remind_days_invalid");
    }

    [Fact]
    public async Task PlansRemind_IsAVerbOfTheExecutable_AndReportsWhatItEnqueued()
    {
        HocVuSo.Web.Cli.CommandLine.IsVerb("plans").ShouldBeTrue();
        HocVuSo.Web.Cli.CommandLine.IsVerb("--urls").ShouldBeFalse();
        await using var platform = new PlatformProcess();
        await platform.RunCommandAsync("migrate");

        var output = await platform.RunCommandAsync("plans", "remind", "--days-before", "3", "--year", "2091");

        output.ShouldContain("0 plans: 0 tasks due soon, 0 late, 0 escalated; reminders enqueued: 0");
    }

    private static async Task<PlanRemindersResult> RunAsync(TestApp app, SendPlanReminders.Command command)
    {
        await using var scope = app.Services.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<ScopeService>().UseSystemScope();
        var result = await scope.ServiceProvider.GetRequiredService<SendPlanReminders.Handler>().HandleAsync(command, CancellationToken.None);
        result.IsSuccess.ShouldBeTrue();
        return result.Value!;
    }

    private sealed record Sent(string Key, int TaskId, string Recipient, string Subject, string Body);

    private static async Task<List<Sent>> MessagesAsync(TestApp app, int[] taskIds)
    {
        var prefixes = taskIds.SelectMany(id => new[] { $"plan-reminder:{id}:", $"plan-escalation:{id}:" }).ToList();
        var all = await app.ExecuteDbAsync(db => db.OutboxMessages.AsNoTracking()
            .Where(m => m.Type == NotificationEmail.Type && (m.IdempotencyKey.StartsWith("plan-reminder:") || m.IdempotencyKey.StartsWith("plan-escalation:")))
            .Select(m => new { m.IdempotencyKey, m.Payload }).ToListAsync());
        return all.Where(m => prefixes.Any(p => m.IdempotencyKey.StartsWith(p, StringComparison.Ordinal)))
            .Select(m =>
            {
                var payload = JsonSerializer.Deserialize<JsonElement>(m.Payload);
                return new Sent(m.IdempotencyKey, int.Parse(m.IdempotencyKey.Split(':')[1], System.Globalization.CultureInfo.InvariantCulture),
                    payload.GetProperty("recipient").GetString()!, payload.GetProperty("subject").GetString()!, payload.GetProperty("body").GetString()!);
            })
            .ToList();
    }
}
