using System.Globalization;
using System.Text.Json;
using HocVuSo.Core.Common;
using HocVuSo.Core.Data;
using HocVuSo.Core.Features.Accounts;
using HocVuSo.Core.Features.Certification;
using HocVuSo.Core.Features.Learning;
using Microsoft.EntityFrameworkCore;

namespace HocVuSo.Core.Features.Contests;

public sealed record ContestAnswerInput(int QuestionId, IReadOnlyList<string>? OptionIds);

/// <summary>A question of a graded entry once the round has closed: what was chosen, the key and the explanation.</summary>
public sealed record EntryItemResult(int QuestionId, string Text, bool Correct, IReadOnlyList<string> Chosen, IReadOnlyList<string> CorrectOptionIds, string Explanation);

/// <summary>
/// An entry's result. <see cref="AnswersCounted"/> is false when the answers arrived after the
/// deadline (<see cref="NotCountedReason"/> says so); the prediction distance is known once the
/// round has closed, and so are the explanations (<see cref="Items"/>).
/// </summary>
public sealed record EntryResultDto(Guid EntryId, int RoundId, string ContestTitle, int RoundNumber, bool Submitted, bool AnswersCounted, string? NotCountedReason,
    int Correct, int Total, decimal Score, double TimeTakenSeconds, long? Prediction, long? PredictionDistance, int? Rank, int Ranked,
    DateTime StartedAt, DateTime Deadline, DateTime? SubmittedAt, bool ExplanationsPublished, IReadOnlyList<EntryItemResult>? Items);

/// <summary>
/// Submits and grades an entry on the server, in one guarded update: answers only for the questions
/// drawn, each naming options by the ids the entry showed; the prediction a non-negative integer. A
/// submission after the deadline is recorded but its answers are not counted, and the result says
/// so. The Idempotency-Key makes a retry return the first result; another key for a submitted
/// entry is refused.
/// </summary>
public static class SubmitEntry
{
    public const string LateReason = "submitted-after-deadline";
    public const long MaxPrediction = 1_000_000_000;

    public sealed record Command(Guid EntryId, string? IdempotencyKey, IReadOnlyList<ContestAnswerInput>? Answers, string? Prediction, string Language = Variants.Vietnamese);

    public sealed class Handler(AppDbContext db, ScopeService scopes, TimeProvider clock, ContestPools pools, PersonalDataProtector protector, IEnumerable<IContestResultsChanged> observers)
    {
        public async Task<Result<EntryResultDto>> HandleAsync(Command command, CancellationToken ct)
        {
            var scope = await scopes.GetAsync(ct);
            var key = (command.IdempotencyKey ?? string.Empty).Trim();
            if (key.Length is 0 or > 100)
            {
                return Errors.Invalid("contests.idempotency_key_required", "Idempotency-Key");
            }

            var entry = await db.Set<ContestEntry>().AsNoTracking().FirstOrDefaultAsync(e => e.Id == command.EntryId && e.UserId == scope.UserId, ct);
            if (entry is null)
            {
                return Errors.NotFound("contests.entry_not_found", command.EntryId);
            }

            var round = await EntryResults.RoundAsync(db, entry.RoundId, ct);
            if (entry.SubmittedAt is not null)
            {
                return entry.SubmissionKey == key
                    ? await EntryResults.DescribeAsync(db, pools, protector, clock, entry, round, command.Language, ct)
                    : Errors.Conflict("contests.entry_already_submitted", null, entry.Id);
            }

            var errors = new List<Error>();
            long? prediction = null;
            if (string.IsNullOrWhiteSpace(command.Prediction))
            {
                errors.Add(Errors.Invalid("contests.prediction_required", "prediction"));
            }
            else if (!long.TryParse(command.Prediction.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var p) || p > MaxPrediction)
            {
                errors.Add(Errors.Invalid("contests.prediction_invalid", "prediction", command.Prediction));
            }
            else
            {
                prediction = p;
            }

            var pool = await pools.GetAsync(round.ContestId, round.PoolVersion, ct);
            var chosen = new Dictionary<int, List<string>>();
            foreach (var answer in command.Answers ?? [])
            {
                if (answer is null || !entry.QuestionIds.Contains(answer.QuestionId) || !pool.Questions.TryGetValue(answer.QuestionId, out var question))
                {
                    errors.Add(Errors.Invalid("contests.answer_not_drawn", "answers", answer?.QuestionId ?? 0));
                    continue;
                }

                var shown = question.Options.ToDictionary(o => StartEntry.ShownId(protector, entry.Id, question.Id, o.Id), o => o.Id, StringComparer.Ordinal);
                var ids = answer.OptionIds ?? [];
                var authored = ids.Select(id => shown.GetValueOrDefault(id ?? string.Empty)).ToList();
                if (authored.Any(a => a is null) || authored.Distinct().Count() != authored.Count)
                {
                    errors.Add(Errors.Invalid("contests.answer_unknown_option", "answers", answer.QuestionId));
                }
                else if (!chosen.TryAdd(answer.QuestionId, authored!))
                {
                    errors.Add(Errors.Invalid("contests.answer_repeated", "answers", answer.QuestionId));
                }
            }

            if (errors.Count > 0)
            {
                return Result<EntryResultDto>.Fail(errors);
            }

            var now = clock.UtcNow();
            var late = now > entry.Deadline + ContestRules.NetworkGrace;
            var correct = late ? 0 : entry.QuestionIds.Count(id => chosen.TryGetValue(id, out var a) && SubmitAttempt.IsCorrect(AsQuestion(pool.Questions[id]), a));
            var taken = (int)Math.Min((now - entry.StartedAt).TotalMilliseconds, (entry.Deadline - entry.StartedAt).TotalMilliseconds);
            var answers = JsonSerializer.Serialize(chosen);
            long? distance = round.FinalParticipants is { } final && prediction is { } guess ? Math.Abs(guess - final) : null;

            // Graded in one statement, only if nobody graded it meanwhile: a concurrent retry finds it taken and replays.
            var updated = await db.Set<ContestEntry>().Where(e => e.Id == entry.Id && e.SubmittedAt == null)
                .ExecuteUpdateAsync(s => s
                    .SetProperty(e => e.SubmittedAt, now)
                    .SetProperty(e => e.SubmissionKey, key)
                    .SetProperty(e => e.Answers, answers)
                    .SetProperty(e => e.Correct, correct)
                    .SetProperty(e => e.TimeTakenMs, taken)
                    .SetProperty(e => e.Prediction, prediction)
                    .SetProperty(e => e.PredictionDistance, distance)
                    .SetProperty(e => e.Late, late)
                    .SetProperty(e => e.OpenForUserId, (string?)null), ct);
            ContestEntry graded;
            if (updated == 0)
            {
                // Somebody graded it meanwhile: a retry with the same key replays what was stored.
                graded = await db.Set<ContestEntry>().AsNoTracking().FirstAsync(e => e.Id == entry.Id, ct);
                if (graded.SubmissionKey != key)
                {
                    return Errors.Conflict("contests.entry_already_submitted", null, entry.Id);
                }
            }
            else
            {
                // The row now holds exactly what was written: no need to read it back.
                entry.SubmittedAt = now;
                entry.SubmissionKey = key;
                entry.Answers = answers;
                entry.Correct = correct;
                entry.TimeTakenMs = taken;
                entry.Prediction = prediction;
                entry.PredictionDistance = distance;
                entry.Late = late;
                entry.OpenForUserId = null;
                graded = entry;
            }

            if (updated > 0)
            {
                foreach (var observer in observers)
                {
                    await observer.RoundChangedAsync(entry.RoundId, ct);
                }
            }

            return await EntryResults.DescribeAsync(db, pools, protector, clock, graded, round, command.Language, ct);
        }
    }

    /// <summary>The contest question in the shape the learning area grades.</summary>
    internal static Question AsQuestion(ContestQuestion q) => new() { Slug = q.Slug, Type = q.Type, Competency = q.Competency ?? string.Empty, Options = q.Options };
}

/// <summary>The signed-in entrant's own entry and its result.</summary>
public static class GetEntryResult
{
    public sealed class Handler(AppDbContext db, ScopeService scopes, TimeProvider clock, ContestPools pools, PersonalDataProtector protector)
    {
        public async Task<Result<EntryResultDto>> HandleAsync(Guid entryId, string language, CancellationToken ct)
        {
            var scope = await scopes.GetAsync(ct);
            var entry = await db.Set<ContestEntry>().AsNoTracking().FirstOrDefaultAsync(e => e.Id == entryId && e.UserId == scope.UserId, ct);
            return entry is null
                ? Errors.NotFound("contests.entry_not_found", entryId)
                : await EntryResults.DescribeAsync(db, pools, protector, clock, entry, await EntryResults.RoundAsync(db, entry.RoundId, ct), language, ct);
        }
    }
}

/// <summary>The signed-in person's entry in a round, if any (the page shows it instead of "Bắt đầu").</summary>
public static class FindMyEntry
{
    public sealed class Handler(AppDbContext db, ScopeService scopes)
    {
        public async Task<Guid?> HandleAsync(int roundId, CancellationToken ct)
        {
            var scope = await scopes.GetAsync(ct);
            if (scope.UserId is null)
            {
                return null;
            }

            var key = await db.PersonIdentities.Where(p => p.UserId == scope.UserId).Select(p => p.IdNumberHash).FirstOrDefaultAsync(ct);
            return await db.Set<ContestEntry>().Where(e => e.RoundId == roundId && (e.UserId == scope.UserId || (key != null && e.PersonKey == key)))
                .Select(e => (Guid?)e.Id).FirstOrDefaultAsync(ct);
        }
    }
}

/// <summary>What describing an entry needs of its round, read once per request.</summary>
internal sealed record EntryRound(int Number, DateTime ClosesAt, int ContestId, string Title, int PoolVersion, int? FinalParticipants);

internal static class EntryResults
{
    public static Task<EntryRound> RoundAsync(AppDbContext db, int roundId, CancellationToken ct) =>
        db.Set<ContestRound>().AsNoTracking().Where(r => r.Id == roundId)
            .Select(r => new EntryRound(r.Number, r.ClosesAt, r.ContestId, r.Contest!.Title, r.Contest.PoolVersion, r.FinalParticipants)).FirstAsync(ct);

    public static async Task<EntryResultDto> DescribeAsync(AppDbContext db, ContestPools pools, PersonalDataProtector protector, TimeProvider clock,
        ContestEntry entry, EntryRound round, string language, CancellationToken ct)
    {
        var closed = clock.UtcNow() >= round.ClosesAt;
        int? rank = null;
        int ranked;
        if (entry.Correct is { } c)
        {
            // The graded entries and those ahead of this one, counted through the round's ranking index in one statement.
            var graded = ContestRanking.Graded(db, entry.RoundId);
            var ahead = ContestRanking.AheadOf(db, entry.RoundId, c, entry.TimeTakenMs ?? 0, entry.PredictionDistance);
            var counts = await db.Set<ContestRound>().Where(r => r.Id == entry.RoundId).Select(r => new { Ranked = graded.Count(), Ahead = ahead.Count() }).FirstAsync(ct);
            ranked = counts.Ranked;
            rank = 1 + counts.Ahead;
        }
        else
        {
            ranked = await ContestRanking.Graded(db, entry.RoundId).CountAsync(ct);
        }

        IReadOnlyList<EntryItemResult>? items = null;
        if (closed && entry.SubmittedAt is not null)
        {
            var pool = await pools.GetAsync(round.ContestId, round.PoolVersion, ct);
            var answers = entry.Answers is null ? [] : JsonSerializer.Deserialize<Dictionary<int, List<string>>>(entry.Answers) ?? [];
            items = entry.QuestionIds.Where(pool.Questions.ContainsKey).Select(id =>
            {
                var q = pool.Questions[id];
                var chosen = answers.GetValueOrDefault(id) ?? [];
                var key = q.Type == QuestionTypes.Ordering ? q.Options.Select(o => o.Id).ToList() : q.Options.Where(o => o.Correct).Select(o => o.Id).ToList();
                return new EntryItemResult(id, q.Text.In(language).Text, !entry.Late && SubmitAttempt.IsCorrect(SubmitEntry.AsQuestion(q), chosen),
                    chosen.Select(o => StartEntry.ShownId(protector, entry.Id, id, o)).ToList(), key.Select(o => StartEntry.ShownId(protector, entry.Id, id, o)).ToList(),
                    q.Explanation.In(language).Text);
            }).ToList();
        }

        var total = entry.QuestionIds.Count;
        var correct = entry.Correct ?? 0;
        return new EntryResultDto(entry.Id, entry.RoundId, round.Title, round.Number, entry.SubmittedAt is not null, entry.SubmittedAt is not null && !entry.Late,
            entry.Late ? SubmitEntry.LateReason : null, correct, total, total == 0 ? 0 : Math.Round(100m * correct / total, 1), (entry.TimeTakenMs ?? 0) / 1000.0,
            entry.Prediction, entry.PredictionDistance, rank, ranked, entry.StartedAt, entry.Deadline, entry.SubmittedAt, items is not null, items);
    }
}
