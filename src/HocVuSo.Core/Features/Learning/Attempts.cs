using System.Security.Cryptography;
using HocVuSo.Core.Common;
using HocVuSo.Core.Data;
using HocVuSo.Core.Features.Accounts;
using Microsoft.EntityFrameworkCore;

namespace HocVuSo.Core.Features.Learning;

public sealed record OptionView(string Id, string Text, string? Image);

public sealed record QuestionView(int Id, string Type, string Text, IReadOnlyList<OptionView> Options, string Competency, bool Fallback);

public sealed record AttemptView(Guid AttemptId, int QuizId, string QuizTitle, int PassMark, DateTime StartedAt, IReadOnlyList<QuestionView> Questions);

/// <summary>
/// A signed-in learner starts an attempt at a quiz: questions are drawn at random per competency
/// from the bank and their options shuffled and shown under random ids of this attempt
/// (<see cref="OpaqueOptionIds"/>), images under those ids too; the answer key stays on the server. A quiz not yet open
/// in the learning order (<see cref="LearningPath"/>: a module's lessons first, every module before
/// the final assessment, unless the course allows testing out) cannot be started. An attempt still
/// open is resumed rather than a new one drawn. At most the quiz's number of attempts in any
/// 24 hours, and after a failed attempt the learner waits the cool-down.
/// </summary>
public static class StartAttempt
{
    public sealed record Command(int QuizId, string Language = Variants.Vietnamese, string? AssistedByUserId = null);

    public sealed class Handler(AppDbContext db, ScopeService scopes, TimeProvider clock, PublishedCourses courses)
    {
        public async Task<Result<AttemptView>> HandleAsync(Command command, CancellationToken ct)
        {
            var scope = await scopes.GetAsync(ct);
            if (scope.UserId is null)
            {
                return Errors.Forbidden();
            }

            // The one read of course data: the quiz's version, its content hash and whether it is still current.
            var head = await db.Quizzes.AsNoTracking().Where(q => q.Id == command.QuizId)
                .Select(q => new { q.CourseVersionId, q.CourseVersion!.ContentHash, q.CourseVersion.Course!.CurrentVersionId }).FirstOrDefaultAsync(ct);
            var snapshot = head is null ? null : await courses.GetAsync(db, head.CourseVersionId, head.ContentHash, ct);
            if (snapshot?.Quiz(command.QuizId) is not { } quiz)
            {
                return Errors.NotFound("learning.quiz_not_found", command.QuizId);
            }

            if (head!.CurrentVersionId != quiz.CourseVersionId)
            {
                return Errors.Conflict("learning.quiz_outdated", null, command.QuizId);
            }

            var path = await LearningPath.LoadAsync(db, snapshot, scope.UserId, command.Language, ct);
            if (path.State.RefuseLearning() is { } noConsent)
            {
                return noConsent;
            }

            if (path.QuizLock(quiz.Id) is { } locked)
            {
                return locked.ToError();
            }

            var now = clock.UtcNow();
            // One query for the learner's attempts at this quiz in the last 24 hours, open and graded.
            var since = now.AddDays(-1);
            var lately = await db.QuizAttempts.AsNoTracking()
                .Where(a => a.UserId == scope.UserId && a.QuizId == quiz.Id
                    && ((a.SubmittedAt == null && a.StartedAt > since) || (a.SubmittedAt != null && a.SubmittedAt > since)))
                .ToListAsync(ct);
            var open = lately.Where(a => a.SubmittedAt is null).MaxBy(a => a.StartedAt);
            if (open is not null)
            {
                return open.Items.All(i => snapshot.BankById.ContainsKey(i.QuestionId))
                    ? View(open, quiz, snapshot.BankById, command.Language)
                    : await ViewAsync(db, open, quiz, command.Language, ct);
            }

            var recent = lately.Where(a => a.SubmittedAt is not null).Select(a => new { a.SubmittedAt, a.Passed }).ToList();
            if (recent.Count >= quiz.MaxAttempts)
            {
                var nextAt = recent.Min(a => a.SubmittedAt!.Value).AddDays(1);
                return Errors.Conflict("learning.attempts_used", null, quiz.MaxAttempts, Math.Max(1, (int)Math.Ceiling((nextAt - now).TotalHours)));
            }

            var lastFailed = recent.Where(a => a.Passed == false).Select(a => a.SubmittedAt!.Value).DefaultIfEmpty().Max();
            if (lastFailed != default && lastFailed.AddMinutes(quiz.CooldownMinutes) > now)
            {
                var wait = (int)Math.Ceiling((lastFailed.AddMinutes(quiz.CooldownMinutes) - now).TotalMinutes);
                return Errors.Conflict("learning.cooldown", null, wait);
            }

            var competencies = quiz.Competencies.Split(',', StringSplitOptions.RemoveEmptyEntries);
            // The bank of the version, from memory, without the answer key.
            var bank = snapshot.Bank.Where(q => quiz.ModuleId == null || q.ModuleId == quiz.ModuleId).ToList();
            var drawn = competencies
                .SelectMany(c => Shuffle(bank.Where(q => q.Competency == c).ToList()).Take(quiz.QuestionsPerCompetency))
                .ToList();
            if (drawn.Count == 0)
            {
                return Errors.Conflict("learning.quiz_empty", null, quiz.Id);
            }

            var unitPath = path.State.HomeUnitPath;
            var attempt = new QuizAttempt
            {
                Id = Guid.NewGuid(),
                QuizId = quiz.Id,
                UserId = scope.UserId,
                StartedAt = now,
                Assisted = (command.AssistedByUserId ?? scope.AssistedByUserId) is not null,
                AssistedByUserId = command.AssistedByUserId ?? scope.AssistedByUserId,
                UnitPath = unitPath,
                Items = Shuffle(drawn).Select(q => new AttemptItem
                {
                    QuestionId = q.Id,
                    Competency = q.Competency,
                    ShownOptions = q.Type == QuestionTypes.TrueFalse
                        ? q.Options.Select(o => o.Id).ToList()
                        : ShuffleOptions(q.Options.Select(o => o.Id).ToList(), q.Type == QuestionTypes.Ordering),
                    ShownIds = OpaqueOptionIds.Draw(q.Options.Count),
                }).ToList(),
            };
            db.QuizAttempts.Add(attempt);
            await db.SaveChangesAsync(ct);
            // The drawn questions came with the bank: no second read to show them.
            return View(attempt, quiz, drawn.ToDictionary(q => q.Id), command.Language);
        }
    }

    internal static async Task<AttemptView> ViewAsync(AppDbContext db, QuizAttempt attempt, Quiz quiz, string language, CancellationToken ct)
    {
        var ids = attempt.Items.Select(i => i.QuestionId).ToList();
        var questions = await db.Questions.AsNoTracking().Where(q => ids.Contains(q.Id)).ToDictionaryAsync(q => q.Id, ct);
        return View(attempt, quiz, questions, language);
    }

    private static AttemptView View(QuizAttempt attempt, Quiz quiz, IReadOnlyDictionary<int, Question> questions, string language)
    {
        var views = attempt.Items.Select(item =>
        {
            var q = questions[item.QuestionId];
            var (text, used) = q.Text.In(language);
            var options = item.ShownOptions.Select(id => q.Options.Single(o => o.Id == id)).Select(o =>
            {
                var shown = OpaqueOptionIds.Shown(item, o.Id);
                return new OptionView(shown, o.Text.In(language).Text, o.Image is null ? null : GetAttemptImage.Url(attempt.Id, shown));
            }).ToList();
            return new QuestionView(q.Id, q.Type, text, options, q.Competency, used != language);
        }).ToList();
        return new AttemptView(attempt.Id, quiz.Id, quiz.Title.In(language).Text, quiz.PassMark, attempt.StartedAt, views);
    }

    private static List<T> Shuffle<T>(List<T> items)
    {
        var copy = items.ToList();
        for (var i = copy.Count - 1; i > 0; i--)
        {
            var j = RandomNumberGenerator.GetInt32(i + 1);
            (copy[i], copy[j]) = (copy[j], copy[i]);
        }

        return copy;
    }

    /// <summary>Shuffles options; steps of an ordering question are never shown already in order.</summary>
    private static List<string> ShuffleOptions(List<string> ids, bool mustDiffer)
    {
        var shuffled = Shuffle(ids);
        for (var tries = 0; mustDiffer && ids.Count > 1 && shuffled.SequenceEqual(ids) && tries < 10; tries++)
        {
            shuffled = Shuffle(ids);
        }

        return shuffled;
    }
}
