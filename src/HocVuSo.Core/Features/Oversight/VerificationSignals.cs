using System.Globalization;
using HocVuSo.Core.Common;
using HocVuSo.Core.Data;
using HocVuSo.Core.Features.Accounts;
using HocVuSo.Core.Features.Certification;
using HocVuSo.Core.Features.Geography;
using HocVuSo.Core.Features.Reporting;
using HocVuSo.Core.Features.Teams;
using Microsoft.EntityFrameworkCore;

namespace HocVuSo.Core.Features.Oversight;

/// <summary>A formality signal (dấu hiệu hình thức) of a commune for a month: its code, the reason's message key and arguments, and since when it holds.</summary>
public sealed record FormalitySignal(string Unit, string UnitName, string Code, string ReasonKey, IReadOnlyList<object> ReasonArgs, string Since);

/// <summary>
/// The formality signals of a commune, or of each commune under a province, for a month, computed
/// from the records (rules and thresholds in <see cref="SignalRules"/>, documented in
/// docs/VERIFICATION.md). Signals a province officer closed with a comment are left out. Under a
/// province the communes come ranked by how many open signals they have.
/// </summary>
public static class ListFormalitySignals
{
    public sealed record Query(string? Unit, string? Period);

    public sealed class Handler(AppDbContext db, ScopeService scopes, TimeProvider clock)
    {
        public async Task<Result<IReadOnlyList<FormalitySignal>>> HandleAsync(Query query, CancellationToken ct)
        {
            var scope = await scopes.GetAsync(ct);
            var today = clock.TodayInVietnam();
            if (!VietnameseFormat.TryParsePeriod(query.Period, out var period))
            {
                return Errors.Invalid("verification.period_invalid", "period", query.Period ?? string.Empty);
            }

            var found = await db.UnitInScopeAsync(scope, (query.Unit ?? string.Empty).Trim(), today, Permission.ViewStaffData, ct);
            if (!found.IsSuccess)
            {
                return Result<IReadOnlyList<FormalitySignal>>.Fail(found.Errors);
            }

            var unit = found.Value!;
            if (unit.Level is not (UnitLevel.Commune or UnitLevel.Province))
            {
                return Errors.Invalid("verification.signals_unit_level", "unit", unit.Code);
            }

            var communes = unit.Level == UnitLevel.Commune
                ? [unit]
                : await db.Units.AsNoTracking().ValidOn(today).Where(u => u.ParentId == unit.Id && u.Level == UnitLevel.Commune).OrderBy(u => u.Code).ToListAsync(ct);
            var closed = await SignalClosures.ClosedAsync(db, unit.Path, period, ct);
            var signals = new List<FormalitySignal>();
            foreach (var commune in communes)
            {
                var own = await SignalRules.EvaluateAsync(db, commune, period, ct);
                signals.AddRange(own.Where(s => !closed.Contains((s.Unit, s.Code))));
            }

            return signals
                .GroupBy(s => s.Unit)
                .OrderByDescending(g => g.Count()).ThenBy(g => g.Key, StringComparer.Ordinal)
                .SelectMany(g => g)
                .ToList();
        }
    }
}

/// <summary>The rules behind the formality signals; each threshold is named here and in docs/VERIFICATION.md.</summary>
public static class SignalRules
{
    /// <summary>Reported above computed: more than this ratio …</summary>
    public const decimal AboveRatio = 1.5m;

    /// <summary>… and more than this many apart.</summary>
    public const decimal AboveGap = 10m;

    /// <summary>Months in a row with the same reported figures.</summary>
    public const int SameMonths = 3;

    /// <summary>A month's increase above this multiple of the previous month's increase (and above <see cref="JumpMinimum"/>) is a jump.</summary>
    public const decimal JumpFactor = 3m;

    public const decimal JumpMinimum = 10m;

    /// <summary>Certifications through one helper on one day from this many up.</summary>
    public const int HelperPerDay = 20;

    /// <summary>Guidance sessions of a month, from this many up, all with the same participant count.</summary>
    public const int IdenticalSessions = 5;

    /// <summary>Sessions recorded on one day, from this many up, each at least <see cref="LateDays"/> after it took place.</summary>
    public const int BulkSessions = 10;

    public const int LateDays = 14;

    /// <summary>A call-back sample whose 95% upper bound lies below this share.</summary>
    public const double LowGenuineUpper = 0.8;

    public static async Task<List<FormalitySignal>> EvaluateAsync(AppDbContext db, Unit commune, DateOnly period, CancellationToken ct)
    {
        var signals = new List<FormalitySignal>();
        void Add(string code, string since, params object[] args) =>
            signals.Add(new FormalitySignal(commune.Code, commune.Name, code, "verification.signal." + code, args, since));
        var key = VietnameseFormat.PeriodKey(period);
        var months = Enumerable.Range(0, SameMonths).Select(i => period.AddMonths(-i)).ToList();
        var earliest = months[^1];
        var rows = await db.IndicatorAggregates.AsNoTracking()
            .Where(a => a.UnitId == commune.Id && a.Period >= earliest && a.Period <= period
                && (a.Source == AggregateSource.Reported || a.Source == AggregateSource.Own || a.Source == AggregateSource.Computed))
            .Select(a => new { a.Period, a.Code, a.Source, a.Value })
            .ToListAsync(ct);
        var reported = rows.Where(r => r.Source != AggregateSource.Computed)
            .GroupBy(r => (r.Period, r.Code)).ToDictionary(g => g.Key, g => g.OrderBy(r => r.Source == AggregateSource.Reported ? 0 : 1).First().Value);
        var computed = rows.Where(r => r.Source == AggregateSource.Computed).GroupBy(r => (r.Period, r.Code)).ToDictionary(g => g.Key, g => g.First().Value);

        var above = reported.Where(r => r.Key.Period == period && computed.TryGetValue(r.Key, out var c) && r.Value > c * AboveRatio && r.Value - c > AboveGap)
            .Select(r => r.Key.Code).Order(StringComparer.Ordinal).ToList();
        if (above.Count > 0)
        {
            var first = above[0];
            Add("reported-above-computed", key, string.Join(", ", above), Plain(reported[(period, first)]), Plain(computed[(period, first)]));
        }

        var figures = months.Select(m => reported.Where(r => r.Key.Period == m).OrderBy(r => r.Key.Code, StringComparer.Ordinal)
            .Select(r => $"{r.Key.Code}={Plain(r.Value)}").ToList()).ToList();
        if (figures[0].Count > 0 && reported.Any(r => r.Key.Period == period && r.Value != 0) && figures.All(f => f.SequenceEqual(figures[0])))
        {
            Add("same-figures", VietnameseFormat.PeriodKey(earliest), SameMonths);
        }

        foreach (var code in reported.Keys.Where(k => k.Period == period).Select(k => k.Code).Order(StringComparer.Ordinal))
        {
            if (reported.TryGetValue((period.AddMonths(-1), code), out var previous) && reported.TryGetValue((period.AddMonths(-2), code), out var before))
            {
                var increase = reported[(period, code)] - previous;
                var previousIncrease = previous - before;
                if (increase > JumpMinimum && increase > JumpFactor * Math.Max(previousIncrease, 1m))
                {
                    Add("jump", key, code, Plain(increase), Plain(previousIncrease));
                    break;
                }
            }
        }

        await HelperBurstAsync(db, commune, period, Add, ct);
        await SessionsAsync(db, commune, period, Add, ct);

        var samples = await db.VerificationSamples.AsNoTracking()
            .Where(s => s.UnitId == commune.Id && s.Period == period)
            .Select(s => new { s.Id, s.DrawnAt, Outcomes = s.Items.Select(i => i.Outcome).ToList() })
            .ToListAsync(ct);
        var low = samples.OrderByDescending(s => s.DrawnAt).ThenByDescending(s => s.Id)
            .Select(s => (s.Id, Estimate: VerificationStatistics.Estimate(s.Outcomes)))
            .FirstOrDefault(s => s.Estimate.High is not null);
        if (low.Estimate is { High: { } high, Genuine: { } genuine } && high < LowGenuineUpper)
        {
            Add("low-genuine", key, low.Id, VietnameseFormat.Percent((decimal)genuine), VietnameseFormat.Percent((decimal)high));
        }

        return signals;
    }

    private static async Task HelperBurstAsync(AppDbContext db, Unit commune, DateOnly period, Action<string, string, object[]> add, CancellationToken ct)
    {
        var end = period.AddMonths(1).AddDays(-1);
        var certified = await db.Certifications.AsNoTracking()
            .Where(c => c.Status == CertificationStatus.Certified && c.Assisted && c.CertifiedOn >= period && c.CertifiedOn <= end
                && c.UnitPath != null && c.UnitPath.StartsWith(commune.Path))
            .Select(c => c.UserId)
            .ToListAsync(ct);
        if (certified.Count < HelperPerDay)
        {
            return;
        }

        var from = period.ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc).AddDays(-1);
        var to = end.ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc).AddDays(2);
        var attempts = await db.QuizAttempts.AsNoTracking()
            .Where(a => a.Assisted && a.Passed == true && a.AssistedByUserId != null && a.SubmittedAt >= from && a.SubmittedAt < to && certified.Contains(a.UserId))
            .Select(a => new { a.UserId, Helper = a.AssistedByUserId!, a.SubmittedAt })
            .ToListAsync(ct);
        var burst = attempts
            .Select(a => (a.UserId, a.Helper, Day: DateOnly.FromDateTime(TimeZoneInfo.ConvertTimeFromUtc(a.SubmittedAt!.Value, VietnameseFormat.TimeZone))))
            .Where(a => a.Day >= period && a.Day <= end)
            .GroupBy(a => (a.Helper, a.Day))
            .Select(g => (g.Key.Day, People: g.Select(a => a.UserId).Distinct().Count()))
            .Where(g => g.People >= HelperPerDay)
            .OrderByDescending(g => g.People).ThenBy(g => g.Day)
            .FirstOrDefault();
        if (burst.People > 0)
        {
            add("helper-burst", VietnameseFormat.PeriodKey(period), [burst.People, VietnameseFormat.Date(burst.Day)]);
        }
    }

    private static async Task SessionsAsync(AppDbContext db, Unit commune, DateOnly period, Action<string, string, object[]> add, CancellationToken ct)
    {
        var end = period.AddMonths(1).AddDays(-1);
        var sessions = await db.FieldActivities.AsNoTracking()
            .Where(a => a.Type == ActivityType.GuidanceSession && a.Date >= period && a.Date <= end && a.UnitPath.StartsWith(commune.Path))
            .Select(a => new { a.Date, a.Participants, a.RecordedAt })
            .ToListAsync(ct);
        var key = VietnameseFormat.PeriodKey(period);
        if (sessions.Count >= IdenticalSessions && sessions.Select(s => s.Participants).Distinct().Count() == 1)
        {
            add("identical-participants", key, [sessions.Count, sessions[0].Participants]);
        }

        var bulk = sessions
            .Select(s => (s.Date, Recorded: DateOnly.FromDateTime(TimeZoneInfo.ConvertTimeFromUtc(s.RecordedAt, VietnameseFormat.TimeZone))))
            .Where(s => s.Recorded.DayNumber - s.Date.DayNumber >= LateDays)
            .GroupBy(s => s.Recorded)
            .Select(g => (Day: g.Key, Count: g.Count()))
            .Where(g => g.Count >= BulkSessions)
            .OrderByDescending(g => g.Count).ThenBy(g => g.Day)
            .FirstOrDefault();
        if (bulk.Count > 0)
        {
            add("bulk-late", key, [bulk.Count, VietnameseFormat.Date(bulk.Day), LateDays]);
        }
    }

    private static string Plain(decimal value) => (value / 1.0000000000000000000000000000m).ToString(CultureInfo.InvariantCulture);
}
