using System.Globalization;
using HocVuSo.Core.Common;
using HocVuSo.Core.Data;
using HocVuSo.Core.Features.Accounts;
using HocVuSo.Core.Features.Audit;
using HocVuSo.Core.Features.Geography;
using Microsoft.EntityFrameworkCore;

namespace HocVuSo.Core.Features.ServiceDesk;

public sealed record DeskVisitDto(long Id, string Unit, DateOnly Date, int ServiceId, string Service, bool SelfDone, int Minutes, string AgeBand, string Gender, bool LinkedToLearner, DateTime RecordedAt);

/// <summary>A commune's help-desk month: the visits, how many people were helped, how many did it themselves, and their share.</summary>
public sealed record DeskMonthDto(string Unit, string Month, int People, int SelfDone, decimal? SelfDonePercent, int Minutes, IReadOnlyList<DeskVisitDto> Visits);

/// <summary>The anonymous facts a visit carries: an age band and a gender, from fixed lists.</summary>
public static class DeskPeople
{
    public static IReadOnlyList<string> AgeBands { get; } = ["under-18", "18-39", "40-59", "60-plus"];

    public static IReadOnlyList<string> Genders { get; } = ["female", "male", "other"];

    /// <summary>The longest a desk visit is taken to last (ten hours): more is a typing mistake.</summary>
    public const int MaxMinutes = 600;

    /// <summary>The help desk started with the movement: no visit is older than 2025.</summary>
    public static readonly DateOnly Earliest = new(2025, 1, 1);
}

/// <summary>
/// Records one person helped at the commune's service-centre help desk, by the centre's staff or
/// volunteers (<see cref="StaffRole.ServiceCentreStaff"/>) or the commune's officers: the online
/// service (from the list), whether the person did it themselves, minutes (1–600), an age band and a
/// gender; optionally the learner record of the person (a learner of the commune, by user name).
/// The date is from 2025 to today. Each bad field is named. Audited.
/// </summary>
public static class RecordDeskVisit
{
    public sealed record Command(string? Unit, string? Date, int? Service, string? ServiceName, bool? SelfDone, int? Minutes, string? AgeBand, string? Gender, string? Learner);

    public sealed class Handler(AppDbContext db, ScopeService scopes, TimeProvider clock)
    {
        public async Task<Result<DeskVisitDto>> HandleAsync(Command command, CancellationToken ct)
        {
            var scope = await scopes.GetAsync(ct);
            var today = clock.TodayInVietnam();
            if (string.IsNullOrWhiteSpace(command.Unit))
            {
                return Errors.Invalid("service_desk.unit_missing", "unit");
            }

            var found = await db.UnitInScopeAsync(scope, command.Unit.Trim(), today, Permission.RecordDeskVisits, ct);
            if (!found.IsSuccess)
            {
                return Result<DeskVisitDto>.Fail(found.Errors);
            }

            var commune = found.Value!;
            var errors = new List<Error>();
            if (commune.Level != UnitLevel.Commune)
            {
                errors.Add(Errors.Invalid("external_confirmations.unit_not_commune", "unit", commune.Code));
            }

            var date = ParseDate(command.Date, today, errors);
            var service = await ServiceAsync(command, errors, ct);
            if (command.SelfDone is null)
            {
                errors.Add(Errors.Invalid("service_desk.self_done_missing", "selfDone"));
            }

            if (command.Minutes is not { } minutes || minutes <= 0 || minutes > DeskPeople.MaxMinutes)
            {
                errors.Add(Errors.Invalid("service_desk.minutes", "minutes", DeskPeople.MaxMinutes));
            }

            var ageBand = command.AgeBand?.Trim() ?? string.Empty;
            if (!DeskPeople.AgeBands.Contains(ageBand, StringComparer.Ordinal))
            {
                errors.Add(Errors.Invalid("service_desk.age_band", "ageBand", string.Join(", ", DeskPeople.AgeBands)));
            }

            var gender = command.Gender?.Trim() ?? string.Empty;
            if (!DeskPeople.Genders.Contains(gender, StringComparer.Ordinal))
            {
                errors.Add(Errors.Invalid("service_desk.gender", "gender", string.Join(", ", DeskPeople.Genders)));
            }

            string? learnerId = null;
            if (!string.IsNullOrWhiteSpace(command.Learner))
            {
                var learner = await db.Users.AsNoTracking().Where(u => u.UserName == command.Learner.Trim())
                    .Select(u => new { u.Id, Path = db.Units.Where(x => x.Id == u.HomeUnitId).Select(x => x.Path).FirstOrDefault() }).FirstOrDefaultAsync(ct);
                // A learner of another commune reads as unknown: nobody learns who lives elsewhere.
                if (learner?.Path is null || !learner.Path.StartsWith(commune.Path, StringComparison.Ordinal))
                {
                    errors.Add(Errors.Invalid("service_desk.learner_unknown", "learner"));
                }
                else
                {
                    learnerId = learner.Id;
                }
            }

            if (errors.Count > 0)
            {
                return Result<DeskVisitDto>.Fail(errors);
            }

            var now = clock.UtcNow();
            var visit = new DeskVisit
            {
                CommuneId = commune.Id,
                UnitPath = commune.Path,
                Date = date!.Value,
                ServiceId = service!.Id,
                SelfDone = command.SelfDone!.Value,
                Minutes = command.Minutes!.Value,
                AgeBand = ageBand,
                Gender = gender,
                LearnerUserId = learnerId,
                RecordedByUserId = scope.UserId ?? "system",
                RecordedAt = now,
            };
            db.DeskVisits.Add(visit);
            await db.SaveChangesAsync(ct);
            AuditLog.Record(db, scope, now, "service_desk.visit_recorded", nameof(DeskVisit), visit.Id.ToString(CultureInfo.InvariantCulture), commune.Path,
                newValue: new { visit.Date, service = service.Name, visit.SelfDone, visit.Minutes, visit.AgeBand, visit.Gender, linked = learnerId is not null });
            await db.SaveChangesAsync(ct);
            return new DeskVisitDto(visit.Id, commune.Code, visit.Date, service.Id, service.Name, visit.SelfDone, visit.Minutes, visit.AgeBand, visit.Gender, learnerId is not null, now);
        }

        private static DateOnly? ParseDate(string? text, DateOnly today, List<Error> errors)
        {
            var value = text?.Trim() ?? string.Empty;
            if (value.Length == 0)
            {
                return today;
            }

            if (!DateOnly.TryParseExact(value, ["yyyy-MM-dd", "dd/MM/yyyy", "d/M/yyyy"], CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
            {
                errors.Add(Errors.Invalid("digital_status.date_invalid", "date", value.Length > 20 ? value[..20] : value));
                return null;
            }

            if (date < DeskPeople.Earliest || date > today)
            {
                errors.Add(Errors.Invalid("digital_status.date_out_of_range", "date", VietnameseFormat.Date(date), VietnameseFormat.Date(DeskPeople.Earliest), VietnameseFormat.Date(today)));
                return null;
            }

            return date;
        }

        private async Task<DeskService?> ServiceAsync(Command command, List<Error> errors, CancellationToken ct)
        {
            var name = VietnameseText.Clean(command.ServiceName);
            var service = command.Service is { } id
                ? await db.DeskServices.AsNoTracking().FirstOrDefaultAsync(s => s.Id == id && s.Active, ct)
                : name.Length > 0 ? await db.DeskServices.AsNoTracking().FirstOrDefaultAsync(s => s.Name == name && s.Active, ct) : null;
            if (service is null)
            {
                errors.Add(Errors.Invalid("service_desk.service_unknown", "service"));
            }

            return service;
        }
    }
}

/// <summary>A commune's help-desk visits in a month (staff who may see the commune's data), newest first, with the month's totals.</summary>
public static class ListDeskVisits
{
    public sealed record Query(string? Unit, string? Month);

    public sealed class Handler(AppDbContext db, ScopeService scopes, TimeProvider clock)
    {
        public async Task<Result<DeskMonthDto>> HandleAsync(Query query, CancellationToken ct)
        {
            var scope = await scopes.GetAsync(ct);
            var today = clock.TodayInVietnam();
            if (string.IsNullOrWhiteSpace(query.Unit))
            {
                return Errors.Invalid("service_desk.unit_missing", "unit");
            }

            if (!Reporting.MonthlyReports.TryParsePeriod(query.Month, out var month))
            {
                if (!string.IsNullOrWhiteSpace(query.Month))
                {
                    return Errors.Invalid("reports.bad_period", "month", query.Month);
                }

                month = new DateOnly(today.Year, today.Month, 1);
            }

            var found = await db.UnitInScopeAsync(scope, query.Unit.Trim(), today, Permission.ViewStaffData, ct);
            if (!found.IsSuccess)
            {
                return Result<DeskMonthDto>.Fail(found.Errors);
            }

            var unit = found.Value!;
            var end = month.AddMonths(1);
            var visits = await db.DeskVisits.AsNoTracking()
                .Where(v => v.UnitPath.StartsWith(unit.Path) && v.Date >= month && v.Date < end)
                .OrderByDescending(v => v.Date).ThenByDescending(v => v.Id)
                .Select(v => new DeskVisitDto(v.Id, db.Units.Where(u => u.Id == v.CommuneId).Select(u => u.Code).First(), v.Date, v.ServiceId, v.Service!.Name, v.SelfDone, v.Minutes,
                    v.AgeBand, v.Gender, v.LearnerUserId != null, v.RecordedAt))
                .ToListAsync(ct);
            var self = visits.Count(v => v.SelfDone);
            return new DeskMonthDto(unit.Code, month.ToString("yyyy-MM", CultureInfo.InvariantCulture), visits.Count, self,
                visits.Count == 0 ? null : Math.Round(100m * self / visits.Count, 1), visits.Sum(v => v.Minutes), visits);
        }
    }
}
