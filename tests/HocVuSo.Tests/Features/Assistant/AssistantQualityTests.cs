using HocVuSo.Core.Features.Assistant;
using HocVuSo.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Xunit.Abstractions;

namespace HocVuSo.Tests.Features.Assistant;

/// <summary>The quality set (Data/assistant-questions.tsv) over the demo curriculum: the recall the issue asks for, measured here too.</summary>
public class AssistantQualityTests(ITestOutputHelper output)
{
    public static TheoryData<string> Providers => TestApp.Providers;

    /// <summary>The set in the source tree (found upwards from the test output), so the bench and the test read one file.</summary>
    public static string SetPath()
    {
        const string relative = "tests/HocVuSo.Tests/Features/Assistant/Data/assistant-questions.tsv";
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
        {
            var path = Path.Combine(folder.FullName, relative);
            if (File.Exists(path))
            {
                return path;
            }
        }

        throw new FileNotFoundException(relative);
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task QualitySet_HasAtLeast80Questions_AndRecallAt3OfAtLeast90Percent(string provider)
    {
        var app = await TestApp.GetAsync(provider);
        var items = QualitySet.Parse(await File.ReadAllLinesAsync(SetPath()));
        items.Count.ShouldBeGreaterThanOrEqualTo(80);
        var report = await QualitySet.EvaluateAsync(items, async q =>
        {
            await using var scope = app.Services.CreateAsyncScope();
            var result = await scope.ServiceProvider.GetRequiredService<SearchAssistant.Handler>().HandleAsync(new SearchAssistant.Query(q), CancellationToken.None);
            return result.Value ?? [];
        }, rounds: 1);
        output.WriteLine($"recall@1 {report.RecallAt1:P1}, recall@3 {report.RecallAt3:P1}, p95 {report.P95Milliseconds:F1} ms");
        foreach (var miss in report.MissedAt3)
        {
            output.WriteLine($"missed: {miss.Question} → expected {miss.Expected}, got {miss.Got}");
        }

        report.RecallAt3.ShouldBeGreaterThanOrEqualTo(0.9, string.Join("\n", report.MissedAt3.Select(m => $"{m.Question} → {m.Expected} (got {m.Got})")));
    }
}
