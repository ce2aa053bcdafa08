using HocVuSo.Core.Common;
using HocVuSo.Core.Data;
using HocVuSo.Core.Features.Accounts;
using HocVuSo.Core.Features.Geography;
using Microsoft.EntityFrameworkCore;

namespace HocVuSo.Core.Features.Oversight;

/// <summary>One sample in a commune's list: what was drawn, by whom, and its estimate so far (no sampled record is shown).</summary>
public sealed record VerificationSampleSummary(int Id, string Period, string Kind, int Size, int Population, DateTime DrawnAt, string? DrawnBy, EstimateView Estimate);

/// <summary>A commune's call-back samples, and whether the reader may draw a new one.</summary>
public sealed record VerificationSampleList(string Unit, string UnitName, bool CanDraw, IReadOnlyList<VerificationSampleSummary> Samples);

/// <summary>
/// The call-back samples of a commune, newest first (at most <see cref="MaxRows"/>), for staff
/// above the commune who may see staff data — the same readers as a sample's. The commune's own
/// staff are refused (403), staff elsewhere get 404; a unit that is not a commune is a clear error
/// (samples are drawn per commune only).
/// </summary>
public static class ListVerificationSamples
{
    public const int MaxRows = 100;

    public sealed record Query(string? Unit);

    public sealed class Handler(AppDbContext db, ScopeService scopes, TimeProvider clock)
    {
        public async Task<Result<VerificationSampleList>> HandleAsync(Query query, CancellationToken ct)
        {
            var scope = await scopes.GetAsync(ct);
            var code = (query.Unit ?? string.Empty).Trim();
            var unit = await db.UnitInScopeAsync(scope, code, clock.TodayInVietnam(), Permission.ViewStaffData, hideOutside: true, ct);
            if (!unit.IsSuccess)
            {
                return Result<VerificationSampleList>.Fail(unit.Errors);
            }

            var commune = unit.Value!;
            if (commune.Level != UnitLevel.Commune)
            {
                return Errors.Invalid("verification.unit_not_commune", "unit", code);
            }

            if (!scope.CanAbove(Permission.ViewStaffData, commune.Path))
            {
                return Errors.Forbidden();
            }

            var rows = await db.VerificationSamples.AsNoTracking()
                .Where(s => s.UnitId == commune.Id)
                .OrderByDescending(s => s.DrawnAt).ThenByDescending(s => s.Id)
                .Take(MaxRows)
                .Select(s => new { s.Id, s.Period, s.Kind, s.Size, s.Population, s.DrawnAt, s.DrawnByName, Outcomes = s.Items.Select(i => i.Outcome).ToList() })
                .ToListAsync(ct);
            var samples = rows.Select(s =>
            {
                var e = VerificationStatistics.Estimate(s.Outcomes);
                return new VerificationSampleSummary(s.Id, VietnameseFormat.PeriodKey(s.Period), VerificationKeys.Key(s.Kind), s.Size, s.Population, s.DrawnAt, s.DrawnByName,
                    new EstimateView(e.Genuine, e.Low, e.High, e.GenuineCount, e.Counted, e.Unreachable, e.Pending));
            }).ToList();
            return new VerificationSampleList(commune.Code, commune.FullName, scope.CanAbove(Permission.VerifyFigures, commune.Path), samples);
        }
    }
}
