using System.Diagnostics;
using HocVuSo.Tests.Infrastructure;
using Npgsql;

namespace HocVuSo.Tests.Features.Backups;

/// <summary>scripts/restore-drill.sh against the test server: a seeded database restored into a fresh private server compares equal, and a difference is caught.</summary>
public class RestoreDrillTests
{
    private static string Script => Path.GetFullPath(Path.Combine(AppContext.BaseDirectory, "..", "..", "..", "..", "..", "scripts", "restore-drill.sh"));

    private static async Task<(int Code, string Output)> RunAsync(NpgsqlConnectionStringBuilder source, string? afterRestore = null)
    {
        var start = new ProcessStartInfo("bash") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in new[] { Script, "--host", source.Host!, "--port", source.Port.ToString(System.Globalization.CultureInfo.InvariantCulture), "--user", source.Username ?? "postgres", "--dbname", source.Database! })
        {
            start.ArgumentList.Add(argument);
        }

        if (afterRestore is not null)
        {
            start.Environment["HOCVUSO_DRILL_AFTER_RESTORE"] = afterRestore;
        }

        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(5));
        await process.WaitForExitAsync(timeout.Token);
        return (process.ExitCode, await output + await error);
    }

    [PostgresFact]
    public async Task Drill_RestoresASeededDatabase_AndFindsEveryCountAndFigureEqual_ButCatchesADifference()
    {
        NpgsqlConnectionStringBuilder source;
        await using (var app = await TestApp.StartOwnAsync("Postgres"))
        {
            source = new NpgsqlConnectionStringBuilder(app.App.Configuration["ConnectionStrings:Default"]);
            // The drill's source must not change while it runs: the app (and its workers) stop first.
        }

        var (code, output) = await RunAsync(source);
        code.ShouldBe(0, output);
        output.ShouldContain("Restore drill passed");
        output.ShouldMatch(@"\d+ tables, \d+ rows and [1-9]\d* dashboard figures equal");

        // A row written to the source after the dump: the drill must report it and fail.
        var psql = $"psql -h {source.Host} -p {source.Port} -U {source.Username ?? "postgres"} -d {source.Database} -qAt -c " +
            "\"INSERT INTO \\\"AuditEntries\\\" (\\\"At\\\", \\\"Action\\\", \\\"EntityType\\\", \\\"EntityKey\\\") VALUES (now(), 'test.drill', 'test', 'drill')\"";
        var (changedCode, changedOutput) = await RunAsync(source, psql);
        changedCode.ShouldBe(1, changedOutput);
        changedOutput.ShouldContain("DIFFERENCE: row counts differ");
        changedOutput.ShouldContain("AuditEntries");
    }
}
