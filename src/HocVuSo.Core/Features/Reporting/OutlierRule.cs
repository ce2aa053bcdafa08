namespace HocVuSo.Core.Features.Reporting;

/// <summary>
/// When a reported figure is far from what the unit reported before or from what its peers
/// report for the same month, the commune must say why before submitting. "Far" means a robust
/// z-score above 3.5 against the unit's own history (median and median absolute deviation, at
/// least three earlier months), or outside the peers' quartiles by three interquartile ranges
/// (at least five peers).
/// </summary>
public static class OutlierRule
{
    public const decimal ZLimit = 3.5m;
    public const decimal IqrFactor = 3m;

    public static bool IsOutlier(decimal value, IReadOnlyList<decimal> history, IReadOnlyList<decimal> peers) =>
        FarFromHistory(value, history) || FarFromPeers(value, peers);

    public static bool FarFromHistory(decimal value, IReadOnlyList<decimal> history)
    {
        if (history.Count < 3)
        {
            return false;
        }

        var median = Median(history);
        var mad = Median(history.Select(h => Math.Abs(h - median)).ToList());
        if (mad == 0)
        {
            return value != median && Math.Abs(value - median) > Math.Max(1, Math.Abs(median) * 0.5m);
        }

        return Math.Abs(0.6745m * (value - median) / mad) > ZLimit;
    }

    public static bool FarFromPeers(decimal value, IReadOnlyList<decimal> peers)
    {
        if (peers.Count < 5)
        {
            return false;
        }

        var sorted = peers.Order().ToList();
        var q1 = Quantile(sorted, 0.25m);
        var q3 = Quantile(sorted, 0.75m);
        var iqr = q3 - q1;
        return value > q3 + (IqrFactor * iqr) || value < q1 - (IqrFactor * iqr);
    }

    private static decimal Median(IReadOnlyList<decimal> values) => Quantile(values.Order().ToList(), 0.5m);

    private static decimal Quantile(IReadOnlyList<decimal> sorted, decimal q)
    {
        var position = (sorted.Count - 1) * q;
        var lower = (int)Math.Floor(position);
        var upper = (int)Math.Ceiling(position);
        return sorted[lower] + ((sorted[upper] - sorted[lower]) * (position - lower));
    }
}
