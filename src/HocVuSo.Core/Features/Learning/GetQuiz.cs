using HocVuSo.Core.Common;
using HocVuSo.Core.Data;
using HocVuSo.Core.Features.Accounts;
using Microsoft.EntityFrameworkCore;

namespace HocVuSo.Core.Features.Learning;

/// <summary>
/// A quiz's start page: its title and pass mark, and for a signed-in learner whether it is open
/// in the learning order (<see cref="LearningPath"/>) or what to finish first.
/// </summary>
public static class GetQuiz
{
    public sealed record Query(int QuizId, string Language = Variants.Vietnamese);

    public sealed record Answer(int QuizId, string Title, int PassMark, bool Final, LearningLock? Lock);

    public sealed class Handler(AppDbContext db, ScopeService scopes, PublishedCourses courses)
    {
        public async Task<Result<Answer>> HandleAsync(Query query, CancellationToken ct)
        {
            var head = await db.Quizzes.AsNoTracking().Where(q => q.Id == query.QuizId)
                .Select(q => new { q.CourseVersionId, q.CourseVersion!.ContentHash }).FirstOrDefaultAsync(ct);
            var snapshot = head is null ? null : await courses.GetAsync(db, head.CourseVersionId, head.ContentHash, ct);
            if (snapshot?.Quiz(query.QuizId) is not { } quiz)
            {
                return Errors.NotFound("learning.quiz_not_found", query.QuizId);
            }

            var scope = await scopes.GetAsync(ct);
            var path = await LearningPath.LoadAsync(db, snapshot, scope.UserId, query.Language, ct);
            return new Answer(query.QuizId, quiz.Title.In(query.Language).Text, quiz.PassMark, quiz.ModuleId is null, path.QuizLock(query.QuizId));
        }
    }
}
