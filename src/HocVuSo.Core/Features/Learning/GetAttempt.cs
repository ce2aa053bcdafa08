using HocVuSo.Core.Common;
using HocVuSo.Core.Data;
using HocVuSo.Core.Features.Accounts;
using Microsoft.EntityFrameworkCore;

namespace HocVuSo.Core.Features.Learning;

/// <summary>One of the learner's own attempts: the questions while it is open, and with the result once graded.</summary>
public static class GetAttempt
{
    public sealed record Query(Guid AttemptId, string Language = Variants.Vietnamese);

    public sealed record Answer(AttemptView View, AttemptResult? Result);

    public sealed class Handler(AppDbContext db, ScopeService scopes)
    {
        public async Task<Result<Answer>> HandleAsync(Query query, CancellationToken ct)
        {
            var scope = await scopes.GetAsync(ct);
            var attempt = await db.QuizAttempts.AsNoTracking().Include(a => a.Quiz)
                .FirstOrDefaultAsync(a => a.Id == query.AttemptId && a.UserId == scope.UserId, ct);
            if (attempt is null)
            {
                return Errors.NotFound("learning.attempt_not_found", query.AttemptId);
            }

            var view = await StartAttempt.ViewAsync(db, attempt, attempt.Quiz!, query.Language, ct);
            if (attempt.SubmittedAt is null)
            {
                return new Answer(view, null);
            }

            var ids = attempt.Items.Select(i => i.QuestionId).ToList();
            var questions = await db.Questions.AsNoTracking().Where(q => ids.Contains(q.Id)).ToDictionaryAsync(q => q.Id, ct);
            return new Answer(view, SubmitAttempt.Describe(attempt, questions, query.Language));
        }
    }
}

/// <summary>
/// The image of an option shown in one of the learner's own attempts, named by the option's id in
/// that attempt, so the address says nothing of the file (its name could give the answer away).
/// </summary>
public static class GetAttemptImage
{
    public sealed record Query(Guid AttemptId, string ShownId);

    public sealed record Image(byte[] Bytes, string ContentType);

    public static string Url(Guid attemptId, string shownId) => $"/learn/attempts/{attemptId}/images/{shownId}";

    public sealed class Handler(AppDbContext db, ScopeService scopes)
    {
        public async Task<Result<Image>> HandleAsync(Query query, CancellationToken ct)
        {
            var scope = await scopes.GetAsync(ct);
            var attempt = await db.QuizAttempts.AsNoTracking().Where(a => a.Id == query.AttemptId && a.UserId == scope.UserId)
                .Select(a => new { a.Items, a.Quiz!.CourseVersionId }).FirstOrDefaultAsync(ct);
            var item = attempt?.Items.FirstOrDefault(i => OpaqueOptionIds.Authored(i, query.ShownId) is not null);
            if (attempt is null || item is null)
            {
                return Errors.NotFound("learning.attempt_not_found", query.AttemptId);
            }

            var optionId = OpaqueOptionIds.Authored(item, query.ShownId);
            var question = await db.Questions.AsNoTracking().Where(q => q.Id == item.QuestionId).Select(q => q.Options).FirstAsync(ct);
            var path = question.FirstOrDefault(o => o.Id == optionId)?.Image;
            var media = path is null ? null : await db.LearningMedia.AsNoTracking().Where(m => m.CourseVersionId == attempt.CourseVersionId && m.Path == path)
                .Select(m => new Image(m.Bytes, m.ContentType)).FirstOrDefaultAsync(ct);
            return media is null ? Errors.NotFound("learning.attempt_not_found", query.AttemptId) : media;
        }
    }
}
