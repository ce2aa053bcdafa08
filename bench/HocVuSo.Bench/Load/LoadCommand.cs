using System.Globalization;
using System.Runtime.InteropServices;
using HocVuSo.Core.Data;

namespace HocVuSo.Bench.Load;

/// <summary>
/// <c>load</c>: prepares a fresh database, starts <c>hocvuso serve</c> on it, signs N learners in
/// and has C virtual users learn for the warm-up and the measured window, then prints Markdown for
/// docs/BENCHMARKS.md. Only 127.0.0.1 is ever contacted; the run ends by itself.
/// </summary>
internal static class LoadCommand
{
    public static async Task<int> RunAsync(string[] args)
    {
        LoadOptions options;
        try
        {
            options = LoadOptions.Parse(args);
        }
        catch (Exception e) when (e is ArgumentException or FormatException)
        {
            await Console.Error.WriteLineAsync(e.Message + Environment.NewLine + LoadOptions.Usage);
            return 2;
        }

        var folder = Path.Combine(Path.GetTempPath(), "hocvuso-load-" + Guid.NewGuid().ToString("N", CultureInfo.InvariantCulture)[..8]);
        Directory.CreateDirectory(folder);

        // A hard bound on the whole run, whatever happens: set-up, sign-in, warm-up and window.
        using var hardStop = new CancellationTokenSource(TimeSpan.FromMinutes(15) + options.Warmup + options.Duration);
        var ct = hardStop.Token;
        try
        {
            Console.WriteLine(Machine());
            var data = await LoadDatabase.PrepareAsync(options, folder, ct);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"Data: {options.Provider}{(options.SqliteWal ? " (WAL)" : string.Empty)}; {data.Units} units, {data.LearnerNames.Count} learners (+ the demo accounts), course of {data.Modules.Count} modules, {data.Lessons} lessons, {data.Questions} questions; prepared in {data.SetupTime.TotalSeconds:0} s."));

            var environment = new Dictionary<string, string>(StringComparer.Ordinal)
            {
                ["Database__Provider"] = options.Provider.ToString(),
                ["ConnectionStrings__Default"] = data.ConnectionString,
                ["Database__AutoMigrate"] = "false",
                ["DataProtection__KeysPath"] = Path.Combine(folder, "keys"),
                ["Logging__LogLevel__Default"] = "Warning",
            };
            var dll = options.ServerDll ?? ServerProcess.DefaultDll();
            await using var server = await ServerProcess.StartAsync(dll, environment, Path.Combine(folder, "server.log"), ct);
            Console.WriteLine($"Server: {dll} (pid {server.Id}) at {server.Address}; {options.Concurrency} virtual users.");

            using var http = LoadDriver.CreateClient(server.Address, options.Concurrency);
            var driver = new LoadDriver(http, data, options.Concurrency);
            var meter = new CpuMeter(server, options.Provider == DatabaseProvider.Postgres ? options.PostgresDatabase : null);
            var postgres = options.Provider == DatabaseProvider.Postgres;

            var before = meter.Take();
            var (signIn, tokens) = await driver.SignInAsync(ct);
            var after = meter.Take();
            Console.WriteLine();
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"Phase 1, sign-in: {tokens.Count(t => t is not null)} of {tokens.Length} learners in {signIn.Window.TotalSeconds:0.0} s; cores used: {CpuMeter.Describe(before, after, postgres)}."));
            Console.WriteLine();
            Console.Write(signIn.Table(Operation.Token));
            Console.WriteLine("CPU per sign-in: " + CpuMeter.CostPer(before, after, signIn.Count(Operation.Token), postgres).Replace("grade", "sign in", StringComparison.Ordinal) + ".");
            WriteErrors(signIn);

            CpuSnapshot opened = default, closed = default;
            var learning = await driver.LearnAsync(tokens, options.Warmup, options.Duration, open =>
            {
                if (open)
                {
                    opened = meter.Take();
                }
                else
                {
                    closed = meter.Take();
                }
            }, ct);
            Console.WriteLine();
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"Phase 2, learning: {options.Warmup.TotalSeconds:0} s warm-up, then {options.Duration.TotalSeconds:0} s measured; cores used: {CpuMeter.Describe(opened, closed, postgres)}."));
            Console.WriteLine();
            Console.Write(learning.Table(Operation.Lesson, Operation.Start, Operation.Submit));
            WriteErrors(learning);
            Console.WriteLine();
            var graded = learning.Passed + learning.Failed;
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"Graded submissions: {graded} in {options.Duration.TotalSeconds:0} s = {graded / options.Duration.TotalSeconds:0.0}/s ({learning.Failed} graded as failed)."));
            Console.WriteLine("CPU per graded submission (with its lesson and start): " + CpuMeter.CostPer(opened, closed, graded, postgres) + ".");
            if (driver.RanOutOfWork)
            {
                Console.WriteLine($"Warning: every learner used all attempts before the window closed; run again with more than {options.Learners} learners.");
            }

            return 0;
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            if (options.Keep)
            {
                Console.WriteLine($"Work folder kept: {folder}");
            }
            else
            {
                Directory.Delete(folder, recursive: true);
            }
        }
    }

    private static void WriteErrors(PhaseReport report)
    {
        var errors = report.Errors;
        Console.WriteLine(errors.Count == 0
            ? "Errors: none."
            : "Errors (whole phase): " + string.Join(", ", errors.OrderBy(e => e.Key, StringComparer.Ordinal).Select(e => $"{e.Key} × {e.Value}")) + ".");
    }

    private static string Machine()
    {
        var cpu = File.Exists("/proc/cpuinfo")
            ? File.ReadLines("/proc/cpuinfo").FirstOrDefault(l => l.StartsWith("model name", StringComparison.Ordinal))?.Split(':', 2)[1].Trim()
            : null;
        var memory = GC.GetGCMemoryInfo().TotalAvailableMemoryBytes / (1024.0 * 1024 * 1024);
        return string.Create(CultureInfo.InvariantCulture,
            $"Machine: {Environment.ProcessorCount} cores ({cpu ?? RuntimeInformation.ProcessArchitecture.ToString()}), {memory:0} GiB; {RuntimeInformation.OSDescription}; {RuntimeInformation.FrameworkDescription}; started {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC.");
    }
}
