using HocVuSo.Core.Common;
using HocVuSo.Core.Data;
using HocVuSo.Core.Features.Accounts;
using HocVuSo.Core.Features.Audit;
using HocVuSo.Core.Features.Geography;
using Microsoft.EntityFrameworkCore;

namespace HocVuSo.Core.Features.Contests;

public sealed record RankingRow(int Rank, string Name, string Unit, int Correct, int Total, double TimeTakenSeconds, long? PredictionDistance, bool Late, string? Prize);

public sealed record RankingDto(int RoundId, string State, bool Final, int? Participants, int Page, int PageSize, int Total, IReadOnlyList<RankingRow> Items);

/// <summary>
/// The ranking order: more correct answers first, then less time, then the prediction closest to
/// the number of participants (known once the round has closed). Read in index order — the index
/// on (round, correct desc, time, distance) is the live ranking, kept by the database as each entry
/// is graded — so no request sorts the entries; a rank is the count of entries ahead, through the same index.
/// </summary>
internal static class ContestRanking
{
    public static IQueryable<ContestEntry> Graded(AppDbContext db, int roundId) =>
        db.Set<ContestEntry>().AsNoTracking().Where(e => e.RoundId == roundId && e.Correct != null);

    public static IQueryable<ContestEntry> Ordered(AppDbContext db, int roundId) =>
        Graded(db, roundId).OrderByDescending(e => e.Correct).ThenBy(e => e.TimeTakenMs).ThenBy(e => e.PredictionDistance);

    public static IQueryable<ContestEntry> AheadOf(AppDbContext db, int roundId, int correct, int time, long? distance) =>
        distance is { } d
            ? Graded(db, roundId).Where(e => e.Correct > correct || (e.Correct == correct && (e.TimeTakenMs < time || (e.TimeTakenMs == time && e.PredictionDistance < d))))
            : Graded(db, roundId).Where(e => e.Correct > correct || (e.Correct == correct && e.TimeTakenMs < time));

    /// <summary>
    /// Once a round has closed: fixes its number of participants (every entry started) and each
    /// entry's prediction distance, once; told to the observers so cached rankings are dropped.
    /// </summary>
    public static async Task<int?> FinaliseAsync(AppDbContext db, ContestRound round, DateTime now, IEnumerable<IContestResultsChanged> observers, CancellationToken ct)
    {
        if (round.FinalParticipants is not null || now < round.ClosesAt)
        {
            return round.FinalParticipants;
        }

        var participants = await db.Set<ContestEntry>().CountAsync(e => e.RoundId == round.Id, ct);
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var fixedNow = await db.Set<ContestRound>().Where(r => r.Id == round.Id && r.FinalParticipants == null)
            .ExecuteUpdateAsync(s => s.SetProperty(r => r.FinalParticipants, participants), ct);
        if (fixedNow == 1)
        {
            long count = participants;
            await db.Set<ContestEntry>().Where(e => e.RoundId == round.Id && e.Prediction != null)
                .ExecuteUpdateAsync(s => s.SetProperty(e => e.PredictionDistance, e => e.Prediction >= count ? e.Prediction - count : count - e.Prediction), ct);
        }

        await transaction.CommitAsync(ct);
        foreach (var observer in observers)
        {
            await observer.RoundChangedAsync(round.Id, ct);
        }

        return await db.Set<ContestRound>().Where(r => r.Id == round.Id).Select(r => r.FinalParticipants).FirstAsync(ct);
    }

    public static List<RankingRow> Rows(IReadOnlyList<ContestEntry> entries, int firstRank, int total, IReadOnlyDictionary<Guid, string> prizes, int offset)
    {
        var rows = new List<RankingRow>();
        for (var i = 0; i < entries.Count; i++)
        {
            var e = entries[i];
            var tied = i > 0 && entries[i - 1].Correct == e.Correct && entries[i - 1].TimeTakenMs == e.TimeTakenMs && entries[i - 1].PredictionDistance == e.PredictionDistance;
            var rank = i == 0 ? firstRank : tied ? rows[i - 1].Rank : offset + i + 1;
            rows.Add(new RankingRow(rank, e.PublicName, e.PublicUnit, e.Correct ?? 0, total, (e.TimeTakenMs ?? 0) / 1000.0, e.PredictionDistance, e.Late, prizes.GetValueOrDefault(e.Id)));
        }

        return rows;
    }
}

/// <summary>The public ranking of a round, a page at a time, names masked ("Nguyễn V. A., Xã Ea Trang").</summary>
public static class GetRanking
{
    public sealed class Handler(AppDbContext db, TimeProvider clock, IEnumerable<IContestResultsChanged> observers)
    {
        public async Task<Result<RankingDto>> HandleAsync(int roundId, int? page, CancellationToken ct)
        {
            if (page is < 1 or > 100_000)
            {
                return Errors.Invalid("contests.bad_page", "page");
            }

            var round = await db.Set<ContestRound>().AsNoTracking().Include(r => r.Contest).FirstOrDefaultAsync(r => r.Id == roundId, ct);
            if (round is null)
            {
                return Errors.NotFound("contests.round_not_found", roundId);
            }

            var now = clock.UtcNow();
            var participants = await ContestRanking.FinaliseAsync(db, round, now, observers, ct);
            var number = page ?? 1;
            var offset = (number - 1) * ContestRules.PageSize;
            var total = await ContestRanking.Graded(db, roundId).CountAsync(ct);
            var entries = await ContestRanking.Ordered(db, roundId).Skip(offset).Take(ContestRules.PageSize).ToListAsync(ct);
            var firstRank = entries.Count == 0 ? 0
                : 1 + await ContestRanking.AheadOf(db, roundId, entries[0].Correct ?? 0, entries[0].TimeTakenMs ?? 0, entries[0].PredictionDistance).CountAsync(ct);
            var ids = entries.Select(e => e.Id).ToList();
            var prizes = await db.Set<ContestPrize>().AsNoTracking().Where(p => ids.Contains(p.EntryId)).ToDictionaryAsync(p => p.EntryId, p => p.Prize, ct);
            return new RankingDto(roundId, ContestStates.Of(round, now), participants is not null, participants, number, ContestRules.PageSize, total,
                ContestRanking.Rows(entries, firstRank, round.Contest!.QuestionsPerEntry, prizes, offset));
        }
    }
}

public sealed record ParticipationRow(string Code, string Name, int Entries, int? Adults, decimal? PerThousandAdults,
    int Officials, decimal? OfficialsShare, int Students, decimal? StudentsShare, int Workers, decimal? WorkersShare);

public sealed record ParticipationDto(int RoundId, string Unit, string UnitName, int? BaselineYear, int Entries, int? Adults, decimal? PerThousandAdults, IReadOnlyList<ParticipationRow> Items);

/// <summary>
/// Participation in a round by unit, for the communes of a province or the villages of a commune:
/// entries per 1,000 adults (population baselines, the latest year up to the round's) and the share
/// of the officials, students and workers of each unit who took part (public, counts only).
/// </summary>
public static class GetParticipation
{
    public sealed class Handler(AppDbContext db, TimeProvider clock)
    {
        public async Task<Result<ParticipationDto>> HandleAsync(int roundId, string? unitCode, CancellationToken ct)
        {
            var round = await db.Set<ContestRound>().AsNoTracking().Include(r => r.Contest).FirstOrDefaultAsync(r => r.Id == roundId, ct);
            if (round is null)
            {
                return Errors.NotFound("contests.round_not_found", roundId);
            }

            var today = clock.TodayInVietnam();
            var unit = string.IsNullOrWhiteSpace(unitCode)
                ? await db.Units.AsNoTracking().FirstOrDefaultAsync(u => u.Id == round.Contest!.OrganiserUnitId, ct)
                : await db.Units.AsNoTracking().Where(u => u.Code == unitCode).ValidOn(today).FirstOrDefaultAsync(ct);
            if (unit is null)
            {
                return Errors.NotFound("units.not_found", unitCode ?? string.Empty);
            }

            if (!unit.Path.StartsWith(round.Contest!.OrganiserUnitPath, StringComparison.Ordinal) || unit.Level is not (UnitLevel.Province or UnitLevel.Commune))
            {
                return Errors.Invalid("contests.participation_unit", "unit", unit.Code);
            }

            var children = await db.Units.AsNoTracking().Where(u => u.ParentId == unit.Id).ValidOn(today).OrderBy(u => u.Code).ToListAsync(ct);
            var path = unit.Path;
            var counts = await db.Set<ContestEntry>().AsNoTracking().Where(e => e.RoundId == roundId && e.Correct != null && e.HomeUnitPath.StartsWith(path))
                .GroupBy(e => e.HomeUnitPath)
                .Select(g => new
                {
                    Path = g.Key, Entries = g.Count(), Officials = g.Count(e => e.Group == ContestAudience.Officials),
                    Students = g.Count(e => e.Group == ContestAudience.Students), Workers = g.Count(e => e.Group == ContestAudience.Workers),
                })
                .ToListAsync(ct);
            var year = TimeZoneInfo.ConvertTimeFromUtc(round.OpensAt, VietnameseFormat.TimeZone).Year;
            var unitIds = children.Select(c => c.Id).Append(unit.Id).ToList();
            var baselines = (await db.PopulationBaselines.AsNoTracking().Where(b => unitIds.Contains(b.UnitId) && b.Year <= year).ToListAsync(ct))
                .GroupBy(b => b.UnitId).ToDictionary(g => g.Key, g => g.OrderByDescending(b => b.Year).First());

            ParticipationRow Row(Unit u)
            {
                var mine = counts.Where(c => c.Path.StartsWith(u.Path, StringComparison.Ordinal)).ToList();
                var b = baselines.GetValueOrDefault(u.Id);
                int entries = mine.Sum(c => c.Entries), officials = mine.Sum(c => c.Officials), students = mine.Sum(c => c.Students), workers = mine.Sum(c => c.Workers);
                return new ParticipationRow(u.Code, u.FullName, entries, b?.Adults, Rate(entries, b?.Adults, 1000m),
                    officials, Rate(officials, b?.Officials, 1m), students, Rate(students, b?.StudentsTotal, 1m), workers, Rate(workers, b?.EnterpriseWorkers, 1m));
            }

            var items = children.Select(Row).OrderByDescending(r => r.PerThousandAdults ?? -1).ThenByDescending(r => r.Entries).ThenBy(r => r.Code, StringComparer.Ordinal).ToList();
            var whole = Row(unit);
            return new ParticipationDto(roundId, unit.Code, unit.FullName, baselines.GetValueOrDefault(unit.Id)?.Year, whole.Entries, whole.Adults, whole.PerThousandAdults, items);
        }

        private static decimal? Rate(int count, int? of, decimal per) => of is > 0 ? Math.Round(per * count / of.Value, 2) : null;
    }
}

/// <summary>
/// Awards a prize to an entry of a closed round by the organiser's decision (number and date):
/// staff who manage plans at the organising unit; one prize per entry; audited.
/// </summary>
public static class AwardPrize
{
    public sealed record Command(int RoundId, Guid? EntryId, string? Prize, string? DecisionNumber, string? DecisionDate);

    public sealed record PrizeDto(int Id, int RoundId, Guid EntryId, string Prize, string DecisionNumber, DateOnly DecisionDate, string Name, string Unit);

    public sealed class Handler(AppDbContext db, ScopeService scopes, TimeProvider clock, IEnumerable<IContestResultsChanged> observers)
    {
        public async Task<Result<PrizeDto>> HandleAsync(Command command, CancellationToken ct)
        {
            var scope = await scopes.GetAsync(ct);
            var round = await db.Set<ContestRound>().AsNoTracking().Include(r => r.Contest).FirstOrDefaultAsync(r => r.Id == command.RoundId, ct);
            if (round is null)
            {
                return Errors.NotFound("contests.round_not_found", command.RoundId);
            }

            if (scope.Check(Permission.ManagePlans, round.Contest!.OrganiserUnitPath) is { } refused)
            {
                return refused;
            }

            var now = clock.UtcNow();
            if (now < round.ClosesAt)
            {
                return Errors.Conflict("contests.round_not_closed");
            }

            var errors = new List<Error>();
            var prize = VietnameseText.Clean(command.Prize);
            var number = VietnameseText.Clean(command.DecisionNumber);
            if (prize.Length is 0 or > ContestRules.MaxPrize)
            {
                errors.Add(Errors.Invalid("contests.prize_required", "prize"));
            }

            if (number.Length is 0 or > 100)
            {
                errors.Add(Errors.Invalid("contests.decision_required", "decisionNumber"));
            }

            if (!VietnameseFormat.TryParseDate(command.DecisionDate, out var date) || date > clock.TodayInVietnam())
            {
                errors.Add(Errors.Invalid("contests.bad_decision_date", "decisionDate", command.DecisionDate ?? string.Empty));
            }

            var entry = command.EntryId is { } id ? await db.Set<ContestEntry>().AsNoTracking().FirstOrDefaultAsync(e => e.Id == id && e.RoundId == round.Id && e.Correct != null, ct) : null;
            if (entry is null)
            {
                errors.Add(Errors.Invalid("contests.prize_entry_unknown", "entryId"));
            }

            if (errors.Count > 0)
            {
                return Result<PrizeDto>.Fail(errors);
            }

            if (await db.Set<ContestPrize>().AnyAsync(p => p.EntryId == entry!.Id, ct))
            {
                return Errors.Conflict("contests.prize_already_awarded", null, entry!.PublicName);
            }

            var row = new ContestPrize { RoundId = round.Id, EntryId = entry!.Id, Prize = prize, DecisionNumber = number, DecisionDate = date, AwardedAt = now, AwardedByUserId = scope.UserId };
            db.Add(row);
            AuditLog.Record(db, scope, now, "contests.prize_awarded", nameof(ContestPrize), entry.Id.ToString(), round.Contest.OrganiserUnitPath,
                newValue: new { round = round.Id, prize, decision = number, date, name = entry.PublicName });
            await db.SaveChangesAsync(ct);
            foreach (var observer in observers)
            {
                await observer.RoundChangedAsync(round.Id, ct);
            }

            return new PrizeDto(row.Id, round.Id, entry.Id, prize, number, date, entry.PublicName, entry.PublicUnit);
        }
    }
}

public sealed record ResultsExportRow(int Rank, string Name, string Unit, string HomeUnit, string Group, int Correct, int Total, double TimeTakenSeconds,
    long? Prediction, long? PredictionDistance, bool Late, string? Prize, string? Decision);

public sealed record ResultsExport(string ContestTitle, int RoundNumber, IReadOnlyList<ResultsExportRow> Rows);

/// <summary>A round's full results for the organiser's staff (names masked as in the public ranking), for .xlsx and CSV.</summary>
public static class ExportRoundResults
{
    public sealed class Handler(AppDbContext db, ScopeService scopes, TimeProvider clock, IEnumerable<IContestResultsChanged> observers)
    {
        public async Task<Result<ResultsExport>> HandleAsync(int roundId, CancellationToken ct)
        {
            var scope = await scopes.GetAsync(ct);
            var round = await db.Set<ContestRound>().AsNoTracking().Include(r => r.Contest).FirstOrDefaultAsync(r => r.Id == roundId, ct);
            if (round is null)
            {
                return Errors.NotFound("contests.round_not_found", roundId);
            }

            if (scope.Check(Permission.ViewPlans, round.Contest!.OrganiserUnitPath) is { } refused)
            {
                return refused;
            }

            await ContestRanking.FinaliseAsync(db, round, clock.UtcNow(), observers, ct);
            var entries = await ContestRanking.Ordered(db, roundId).ToListAsync(ct);
            var prizes = await db.Set<ContestPrize>().AsNoTracking().Where(p => p.RoundId == roundId).ToDictionaryAsync(p => p.EntryId, ct);
            var unitIds = entries.Select(e => e.HomeUnitId).Distinct().ToList();
            var homes = await db.Units.AsNoTracking().Where(u => unitIds.Contains(u.Id)).ToDictionaryAsync(u => u.Id, u => u.FullName, ct);
            var ranks = ContestRanking.Rows(entries, 1, round.Contest.QuestionsPerEntry, prizes.ToDictionary(p => p.Key, p => p.Value.Prize), 0);
            var rows = entries.Select((e, i) => new ResultsExportRow(ranks[i].Rank, e.PublicName, e.PublicUnit, homes.GetValueOrDefault(e.HomeUnitId) ?? string.Empty,
                ContestRules.Audience(e.Group), e.Correct ?? 0, round.Contest.QuestionsPerEntry, (e.TimeTakenMs ?? 0) / 1000.0, e.Prediction, e.PredictionDistance, e.Late,
                prizes.GetValueOrDefault(e.Id)?.Prize, prizes.GetValueOrDefault(e.Id) is { } p ? p.DecisionNumber + " (" + VietnameseFormat.Date(p.DecisionDate) + ")" : null)).ToList();
            return new ResultsExport(round.Contest.Title, round.Number, rows);
        }
    }
}

public sealed record ParticipationCertificate(Guid EntryId, string FullName, string HomeUnit, string ContestTitle, int RoundNumber, string Organiser,
    DateTime SubmittedAt, int Correct, int Total, string? Prize, bool Illustrative);

/// <summary>The data of a certificate of participation (giấy chứng nhận tham gia) for the entrant's own submitted entry.</summary>
public static class GetParticipationCertificate
{
    public sealed class Handler(AppDbContext db, ScopeService scopes)
    {
        public async Task<Result<ParticipationCertificate>> HandleAsync(Guid entryId, CancellationToken ct)
        {
            var scope = await scopes.GetAsync(ct);
            var entry = await db.Set<ContestEntry>().AsNoTracking().FirstOrDefaultAsync(e => e.Id == entryId && e.UserId == scope.UserId, ct);
            if (entry is null)
            {
                return Errors.NotFound("contests.entry_not_found", entryId);
            }

            if (entry.SubmittedAt is null)
            {
                return Errors.Conflict("contests.entry_not_submitted");
            }

            var round = await db.Set<ContestRound>().AsNoTracking().Include(r => r.Contest).FirstAsync(r => r.Id == entry.RoundId, ct);
            var organiser = await db.Units.AsNoTracking().Where(u => u.Id == round.Contest!.OrganiserUnitId).Select(u => u.FullName).FirstAsync(ct);
            var home = await db.Units.AsNoTracking().Where(u => u.Id == entry.HomeUnitId).Select(u => u.FullName).FirstAsync(ct);
            var name = await db.Users.AsNoTracking().Where(u => u.Id == entry.UserId).Select(u => u.FullName).FirstAsync(ct);
            var prize = await db.Set<ContestPrize>().AsNoTracking().Where(p => p.EntryId == entry.Id).Select(p => p.Prize).FirstOrDefaultAsync(ct);
            return new ParticipationCertificate(entry.Id, name, home, round.Contest!.Title, round.Number, organiser, entry.SubmittedAt.Value,
                entry.Correct ?? 0, entry.QuestionIds.Count, prize, round.Contest.Illustrative);
        }
    }
}
