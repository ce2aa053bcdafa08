using MathNet.Numerics.Distributions;

namespace HocVuSo.Core.Features.Oversight;

/// <summary>The estimate of the genuine share of a sample: the point estimate and its 95% Wilson score interval; all null before any item counts.</summary>
public sealed record GenuineEstimate(double? Genuine, double? Low, double? High, int GenuineCount, int Counted, int Unreachable, int Pending);

/// <summary>
/// How a call-back sample's outcomes become an estimate. Genuine share = confirmed / counted, where
/// counted = confirmed + confirmed by someone else + denied + wrong person. "Confirmed by someone
/// else" and "wrong person" count against the record (the record does not hold as written: someone
/// else did the work, or its contact leads to another person); "unreachable" and items not yet
/// reached are left out, since nothing was learnt about them.
/// </summary>
public static class VerificationStatistics
{
    /// <summary>The two-sided 95% normal quantile, from MathNet.Numerics (≈ 1.959964).</summary>
    public static readonly double Z95 = Normal.InvCDF(0, 1, 0.975);

    public static GenuineEstimate Estimate(IEnumerable<VerificationOutcome?> outcomes)
    {
        int genuine = 0, counted = 0, unreachable = 0, pending = 0;
        foreach (var outcome in outcomes)
        {
            switch (outcome)
            {
                case null:
                    pending++;
                    break;
                case VerificationOutcome.Unreachable:
                    unreachable++;
                    break;
                case VerificationOutcome.Confirmed:
                    genuine++;
                    counted++;
                    break;
                default:
                    counted++;
                    break;
            }
        }

        if (counted == 0)
        {
            return new GenuineEstimate(null, null, null, genuine, counted, unreachable, pending);
        }

        var (low, high) = Wilson(genuine, counted);
        return new GenuineEstimate((double)genuine / counted, low, high, genuine, counted, unreachable, pending);
    }

    /// <summary>The Wilson score interval for <paramref name="successes"/> out of <paramref name="n"/> at the 95% level, clamped to [0, 1].</summary>
    public static (double Low, double High) Wilson(int successes, int n)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(n);
        ArgumentOutOfRangeException.ThrowIfNegative(successes);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(successes, n);
        var z = Z95;
        var p = (double)successes / n;
        var z2 = z * z;
        var denominator = 1 + (z2 / n);
        var centre = (p + (z2 / (2 * n))) / denominator;
        var half = z / denominator * Math.Sqrt((p * (1 - p) / n) + (z2 / (4.0 * n * n)));
        return (Math.Max(0, centre - half), Math.Min(1, centre + half));
    }
}
