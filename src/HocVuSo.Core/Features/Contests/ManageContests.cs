using System.Globalization;
using HocVuSo.Core.Common;
using HocVuSo.Core.Common.Uploads;
using HocVuSo.Core.Data;
using HocVuSo.Core.Features.Accounts;
using HocVuSo.Core.Features.Audit;
using HocVuSo.Core.Features.Geography;
using HocVuSo.Core.Features.Learning;
using Microsoft.EntityFrameworkCore;

namespace HocVuSo.Core.Features.Contests;

public sealed record ContestRoundDto(int Id, int Number, DateTime OpensAt, DateTime ClosesAt, string State);

public sealed record ContestDto(int Id, string Title, string? Description, string Organiser, string OrganiserName, string Audience,
    int QuestionsPerEntry, int Minutes, string PredictionQuestion, bool Illustrative, int Questions, IReadOnlyList<ContestRoundDto> Rounds);

internal static class ContestStates
{
    public static string Of(ContestRound round, DateTime now) => now < round.OpensAt ? "upcoming" : now < round.ClosesAt ? "open" : "closed";

    public static ContestRoundDto Dto(ContestRound r, DateTime now) => new(r.Id, r.Number, r.OpensAt, r.ClosesAt, Of(r, now));

    /// <summary>A time as staff type it: local time in Asia/Ho_Chi_Minh ("2026-08-03T08:00"), or an instant with its offset.</summary>
    public static DateTime? ParseTime(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        if (DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.None, out var instant)
            && (text.EndsWith('Z') || text.Contains('+', StringComparison.Ordinal) || text.LastIndexOf('-') > 9))
        {
            return instant.UtcDateTime;
        }

        return DateTime.TryParseExact(text.Trim(), ["yyyy-MM-dd'T'HH:mm", "yyyy-MM-dd'T'HH:mm:ss", "yyyy-MM-dd HH:mm"], CultureInfo.InvariantCulture, DateTimeStyles.None, out var local)
            ? TimeZoneInfo.ConvertTimeToUtc(DateTime.SpecifyKind(local, DateTimeKind.Unspecified), VietnameseFormat.TimeZone)
            : null;
    }
}

/// <summary>
/// Creates a contest of a province or commune (staff who manage plans there): title, audience,
/// questions per entry, minutes per entry and the prediction question. Audited.
/// </summary>
public static class CreateContest
{
    public sealed record Command(string? Unit, string? Title, string? Description, string? Audience, int? QuestionsPerEntry, int? Minutes, string? PredictionQuestion, bool Illustrative = false);

    public sealed class Handler(AppDbContext db, ScopeService scopes, TimeProvider clock)
    {
        public async Task<Result<ContestDto>> HandleAsync(Command command, CancellationToken ct)
        {
            var scope = await scopes.GetAsync(ct);
            var unit = await db.UnitInScopeAsync(scope, command.Unit ?? string.Empty, clock.TodayInVietnam(), Permission.ManagePlans, ct);
            if (!unit.IsSuccess)
            {
                return Result<ContestDto>.Fail(unit.Errors);
            }

            var errors = new List<Error>();
            if (unit.Value!.Level is not (UnitLevel.Province or UnitLevel.Commune))
            {
                errors.Add(Errors.Invalid("contests.organiser_level", "unit", unit.Value.Code));
            }

            var title = VietnameseText.Clean(command.Title);
            if (title.Length is 0 or > ContestRules.MaxTitle)
            {
                errors.Add(Errors.Invalid("contests.title_required", "title", ContestRules.MaxTitle));
            }

            var prediction = VietnameseText.Clean(command.PredictionQuestion);
            if (prediction.Length is 0 or > ContestRules.MaxText)
            {
                errors.Add(Errors.Invalid("contests.prediction_question_required", "predictionQuestion"));
            }

            var description = VietnameseText.Clean(command.Description);
            if (description.Length > ContestRules.MaxText)
            {
                errors.Add(Errors.Invalid("contests.description_too_long", "description", ContestRules.MaxText));
            }

            var audience = ContestRules.ParseAudience(command.Audience);
            if (audience is null)
            {
                errors.Add(Errors.Invalid("contests.bad_audience", "audience", command.Audience ?? string.Empty));
            }

            if (command.QuestionsPerEntry is not (>= 1 and <= ContestRules.MaxQuestionsPerEntry))
            {
                errors.Add(Errors.Invalid("contests.bad_questions_per_entry", "questionsPerEntry", ContestRules.MaxQuestionsPerEntry));
            }

            if (command.Minutes is not (>= 1 and <= ContestRules.MaxMinutes))
            {
                errors.Add(Errors.Invalid("contests.bad_minutes", "minutes", ContestRules.MaxMinutes));
            }

            if (errors.Count > 0)
            {
                return Result<ContestDto>.Fail(errors);
            }

            var now = clock.UtcNow();
            var contest = new Contest
            {
                Title = title, Description = description.Length == 0 ? null : description, OrganiserUnitId = unit.Value.Id, OrganiserUnitPath = unit.Value.Path,
                Audience = audience!.Value, QuestionsPerEntry = command.QuestionsPerEntry!.Value, Minutes = command.Minutes!.Value, PredictionQuestion = prediction,
                Illustrative = command.Illustrative, PoolVersion = 1, CreatedAt = now, CreatedByUserId = scope.UserId,
            };
            db.Add(contest);
            await db.SaveChangesAsync(ct);
            AuditLog.Record(db, scope, now, "contests.created", nameof(Contest), contest.Id.ToString(CultureInfo.InvariantCulture), unit.Value.Path,
                newValue: new { contest.Title, audience = ContestRules.Audience(contest.Audience), contest.QuestionsPerEntry, contest.Minutes });
            await db.SaveChangesAsync(ct);
            return new ContestDto(contest.Id, contest.Title, contest.Description, unit.Value.Code, unit.Value.FullName, ContestRules.Audience(contest.Audience),
                contest.QuestionsPerEntry, contest.Minutes, contest.PredictionQuestion, contest.Illustrative, 0, []);
        }
    }
}

/// <summary>
/// Adds a round to a contest: opening and closing time in Asia/Ho_Chi_Minh, closing after opening,
/// not overlapping another round of the contest. Audited.
/// </summary>
public static class AddContestRound
{
    public sealed record Command(int ContestId, string? OpensAt, string? ClosesAt);

    public sealed class Handler(AppDbContext db, ScopeService scopes, TimeProvider clock)
    {
        public async Task<Result<ContestRoundDto>> HandleAsync(Command command, CancellationToken ct)
        {
            var scope = await scopes.GetAsync(ct);
            var contest = await db.Set<Contest>().Include(c => c.Rounds).FirstOrDefaultAsync(c => c.Id == command.ContestId, ct);
            if (contest is null)
            {
                return Errors.NotFound("contests.not_found", command.ContestId);
            }

            if (scope.Check(Permission.ManagePlans, contest.OrganiserUnitPath) is { } refused)
            {
                return refused;
            }

            var errors = new List<Error>();
            var opens = ContestStates.ParseTime(command.OpensAt);
            var closes = ContestStates.ParseTime(command.ClosesAt);
            if (opens is null)
            {
                errors.Add(Errors.Invalid("contests.bad_time", "opensAt", command.OpensAt ?? string.Empty));
            }

            if (closes is null)
            {
                errors.Add(Errors.Invalid("contests.bad_time", "closesAt", command.ClosesAt ?? string.Empty));
            }

            if (opens is not null && closes is not null && closes <= opens)
            {
                errors.Add(Errors.Invalid("contests.closes_before_opens", "closesAt"));
            }

            if (opens is not null && closes is not null && contest.Rounds.Any(r => r.OpensAt < closes && opens < r.ClosesAt))
            {
                errors.Add(Errors.Invalid("contests.rounds_overlap", "opensAt"));
            }

            if (errors.Count > 0)
            {
                return Result<ContestRoundDto>.Fail(errors);
            }

            var now = clock.UtcNow();
            var round = new ContestRound { Number = contest.Rounds.Count + 1, OpensAt = opens!.Value, ClosesAt = closes!.Value };
            contest.Rounds.Add(round);
            contest.PoolVersion++;
            await db.SaveChangesAsync(ct);
            AuditLog.Record(db, scope, now, "contests.round_added", nameof(ContestRound), round.Id.ToString(CultureInfo.InvariantCulture), contest.OrganiserUnitPath,
                newValue: new { contest = contest.Id, round.Number, round.OpensAt, round.ClosesAt });
            await db.SaveChangesAsync(ct);
            return ContestStates.Dto(round, now);
        }
    }
}

/// <summary>
/// Replaces a contest's question pool from the question-bank CSV of the learning area (the same
/// columns, types and rules, without module and lesson): all rows or none, each bad row named by
/// line and column. The pool is fixed while a round is open or after entries were made.
/// </summary>
public static class ImportContestQuestions
{
    public static readonly string[] Required = ["id", "type", "text", "option_1", "option_2", "correct", "explanation"];
    public static readonly string[] Optional = ["competency", "option_3", "option_4", "option_5", "option_6"];

    public sealed record Command(int ContestId, Upload Csv);

    public sealed record Report(int ContestId, int Questions, int PoolVersion);

    public sealed class Handler(AppDbContext db, ScopeService scopes, TimeProvider clock, UploadLimits limits)
    {
        public async Task<Result<Report>> HandleAsync(Command command, CancellationToken ct)
        {
            var scope = await scopes.GetAsync(ct);
            var contest = await db.Set<Contest>().Include(c => c.Rounds).FirstOrDefaultAsync(c => c.Id == command.ContestId, ct);
            if (contest is null)
            {
                return Errors.NotFound("contests.not_found", command.ContestId);
            }

            if (scope.Check(Permission.ManagePlans, contest.OrganiserUnitPath) is { } refused)
            {
                return refused;
            }

            var now = clock.UtcNow();
            var roundIds = contest.Rounds.Select(r => r.Id).ToList();
            if (contest.Rounds.Any(r => r.OpensAt <= now && now < r.ClosesAt) || await db.Set<ContestEntry>().AnyAsync(e => roundIds.Contains(e.RoundId), ct))
            {
                return Errors.Conflict("contests.pool_fixed", null, contest.Title);
            }

            var table = await CsvTable.ReadAsync(command.Csv, Required, Optional, limits, ct);
            if (!table.IsSuccess)
            {
                return Result<Report>.Fail(table.Errors);
            }

            var errors = new List<Error>();
            var questions = new List<ContestQuestion>();
            var slugs = new HashSet<string>(StringComparer.Ordinal);
            foreach (var row in table.Value!)
            {
                var parsed = Parse(row, errors);
                if (parsed is not null && !slugs.Add(parsed.Slug))
                {
                    errors.Add(Errors.Invalid("content.duplicate_id", "id", parsed.Slug).AtRow(row.Line));
                }
                else if (parsed is not null)
                {
                    parsed.ContestId = contest.Id;
                    questions.Add(parsed);
                }
            }

            if (errors.Count == 0 && questions.Count < contest.QuestionsPerEntry)
            {
                errors.Add(Errors.Invalid("contests.pool_too_small", "file", questions.Count, contest.QuestionsPerEntry));
            }

            if (errors.Count > 0)
            {
                return Result<Report>.Fail(errors);
            }

            await using var transaction = await db.Database.BeginTransactionAsync(ct);
            await db.Set<ContestQuestion>().Where(q => q.ContestId == contest.Id).ExecuteDeleteAsync(ct);
            db.AddRange(questions);
            contest.PoolVersion++;
            AuditLog.Record(db, scope, now, "contests.pool_imported", nameof(Contest), contest.Id.ToString(CultureInfo.InvariantCulture), contest.OrganiserUnitPath,
                newValue: new { questions = questions.Count, contest.PoolVersion });
            await db.SaveChangesAsync(ct);
            await transaction.CommitAsync(ct);
            return new Report(contest.Id, questions.Count, contest.PoolVersion);
        }

        /// <summary>One CSV row as a question, checked by the learning area's rules for its type.</summary>
        private static ContestQuestion? Parse(CsvRow row, List<Error> errors)
        {
            var before = errors.Count;
            var id = row["id"];
            if (id.Length is 0 or > 60)
            {
                errors.Add(Errors.Invalid("contests.question_id_required", "id").AtRow(row.Line));
            }

            var type = row["type"];
            if (!QuestionTypes.All.Contains(type) || type == QuestionTypes.ImageChoice)
            {
                errors.Add(Errors.Invalid("content.question_bad_type", "type", id, type).AtRow(row.Line));
                return null;
            }

            var competency = row["competency"];
            if (competency.Length > 0 && !CompetencyFramework.All.ContainsKey(competency))
            {
                errors.Add(Errors.Invalid("content.unknown_competency", "competency", id, competency).AtRow(row.Line));
            }

            if (row["text"].Length is 0 or > ContestRules.MaxText)
            {
                errors.Add(Errors.Invalid("content.missing_text", "text", id).AtRow(row.Line));
            }

            if (row["explanation"].Length is 0 or > ContestRules.MaxText)
            {
                errors.Add(Errors.Invalid("content.question_no_explanation", "explanation", id).AtRow(row.Line));
            }

            var texts = Enumerable.Range(1, 6).Select(i => row["option_" + i.ToString(CultureInfo.InvariantCulture)]).TakeWhile(t => t.Length > 0).ToList();
            var correct = new HashSet<int>();
            foreach (var part in row["correct"].Split([',', ' '], StringSplitOptions.RemoveEmptyEntries))
            {
                if (!int.TryParse(part, NumberStyles.None, CultureInfo.InvariantCulture, out var n) || n < 1 || n > texts.Count)
                {
                    errors.Add(Errors.Invalid("content.bad_correct", "correct", row["correct"]).AtRow(row.Line));
                    continue;
                }

                correct.Add(n);
            }

            var ids = type == QuestionTypes.TrueFalse ? new[] { "true", "false" } : ["a", "b", "c", "d", "e", "f"];
            var options = texts.Select((text, i) => new QuestionOption
            {
                Id = i < ids.Length ? ids[i] : "o" + (i + 1).ToString(CultureInfo.InvariantCulture),
                Text = new Variants { [Variants.Vietnamese] = text },
                Correct = type != QuestionTypes.Ordering && correct.Contains(i + 1),
            }).ToList();
            foreach (var code in QuestionRules.Check(type, options.Select(o => (o.Id, (string?)o.Text.Vi, o.Correct)).ToList()))
            {
                errors.Add(Errors.Invalid(code, code == "content.question_no_correct" || code == "content.question_many_correct" ? "correct" : "option_1", id, type).AtRow(row.Line));
            }

            return errors.Count > before ? null : new ContestQuestion
            {
                Slug = id, Type = type, Competency = competency.Length == 0 ? null : competency,
                Text = new Variants { [Variants.Vietnamese] = row["text"] }, Explanation = new Variants { [Variants.Vietnamese] = row["explanation"] }, Options = options,
            };
        }
    }
}

/// <summary>The contests open to the people of a unit: those organised by the unit or a unit above it (public).</summary>
public static class ListContests
{
    public sealed class Handler(AppDbContext db, TimeProvider clock)
    {
        public async Task<Result<IReadOnlyList<ContestDto>>> HandleAsync(string? unitCode, CancellationToken ct)
        {
            var today = clock.TodayInVietnam();
            var query = db.Set<Contest>().AsNoTracking();
            if (!string.IsNullOrWhiteSpace(unitCode))
            {
                var unit = await db.Units.AsNoTracking().Where(u => u.Code == unitCode).ValidOn(today).FirstOrDefaultAsync(ct);
                if (unit is null)
                {
                    return Errors.NotFound("units.not_found", unitCode);
                }

                // The unit's own contests, those of the units above it (open to its people) and those below it (organised in its area).
                var above = ContestQueries.Ancestors(unit.Path);
                query = query.Where(c => above.Contains(c.OrganiserUnitPath) || c.OrganiserUnitPath.StartsWith(unit.Path));
            }

            return Result<IReadOnlyList<ContestDto>>.Ok(await ContestQueries.DescribeAsync(db, query, clock.UtcNow(), ct));
        }

        /// <summary>The code of a reader's home unit (their area when they ask for none), or null.</summary>
        public Task<string?> HomeUnitCodeAsync(string userId, CancellationToken ct) =>
            db.Users.Where(u => u.Id == userId).Select(u => db.Units.Where(x => x.Id == u.HomeUnitId).Select(x => x.Code).FirstOrDefault()).FirstOrDefaultAsync(ct);
    }
}

/// <summary>One contest with its rounds and their state (public).</summary>
public static class GetContest
{
    public sealed class Handler(AppDbContext db, TimeProvider clock)
    {
        public async Task<Result<ContestDto>> HandleAsync(int id, CancellationToken ct)
        {
            var found = await ContestQueries.DescribeAsync(db, db.Set<Contest>().AsNoTracking().Where(c => c.Id == id), clock.UtcNow(), ct);
            return found.Count == 0 ? Errors.NotFound("contests.not_found", id) : found[0];
        }

        /// <summary>The contest that holds round <paramref name="roundId"/>.</summary>
        public async Task<Result<ContestDto>> ForRoundAsync(int roundId, CancellationToken ct)
        {
            var found = await ContestQueries.DescribeAsync(db, db.Set<Contest>().AsNoTracking().Where(c => c.Rounds.Any(r => r.Id == roundId)), clock.UtcNow(), ct);
            return found.Count == 0 ? Errors.NotFound("contests.round_not_found", roundId) : found[0];
        }
    }
}

internal static class ContestQueries
{
    /// <summary>The paths of a unit and the units above it ("/66/24445/" → "/66/", "/66/24445/").</summary>
    public static List<string> Ancestors(string path)
    {
        var parts = path.Split('/', StringSplitOptions.RemoveEmptyEntries);
        return Enumerable.Range(1, parts.Length).Select(n => "/" + string.Join('/', parts.Take(n)) + "/").ToList();
    }

    public static async Task<IReadOnlyList<ContestDto>> DescribeAsync(AppDbContext db, IQueryable<Contest> query, DateTime now, CancellationToken ct)
    {
        var contests = await query.Include(c => c.Rounds).OrderByDescending(c => c.CreatedAt).Take(200).ToListAsync(ct);
        var ids = contests.Select(c => c.Id).ToList();
        var unitIds = contests.Select(c => c.OrganiserUnitId).Distinct().ToList();
        var units = await db.Units.AsNoTracking().Where(u => unitIds.Contains(u.Id)).ToDictionaryAsync(u => u.Id, ct);
        var counts = await db.Set<ContestQuestion>().Where(q => ids.Contains(q.ContestId)).GroupBy(q => q.ContestId)
            .Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(g => g.Key, g => g.Count, ct);
        return contests.Select(c => new ContestDto(c.Id, c.Title, c.Description, units[c.OrganiserUnitId].Code, units[c.OrganiserUnitId].FullName,
            ContestRules.Audience(c.Audience), c.QuestionsPerEntry, c.Minutes, c.PredictionQuestion, c.Illustrative, counts.GetValueOrDefault(c.Id),
            c.Rounds.OrderBy(r => r.Number).Select(r => ContestStates.Dto(r, now)).ToList())).ToList();
    }
}
