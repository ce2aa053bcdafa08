using System.Diagnostics;
using HocVuSo.Core.Common;
using HocVuSo.Core.Data;
using HocVuSo.Core.Features.Geography;
using Microsoft.EntityFrameworkCore;

namespace HocVuSo.Core.Features.Reporting;

public sealed record RollupResult(int Periods, int Inserted, int Updated, int Deleted, TimeSpan Elapsed);

/// <summary>
/// The idempotent roll-up that fills <see cref="IndicatorAggregate"/> (ARCHITECTURE rule 6).
/// For each month asked: computed numerators with one GROUP BY query per computation for every
/// village and commune at once (<see cref="IndicatorComputations.All"/>), summed up to provinces
/// and the nation along the unit paths; reported figures from the month's reports (approved ones
/// summed up the tree, a commune's not-yet-approved figures kept as its own, labelled); and the
/// year's denominators from the baselines. The result is compared with the stored rows: only rows
/// whose value changed are written, so running it twice changes nothing.
/// </summary>
public sealed class RollupJob(AppDbContext db, TimeProvider clock)
{
    private const int BatchSize = 5000;

    // One roll-up at a time in this process (the background worker, the CLI verb and tests share it).
    private static readonly SemaphoreSlim Gate = new(1, 1);

    private static readonly Denominator[] BaselineKinds =
        [Denominator.Adults, Denominator.Officials, Denominator.Students, Denominator.EnterpriseWorkers, Denominator.Households];

    private static readonly AggregateSource[] ComputedSources = [AggregateSource.Computed];
    private static readonly AggregateSource[] ReportedSources = [AggregateSource.Reported, AggregateSource.Own];
    private static readonly AggregateSource[] DenominatorSources = [AggregateSource.Denominator];

    private sealed record UnitInfo(int Id, string Code, string? ParentCode, int Level, string Path);

    private readonly record struct Key(int UnitId, string Code, AggregateSource Source);

    private readonly record struct Figure(decimal Value, string? Status);

    /// <summary>The <paramref name="months"/> months up to and including the month of <paramref name="today"/>, oldest first.</summary>
    public static IReadOnlyList<DateOnly> LastMonths(DateOnly today, int months)
    {
        var current = new DateOnly(today.Year, today.Month, 1);
        return Enumerable.Range(0, Math.Max(1, months)).Select(i => current.AddMonths(i - months + 1)).ToList();
    }

    /// <summary>Rolls up everything (computed, reported, denominators) for the last <paramref name="months"/> months.</summary>
    public Task<RollupResult> RunAsync(int months, CancellationToken ct) => RunAsync(LastMonths(clock.TodayInVietnam(), months), computed: true, ct);

    /// <param name="periods">Months (first days) to roll up.</param>
    /// <param name="computed">False to roll up only the reported figures (after a report changed).</param>
    public async Task<RollupResult> RunAsync(IReadOnlyList<DateOnly> periods, bool computed, CancellationToken ct)
    {
        await Gate.WaitAsync(ct);
        try
        {
            return await RunLockedAsync(periods.Select(p => new DateOnly(p.Year, p.Month, 1)).Distinct().Order().ToList(), computed, ct);
        }
        finally
        {
            Gate.Release();
        }
    }

    /// <summary>Rolls up the reported figures of the months whose reports changed since the last time, then forgets those marks.</summary>
    public async Task<RollupResult?> ProcessDirtyAsync(CancellationToken ct)
    {
        var marks = await db.AggregateDirtyMarks.AsNoTracking().Select(m => new { m.Id, m.Period }).ToListAsync(ct);
        if (marks.Count == 0)
        {
            return null;
        }

        var result = await RunAsync(marks.Select(m => m.Period).Distinct().ToList(), computed: false, ct);
        foreach (var chunk in marks.Select(m => m.Id).Chunk(500))
        {
            await db.AggregateDirtyMarks.Where(m => chunk.Contains(m.Id)).ExecuteDeleteAsync(ct);
        }

        return result;
    }

    private async Task<RollupResult> RunLockedAsync(List<DateOnly> periods, bool computed, CancellationToken ct)
    {
        var watch = Stopwatch.StartNew();
        var today = clock.TodayInVietnam();
        var units = await db.Units.AsNoTracking().ValidOn(today)
            .Select(u => new UnitInfo(u.Id, u.Code, u.ParentCode, u.Level, u.Path)).ToListAsync(ct);
        var byPath = new Dictionary<string, UnitInfo>(StringComparer.Ordinal);
        foreach (var unit in units)
        {
            byPath[unit.Path] = unit;
        }

        var indicators = await db.Indicators.AsNoTracking().Select(i => new { i.Code, i.Computation }).ToListAsync(ct);
        var counts = new int[3];
        if (computed)
        {
            var computedRows = await ComputeAsync(periods, indicators.Where(i => i.Computation != null).Select(i => (i.Code, i.Computation!)).ToList(), byPath, ct);
            foreach (var period in periods)
            {
                Add(counts, await WriteAsync(period, ComputedSources, computedRows.GetValueOrDefault(period) ?? [], byPath, ct));
            }

            foreach (var year in periods.Select(p => p.Year).Distinct())
            {
                Add(counts, await WriteAsync(new DateOnly(year, 1, 1), DenominatorSources, await DenominatorsAsync(year, units, byPath, ct), byPath, ct));
            }
        }

        var known = indicators.Select(i => i.Code).ToHashSet(StringComparer.Ordinal);
        foreach (var period in periods)
        {
            Add(counts, await WriteAsync(period, ReportedSources, await ReportedAsync(period, known, byPath, ct), byPath, ct));
        }

        var now = clock.UtcNow();
        foreach (var period in periods)
        {
            var state = await db.RollupStates.FindAsync([period], ct);
            if (state is null)
            {
                state = new RollupState { Period = period };
                db.RollupStates.Add(state);
            }

            state.ReportedAt = now;
            if (computed)
            {
                state.ComputedAt = now;
            }
        }

        await db.SaveChangesAsync(ct);
        db.ChangeTracker.Clear();
        return new RollupResult(periods.Count, counts[0], counts[1], counts[2], watch.Elapsed);
    }

    private static void Add(int[] counts, (int Inserted, int Updated, int Deleted) step)
    {
        counts[0] += step.Inserted;
        counts[1] += step.Updated;
        counts[2] += step.Deleted;
    }

    /// <summary>The unit itself and each unit above it, by path ("/66/24445/" → "/66/24445/", "/66/", "/").</summary>
    private static IEnumerable<UnitInfo> SelfAndAncestors(string path, Dictionary<string, UnitInfo> byPath)
    {
        var end = path.Length;
        while (true)
        {
            if (byPath.TryGetValue(path[..end], out var unit))
            {
                yield return unit;
            }

            if (end <= 1)
            {
                yield break;
            }

            end = path.LastIndexOf('/', end - 2) + 1;
        }
    }

    private async Task<Dictionary<DateOnly, Dictionary<Key, Figure>>> ComputeAsync(
        List<DateOnly> periods, List<(string Indicator, string Computation)> indicators, Dictionary<string, UnitInfo> byPath, CancellationToken ct)
    {
        var result = periods.ToDictionary(p => p, _ => new Dictionary<Key, Figure>());
        foreach (var group in indicators.GroupBy(i => i.Computation))
        {
            if (!IndicatorComputations.All.TryGetValue(group.Key, out var definition))
            {
                continue;
            }

            // One window (and one query) per year for year-to-date figures; otherwise one for all the months.
            var windows = definition.Accumulation == Accumulation.YearToDate
                ? periods.GroupBy(p => p.Year).Select(g => g.ToList()).ToList()
                : [periods];
            foreach (var months in windows)
            {
                var window = IndicatorComputations.WindowFor(definition.Accumulation, "/", months[0], months[^1]);
                // The figure, and for a computation with sources its split under "code:part" (IndicatorComputations.SeriesAsync).
                foreach (var (suffix, rows) in await IndicatorComputations.SeriesAsync(definition, db, window, ct))
                {
                    Accumulate(rows, months, definition.Accumulation, group.Select(i => i.Indicator + suffix).ToList(), byPath, result);
                }
            }
        }

        return result;
    }

    /// <summary>Month index → count, per unit, summed up the tree; then each month's value (the month alone, or everything up to it).</summary>
    private static void Accumulate(List<MonthlyCount> rows, List<DateOnly> months, Accumulation accumulation, List<string> codes, Dictionary<string, UnitInfo> byPath,
        Dictionary<DateOnly, Dictionary<Key, Figure>> result)
    {
        var perUnit = new Dictionary<int, SortedDictionary<int, int>>();
        foreach (var row in rows)
        {
            var month = (row.Year * 12) + row.Month - 1;
            foreach (var unit in SelfAndAncestors(row.UnitPath, byPath))
            {
                if (!perUnit.TryGetValue(unit.Id, out var series))
                {
                    perUnit[unit.Id] = series = [];
                }

                series[month] = series.GetValueOrDefault(month) + row.Count;
            }
        }

        foreach (var (unitId, series) in perUnit)
        {
            foreach (var period in months)
            {
                var index = (period.Year * 12) + period.Month - 1;
                var value = accumulation == Accumulation.Month
                    ? series.GetValueOrDefault(index)
                    : series.TakeWhile(s => s.Key <= index).Sum(s => s.Value);
                if (value == 0)
                {
                    continue;
                }

                foreach (var code in codes)
                {
                    result[period][new Key(unitId, code, AggregateSource.Computed)] = new Figure(value, null);
                }
            }
        }
    }

    private async Task<Dictionary<Key, Figure>> ReportedAsync(DateOnly period, HashSet<string> indicators, Dictionary<string, UnitInfo> byPath, CancellationToken ct)
    {
        var result = new Dictionary<Key, Figure>();
        var reports = await db.MonthlyReports.AsNoTracking().Where(r => r.Period == period)
            .Select(r => new { r.UnitPath, r.Status, r.Values }).ToListAsync(ct);
        foreach (var report in reports)
        {
            if (!byPath.TryGetValue(report.UnitPath, out var commune))
            {
                continue;
            }

            foreach (var (code, value) in report.Values.Where(v => indicators.Contains(v.Key)))
            {
                if (report.Status == ReportStatus.Approved)
                {
                    foreach (var unit in SelfAndAncestors(report.UnitPath, byPath))
                    {
                        var key = new Key(unit.Id, code, AggregateSource.Reported);
                        result[key] = new Figure(result.GetValueOrDefault(key).Value + value, null);
                    }
                }
                else
                {
                    result[new Key(commune.Id, code, AggregateSource.Own)] = new Figure(value, report.Status.ToString());
                }
            }
        }

        return result;
    }

    /// <summary>
    /// A unit's baseline figure for the year is its own if it has one, otherwise the sum over the
    /// highest level below it that has figures (so villages are not added to their commune); the
    /// village denominator is the number of villages below.
    /// </summary>
    private async Task<Dictionary<Key, Figure>> DenominatorsAsync(int year, List<UnitInfo> units, Dictionary<string, UnitInfo> byPath, CancellationToken ct)
    {
        var byId = units.ToDictionary(u => u.Id);
        var baselines = await db.PopulationBaselines.AsNoTracking().Where(b => b.Year == year)
            .Select(b => new
            {
                b.UnitId,
                b.Adults,
                b.Officials,
                Students = b.StudentsPrimary + b.StudentsLowerSecondary + b.StudentsUpperSecondary + b.StudentsHigherEducation,
                b.EnterpriseWorkers,
                b.Households,
            })
            .ToListAsync(ct);
        var own = new Dictionary<int, decimal[]>();

        // (ancestor id, level of the rows) → sums of the rows at that level below the ancestor.
        var below = new Dictionary<(int, int), decimal[]>();
        foreach (var b in baselines)
        {
            if (!byId.TryGetValue(b.UnitId, out var unit))
            {
                continue;
            }

            decimal[] figures = [b.Adults, b.Officials, b.Students, b.EnterpriseWorkers, b.Households];
            own[unit.Id] = figures;
            foreach (var ancestor in SelfAndAncestors(unit.Path, byPath).Where(a => a.Id != unit.Id))
            {
                if (!below.TryGetValue((ancestor.Id, unit.Level), out var sums))
                {
                    below[(ancestor.Id, unit.Level)] = sums = new decimal[figures.Length];
                }

                for (var i = 0; i < figures.Length; i++)
                {
                    sums[i] += figures[i];
                }
            }
        }

        var villages = new Dictionary<int, int>();
        foreach (var village in units.Where(u => u.Level == UnitLevel.Village))
        {
            foreach (var ancestor in SelfAndAncestors(village.Path, byPath).Where(a => a.Id != village.Id))
            {
                villages[ancestor.Id] = villages.GetValueOrDefault(ancestor.Id) + 1;
            }
        }

        var result = new Dictionary<Key, Figure>();
        foreach (var unit in units)
        {
            var figures = own.GetValueOrDefault(unit.Id);
            for (var level = unit.Level + 1; figures is null && level <= UnitLevel.Village; level++)
            {
                figures = below.GetValueOrDefault((unit.Id, level));
            }

            for (var i = 0; figures is not null && i < BaselineKinds.Length; i++)
            {
                if (figures[i] != 0)
                {
                    result[new Key(unit.Id, BaselineKinds[i].ToString(), AggregateSource.Denominator)] = new Figure(figures[i], null);
                }
            }

            if (villages.TryGetValue(unit.Id, out var count))
            {
                result[new Key(unit.Id, nameof(Denominator.Villages), AggregateSource.Denominator)] = new Figure(count, null);
            }
        }

        return result;
    }

    /// <summary>Makes the stored rows of one month and set of sources equal to <paramref name="wanted"/>, writing only the differences, in one transaction.</summary>
    private async Task<(int Inserted, int Updated, int Deleted)> WriteAsync(
        DateOnly period, AggregateSource[] sources, Dictionary<Key, Figure> wanted, Dictionary<string, UnitInfo> byPath, CancellationToken ct)
    {
        var existing = await db.IndicatorAggregates.AsNoTracking().Where(a => a.Period == period && sources.Contains(a.Source))
            .Select(a => new { a.Id, a.UnitId, a.UnitCode, a.Code, a.Source, a.Value, a.Status }).ToListAsync(ct);
        var units = byPath.Values.ToDictionary(u => u.Id);
        var now = clock.UtcNow();
        var deleted = new List<long>();
        var updated = 0;
        var pending = 0;
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var seen = new HashSet<Key>();
        foreach (var row in existing)
        {
            var key = new Key(row.UnitId, row.Code, row.Source);
            if (!wanted.TryGetValue(key, out var figure) || !seen.Add(key))
            {
                deleted.Add(row.Id);
                continue;
            }

            if (figure.Value != row.Value || figure.Status != row.Status)
            {
                var stub = new IndicatorAggregate { Id = row.Id, UnitCode = row.UnitCode, Code = row.Code, Value = row.Value, Status = row.Status };
                db.IndicatorAggregates.Attach(stub);
                stub.Value = figure.Value;
                stub.Status = figure.Status;
                stub.UpdatedAt = now;
                updated++;
                pending = await FlushAsync(pending + 1, ct);
            }
        }

        var inserts = new List<IndicatorAggregate>();
        foreach (var (key, figure) in wanted)
        {
            if (seen.Contains(key) || !units.TryGetValue(key.UnitId, out var unit))
            {
                continue;
            }

            inserts.Add(new IndicatorAggregate
            {
                UnitId = unit.Id,
                UnitCode = unit.Code,
                ParentCode = unit.ParentCode,
                Level = unit.Level,
                Period = period,
                Code = key.Code,
                Source = key.Source,
                Value = figure.Value,
                Status = figure.Status,
                UpdatedAt = now,
            });
        }

        if (db.Database.IsNpgsql())
        {
            // A first roll-up of the whole country adds ~770,000 rows: COPY takes seconds where INSERTs take minutes.
            await FlushAsync(BatchSize, ct);
            await CopyAsync(inserts, ct);
        }
        else
        {
            foreach (var row in inserts)
            {
                db.IndicatorAggregates.Add(row);
                pending = await FlushAsync(pending + 1, ct);
            }
        }

        var inserted = inserts.Count;
        await FlushAsync(BatchSize, ct);
        foreach (var chunk in deleted.Chunk(1000))
        {
            await db.IndicatorAggregates.Where(a => chunk.Contains(a.Id)).ExecuteDeleteAsync(ct);
        }

        await transaction.CommitAsync(ct);
        return (inserted, updated, deleted.Count);
    }

    private async Task CopyAsync(List<IndicatorAggregate> rows, CancellationToken ct)
    {
        if (rows.Count == 0)
        {
            return;
        }

        // The connection and transaction are EF's own, so the rows commit or roll back with the rest.
        var connection = (Npgsql.NpgsqlConnection)db.Database.GetDbConnection();
        await using var writer = await connection.BeginBinaryImportAsync(
            "COPY \"IndicatorAggregates\" (\"UnitId\", \"UnitCode\", \"ParentCode\", \"Level\", \"Period\", \"Code\", \"Source\", \"Value\", \"Status\", \"UpdatedAt\") FROM STDIN (FORMAT BINARY)",
            ct);
        foreach (var row in rows)
        {
            await writer.StartRowAsync(ct);
            await writer.WriteAsync(row.UnitId, NpgsqlTypes.NpgsqlDbType.Integer, ct);
            await writer.WriteAsync(row.UnitCode, NpgsqlTypes.NpgsqlDbType.Text, ct);
            await WriteNullableAsync(writer, row.ParentCode, ct);
            await writer.WriteAsync(row.Level, NpgsqlTypes.NpgsqlDbType.Integer, ct);
            await writer.WriteAsync(row.Period, NpgsqlTypes.NpgsqlDbType.Date, ct);
            await writer.WriteAsync(row.Code, NpgsqlTypes.NpgsqlDbType.Text, ct);
            await writer.WriteAsync(row.Source.ToString(), NpgsqlTypes.NpgsqlDbType.Text, ct);
            await writer.WriteAsync(row.Value, NpgsqlTypes.NpgsqlDbType.Numeric, ct);
            await WriteNullableAsync(writer, row.Status, ct);
            await writer.WriteAsync(row.UpdatedAt, NpgsqlTypes.NpgsqlDbType.TimestampTz, ct);
        }

        await writer.CompleteAsync(ct);
    }

    private static async Task WriteNullableAsync(Npgsql.NpgsqlBinaryImporter writer, string? value, CancellationToken ct)
    {
        if (value is null)
        {
            await writer.WriteNullAsync(ct);
        }
        else
        {
            await writer.WriteAsync(value, NpgsqlTypes.NpgsqlDbType.Text, ct);
        }
    }

    private async Task<int> FlushAsync(int pending, CancellationToken ct)
    {
        if (pending < BatchSize)
        {
            return pending;
        }

        await db.SaveChangesAsync(ct);
        db.ChangeTracker.Clear();
        return 0;
    }
}

/// <summary>Settings of the background roll-up (section <c>Reporting:Rollup</c>).</summary>
public sealed class RollupOptions
{
    public const int DefaultMonths = 12;

    /// <summary>False to run roll-ups only from the command line.</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>How often everything (computed figures included) is rolled up.</summary>
    public TimeSpan Interval { get; set; } = TimeSpan.FromMinutes(15);

    /// <summary>How often months whose reports changed are looked for.</summary>
    public TimeSpan DirtyPoll { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>How many months, up to the current one, each full roll-up covers.</summary>
    public int Months { get; set; } = DefaultMonths;

    /// <summary>
    /// How long the instance running the roll-ups holds the job (renewed while it runs): when it
    /// dies, another instance takes over within this time.
    /// </summary>
    public TimeSpan Lease { get; set; } = TimeSpan.FromSeconds(60);
}
