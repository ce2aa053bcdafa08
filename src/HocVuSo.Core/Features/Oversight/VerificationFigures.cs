using HocVuSo.Core.Common;
using HocVuSo.Core.Data;
using Microsoft.EntityFrameworkCore;

namespace HocVuSo.Core.Features.Oversight;

/// <summary>The verified share of an indicator: the genuine-share estimate of the call-back sample behind it, with its 95% interval.</summary>
public sealed record VerifiedFigure(double Genuine, double Low, double High, int SampleId)
{
    /// <summary>"90% (78,6–95,7%)": the share and its interval in Vietnamese number format.</summary>
    public string Display() =>
        $"{VietnameseFormat.Percent((decimal)Genuine)} ({VietnameseFormat.Number((decimal)Low * 100m)}–{VietnameseFormat.Percent((decimal)High)})";

    /// <summary>How many sampled records the estimate rests on (outcomes that count: confirmed, confirmed by someone else, denied, wrong person).</summary>
    public int Counted { get; init; }

    /// <summary>"90% (78,6–95,7%), n=50": <see cref="Display"/> with the number of records it rests on, as the monthly report shows it.</summary>
    public string DisplayWithSize() => Display() + ", n=" + VietnameseFormat.Number(Counted);
}

/// <summary>
/// Which indicators a sample kind verifies, and the verified figure of each for a commune and month:
/// certified learners verify the adults-with-digital-skills and adults-confirmed-on-VNeID indicators,
/// guidance sessions the sessions-per-village indicator, classes the classes-held indicator. The
/// figure comes from the latest sample of the kind drawn for that commune and month that has at
/// least one outcome counting towards the estimate.
/// </summary>
public static class VerificationFigures
{
    public static IReadOnlyList<string> IndicatorsOf(SampleKind kind) => kind switch
    {
        SampleKind.CertifiedLearners => ["adults_digital_skills", "adults_vneid_confirmed"],
        SampleKind.GuidanceSessions => ["guidance_sessions_per_village"],
        _ => ["classes_held"],
    };

    public static async Task<Dictionary<string, VerifiedFigure>> ForAsync(AppDbContext db, int unitId, DateOnly period, CancellationToken ct)
    {
        var samples = await db.VerificationSamples.AsNoTracking()
            .Where(s => s.UnitId == unitId && s.Period == period)
            .Select(s => new { s.Id, s.Kind, s.DrawnAt, Outcomes = s.Items.Select(i => i.Outcome).ToList() })
            .ToListAsync(ct);
        var figures = new Dictionary<string, VerifiedFigure>(StringComparer.Ordinal);
        foreach (var kind in samples.GroupBy(s => s.Kind))
        {
            var latest = kind.OrderByDescending(s => s.DrawnAt).ThenByDescending(s => s.Id)
                .Select(s => (s.Id, Estimate: VerificationStatistics.Estimate(s.Outcomes)))
                .FirstOrDefault(s => s.Estimate.Genuine is not null);
            if (latest.Estimate is { Genuine: { } genuine, Low: { } low, High: { } high })
            {
                foreach (var code in IndicatorsOf(kind.Key))
                {
                    figures[code] = new VerifiedFigure(genuine, low, high, latest.Id) { Counted = latest.Estimate.Counted };
                }
            }
        }

        return figures;
    }
}
