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
/// <summary>
/// What the learning order needs to know of one learner, read in one query (UNION ALL): their
/// lesson progress rows, their graded attempts, and one row with their home unit's path and their
/// latest answer about consent to learning.
/// </summary>
internal sealed class LearnerState
{
    private readonly Dictionary<string, HashSet<string>> _completed;
    private readonly HashSet<(string Course, string Lesson)> _opened;
    private readonly Dictionary<(string Course, string Quiz), decimal> _best;
    private readonly HashSet<(string Course, string Quiz)> _passed;

    private LearnerState(Dictionary<string, HashSet<string>> completed, HashSet<(string, string)> opened, Dictionary<(string, string), decimal> best,
        HashSet<(string, string)> passed, string? homeUnitPath, bool learningRefused)
    {
        _completed = completed;
        _opened = opened;
        _best = best;
        _passed = passed;
        HomeUnitPath = homeUnitPath;
        LearningRefused = learningRefused;
    }

    /// <summary>The path of the learner's home unit (kept on their progress and attempts for the dashboards).</summary>
    public string? HomeUnitPath { get; }

    /// <summary>The learner's latest answer about consent to learning declines it (<see cref="Privacy.Consents.RefuseLearningAsync"/>).</summary>
    public bool LearningRefused { get; }

    public Common.Error? RefuseLearning() => LearningRefused ? new Common.Error(Privacy.Consents.LearningNotGiven, Common.ErrorKind.Forbidden) : null;

    private const int ProgressRow = 0;
    private const int AttemptRow = 1;
    private const int LearnerRow = 2;

    private sealed class Row
    {
        public int Kind { get; init; }

        public string? Course { get; init; }

        public string? Slug { get; init; }

        public decimal? Score { get; init; }

        public bool? Flag { get; init; }
    }

    public static async Task<LearnerState> LoadAsync(AppDbContext db, string? userId, CancellationToken ct)
    {
        if (userId is null)
        {
            return new LearnerState([], [], [], [], null, false);
        }

        var rows = await db.LessonProgress.AsNoTracking().Where(p => p.UserId == userId)
            .Select(p => new Row { Kind = ProgressRow, Course = p.CourseSlug, Slug = p.LessonSlug, Score = null, Flag = p.CompletedAt != null })
            .Concat(db.QuizAttempts.AsNoTracking().Where(a => a.UserId == userId && a.SubmittedAt != null)
                .Select(a => new Row { Kind = AttemptRow, Course = a.Quiz!.CourseVersion!.Course!.Slug, Slug = a.Quiz.Slug, Score = a.Score, Flag = a.Passed }))
            .Concat(db.Users.AsNoTracking().Where(u => u.Id == userId)
                .Select(u => new Row
                {
                    Kind = LearnerRow,
                    Course = db.Units.Where(x => x.Id == u.HomeUnitId).Select(x => x.Path).FirstOrDefault(),
                    Slug = null,
                    Score = null,
                    Flag = db.ConsentRecords.Where(c => c.UserId == u.Id && c.Purpose == Privacy.ConsentPurpose.Learning)
                        .OrderByDescending(c => c.Id).Select(c => (bool?)c.Granted).FirstOrDefault(),
                }))
            .ToListAsync(ct);
        var lessons = rows.Where(r => r.Kind == ProgressRow).ToList();
        var attempts = rows.Where(r => r.Kind == AttemptRow).ToList();
        var learner = rows.FirstOrDefault(r => r.Kind == LearnerRow);
        return new LearnerState(
            lessons.Where(l => l.Flag == true).GroupBy(l => l.Course!).ToDictionary(g => g.Key, g => g.Select(l => l.Slug!).ToHashSet(StringComparer.Ordinal)),
            lessons.Select(l => (l.Course!, l.Slug!)).ToHashSet(),
            attempts.GroupBy(a => (a.Course!, a.Slug!)).ToDictionary(g => g.Key, g => g.Max(a => a.Score ?? 0)),
            attempts.Where(a => a.Flag == true).Select(a => (a.Course!, a.Slug!)).ToHashSet(),
            learner?.Course,
            learner?.Flag == false);
    }

    public IReadOnlySet<string> Completed(string courseSlug) =>
        _completed.TryGetValue(courseSlug, out var set) ? set : new HashSet<string>();

    /// <summary>True when the learner has a progress row for the lesson (opened it before).</summary>
    public bool Opened(string courseSlug, string lessonSlug) => _opened.Contains((courseSlug, lessonSlug));

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

    public sealed class Handler(AppDbContext db, ScopeService scopes, TimeProvider clock, PublishedCourses courses)
    {
        public async Task<Result<LessonPage>> HandleAsync(Query query, CancellationToken ct)
        {
            // The one read of course data: which version the lesson belongs to, and that version's content hash.
            var head = await db.Lessons.AsNoTracking().Where(l => l.Id == query.LessonId)
                .Select(l => new { l.Module!.CourseVersionId, l.Module.CourseVersion!.ContentHash }).FirstOrDefaultAsync(ct);
            var snapshot = head is null ? null : await courses.GetAsync(db, head.CourseVersionId, head.ContentHash, ct);
            if (snapshot?.Lesson(query.LessonId) is not { } lesson)
            {
                return Errors.NotFound("learning.lesson_not_found", query.LessonId);
            }

            var version = snapshot.Version;
            var module = lesson.Module!;
            var ordered = snapshot.Ordered;
            var index = ordered.ToList().FindIndex(l => l.Id == lesson.Id);
            var scope = await scopes.GetAsync(ct);
            var path = await LearningPath.LoadAsync(db, snapshot, scope.UserId, query.Language, ct);
            var locked = path.LessonLock(lesson.Id);
            var completed = path.Completed(lesson);
            // Reading is open to anyone; without consent to learning the visit is not recorded, as for a visitor.
            if (scope.UserId is not null && locked is null && !path.State.LearningRefused)
            {
                await LessonProgressWriter.TouchAsync(db, scope.UserId, snapshot.CourseSlug, lesson.Slug, clock.UtcNow(), complete: false,
                    path.State.Opened(snapshot.CourseSlug, lesson.Slug), path.State.HomeUnitPath, ct);
            }

            var (html, language) = snapshot.Html(lesson, query.Language);
            var quizId = snapshot.QuizOfModule(module.Id)?.Id;
            return new LessonPage(lesson.Id, lesson.Slug, lesson.Title.In(query.Language).Text, locked is null ? html : null,
                language, language != query.Language, lesson.Minutes, lesson.Competencies.Split(',', StringSplitOptions.RemoveEmptyEntries),
                snapshot.CourseSlug, version.Title.In(query.Language).Text, lesson.ModuleId, module.Slug, module.Title.In(query.Language).Text, quizId,
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

    public sealed class Handler(AppDbContext db, ScopeService scopes, TimeProvider clock, PublishedCourses courses)
    {
        public async Task<Result<int?>> HandleAsync(Command command, CancellationToken ct)
        {
            var scope = await scopes.GetAsync(ct);
            if (scope.UserId is null)
            {
                return Errors.Forbidden();
            }

            var lesson = await db.Lessons.AsNoTracking().Where(l => l.Id == command.LessonId)
                .Select(l => new { l.Slug, Course = l.Module!.CourseVersion!.Course!.Slug, VersionId = l.Module.CourseVersionId, l.Module.CourseVersion.ContentHash })
                .FirstOrDefaultAsync(ct);
            if (lesson is null)
            {
                return Errors.NotFound("learning.lesson_not_found", command.LessonId);
            }

            var snapshot = (await courses.GetAsync(db, lesson.VersionId, lesson.ContentHash, ct))!;
            var path = await LearningPath.LoadAsync(db, snapshot, scope.UserId, command.Language, ct);
            if (path.LessonLock(command.LessonId) is { } locked)
            {
                return locked.ToError();
            }

            if (path.State.RefuseLearning() is { } noConsent)
            {
                return noConsent;
            }

            await LessonProgressWriter.TouchAsync(db, scope.UserId, lesson.Course, lesson.Slug, clock.UtcNow(), complete: true,
                path.State.Opened(lesson.Course, lesson.Slug), path.State.HomeUnitPath, ct);
            var ordered = snapshot.Ordered;
            var index = ordered.ToList().FindIndex(l => l.Id == command.LessonId);
            return index >= 0 && index < ordered.Count - 1 ? ordered[index + 1].Id : (int?)null;
        }
    }
}

internal static class LessonProgressWriter
{
    /// <summary>
    /// Records that the learner opened (or, with <paramref name="complete"/>, finished) a lesson:
    /// one UPDATE when they opened it before (<paramref name="opened"/>, from the state just read),
    /// one INSERT when not; an UPDATE that finds no row (deleted meanwhile) falls back to the insert
    /// and an insert that meets the row (two tabs at once) to the update.
    /// </summary>
    public static async Task TouchAsync(AppDbContext db, string userId, string courseSlug, string lessonSlug, DateTime now, bool complete,
        bool opened, string? unitPath, CancellationToken ct)
    {
        if (opened && await UpdateAsync(db, userId, courseSlug, lessonSlug, now, complete, ct) > 0)
        {
            return;
        }

        var row = new LessonProgress
        {
            UserId = userId,
            CourseSlug = courseSlug,
            LessonSlug = lessonSlug,
            FirstOpenedAt = now,
            LastOpenedAt = now,
            CompletedAt = complete ? now : null,
            UnitPath = unitPath,
        };
        db.LessonProgress.Add(row);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException)
        {
            // Two tabs opened the same lesson at once: the other request recorded it.
            db.Entry(row).State = EntityState.Detached;
            await UpdateAsync(db, userId, courseSlug, lessonSlug, now, complete, ct);
        }
    }

    private static Task<int> UpdateAsync(AppDbContext db, string userId, string courseSlug, string lessonSlug, DateTime now, bool complete, CancellationToken ct)
    {
        var rows = db.LessonProgress.Where(p => p.UserId == userId && p.CourseSlug == courseSlug && p.LessonSlug == lessonSlug);
        return complete
            ? rows.ExecuteUpdateAsync(s => s.SetProperty(p => p.LastOpenedAt, now).SetProperty(p => p.CompletedAt, p => p.CompletedAt ?? now), ct)
            : rows.ExecuteUpdateAsync(s => s.SetProperty(p => p.LastOpenedAt, now), ct);
    }
}
