using System.Globalization;
using HocVuSo.Core.Common;
using HocVuSo.Core.Data;
using HocVuSo.Core.Features.Accounts;
using HocVuSo.Core.Features.Messaging;
using Microsoft.EntityFrameworkCore;

namespace HocVuSo.Core.Features.Plans;

/// <summary>The words of task reminder e-mails; the web layer supplies them from its resource files.</summary>
public interface IPlanReminderWording
{
    (string Subject, string Body) DueSoon(string unitName, string planNumber, string taskNumber, string taskTitle, DateOnly due);

    (string Subject, string Body) Late(string unitName, string planNumber, string taskNumber, string taskTitle, DateOnly due);

    (string Subject, string Body) Escalation(string unitName, string planNumber, string taskNumber, string taskTitle, string? lead, DateOnly due, int daysLate);
}

public sealed record PlanRemindersResult(int Plans, int DueSoon, int Late, int Escalated, int Enqueued, int AlreadySent, int WithoutAddress);

/// <summary>
/// Reminds the lead bodies of the tasks of issued plans through the notification outbox
/// (<c>notification.email</c>, to the lead organisation's contact e-mail): from
/// <see cref="Command.DaysBefore"/> days before a dated task's deadline until the deadline, and
/// each day while it is late; once a task is <see cref="Command.EscalateAfter"/> days late, the
/// commune's officers (who act for the chairman's office) get an escalation as well. Tasks done,
/// and regular or monthly tasks (judged each month, without a deadline), are left alone. The
/// idempotency key holds the task, the kind, the day and the recipient, so running the job again
/// the same day enqueues nothing more. Run by the operator (every plan) or by staff who manage
/// plans (the plans in their scope).
/// </summary>
public static class SendPlanReminders
{
    public const int DefaultDaysBefore = 7;
    public const int DefaultEscalateAfter = 7;

    public sealed record Command(int DaysBefore = DefaultDaysBefore, int EscalateAfter = DefaultEscalateAfter, int? Year = null);

    public sealed class Handler(AppDbContext db, ScopeService scopes, TaskProgressReader progress, IPlanReminderWording wording, TimeProvider clock)
    {
        public async Task<Result<PlanRemindersResult>> HandleAsync(Command command, CancellationToken ct)
        {
            if (command.DaysBefore is < 0 or > 365)
            {
                return Errors.Invalid("plans.remind_days_invalid", "daysBefore", command.DaysBefore);
            }

            if (command.EscalateAfter is < 1 or > 365)
            {
                return Errors.Invalid("plans.remind_days_invalid", "escalateAfter", command.EscalateAfter);
            }

            var scope = await scopes.GetAsync(ct);
            var today = clock.TodayInVietnam();
            var year = command.Year ?? today.Year;
            var plansQuery = db.Plans.AsNoTracking().Where(p => p.Year == year && p.Status == PlanStatus.Issued);
            if (!scope.IsSystem)
            {
                if (!scope.Prefixes(Permission.ManagePlans).Any())
                {
                    return Errors.Forbidden();
                }

                plansQuery = plansQuery.WithinScope(scope, Permission.ManagePlans, p => p.UnitPath);
            }

            var plans = await plansQuery.OrderBy(p => p.UnitPath).ThenBy(p => p.Id).ToListAsync(ct);
            var dayText = today.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
            var planned = new List<(string Key, NotificationEmail Payload, string Reference)>();
            int dueSoon = 0, late = 0, escalated = 0, withoutAddress = 0;
            foreach (var plan in plans)
            {
                var dto = await PlanReading.ReadAsync(db, progress, plan, today, ct);
                var leads = await db.PlanTasks.AsNoTracking().Where(t => t.PlanId == plan.Id)
                    .Select(t => new { t.Id, t.Schedule, Email = t.LeadOrganisation == null ? null : t.LeadOrganisation.ContactEmail })
                    .ToDictionaryAsync(t => t.Id, ct);
                List<(string UserId, string? Email)>? officers = null;
                foreach (var task in dto.Tasks)
                {
                    var lead = leads[task.Id];
                    if (task.Due is not { } due || lead.Schedule is ScheduleKind.Regular or ScheduleKind.Monthly || task.State == PlanReading.StateName(TaskState.Done))
                    {
                        continue;
                    }

                    var daysLeft = due.DayNumber - today.DayNumber;
                    var reference = $"{dto.Unit}/{plan.Number}/{task.Number}";
                    (string Subject, string Body) message;
                    string kind;
                    if (daysLeft >= 0 && daysLeft <= command.DaysBefore)
                    {
                        dueSoon++;
                        kind = "due";
                        message = wording.DueSoon(dto.UnitName, plan.Number, task.Number, task.Title, due);
                    }
                    else if (daysLeft < 0 && task.State == PlanReading.StateName(TaskState.Late))
                    {
                        late++;
                        kind = "late";
                        message = wording.Late(dto.UnitName, plan.Number, task.Number, task.Title, due);
                        if (-daysLeft >= command.EscalateAfter)
                        {
                            escalated++;
                            officers ??= await db.StaffAssignments.AsNoTracking()
                                .Where(a => a.UnitId == plan.UnitId && a.Role == StaffRole.CommuneOfficer)
                                .Select(a => new ValueTuple<string, string?>(a.UserId, a.User!.Email)).ToListAsync(ct);
                            var escalation = wording.Escalation(dto.UnitName, plan.Number, task.Number, task.Title, task.Lead, due, -daysLeft);
                            foreach (var (userId, email) in officers.DistinctBy(o => o.UserId))
                            {
                                if (email is null)
                                {
                                    withoutAddress++;
                                    continue;
                                }

                                planned.Add(($"plan-escalation:{task.Id}:{dayText}:{userId}", new NotificationEmail(email, escalation.Subject, escalation.Body), reference));
                            }
                        }
                    }
                    else
                    {
                        continue;
                    }

                    if (string.IsNullOrWhiteSpace(lead.Email))
                    {
                        withoutAddress++;
                        continue;
                    }

                    planned.Add(($"plan-reminder:{task.Id}:{kind}:{dayText}:lead", new NotificationEmail(lead.Email, message.Subject, message.Body), reference));
                }
            }

            var keys = planned.Select(p => p.Key).ToList();
            var sent = await db.OutboxMessages.AsNoTracking().Where(m => keys.Contains(m.IdempotencyKey)).Select(m => m.IdempotencyKey).ToListAsync(ct);
            var fresh = planned.Where(p => !sent.Contains(p.Key)).DistinctBy(p => p.Key).ToList();
            foreach (var message in fresh)
            {
                db.Enqueue(clock, NotificationEmail.Type, message.Payload, message.Key, message.Reference);
            }

            try
            {
                await db.SaveChangesAsync(ct);
            }
            catch (DbUpdateException)
            {
                // Another run enqueued some of the same reminders in the meantime (unique idempotency key): nothing is sent twice.
                return Errors.Conflict("plans.reminders_running");
            }

            return new PlanRemindersResult(plans.Count, dueSoon, late, escalated, fresh.Count, planned.Count - fresh.Count, withoutAddress);
        }
    }
}
