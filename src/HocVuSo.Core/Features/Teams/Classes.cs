using HocVuSo.Core.Common;
using HocVuSo.Core.Data;
using HocVuSo.Core.Features.Accounts;
using HocVuSo.Core.Features.Audit;
using HocVuSo.Core.Features.Geography;
using Microsoft.EntityFrameworkCore;

namespace HocVuSo.Core.Features.Teams;

/// <summary>
/// A "Bình dân học vụ số" class (lớp học): a scheduled session with trainers, a place, a topic or a
/// course, a capacity and an attendance list of registered learners or walk-ins. Its outcome —
/// how many attendees started learning on the platform and how many passed a test afterwards — is
/// computed from their own records, so a class's effect is visible.
/// </summary>
public sealed class TrainingClass
{
    public int Id { get; set; }

    public int UnitId { get; set; }

    public required string UnitPath { get; set; }

    public required string Title { get; set; }

    public required string Topic { get; set; }

    public string? Place { get; set; }

    public DateOnly Date { get; set; }

    public int Capacity { get; set; }

    public string Trainers { get; set; } = string.Empty;

    public required string CreatedByUserId { get; set; }

    public DateTime CreatedAt { get; set; }

    public List<ClassAttendance> Attendance { get; } = [];
}

public sealed class ClassAttendance
{
    public int Id { get; set; }

    public int ClassId { get; set; }

    public TrainingClass? Class { get; set; }

    /// <summary>A registered learner, when the attendee has an account.</summary>
    public string? LearnerUserId { get; set; }

    /// <summary>A walk-in's name, when they have no account yet.</summary>
    public string? WalkInName { get; set; }

    public DateTime RecordedAt { get; set; }
}

public sealed record ClassDto(int Id, string UnitCode, string UnitName, string Title, string Topic, string? Place, DateOnly Date, int Capacity, string Trainers,
    int Attendees, int RegisteredAttendees, int StartedLearning, int PassedATest, IReadOnlyList<string> AttendeeNames);

/// <summary>Schedules a class in a commune or village of the caller's scope.</summary>
public static class ScheduleClass
{
    public sealed record Command(string UnitCode, string? Title, string? Topic, string? Place, DateOnly? Date, int? Capacity, string? Trainers);

    public sealed class Handler(AppDbContext db, ScopeService scopes, TimeProvider clock)
    {
        public async Task<Result<int>> HandleAsync(Command command, CancellationToken ct)
        {
            var scope = await scopes.GetAsync(ct);
            var today = clock.TodayInVietnam();
            var unit = await db.Units.ValidOn(today).FirstOrDefaultAsync(u => u.Code == command.UnitCode && u.Level >= UnitLevel.Commune, ct);
            if (unit is null)
            {
                return Errors.NotFound("units.not_found", command.UnitCode);
            }

            if (scope.Check(Permission.RecordActivities, unit.Path) is not null || scope.UserId is null)
            {
                return Errors.Forbidden();
            }

            var errors = new List<Error>();
            var checkedTitle = VietnameseText.Check(command.Title, "title", TextLimits.Line);
            var title = checkedTitle.Value ?? string.Empty;
            if (!checkedTitle.IsSuccess)
            {
                errors.AddRange(checkedTitle.Errors);
            }
            else if (title.Length == 0)
            {
                errors.Add(Errors.Invalid("field.required", "title"));
            }

            var place = VietnameseText.Check(command.Place, "place", TextLimits.Line);
            var trainers = VietnameseText.Check(command.Trainers, "trainers", TextLimits.Line);
            errors.AddRange(place.Errors);
            errors.AddRange(trainers.Errors);

            if (command.Topic is null || !ActivityTopics.All.Contains(command.Topic))
            {
                errors.Add(Errors.Invalid("teams.bad_topics", "topic"));
            }

            if (command.Date is not { } date || date < today.AddYears(-1) || date > today.AddYears(1))
            {
                errors.Add(Errors.Invalid("teams.bad_class_date", "date"));
            }

            if (command.Capacity is not { } capacity || capacity is < 1 or > 500)
            {
                errors.Add(Errors.Invalid("teams.bad_capacity", "capacity"));
            }

            if (errors.Count > 0)
            {
                return Result<int>.Fail(errors);
            }

            var training = new TrainingClass
            {
                UnitId = unit.Id,
                UnitPath = unit.Path,
                Title = title,
                Topic = command.Topic!,
                Place = place.Value is { Length: > 0 } placeName ? placeName : null,
                Date = command.Date!.Value,
                Capacity = command.Capacity!.Value,
                Trainers = trainers.Value!,
                CreatedByUserId = scope.UserId,
                CreatedAt = clock.UtcNow(),
            };
            db.TrainingClasses.Add(training);
            AuditLog.Record(db, scope, training.CreatedAt, "teams.class_scheduled", nameof(TrainingClass), title, unit.Path, newValue: new { title, date = training.Date });
            await db.SaveChangesAsync(ct);
            return training.Id;
        }
    }
}

/// <summary>
/// Marks someone present at a class: a registered learner (found by phone or e-mail, living in the
/// class's area) or a walk-in by name. Nobody is counted twice; the class's capacity is respected.
/// </summary>
public static class RecordAttendance
{
    public sealed record Command(int ClassId, string? LearnerPhoneOrEmail, string? WalkInName);

    public sealed class Handler(AppDbContext db, ScopeService scopes, LoginNames loginNames, TimeProvider clock)
    {
        public async Task<Result<int>> HandleAsync(Command command, CancellationToken ct)
        {
            var scope = await scopes.GetAsync(ct);
            var training = await db.TrainingClasses.Include(c => c.Attendance).FirstOrDefaultAsync(c => c.Id == command.ClassId, ct);
            if (training is null)
            {
                return Errors.NotFound("teams.class_not_found", command.ClassId);
            }

            if (scope.Check(Permission.RecordActivities, training.UnitPath) is not null)
            {
                return Errors.Forbidden();
            }

            if (training.Attendance.Count >= training.Capacity)
            {
                return Errors.Conflict("teams.class_full", null, training.Capacity);
            }

            var attendance = new ClassAttendance { RecordedAt = clock.UtcNow() };
            if (!string.IsNullOrWhiteSpace(command.LearnerPhoneOrEmail))
            {
                var learner = await loginNames.LearnersTyped(db.Users, command.LearnerPhoneOrEmail).Select(u => u.Id).FirstOrDefaultAsync(ct);
                if (learner is null)
                {
                    return Errors.NotFound("assist.learner_not_found", command.LearnerPhoneOrEmail) with { Field = "learner" };
                }

                if (training.Attendance.Any(a => a.LearnerUserId == learner))
                {
                    return Errors.Conflict("teams.already_present", "learner");
                }

                attendance.LearnerUserId = learner;
            }
            else
            {
                var checkedWalkIn = VietnameseText.Check(command.WalkInName, "name", TextLimits.PersonName);
                if (!checkedWalkIn.IsSuccess)
                {
                    return checkedWalkIn.FirstError;
                }

                var walkIn = checkedWalkIn.Value!;
                if (walkIn.Length == 0)
                {
                    return Errors.Invalid("teams.attendee_required", "name");
                }

                if (training.Attendance.Any(a => a.WalkInName == walkIn))
                {
                    return Errors.Conflict("teams.already_present", "name");
                }

                attendance.WalkInName = walkIn;
            }

            training.Attendance.Add(attendance);
            await db.SaveChangesAsync(ct);
            return training.Attendance.Count;
        }
    }
}

/// <summary>Classes of an area, with attendance and their measured outcome.</summary>
public static class ListClasses
{
    public sealed record Query(string UnitCode);

    public sealed class Handler(AppDbContext db, ScopeService scopes, TimeProvider clock)
    {
        public async Task<Result<IReadOnlyList<ClassDto>>> HandleAsync(Query query, CancellationToken ct)
        {
            var scope = await scopes.GetAsync(ct);
            var found = await db.UnitInScopeAsync(scope, query.UnitCode, clock.TodayInVietnam(), Permission.ViewStaffData, ct);
            if (!found.IsSuccess)
            {
                return found.FirstError;
            }

            var unit = found.Value!;

            var classes = await db.TrainingClasses.AsNoTracking().Include(c => c.Attendance)
                .Where(c => c.UnitPath.StartsWith(unit.Path)).OrderByDescending(c => c.Date).Take(500).ToListAsync(ct);
            var learnerIds = classes.SelectMany(c => c.Attendance).Where(a => a.LearnerUserId != null).Select(a => a.LearnerUserId!).Distinct().ToList();
            var started = await db.LessonProgress.AsNoTracking().Where(p => learnerIds.Contains(p.UserId))
                .GroupBy(p => p.UserId).Select(g => new { g.Key, First = g.Min(p => p.FirstOpenedAt) }).ToDictionaryAsync(g => g.Key, g => g.First, ct);
            var passed = await db.QuizAttempts.AsNoTracking().Where(a => learnerIds.Contains(a.UserId) && a.Passed == true)
                .GroupBy(a => a.UserId).Select(g => new { g.Key, Last = g.Max(a => a.SubmittedAt) }).ToDictionaryAsync(g => g.Key, g => g.Last, ct);
            var names = await db.Users.AsNoTracking().Where(u => learnerIds.Contains(u.Id)).ToDictionaryAsync(u => u.Id, u => u.FullName, ct);
            var units = await db.Units.AsNoTracking().Where(u => classes.Select(c => c.UnitId).Contains(u.Id)).ToDictionaryAsync(u => u.Id, u => new { u.Code, u.FullName }, ct);
            return classes.Select(c =>
            {
                var learners = c.Attendance.Where(a => a.LearnerUserId != null).Select(a => a.LearnerUserId!).ToList();
                var classDay = c.Date.ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc);
                return new ClassDto(c.Id, units[c.UnitId].Code, units[c.UnitId].FullName, c.Title, c.Topic, c.Place, c.Date, c.Capacity, c.Trainers,
                    c.Attendance.Count, learners.Count, learners.Count(started.ContainsKey),
                    learners.Count(l => passed.TryGetValue(l, out var at) && at >= classDay.AddHours(-7)),
                    c.Attendance.Select(a => a.LearnerUserId is { } id ? names.GetValueOrDefault(id, "?") : a.WalkInName!).ToList());
            }).ToList();
        }
    }
}
