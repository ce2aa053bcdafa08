using HocVuSo.Core.Common;
using HocVuSo.Core.Data;
using HocVuSo.Core.Features.Accounts;
using Microsoft.EntityFrameworkCore;

namespace HocVuSo.Core.Features.Learning;

public sealed record AnswerInput(int QuestionId, IReadOnlyList<string>? OptionIds);

public sealed record ItemResult(int QuestionId, bool Correct, IReadOnlyList<string> Chosen, IReadOnlyList<string> CorrectOptionIds, string Explanation);

public sealed record DomainResult(string Domain, string Name, int Correct, int Total);

public sealed record AttemptResult(Guid AttemptId, int QuizId, decimal Score, bool Passed, int PassMark, int Correct, int Total,
    DateTime SubmittedAt, bool Assisted, IReadOnlyList<DomainResult> Domains, IReadOnlyList<ItemResult> Items);

/// <summary>
/// Grades an attempt on the server. A submission carries the client's idempotency key: sending the
/// same key again returns the first result and grades nothing twice; a different key for a graded
/// attempt is refused. Answers name options by the ids the attempt showed, and so does the result.
/// A question is right only when the answer is exactly right (all correct
/// options and no other; steps in the exact order). The score is the share of right answers.
/// </summary>
public static class SubmitAttempt
{
    public sealed record Command(Guid AttemptId, string? IdempotencyKey, IReadOnlyList<AnswerInput>? Answers, string Language = Variants.Vietnamese);

    public sealed class Handler(AppDbContext db, ScopeService scopes, TimeProvider clock, IEnumerable<IPassedAttemptObserver> observers)
    {
        public async Task<Result<AttemptResult>> HandleAsync(Command command, CancellationToken ct)
        {
            var scope = await scopes.GetAsync(ct);
            var key = (command.IdempotencyKey ?? string.Empty).Trim();
            if (key.Length is 0 or > 100)
            {
                return Errors.Invalid("learning.idempotency_key_required", "Idempotency-Key");
            }

            // The attempt, its quiz and the learner's latest answer about consent to learning, in one query.
            var found = await db.QuizAttempts.AsNoTracking()
                .Where(a => a.Id == command.AttemptId && a.UserId == scope.UserId)
                .Select(a => new
                {
                    Attempt = a,
                    a.Quiz,
                    Consent = db.ConsentRecords.Where(c => c.UserId == a.UserId && c.Purpose == Privacy.ConsentPurpose.Learning)
                        .OrderByDescending(c => c.Id).Select(c => (bool?)c.Granted).FirstOrDefault(),
                })
                .FirstOrDefaultAsync(ct);
            if (found is null)
            {
                return Errors.NotFound("learning.attempt_not_found", command.AttemptId);
            }

            var attempt = found.Attempt;
            attempt.Quiz = found.Quiz;
            if (attempt.SubmittedAt is not null)
            {
                return await ReplayAsync(attempt, key, command.Language, ct);
            }

            if (found.Consent == false)
            {
                // As Privacy.Consents.RefuseLearningAsync: only a latest record that declines refuses.
                return new Error(Privacy.Consents.LearningNotGiven, ErrorKind.Forbidden);
            }

            var answers = command.Answers ?? [];
            var errors = new List<Error>();
            var byQuestion = new Dictionary<int, List<string>>();
            foreach (var answer in answers)
            {
                var item = attempt.Items.FirstOrDefault(i => i.QuestionId == answer.QuestionId);
                if (item is null)
                {
                    errors.Add(Errors.Invalid("learning.answer_unknown_question", "answers", answer.QuestionId));
                    continue;
                }

                // The learner answers with the ids this attempt showed; the answer is kept in the bank's own ids.
                var shown = answer.OptionIds ?? [];
                var chosen = shown.Select(id => OpaqueOptionIds.Authored(item, id)).ToList();
                if (!byQuestion.TryAdd(answer.QuestionId, chosen.Select(id => id ?? string.Empty).ToList()))
                {
                    errors.Add(Errors.Invalid("learning.answer_repeated", "answers", answer.QuestionId));
                    continue;
                }

                if (chosen.Any(id => id is null) || chosen.Distinct().Count() != chosen.Count)
                {
                    errors.Add(Errors.Invalid("learning.answer_unknown_option", "answers", answer.QuestionId));
                }
            }

            if (errors.Count > 0)
            {
                return Result<AttemptResult>.Fail(errors);
            }

            var questions = await LoadQuestionsAsync(attempt, ct);
            foreach (var item in attempt.Items)
            {
                item.Answer = byQuestion.GetValueOrDefault(item.QuestionId) ?? [];
                item.Correct = IsCorrect(questions[item.QuestionId], item.Answer);
            }

            var correct = attempt.Items.Count(i => i.Correct == true);
            var score = Math.Round(100m * correct / attempt.Items.Count, 1);
            var passed = score >= attempt.Quiz!.PassMark;
            var now = clock.UtcNow();

            // Grade only if nobody graded it meanwhile: one guarded UPDATE writes the graded items, the
            // score, the key and the state at once, atomic by itself; a concurrent retry finds the row
            // taken (no row updated) and replays what the other request graded.
            var items = attempt.Items;
            var updated = await db.QuizAttempts
                .Where(a => a.Id == attempt.Id && a.SubmittedAt == null)
                .ExecuteUpdateAsync(s => s
                    .SetProperty(a => a.Items, items)
                    .SetProperty(a => a.SubmittedAt, now)
                    .SetProperty(a => a.SubmissionKey, key)
                    .SetProperty(a => a.Score, score)
                    .SetProperty(a => a.Passed, passed), ct);
            if (updated == 0)
            {
                var graded = await db.QuizAttempts.AsNoTracking().Include(a => a.Quiz).FirstAsync(a => a.Id == attempt.Id, ct);
                return await ReplayAsync(graded, key, command.Language, ct);
            }

            attempt.SubmittedAt = now;
            attempt.Score = score;
            attempt.Passed = passed;
            if (passed)
            {
                // After the commit: what a pass leads to (certification) never undoes the grading.
                foreach (var observer in observers)
                {
                    await observer.AttemptPassedAsync(attempt.UserId, attempt.Id, attempt.Quiz.Slug, ct);
                }
            }

            return Describe(attempt, questions, command.Language);
        }

        private async Task<Result<AttemptResult>> ReplayAsync(QuizAttempt attempt, string key, string language, CancellationToken ct)
        {
            if (attempt.SubmissionKey != key)
            {
                return Errors.Conflict("learning.attempt_already_graded", null, attempt.Id);
            }

            return Describe(attempt, await LoadQuestionsAsync(attempt, ct), language);
        }

        private async Task<Dictionary<int, Question>> LoadQuestionsAsync(QuizAttempt attempt, CancellationToken ct)
        {
            var ids = attempt.Items.Select(i => i.QuestionId).ToList();
            return await db.Questions.AsNoTracking().Where(q => ids.Contains(q.Id)).ToDictionaryAsync(q => q.Id, ct);
        }
    }

    public static bool IsCorrect(Question question, IReadOnlyList<string> answer)
    {
        if (question.Type == QuestionTypes.Ordering)
        {
            return answer.SequenceEqual(question.Options.Select(o => o.Id));
        }

        var key = question.Options.Where(o => o.Correct).Select(o => o.Id).ToHashSet(StringComparer.Ordinal);
        return key.SetEquals(answer) && answer.Count == key.Count;
    }

    internal static AttemptResult Describe(QuizAttempt attempt, IReadOnlyDictionary<int, Question> questions, string language)
    {
        var items = attempt.Items.Select(i =>
        {
            var q = questions[i.QuestionId];
            var key = q.Type == QuestionTypes.Ordering ? q.Options.Select(o => o.Id).ToList() : q.Options.Where(o => o.Correct).Select(o => o.Id).ToList();
            return new ItemResult(i.QuestionId, i.Correct == true, (i.Answer ?? []).Select(id => OpaqueOptionIds.Shown(i, id)).ToList(),
                key.Select(id => OpaqueOptionIds.Shown(i, id)).ToList(), q.Explanation.In(language).Text);
        }).ToList();
        var domains = attempt.Items
            .GroupBy(i => CompetencyFramework.DomainOf(i.Competency ?? questions[i.QuestionId].Competency))
            .OrderBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => new DomainResult(g.Key, CompetencyFramework.DomainName(g.Key), g.Count(i => i.Correct == true), g.Count()))
            .ToList();
        return new AttemptResult(attempt.Id, attempt.QuizId, attempt.Score ?? 0, attempt.Passed ?? false, attempt.Quiz!.PassMark,
            items.Count(i => i.Correct), items.Count, attempt.SubmittedAt ?? default, attempt.Assisted, domains, items);
    }
}

/// <summary>
/// Told after a graded attempt has passed and been committed (e.g. certification evaluates the
/// learner). Runs in the submitter's unit of work; must be idempotent, as a learner may pass again.
/// </summary>
public interface IPassedAttemptObserver
{
    Task AttemptPassedAsync(string userId, Guid attemptId, string quizSlug, CancellationToken ct);
}

/// <summary>The signed-in learner's attempts, newest first.</summary>
public static class ListMyAttempts
{
    public sealed record Item(Guid AttemptId, int QuizId, string QuizSlug, string QuizTitle, DateTime StartedAt, DateTime? SubmittedAt, decimal? Score, bool? Passed, bool Assisted);

    public sealed class Handler(AppDbContext db, ScopeService scopes)
    {
        public async Task<Result<IReadOnlyList<Item>>> HandleAsync(string language, CancellationToken ct)
        {
            var scope = await scopes.GetAsync(ct);
            if (scope.UserId is null)
            {
                return Errors.Forbidden();
            }

            var rows = await db.QuizAttempts.AsNoTracking().Where(a => a.UserId == scope.UserId)
                .OrderByDescending(a => a.StartedAt).Take(200)
                .Select(a => new { a.Id, a.QuizId, a.Quiz!.Slug, a.Quiz.Title, a.StartedAt, a.SubmittedAt, a.Score, a.Passed, a.Assisted })
                .ToListAsync(ct);
            return rows.Select(r => new Item(r.Id, r.QuizId, r.Slug, r.Title.In(language).Text, r.StartedAt, r.SubmittedAt, r.Score, r.Passed, r.Assisted)).ToList();
        }
    }
}
