using System.Globalization;
using HocVuSo.Core.Common;
using HocVuSo.Core.Data;
using HocVuSo.Core.Features.Accounts;
using Microsoft.EntityFrameworkCore;

namespace HocVuSo.Core.Features.Learning;

public sealed record LessonSummary(int Id, string Slug, string Title, int Minutes, bool Completed, bool Unlocked);

public sealed record ModuleSummary(int Id, string Slug, string Title, string Summary, int? QuizId, IReadOnlyList<LessonSummary> Lessons, bool QuizPassed, decimal? BestScore,
    LearningLock? QuizLock);

public sealed record CourseSummary(int Id, string Slug, int Version, string Title, string Summary, IReadOnlyList<string> TargetGroups,
    IReadOnlyList<ModuleSummary> Modules, int? FinalQuizId, bool FinalPassed, LessonSummary? ContinueWith, bool TestOutAllowed, LearningLock? FinalLock);

/// <summary>
/// The published courses, in the reader's language, optionally only those for a target group.
/// For a signed-in learner each lesson and quiz says whether it is done and whether it is open yet,
/// by the rule of <see cref="LearningPath"/>; "continue" points at the first lesson not done.
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
            var quizzes = await LearningPath.QuizzesAsync(db, versionIds, ct);
            var progress = await LearnerState.LoadAsync(db, scope.UserId, ct);

            return versions.OrderBy(v => v.Course!.Slug, StringComparer.Ordinal).Select(v =>
            {
                var path = new LearningPath(v, quizzes, progress, scope.UserId is not null, query.Language);
                LessonSummary? continueWith = null;
                var modules = path.Modules.Select(m =>
                {
                    var lessons = LearningPath.LessonsOf(m).Select(l =>
                    {
                        var summary = new LessonSummary(l.Id, l.Slug, l.Title.In(query.Language).Text, l.Minutes, path.Completed(l), path.LessonLock(l.Id) is null);
                        if (!summary.Completed && summary.Unlocked && continueWith is null)
                        {
                            continueWith = summary;
                        }

                        return summary;
                    }).ToList();
                    var quiz = path.QuizOf(m);
                    return new ModuleSummary(m.Id, m.Slug, m.Title.In(query.Language).Text, m.Summary.In(query.Language).Text, quiz?.Id, lessons,
                        path.Passed(m.Slug), path.BestScore(m.Slug), quiz is null ? null : path.QuizLock(quiz.Id));
                }).ToList();
                var final = path.FinalQuiz;
                return new CourseSummary(v.Course!.Id, v.Course.Slug, v.Number, v.Title.In(query.Language).Text, v.Summary.In(query.Language).Text,
                    v.TargetGroups.Split(',', StringSplitOptions.RemoveEmptyEntries), modules, final?.Id, path.Passed("final"), continueWith,
                    v.TestOutAllowed, final is null ? null : path.QuizLock(final.Id));
            }).ToList();
        }
    }
}

/// <summary>A learner's lessons done and quiz results, by stable slugs (they survive new course versions).</summary>
internal sealed class LearnerState
{
    private readonly Dictionary<string, HashSet<string>> _completed;
    private readonly Dictionary<(string Course, string Quiz), decimal> _best;
    private readonly HashSet<(string Course, string Quiz)> _passed;

    private LearnerState(Dictionary<string, HashSet<string>> completed, Dictionary<(string, string), decimal> best, HashSet<(string, string)> passed)
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
            .Select(a => new { Course = a.Quiz!.CourseVersion!.Course!.Slug, a.Quiz.Slug, a.Score, a.Passed }).ToListAsync(ct);
        return new LearnerState(
            lessons.GroupBy(l => l.CourseSlug).ToDictionary(g => g.Key, g => g.Select(l => l.LessonSlug).ToHashSet(StringComparer.Ordinal)),
            attempts.GroupBy(a => (a.Course, a.Slug)).ToDictionary(g => g.Key, g => g.Max(a => a.Score ?? 0)),
            attempts.Where(a => a.Passed == true).Select(a => (a.Course, a.Slug)).ToHashSet());
    }

    public IReadOnlySet<string> Completed(string courseSlug) =>
        _completed.TryGetValue(courseSlug, out var set) ? set : new HashSet<string>();

    public bool Passed(string courseSlug, string quizSlug) => _passed.Contains((courseSlug, quizSlug));

    public decimal? BestScore(string courseSlug, string quizSlug) => _best.TryGetValue((courseSlug, quizSlug), out var score) ? score : null;
}

/// <summary>A lesson as the reader gets it; when it is locked for the learner, <see cref="Html"/> is null and <see cref="Lock"/> says what to do first.</summary>
public sealed record LessonPage(int Id, string Slug, string Title, string? Html, string Language, bool Fallback, int Minutes,
    IReadOnlyList<string> Competencies, string CourseSlug, string CourseTitle, int ModuleId, string ModuleSlug, string ModuleTitle, int? QuizId,
    int? PreviousLessonId, int? NextLessonId, bool Completed, bool Unlocked, IReadOnlyList<string> Languages, LearningLock? Lock);

/// <summary>
/// A lesson, rendered safely in the reader's language (or in Vietnamese, saying so). Visitors may
/// read every lesson; a signed-in learner gets a lesson only once it is open in the learning order
/// (<see cref="LearningPath"/>): a locked one answers with its title and the lesson to do first,
/// never its text. Opening an open lesson is recorded ("continue where you left off").
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
            var path = (await LearningPath.LoadAsync(db, version.Id, scope.UserId, query.Language, ct))!;
            var locked = path.LessonLock(lesson.Id);
            var completed = path.Completed(lesson);
            // Reading is open to anyone; without consent to learning the visit is not recorded, as for a visitor.
            if (scope.UserId is not null && locked is null && await Privacy.Consents.RefuseLearningAsync(db, scope.UserId, ct) is null)
            {
                await LessonProgressWriter.TouchAsync(db, scope.UserId, version.Course!.Slug, lesson.Slug, clock.UtcNow(), complete: false, ct);
            }

            var (markdown, language) = lesson.Body.In(query.Language);
            var mediaBase = "/learn/media/" + version.Id.ToString(CultureInfo.InvariantCulture) + "/" + lesson.Module.Slug + "/";
            var quizId = await db.Quizzes.Where(q => q.ModuleId == lesson.ModuleId).Select(q => (int?)q.Id).FirstOrDefaultAsync(ct);
            return new LessonPage(lesson.Id, lesson.Slug, lesson.Title.In(query.Language).Text, locked is null ? LessonMarkdown.ToHtml(markdown, mediaBase) : null,
                language, language != query.Language, lesson.Minutes, lesson.Competencies.Split(',', StringSplitOptions.RemoveEmptyEntries),
                version.Course!.Slug, version.Title.In(query.Language).Text, lesson.ModuleId, lesson.Module.Slug, lesson.Module.Title.In(query.Language).Text, quizId,
                index > 0 ? ordered[index - 1].Id : null, index < ordered.Count - 1 ? ordered[index + 1].Id : null,
                completed, locked is null, lesson.Body.Keys.Order(StringComparer.Ordinal).ToList(), locked);
        }
    }
}

/// <summary>
/// A learner marks a lesson as done; the next one opens. A lesson not yet open in the learning
/// order (<see cref="LearningPath"/>) cannot be marked done.
/// </summary>
public static class CompleteLesson
{
    public sealed record Command(int LessonId, string Language = Variants.Vietnamese);

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

            var path = (await LearningPath.LoadAsync(db, lesson.VersionId, scope.UserId, command.Language, ct))!;
            if (path.LessonLock(command.LessonId) is { } locked)
            {
                return locked.ToError();
            }

            if (await Privacy.Consents.RefuseLearningAsync(db, scope.UserId, ct) is { } noConsent)
            {
                return noConsent;
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
