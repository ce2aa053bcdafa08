using System.Globalization;
using HocVuSo.Core.Common;
using HocVuSo.Core.Data;
using HocVuSo.Core.Features.Accounts;
using HocVuSo.Core.Features.Geography;
using HocVuSo.Core.Features.Messaging;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace HocVuSo.Core.Features.Reporting;

/// <summary>The words of reminder e-mails; the web layer supplies them from its resource files.</summary>
public interface IReminderWording
{
    (string Subject, string Body) ToCommune(string communeName, string period, string status, DateOnly dueDate);

    (string Subject, string Body) ToProvince(string provinceName, string period, DateOnly dueDate, IReadOnlyList<(string Name, string Status)> lateCommunes);
}

public sealed record RemindersResult(string Period, int Provinces, int LateCommunes, int Enqueued, int AlreadySent, int WithoutAddress);

/// <summary>
/// Reminds communes whose monthly report is late or missing, and their province, through the
/// notification outbox (<c>notification.email</c>): each officer of a late commune gets one
/// e-mail, each officer and approver of the province one digest listing its late communes. The
/// idempotency key holds the unit, the period, the day and the recipient, so running the job
/// again the same day enqueues nothing more. Run by the operator (system scope, every province)
/// or by province staff for their own province(s).
/// </summary>
public static class SendReportReminders
{
    public const string MessageType = NotificationEmail.Type;

    public sealed record Command(string? Period);

    public sealed class Handler(AppDbContext db, ScopeService scopes, IReminderWording wording, IOptions<ReportingDeadlines> deadlines, TimeProvider clock)
    {
        private static readonly StaffRole[] CommuneRoles = [StaffRole.CommuneOfficer];
        private static readonly StaffRole[] ProvinceRoles = [StaffRole.ProvinceOfficer, StaffRole.ProvinceApprover];

        public async Task<Result<RemindersResult>> HandleAsync(Command command, CancellationToken ct)
        {
            var scope = await scopes.GetAsync(ct);
            var today = clock.TodayInVietnam();
            DateOnly period;
            if (command.Period is null)
            {
                // The latest month whose due day has passed.
                var thisMonth = new DateOnly(today.Year, today.Month, 1);
                period = today.Day > deadlines.Value.CommuneDay ? thisMonth : thisMonth.AddMonths(-1);
            }
            else if (!MonthlyReports.TryParsePeriod(command.Period, out period))
            {
                return Errors.Invalid("reports.bad_period", "period", command.Period);
            }

            if (period > new DateOnly(today.Year, today.Month, 1))
            {
                return Errors.Invalid("reports.future_period", "period", VietnameseFormat.MonthAndYear(command.Period));
            }

            var provinces = await ProvincesAsync(scope, today, ct);
            if (provinces is null)
            {
                return Errors.Forbidden();
            }

            var due = deadlines.Value.CommuneDue(period);
            var periodText = period.ToString("yyyy-MM", CultureInfo.InvariantCulture);
            var dayText = today.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
            var planned = new List<(string Key, string UserId, NotificationEmail Payload, string Reference)>();
            var lateCount = 0;
            var withoutAddress = 0;
            if (today > due)
            {
                foreach (var province in provinces)
                {
                    var communes = await db.Units.AsNoTracking().ValidOn(today)
                        .Where(u => u.Level == UnitLevel.Commune && u.Path.StartsWith(province.Path)).OrderBy(u => u.Code)
                        .Select(u => new { u.Id, u.Code, u.FullName }).ToListAsync(ct);
                    var states = await db.MonthlyReports.AsNoTracking().Where(r => r.Period == period && r.UnitPath.StartsWith(province.Path))
                        .ToDictionaryAsync(r => r.UnitId, r => r.Status, ct);
                    var late = communes.Where(c => states.GetValueOrDefault(c.Id, ReportStatus.Draft) is ReportStatus.Draft or ReportStatus.Returned)
                        .Select(c => (c.Id, c.Code, c.FullName, Status: states.TryGetValue(c.Id, out var s) ? s.ToString() : ProvincialSummary.Missing)).ToList();
                    if (late.Count == 0)
                    {
                        continue;
                    }

                    lateCount += late.Count;
                    var lateIds = late.Select(l => l.Id).ToList();
                    var officers = await RecipientsAsync(a => lateIds.Contains(a.UnitId) && CommuneRoles.Contains(a.Role), ct);
                    foreach (var commune in late)
                    {
                        foreach (var officer in officers.Where(o => o.UnitId == commune.Id))
                        {
                            if (officer.Email is null)
                            {
                                withoutAddress++;
                                continue;
                            }

                            var (subject, body) = wording.ToCommune(commune.FullName, periodText, commune.Status, due);
                            planned.Add(($"report-reminder:{commune.Code}:{periodText}:{dayText}:{officer.UserId}", officer.UserId,
                                new NotificationEmail(officer.Email, subject, body), $"{commune.Code}/{periodText}"));
                        }
                    }

                    var provinceStaff = await RecipientsAsync(a => a.UnitId == province.Id && ProvinceRoles.Contains(a.Role), ct);
                    var digest = wording.ToProvince(province.FullName, periodText, due, late.Select(l => (l.FullName, l.Status)).ToList());
                    foreach (var staff in provinceStaff.DistinctBy(s => s.UserId))
                    {
                        if (staff.Email is null)
                        {
                            withoutAddress++;
                            continue;
                        }

                        planned.Add(($"report-reminder:{province.Code}:{periodText}:{dayText}:{staff.UserId}", staff.UserId,
                            new NotificationEmail(staff.Email, digest.Subject, digest.Body), $"{province.Code}/{periodText}"));
                    }
                }
            }

            var keys = planned.Select(p => p.Key).ToList();
            var sent = await db.OutboxMessages.AsNoTracking().Where(m => keys.Contains(m.IdempotencyKey)).Select(m => m.IdempotencyKey).ToListAsync(ct);
            var fresh = planned.Where(p => !sent.Contains(p.Key)).DistinctBy(p => p.Key).ToList();
            foreach (var message in fresh)
            {
                // On the channels the officer chose (e-mail unless they changed it).
                await db.EnqueueToUserAsync(clock, message.UserId, message.Payload.Subject, message.Payload.Body, message.Key, message.Reference, null, ct);
            }

            try
            {
                await db.SaveChangesAsync(ct);
            }
            catch (DbUpdateException)
            {
                // Another run enqueued some of the same reminders in the meantime (unique idempotency key): nothing is sent twice.
                return Errors.Conflict("ReportExport.RemindersRunning");
            }

            return new RemindersResult(periodText, provinces.Count, lateCount, fresh.Count, planned.Count - fresh.Count, withoutAddress);
        }

        /// <summary>The provinces the caller reminds: all for the operator, otherwise those where the caller works at province level or above.</summary>
        private async Task<List<Unit>?> ProvincesAsync(UserScope scope, DateOnly today, CancellationToken ct)
        {
            var provinces = db.Units.AsNoTracking().ValidOn(today).Where(u => u.Level == UnitLevel.Province);
            if (scope.IsSystem)
            {
                return await provinces.OrderBy(u => u.Code).ToListAsync(ct);
            }

            var prefixes = scope.Prefixes(Permission.EditReports).Union(scope.Prefixes(Permission.ApproveReports)).ToList();
            var paths = await db.Units.AsNoTracking().Where(u => prefixes.Contains(u.Path) && u.Level <= UnitLevel.Province).Select(u => u.Path).Distinct().ToListAsync(ct);
            if (paths.Count == 0)
            {
                return null;
            }

            var all = await provinces.OrderBy(u => u.Code).ToListAsync(ct);
            return all.Where(p => paths.Any(path => p.Path.StartsWith(path, StringComparison.Ordinal))).ToList();
        }

        private async Task<List<Recipient>> RecipientsAsync(System.Linq.Expressions.Expression<Func<StaffAssignment, bool>> filter, CancellationToken ct) =>
            await db.StaffAssignments.AsNoTracking().Where(filter)
                .Select(a => new Recipient(a.UserId, a.UnitId, a.User!.Email))
                .ToListAsync(ct);

        private sealed record Recipient(string UserId, int UnitId, string? Email);
    }
}
