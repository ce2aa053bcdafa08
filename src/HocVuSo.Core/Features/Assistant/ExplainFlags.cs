using HocVuSo.Core.Common;
using HocVuSo.Core.Data;
using HocVuSo.Core.Features.Accounts;
using HocVuSo.Core.Features.Geography;
using HocVuSo.Core.Features.Oversight;
using HocVuSo.Core.Features.Reporting;
using Microsoft.EntityFrameworkCore;

namespace HocVuSo.Core.Features.Assistant;

/// <summary>
/// Why a figure was flagged, in plain words: the signal's own reason (its message key and
/// arguments), what it means (<c>assistant.explain.*</c>) and what to check (<c>assistant.check.*</c>).
/// </summary>
public sealed record FlagExplanation(string Code, string? Indicator, string ReasonKey, IReadOnlyList<object> ReasonArgs, string ExplainKey, string CheckKey);

/// <summary>
/// The flags on a commune's month, explained: the formality signals (<see cref="ListFormalitySignals"/>,
/// the very rules the oversight pages use) and the reported figures the outlier rule
/// (<see cref="OutlierRule"/>) finds far from the commune's own history or from its peers in the
/// province — those the commune must comment on before it submits. Scoped like the signals.
/// </summary>
public static class ExplainFlags
{
    public sealed record Query(string? Unit, string? Period);

    public sealed class Handler(AppDbContext db, ScopeService scopes, TimeProvider clock, ListFormalitySignals.Handler signals)
    {
        public async Task<Result<IReadOnlyList<FlagExplanation>>> HandleAsync(Query query, CancellationToken ct)
        {
            var found = await signals.HandleAsync(new ListFormalitySignals.Query(query.Unit, query.Period), ct);
            if (!found.IsSuccess)
            {
                return Result<IReadOnlyList<FlagExplanation>>.Fail(found.Errors);
            }

            var explained = found.Value!
                .Select(s => new FlagExplanation(s.Code, null, s.ReasonKey, s.ReasonArgs, "assistant.explain." + s.Code, "assistant.check." + s.Code))
                .ToList();

            // The signals handler has checked the period and the unit already.
            _ = VietnameseFormat.TryParsePeriod(query.Period, out var period);
            var scope = await scopes.GetAsync(ct);
            var unit = await db.UnitInScopeAsync(scope, (query.Unit ?? string.Empty).Trim(), clock.TodayInVietnam(), Permission.ViewStaffData, ct);
            if (unit.IsSuccess && unit.Value!.Level == UnitLevel.Commune)
            {
                explained.AddRange(await OutliersAsync(unit.Value, period, ct));
            }

            return explained;
        }

        private async Task<List<FlagExplanation>> OutliersAsync(Unit unit, DateOnly period, CancellationToken ct)
        {
            var report = await db.MonthlyReports.AsNoTracking().Where(r => r.UnitId == unit.Id && r.Period == period).Select(r => r.Values).FirstOrDefaultAsync(ct);
            if (report is null)
            {
                return [];
            }

            var history = await db.MonthlyReports.AsNoTracking().Where(r => r.UnitId == unit.Id && r.Period < period)
                .OrderByDescending(r => r.Period).Take(12).Select(r => r.Values).ToListAsync(ct);
            var provincePath = unit.Path[..(unit.Path.IndexOf('/', 1) + 1)];
            var peers = await db.MonthlyReports.AsNoTracking()
                .Where(r => r.Period == period && r.UnitId != unit.Id && r.UnitPath.StartsWith(provincePath) && r.Status != ReportStatus.Draft)
                .Select(r => r.Values).ToListAsync(ct);
            var flags = new List<FlagExplanation>();
            foreach (var (code, value) in report.OrderBy(v => v.Key, StringComparer.Ordinal))
            {
                var own = history.Where(h => h.ContainsKey(code)).Select(h => h[code]).ToList();
                var others = peers.Where(p => p.ContainsKey(code)).Select(p => p[code]).ToList();
                if (OutlierRule.FarFromHistory(value, own))
                {
                    flags.Add(new FlagExplanation("outlier-history", code, "assistant.reason.outlier-history", [code, value, own.Count], "assistant.explain.outlier-history", "assistant.check.outlier-history"));
                }

                if (OutlierRule.FarFromPeers(value, others))
                {
                    flags.Add(new FlagExplanation("outlier-peers", code, "assistant.reason.outlier-peers", [code, value, others.Count], "assistant.explain.outlier-peers", "assistant.check.outlier-peers"));
                }
            }

            return flags;
        }
    }
}
