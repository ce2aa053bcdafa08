using System.Globalization;
using HocVuSo.Core.Features.Accounts;
using HocVuSo.Core.Features.Assistant;
using HocVuSo.Core.Features.Demo;
using HocVuSo.Web.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace HocVuSo.Bench.Assistant;

/// <summary>
/// <c>assistant-quality</c>: seeds the demo (the whole curriculum) into a new SQLite database,
/// builds the assistant's index, then asks every question of the quality set and prints recall@1,
/// recall@3 and the search latency (p50, p95) over several rounds, and the questions missed.
/// </summary>
internal static class AssistantQualityCommand
{
    private static readonly string Usage = """
        assistant-quality [--set PATH] [--content PATH] [--rounds N]
          --set PATH      the question set (default tests/HocVuSo.Tests/Features/Assistant/Data/assistant-questions.tsv)
          --content PATH  the curriculum (default content/courses)
          --rounds N      timed rounds over the set (default 5)
        """;

    public static async Task<int> RunAsync(string[] args)
    {
        var set = "tests/HocVuSo.Tests/Features/Assistant/Data/assistant-questions.tsv";
        var content = "content/courses";
        var rounds = 5;
        for (var i = 0; i + 1 < args.Length; i += 2)
        {
            switch (args[i])
            {
                case "--set": set = args[i + 1]; break;
                case "--content": content = args[i + 1]; break;
                case "--rounds": rounds = int.Parse(args[i + 1], CultureInfo.InvariantCulture); break;
                default: Console.Error.WriteLine(Usage); return 2;
            }
        }

        var folder = Path.Combine(Path.GetTempPath(), "hocvuso-assistant-bench-" + Guid.NewGuid().ToString("N")[..8]);
        Directory.CreateDirectory(folder);
        try
        {
            var app = PlatformHost.Build([], forCommandLine: true, configure: builder => builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
            {
                ["ConnectionStrings:Default"] = "Data Source=" + Path.Combine(folder, "bench.db"),
                ["DataProtection:KeysPath"] = Path.Combine(folder, "keys"),
                ["Logging:LogLevel:Default"] = "Warning",
            }));
            var migrated = await DatabaseMigrator.MigrateAsync(app.Services, CancellationToken.None);
            if (!migrated.IsSuccess)
            {
                Console.Error.WriteLine("migration failed");
                return 1;
            }

            await using (var scope = app.Services.CreateAsyncScope())
            {
                scope.ServiceProvider.GetRequiredService<ScopeService>().UseSystemScope();
                var seeded = await scope.ServiceProvider.GetRequiredService<SeedDemo.Handler>().HandleAsync(new SeedDemo.Command("Bench@12345", Path.GetFullPath(content)), CancellationToken.None);
                if (!seeded.IsSuccess)
                {
                    Console.Error.WriteLine("seed failed: " + seeded.FirstError.Code);
                    return 1;
                }
            }

            var items = QualitySet.Parse(await File.ReadAllLinesAsync(set));
            var report = await QualitySet.EvaluateAsync(items, async q =>
            {
                await using var scope = app.Services.CreateAsyncScope();
                var result = await scope.ServiceProvider.GetRequiredService<SearchAssistant.Handler>().HandleAsync(new SearchAssistant.Query(q), CancellationToken.None);
                return result.Value ?? [];
            }, rounds + 1);
            var index = app.Services.GetRequiredService<PassageIndex>();
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"questions {report.Questions}, passages {index.Count}, recall@1 {report.RecallAt1:F3}, recall@3 {report.RecallAt3:F3}, search p50 {report.P50Milliseconds:F2} ms, p95 {report.P95Milliseconds:F2} ms ({rounds} timed rounds)"));
            foreach (var miss in report.MissedAt3)
            {
                Console.WriteLine($"missed at 3: {miss.Question} → expected {miss.Expected}, first answer {miss.Got}");
            }

            await app.DisposeAsync();
            return 0;
        }
        finally
        {
            try
            {
                Directory.Delete(folder, recursive: true);
            }
            catch (IOException)
            {
            }
        }
    }
}
