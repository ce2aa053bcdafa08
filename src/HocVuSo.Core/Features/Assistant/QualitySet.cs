using System.Diagnostics;

namespace HocVuSo.Core.Features.Assistant;

/// <summary>
/// The assistant's measured quality: a set of questions people ask, each with the lesson step that
/// should answer it (a TSV: question, lesson slug, step anchor or * for any step of the lesson).
/// Recall@k is the share of questions whose expected passage is among the first k answers; the
/// latency is that of the whole search (index check and query) per question.
/// </summary>
public static class QualitySet
{
    public sealed record Item(string Question, string LessonSlug, string Anchor);

    public sealed record Miss(string Question, string Expected, string? Got);

    public sealed record Report(int Questions, double RecallAt1, double RecallAt3, double P50Milliseconds, double P95Milliseconds, IReadOnlyList<Miss> MissedAt3);

    public static IReadOnlyList<Item> Parse(IEnumerable<string> lines) =>
        lines.Where(l => l.Length > 0 && !l.StartsWith('#'))
            .Select(l => l.Split('\t'))
            .Where(p => p.Length == 3)
            .Select(p => new Item(p[0].Trim(), p[1].Trim(), p[2].Trim()))
            .ToList();

    public static bool Answers(AssistantAnswer answer, Item item) =>
        answer.LessonSlug == item.LessonSlug && (item.Anchor == "*" || answer.Anchor == item.Anchor);

    /// <param name="search">Asks the assistant; rounds after the first are timed (the first warms the index).</param>
    public static async Task<Report> EvaluateAsync(IReadOnlyList<Item> items, Func<string, Task<IReadOnlyList<AssistantAnswer>>> search, int rounds = 3)
    {
        _ = await search(items[0].Question);
        var times = new List<double>();
        int first = 0, three = 0;
        var missed = new List<Miss>();
        for (var round = 0; round < rounds; round++)
        {
            foreach (var item in items)
            {
                var watch = Stopwatch.StartNew();
                var answers = await search(item.Question);
                times.Add(watch.Elapsed.TotalMilliseconds);
                if (round > 0)
                {
                    continue;
                }

                if (answers.Count > 0 && Answers(answers[0], item))
                {
                    first++;
                }

                if (answers.Take(3).Any(a => Answers(a, item)))
                {
                    three++;
                }
                else
                {
                    missed.Add(new Miss(item.Question, item.LessonSlug + "#" + item.Anchor, answers.Count > 0 ? answers[0].Id : null));
                }
            }
        }

        times.Sort();
        double Percentile(double p) => times[Math.Min(times.Count - 1, (int)Math.Ceiling(p * times.Count) - 1)];
        return new Report(items.Count, (double)first / items.Count, (double)three / items.Count, Percentile(0.5), Percentile(0.95), missed);
    }
}
