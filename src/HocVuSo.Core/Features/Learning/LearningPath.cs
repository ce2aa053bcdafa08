using HocVuSo.Core.Common;
using HocVuSo.Core.Data;
using Microsoft.EntityFrameworkCore;

namespace HocVuSo.Core.Features.Learning;

/// <summary>
/// Why a lesson or a quiz is not open yet, and what to do first: the lesson (or quiz) named by
/// <see cref="Title"/>, reached through <see cref="LessonId"/> or <see cref="QuizId"/>.
/// </summary>
public sealed record LearningLock(string Code, string Title, int? LessonId, int? QuizId)
{
    public const string Lesson = "learning.lesson_locked";
    public const string ModuleQuiz = "learning.quiz_locked";
    public const string FinalAssessment = "learning.final_locked";

    public Error ToError() => Errors.Conflict(Code, null, Title);
}

/// <summary>
/// The learning order of a course version, the one place where it is decided what a signed-in
/// learner may open. Modules follow the course's order and lessons their module's order: a lesson
/// opens when every lesson before it in the course is done (a lesson of a module whose quiz the
/// learner has passed counts as done); a lesson already done stays open. A module's quiz opens
/// when all of that module's lessons are done; the final assessment when every module is done
/// (its quiz passed). A course version marked "test-out allowed" opens every quiz and the final
/// assessment at once. Visitors who are not signed in may read every lesson (nothing is recorded
/// and they cannot take quizzes).
/// </summary>
internal sealed class LearningPath
{
    private readonly CourseVersion _version;
    private readonly IReadOnlyList<QuizRef> _quizzes;
    private readonly LearnerState _state;
    private readonly bool _signedIn;
    private readonly string _language;
    private readonly IReadOnlySet<string> _done;

    public LearningPath(CourseVersion version, IReadOnlyList<QuizRef> quizzes, LearnerState state, bool signedIn, string language)
    {
        _version = version;
        _quizzes = quizzes.Where(q => q.CourseVersionId == version.Id).ToList();
        _state = state;
        _signedIn = signedIn;
        _language = language;
        _done = state.Completed(version.Course!.Slug);
    }

    public sealed record QuizRef(int Id, int CourseVersionId, int? ModuleId, string Slug, string Competencies);

    public static Task<List<QuizRef>> QuizzesAsync(AppDbContext db, IReadOnlyCollection<int> courseVersionIds, CancellationToken ct) =>
        db.Quizzes.AsNoTracking().Where(q => courseVersionIds.Contains(q.CourseVersionId))
            .Select(q => new QuizRef(q.Id, q.CourseVersionId, q.ModuleId, q.Slug, q.Competencies)).ToListAsync(ct);

    /// <summary>The path of a published version held in memory (<see cref="PublishedCourses"/>): one query, the learner's state.</summary>
    public static async Task<LearningPath> LoadAsync(AppDbContext db, CourseSnapshot snapshot, string? userId, string language, CancellationToken ct) =>
        new(snapshot.Version, snapshot.QuizRefs, await LearnerState.LoadAsync(db, userId, ct), userId is not null, language);

    /// <summary>The learner's state the path was decided on (their home unit, consent to learning, progress rows).</summary>
    public LearnerState State => _state;

    public bool TestOutAllowed => _version.TestOutAllowed;

    public IEnumerable<LearningModule> Modules => _version.Modules.OrderBy(m => m.Position);

    public static IEnumerable<Lesson> LessonsOf(LearningModule module) => module.Lessons.OrderBy(l => l.Position);

    public bool Completed(Lesson lesson) => _done.Contains(lesson.Slug);

    public QuizRef? QuizOf(LearningModule module) => _quizzes.FirstOrDefault(q => q.ModuleId == module.Id);

    public QuizRef? FinalQuiz => _quizzes.FirstOrDefault(q => q.ModuleId == null);

    public bool Passed(string quizSlug) => _state.Passed(_version.Course!.Slug, quizSlug);

    public decimal? BestScore(string quizSlug) => _state.BestScore(_version.Course!.Slug, quizSlug);

    /// <summary>A module is done when its quiz is passed (or, for a module without questions, when its lessons are).</summary>
    public bool ModuleDone(LearningModule module) => QuizOf(module) is { } quiz && quiz.Competencies.Length > 0
        ? Passed(quiz.Slug)
        : module.Lessons.All(Completed);

    /// <summary>Null when the lesson is open to the reader; otherwise the earlier lesson to finish first.</summary>
    public LearningLock? LessonLock(int lessonId)
    {
        var target = _version.Modules.SelectMany(m => m.Lessons).FirstOrDefault(l => l.Id == lessonId);
        if (!_signedIn || target is null || Completed(target))
        {
            return null;
        }

        foreach (var module in Modules)
        {
            var passed = QuizOf(module) is { } quiz && Passed(quiz.Slug);
            foreach (var lesson in LessonsOf(module))
            {
                if (lesson.Id == lessonId)
                {
                    return null;
                }

                if (!passed && !Completed(lesson))
                {
                    return Lock(LearningLock.Lesson, lesson);
                }
            }
        }

        return null;
    }

    /// <summary>Null when the quiz may be started; otherwise what to finish first.</summary>
    public LearningLock? QuizLock(int quizId)
    {
        var quiz = _quizzes.FirstOrDefault(q => q.Id == quizId);
        if (quiz is null || !_signedIn || TestOutAllowed)
        {
            return null;
        }

        if (quiz.ModuleId is { } moduleId)
        {
            var module = _version.Modules.Single(m => m.Id == moduleId);
            var missing = LessonsOf(module).FirstOrDefault(l => !Completed(l));
            return missing is null ? null : Lock(LearningLock.ModuleQuiz, missing);
        }

        var undone = Modules.FirstOrDefault(m => !ModuleDone(m));
        if (undone is null)
        {
            return null;
        }

        var lesson = LessonsOf(undone).FirstOrDefault(l => !Completed(l));
        return new LearningLock(LearningLock.FinalAssessment, undone.Title.In(_language).Text, lesson?.Id, lesson is null ? QuizOf(undone)?.Id : null);
    }

    private LearningLock Lock(string code, Lesson lesson) => new(code, lesson.Title.In(_language).Text, lesson.Id, null);
}
