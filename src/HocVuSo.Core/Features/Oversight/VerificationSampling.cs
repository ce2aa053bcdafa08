namespace HocVuSo.Core.Features.Oversight;

/// <summary>A record that may be sampled: its stable key (the sort order of the population) and its village.</summary>
public sealed record SampleCandidate(string Key, string VillageCode);

/// <summary>
/// The reproducible, village-stratified draw. The population is sorted by village code, then by the
/// record's stable key (ordinal); each village gets a share of the sample proportional to its size
/// (largest remainder: the floors first, then one more to the villages with the largest fractional
/// parts, ties to the lower village code); a SplitMix64 generator seeded with the seed shuffles
/// each village (Fisher–Yates, villages in code order) and the first items of each shuffle are taken.
/// The generator is written out here rather than taken from <see cref="Random"/>, whose seeded
/// sequence the framework does not promise to keep, so a seed gives the same sample in every release.
/// </summary>
public static class VerificationSampling
{
    public static IReadOnlyList<SampleCandidate> Draw(IReadOnlyCollection<SampleCandidate> population, int size, int seed)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(size);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(size, population.Count);
        var strata = population
            .GroupBy(c => c.VillageCode, StringComparer.Ordinal)
            .OrderBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => g.OrderBy(c => c.Key, StringComparer.Ordinal).ToList())
            .ToList();
        var allocation = Allocate(strata.Select(s => s.Count).ToList(), size);
        var generator = new SplitMix64((ulong)(uint)seed);
        var drawn = new List<SampleCandidate>(size);
        for (var i = 0; i < strata.Count; i++)
        {
            var stratum = strata[i];
            for (var j = stratum.Count - 1; j > 0; j--)
            {
                var k = generator.Below(j + 1);
                (stratum[j], stratum[k]) = (stratum[k], stratum[j]);
            }

            drawn.AddRange(stratum.Take(allocation[i]));
        }

        return drawn;
    }

    /// <summary>Proportional allocation of <paramref name="size"/> over strata of the given sizes, by largest remainder.</summary>
    public static IReadOnlyList<int> Allocate(IReadOnlyList<int> strataSizes, int size)
    {
        long total = strataSizes.Sum();
        var shares = new int[strataSizes.Count];
        var remainders = new List<(long Remainder, int Index)>();
        for (var i = 0; i < strataSizes.Count; i++)
        {
            var exact = (long)size * strataSizes[i];
            shares[i] = (int)(exact / total);
            remainders.Add((exact % total, i));
        }

        var left = size - shares.Sum();
        foreach (var (_, index) in remainders.OrderByDescending(r => r.Remainder).ThenBy(r => r.Index).Take(left))
        {
            shares[index]++;
        }

        return shares;
    }

    /// <summary>SplitMix64 (Steele, Lea, Flood 2014): small, fast and fully determined by its seed.</summary>
    private sealed class SplitMix64(ulong state)
    {
        private ulong _state = state;

        public ulong Next()
        {
            var z = _state += 0x9E3779B97F4A7C15UL;
            z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
            z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
            return z ^ (z >> 31);
        }

        /// <summary>A uniform integer in [0, <paramref name="bound"/>), without modulo bias (rejection).</summary>
        public int Below(int bound)
        {
            var limit = ulong.MaxValue - (ulong.MaxValue % (ulong)bound);
            ulong value;
            do
            {
                value = Next();
            }
            while (value >= limit);
            return (int)(value % (ulong)bound);
        }
    }
}
