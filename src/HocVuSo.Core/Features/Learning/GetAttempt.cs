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
