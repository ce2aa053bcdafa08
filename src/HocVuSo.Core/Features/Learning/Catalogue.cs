using System.Globalization;
using HocVuSo.Core.Common;
using HocVuSo.Core.Data;
using HocVuSo.Core.Features.Accounts;
using Microsoft.EntityFrameworkCore;

namespace HocVuSo.Core.Features.Learning;

public sealed record LessonSummary(int Id, string Slug, string Title, int Minutes, bool Completed, bool Unlocked);

public sealed record ModuleSummary(int Id, string Slug, string Title, string Summary, int? QuizId, IReadOnlyList<LessonSummary> Lessons, bool QuizPassed, decimal? BestScore);

public sealed record CourseSummary(int Id, string Slug, int Version, string Title, string Summary, IReadOnlyList<string> TargetGroups,
    IReadOnlyList<ModuleSummary> Modules, int? FinalQuizId, bool FinalPassed, LessonSummary? ContinueWith);

/// <summary>
/// The published courses, in the reader's language, optionally only those for a target group.
/// For a signed-in learner each lesson says whether it is done and whether it is open yet: lessons
/// open in order, each once the one before is done; "continue" points at the first lesson not done.
/// </summary>
public static class GetCatalogue
{
    public static readonly IReadOnlyList<string> TargetGroups = ["citizens", "officials", "students", "enterprise-workers"];

    public sealed record Query(string Language = Variants.Vietnamese, string? TargetGroup = null);

    public sealed class Handler(AppDbContext db, ScopeService scopes)
    {
        public async Task<Result<IReadOnlyList<CourseSummary>>> HandleAsync(Query query, CancellationToken ct)
        {
            if (query.TargetGroup is not null && !TargetGroups.Contains(query.TargetGroup))
            {
                return Errors.Invalid("learning.bad_target_group", "group", query.TargetGroup);
            }

            var scope = await scopes.GetAsync(ct);
            var versions = await db.CourseVersions.AsNoTracking()
                .Where(v => v.Course!.Status == CourseStatus.Published && v.Course.CurrentVersionId == v.Id)
                .Include(v => v.Course)
                .Include(v => v.Modules).ThenInclude(m => m.Lessons)
                .AsSplitQuery()
                .ToListAsync(ct);
            if (query.TargetGroup is not null)
            {
                versions = versions.Where(v => v.TargetGroups.Split(',').Contains(query.TargetGroup)).ToList();
            }

            var versionIds = versions.Select(v => v.Id).ToList();
            var quizzes = await db.Quizzes.AsNoTracking().Where(q => versionIds.Contains(q.CourseVersionId))
                .Select(q => new { q.Id, q.CourseVersionId, q.ModuleId, q.Slug }).ToListAsync(ct);
            var progress = await LearnerState.LoadAsync(db, scope.UserId, ct);

            return versions.OrderBy(v => v.Course!.Slug, StringComparer.Ordinal).Select(v =>
            {
                var done = progress.Completed(v.Course!.Slug);
                var previousDone = true;
                LessonSummary? continueWith = null;
                var modules = v.Modules.OrderBy(m => m.Position).Select(m =>
                {
                    var lessons = m.Lessons.OrderBy(l => l.Position).Select(l =>
                    {
                        var completed = done.Contains(l.Slug);
                        var summary = new LessonSummary(l.Id, l.Slug, l.Title.In(query.Language).Text, l.Minutes, completed, previousDone || completed);
                        if (!completed && continueWith is null)
                        {
                            continueWith = summary with { Unlocked = true };
                        }

                        previousDone = completed;
                        return summary;
                    }).ToList();
                    var quizId = quizzes.FirstOrDefault(q => q.ModuleId == m.Id)?.Id;
                    return new ModuleSummary(m.Id, m.Slug, m.Title.In(query.Language).Text, m.Summary.In(query.Language).Text, quizId, lessons,
                        progress.Passed(m.Slug), progress.BestScore(m.Slug));
                }).ToList();
                var final = quizzes.FirstOrDefault(q => q.CourseVersionId == v.Id && q.ModuleId == null);
                return new CourseSummary(v.Course.Id, v.Course.Slug, v.Number, v.Title.In(query.Language).Text, v.Summary.In(query.Language).Text,
                    v.TargetGroups.Split(',', StringSplitOptions.RemoveEmptyEntries), modules, final?.Id, progress.Passed("final"), continueWith);
            }).ToList();
        }
    }
}

/// <summary>A learner's lessons done and quiz results, by stable slugs (they survive new course versions).</summary>
internal sealed class LearnerState
{
    private readonly Dictionary<string, HashSet<string>> _completed;
    private readonly Dictionary<string, decimal> _best;
    private readonly HashSet<string> _passed;

    private LearnerState(Dictionary<string, HashSet<string>> completed, Dictionary<string, decimal> best, HashSet<string> passed)
    {
        _completed = completed;
        _best = best;
        _passed = passed;
    }

    public static async Task<LearnerState> LoadAsync(AppDbContext db, string? userId, CancellationToken ct)
    {
        if (userId is null)
        {
            return new LearnerState([], [], []);
        }

        var lessons = await db.LessonProgress.AsNoTracking().Where(p => p.UserId == userId && p.CompletedAt != null)
            .Select(p => new { p.CourseSlug, p.LessonSlug }).ToListAsync(ct);
        var attempts = await db.QuizAttempts.AsNoTracking().Where(a => a.UserId == userId && a.SubmittedAt != null)
            .Select(a => new { a.Quiz!.Slug, a.Score, a.Passed }).ToListAsync(ct);
        return new LearnerState(
            lessons.GroupBy(l => l.CourseSlug).ToDictionary(g => g.Key, g => g.Select(l => l.LessonSlug).ToHashSet(StringComparer.Ordinal)),
            attempts.GroupBy(a => a.Slug).ToDictionary(g => g.Key, g => g.Max(a => a.Score ?? 0)),
            attempts.Where(a => a.Passed == true).Select(a => a.Slug).ToHashSet(StringComparer.Ordinal));
    }

    public IReadOnlySet<string> Completed(string courseSlug) =>
        _completed.TryGetValue(courseSlug, out var set) ? set : new HashSet<string>();

    public bool Passed(string quizSlug) => _passed.Contains(quizSlug);

    public decimal? BestScore(string quizSlug) => _best.TryGetValue(quizSlug, out var score) ? score : null;
}

public sealed record LessonPage(int Id, string Slug, string Title, string Html, string Language, bool Fallback, int Minutes,
    IReadOnlyList<string> Competencies, string CourseSlug, string CourseTitle, int ModuleId, string ModuleSlug, string ModuleTitle, int? QuizId,
    int? PreviousLessonId, int? NextLessonId, bool Completed, bool Unlocked, IReadOnlyList<string> Languages);

/// <summary>
/// A lesson, rendered safely in the reader's language (or in Vietnamese, saying so). Lessons are
/// public to read; for a signed-in learner, opening one is recorded ("continue where you left off")
/// and the page says whether it is open in the learning order.
/// </summary>
public static class GetLesson
{
    public sealed record Query(int LessonId, string Language = Variants.Vietnamese);

    public sealed class Handler(AppDbContext db, ScopeService scopes, TimeProvider clock)
    {
        public async Task<Result<LessonPage>> HandleAsync(Query query, CancellationToken ct)
        {
            var lesson = await db.Lessons.AsNoTracking().Include(l => l.Module).ThenInclude(m => m!.CourseVersion).ThenInclude(v => v!.Course)
                .FirstOrDefaultAsync(l => l.Id == query.LessonId, ct);
            if (lesson is null)
            {
                return Errors.NotFound("learning.lesson_not_found", query.LessonId);
            }

            var version = lesson.Module!.CourseVersion!;
            var ordered = await db.Lessons.AsNoTracking().Where(l => l.Module!.CourseVersionId == version.Id)
                .OrderBy(l => l.Module!.Position).ThenBy(l => l.Position)
                .Select(l => new { l.Id, l.Slug }).ToListAsync(ct);
            var index = ordered.FindIndex(l => l.Id == lesson.Id);
            var scope = await scopes.GetAsync(ct);
            var state = await LearnerState.LoadAsync(db, scope.UserId, ct);
            var done = state.Completed(version.Course!.Slug);
            var unlocked = index == 0 || done.Contains(ordered[index - 1].Slug) || done.Contains(lesson.Slug);
            if (scope.UserId is not null)
            {
                await LessonProgressWriter.TouchAsync(db, scope.UserId, version.Course.Slug, lesson.Slug, clock.UtcNow(), complete: false, ct);
            }

            var (markdown, language) = lesson.Body.In(query.Language);
            var mediaBase = "/learn/media/" + version.Id.ToString(CultureInfo.InvariantCulture) + "/" + lesson.Module.Slug + "/";
            var quizId = await db.Quizzes.Where(q => q.ModuleId == lesson.ModuleId).Select(q => (int?)q.Id).FirstOrDefaultAsync(ct);
            return new LessonPage(lesson.Id, lesson.Slug, lesson.Title.In(query.Language).Text, LessonMarkdown.ToHtml(markdown, mediaBase),
                language, language != query.Language, lesson.Minutes, lesson.Competencies.Split(',', StringSplitOptions.RemoveEmptyEntries),
                version.Course.Slug, version.Title.In(query.Language).Text, lesson.ModuleId, lesson.Module.Slug, lesson.Module.Title.In(query.Language).Text, quizId,
                index > 0 ? ordered[index - 1].Id : null, index < ordered.Count - 1 ? ordered[index + 1].Id : null,
                done.Contains(lesson.Slug), unlocked, lesson.Body.Keys.Order(StringComparer.Ordinal).ToList());
        }
    }
}

/// <summary>A learner marks a lesson as done; the next one opens.</summary>
public static class CompleteLesson
{
    public sealed record Command(int LessonId);

    public sealed class Handler(AppDbContext db, ScopeService scopes, TimeProvider clock)
    {
        public async Task<Result<int?>> HandleAsync(Command command, CancellationToken ct)
        {
            var scope = await scopes.GetAsync(ct);
            if (scope.UserId is null)
            {
                return Errors.Forbidden();
            }

            var lesson = await db.Lessons.AsNoTracking().Where(l => l.Id == command.LessonId)
                .Select(l => new { l.Slug, Course = l.Module!.CourseVersion!.Course!.Slug, VersionId = l.Module.CourseVersionId, ModulePosition = l.Module.Position, l.Position })
                .FirstOrDefaultAsync(ct);
            if (lesson is null)
            {
                return Errors.NotFound("learning.lesson_not_found", command.LessonId);
            }

            await LessonProgressWriter.TouchAsync(db, scope.UserId, lesson.Course, lesson.Slug, clock.UtcNow(), complete: true, ct);
            return await db.Lessons.Where(l => l.Module!.CourseVersionId == lesson.VersionId
                    && (l.Module.Position > lesson.ModulePosition || (l.Module.Position == lesson.ModulePosition && l.Position > lesson.Position)))
                .OrderBy(l => l.Module!.Position).ThenBy(l => l.Position).Select(l => (int?)l.Id).FirstOrDefaultAsync(ct);
        }
    }
}

internal static class LessonProgressWriter
{
    public static async Task TouchAsync(AppDbContext db, string userId, string courseSlug, string lessonSlug, DateTime now, bool complete, CancellationToken ct)
    {
        var row = await db.LessonProgress.FirstOrDefaultAsync(p => p.UserId == userId && p.CourseSlug == courseSlug && p.LessonSlug == lessonSlug, ct);
        if (row is null)
        {
            var unitId = await db.Users.Where(u => u.Id == userId).Select(u => u.HomeUnitId).FirstOrDefaultAsync(ct);
            row = new LessonProgress
            {
                UserId = userId,
                CourseSlug = courseSlug,
                LessonSlug = lessonSlug,
                FirstOpenedAt = now,
                UnitPath = unitId is null ? null : await db.Units.Where(u => u.Id == unitId).Select(u => u.Path).FirstOrDefaultAsync(ct),
            };
            db.LessonProgress.Add(row);
        }

        row.LastOpenedAt = now;
        if (complete)
        {
            row.CompletedAt ??= now;
        }

        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException) when (row.Id == 0)
        {
            // Two tabs opened the same lesson at once: the other request recorded it.
            db.Entry(row).State = EntityState.Detached;
        }
    }
}
