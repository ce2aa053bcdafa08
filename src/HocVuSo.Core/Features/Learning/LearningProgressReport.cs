using HocVuSo.Core.Common;
using HocVuSo.Core.Data;
using HocVuSo.Core.Features.Accounts;
using HocVuSo.Core.Features.Geography;
using Microsoft.EntityFrameworkCore;

namespace HocVuSo.Core.Features.Learning;

public sealed record ProgressRow(string UnitCode, string UnitName, int Learners, int Started, int CompletedAllLessons, IReadOnlyList<int> PassedByModule, int PassedFinal);

public sealed record StuckLearner(string FullName, string UnitName, string? LastLesson, DateTime? LastActivity, int LessonsDone);

public sealed record ProgressReport(UnitDto Unit, string CourseSlug, IReadOnlyList<string> Modules, IReadOnlyList<ProgressRow> Rows, ProgressRow Total, IReadOnlyList<StuckLearner> Stuck);

/// <summary>
/// For officers: the learners living in a unit's subtree, per child unit (villages of a commune,
/// communes of a province): how many started, finished all lessons, passed each module's test and
/// the final assessment; and who has been stuck for two weeks or more, and where.
/// </summary>
public static class LearningProgressReport
{
    public static readonly TimeSpan StuckAfter = TimeSpan.FromDays(14);

    public sealed record Query(string UnitCode, string Language = Variants.Vietnamese);

    public sealed class Handler(AppDbContext db, ScopeService scopes, TimeProvider clock)
    {
        public async Task<Result<ProgressReport>> HandleAsync(Query query, CancellationToken ct)
        {
            var scope = await scopes.GetAsync(ct);
            var today = clock.TodayInVietnam();
            var found = await db.UnitInScopeAsync(scope, query.UnitCode, today, Permission.ViewStaffData, ct);
            if (!found.IsSuccess)
            {
                return found.FirstError;
            }

            var unit = found.Value!;

            var version = await db.CourseVersions.AsNoTracking()
                .Where(v => v.Course!.Status == CourseStatus.Published && v.Course.CurrentVersionId == v.Id)
                .Include(v => v.Course).Include(v => v.Modules).ThenInclude(m => m.Lessons)
                .OrderBy(v => v.Course!.Slug).FirstOrDefaultAsync(ct);
            if (version is null)
            {
                return Errors.NotFound("learning.no_course");
            }

            var children = await db.Units.AsNoTracking().ValidOn(today).Where(u => u.ParentCode == unit.Code)
                .OrderBy(u => u.Code).Select(u => new { u.Code, u.FullName, u.Path }).ToListAsync(ct);
            var learners = await db.Users.AsNoTracking()
                .Where(u => !u.Assignments.Any() && u.HomeUnitId != null)
                .Join(db.Units, u => u.HomeUnitId, x => x.Id, (u, x) => new { u.Id, x.Path, UnitName = x.FullName })
                .WithinScope(scope, Permission.ViewStaffData, l => l.Path)
                .Where(l => l.Path.StartsWith(unit.Path))
                .ToListAsync(ct);
            var ids = learners.Select(l => l.Id).ToList();
            var lessons = await db.LessonProgress.AsNoTracking().Where(p => ids.Contains(p.UserId) && p.CourseSlug == version.Course!.Slug)
                .Select(p => new { p.UserId, p.LessonSlug, p.CompletedAt, p.LastOpenedAt }).ToListAsync(ct);
            var passed = await db.QuizAttempts.AsNoTracking().Where(a => ids.Contains(a.UserId) && a.Passed == true && a.Quiz!.CourseVersion!.Course!.Slug == version.Course!.Slug)
                .Select(a => new { a.UserId, a.Quiz!.Slug }).Distinct().ToListAsync(ct);

            var modules = version.Modules.OrderBy(m => m.Position).ToList();
            var lessonCount = modules.Sum(m => m.Lessons.Count);
            var lessonTitles = modules.SelectMany(m => m.Lessons).ToDictionary(l => l.Slug, l => l.Title.In(query.Language).Text);

            ProgressRow Row(string code, string name, ICollection<string> userIds)
            {
                var started = lessons.Where(l => userIds.Contains(l.UserId)).Select(l => l.UserId).Distinct().Count();
                var completed = lessons.Where(l => userIds.Contains(l.UserId) && l.CompletedAt != null).GroupBy(l => l.UserId).Count(g => g.Count() >= lessonCount);
                var byModule = modules.Select(m => passed.Count(p => p.Slug == m.Slug && userIds.Contains(p.UserId))).ToList();
                return new ProgressRow(code, name, userIds.Count, started, completed, byModule, passed.Count(p => p.Slug == "final" && userIds.Contains(p.UserId)));
            }

            var rows = children.Select(c => Row(c.Code, c.FullName, learners.Where(l => l.Path.StartsWith(c.Path, StringComparison.Ordinal)).Select(l => l.Id).ToHashSet())).ToList();
            var total = Row(unit.Code, unit.FullName, learners.Select(l => l.Id).ToHashSet());

            var cutoff = clock.UtcNow() - StuckAfter;
            var finished = passed.Where(p => p.Slug == "final").Select(p => p.UserId).ToHashSet();
            var stuck = learners.Where(l => !finished.Contains(l.Id)).Select(l =>
                {
                    var mine = lessons.Where(p => p.UserId == l.Id).ToList();
                    var last = mine.OrderByDescending(p => p.LastOpenedAt).FirstOrDefault();
                    return new { l, last, done = mine.Count(p => p.CompletedAt != null) };
                })
                .Where(x => x.last is not null && x.last.LastOpenedAt < cutoff)
                .OrderBy(x => x.last!.LastOpenedAt)
                .Take(100)
                .ToList();
            // Names are stored encrypted: only the listed learners' are read (and decrypted).
            var stuckIds = stuck.Select(x => x.l.Id).ToList();
            var names = await db.Users.AsNoTracking().Where(u => stuckIds.Contains(u.Id)).Select(u => new { u.Id, u.FullName }).ToDictionaryAsync(u => u.Id, u => u.FullName, ct);
            var stuckLearners = stuck
                .Select(x => new StuckLearner(names.GetValueOrDefault(x.l.Id, string.Empty), x.l.UnitName, lessonTitles.GetValueOrDefault(x.last!.LessonSlug), x.last.LastOpenedAt, x.done))
                .ToList();
            return new ProgressReport(unit.ToDto(), version.Course!.Slug, modules.Select(m => m.Title.In(query.Language).Text).ToList(), rows, total, stuckLearners);
        }
    }
}
