using System.Diagnostics;
using System.Globalization;
using System.Text;

namespace HocVuSo.Bench.Load;

internal enum Operation
{
    Token,
    Lesson,
    Start,
    Submit,
}

/// <summary>
/// What one virtual user saw: the latency of each successful request that completed inside the
/// measured window, and every failure (by operation and status) whenever it happened. One per
/// virtual user, so nothing is shared while the run goes; merged at the end.
/// </summary>
internal sealed class WorkerLog(long windowStart, long windowEnd)
{
    private readonly List<double>[] _millis = Enum.GetValues<Operation>().Select(_ => new List<double>()).ToArray();

    public Dictionary<string, int> Errors { get; } = new(StringComparer.Ordinal);

    public int Passed { get; private set; }

    public int Failed { get; private set; }

    public IReadOnlyList<double> Millis(Operation operation) => _millis[(int)operation];

    public bool InWindow(long timestamp) => timestamp >= windowStart && timestamp < windowEnd;

    public void Success(Operation operation, long started, long ended)
    {
        if (InWindow(ended))
        {
            _millis[(int)operation].Add(Stopwatch.GetElapsedTime(started, ended).TotalMilliseconds);
        }
    }

    public void Graded(bool passed, long ended)
    {
        if (InWindow(ended))
        {
            if (passed)
            {
                Passed++;
            }
            else
            {
                Failed++;
            }
        }
    }

    public void Error(Operation operation, string what)
    {
        var key = operation.ToString().ToLowerInvariant() + " " + what;
        Errors[key] = Errors.GetValueOrDefault(key) + 1;
    }
}

/// <summary>The merged logs of a phase, as a Markdown table of throughput and latency per operation.</summary>
internal sealed class PhaseReport(IReadOnlyList<WorkerLog> logs, TimeSpan window)
{
    public TimeSpan Window => window;

    public int Count(Operation operation) => logs.Sum(l => l.Millis(operation).Count);

    public int Passed => logs.Sum(l => l.Passed);

    public int Failed => logs.Sum(l => l.Failed);

    public IReadOnlyDictionary<string, int> Errors => logs.SelectMany(l => l.Errors)
        .GroupBy(e => e.Key, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Sum(e => e.Value), StringComparer.Ordinal);

    public string Table(params Operation[] operations)
    {
        var text = new StringBuilder();
        text.AppendLine("| operation | requests | per second | p50 ms | p95 ms | p99 ms | max ms |");
        text.AppendLine("|---|---:|---:|---:|---:|---:|---:|");
        foreach (var operation in operations)
        {
            var sorted = logs.SelectMany(l => l.Millis(operation)).Order().ToArray();
            text.AppendLine(string.Create(CultureInfo.InvariantCulture,
                $"| {operation.ToString().ToLowerInvariant()} | {sorted.Length} | {sorted.Length / window.TotalSeconds:0.0} | {Percentile(sorted, 50):0.0} | {Percentile(sorted, 95):0.0} | {Percentile(sorted, 99):0.0} | {(sorted.Length == 0 ? 0 : sorted[^1]):0.0} |"));
        }

        return text.ToString();
    }

    /// <summary>Nearest-rank percentile of sorted values.</summary>
    private static double Percentile(double[] sorted, double percent) =>
        sorted.Length == 0 ? 0 : sorted[Math.Clamp((int)Math.Ceiling(percent / 100 * sorted.Length) - 1, 0, sorted.Length - 1)];
}
