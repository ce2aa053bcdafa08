using System.Globalization;
using HocVuSo.Core.Data;

namespace HocVuSo.Bench.Load;

/// <summary>The options of the <c>load</c> run, read from <c>--name value</c> pairs.</summary>
internal sealed record LoadOptions
{
    public const string Usage = """
        load [options]
          --provider Sqlite|Postgres   database of the server under test (default Sqlite)
          --pg CONNECTION              PostgreSQL server, e.g. "Host=127.0.0.1;Port=55440;Username=postgres"
                                       (a database hocvuso_load is dropped and created on it)
          --learners N                 learner accounts created and signed in (default 600)
          --concurrency C              simultaneous virtual users (default 16)
          --duration 30s               measured window of the learning phase (default 30s)
          --warmup 20s                 learning before the window, not measured (default 20s)
          --sqlite-wal                 put the SQLite file in WAL mode before the run (default: as the product leaves it)
          --server PATH                hocvuso.dll to run (default src/HocVuSo.Web/bin/Release/net10.0/hocvuso.dll)
          --keep                       keep the work folder (database, server log) under /tmp
        """;

    public DatabaseProvider Provider { get; init; } = DatabaseProvider.Sqlite;

    public string? PostgresServer { get; init; }

    public string PostgresDatabase { get; init; } = "hocvuso_load";

    public int Learners { get; init; } = 600;

    public int Concurrency { get; init; } = 16;

    public TimeSpan Duration { get; init; } = TimeSpan.FromSeconds(30);

    public TimeSpan Warmup { get; init; } = TimeSpan.FromSeconds(20);

    public bool SqliteWal { get; init; }

    public string? ServerDll { get; init; }

    public bool Keep { get; init; }

    public static LoadOptions Parse(string[] args)
    {
        var options = new LoadOptions();
        for (var i = 0; i < args.Length; i++)
        {
            string Next() => i + 1 < args.Length ? args[++i] : throw new ArgumentException($"{args[i]} needs a value.");
            options = args[i] switch
            {
                "--provider" => options with { Provider = Enum.Parse<DatabaseProvider>(Next(), ignoreCase: true) },
                "--pg" => options with { PostgresServer = Next() },
                "--learners" => options with { Learners = int.Parse(Next(), CultureInfo.InvariantCulture) },
                "--concurrency" => options with { Concurrency = int.Parse(Next(), CultureInfo.InvariantCulture) },
                "--duration" => options with { Duration = ParseDuration(Next()) },
                "--warmup" => options with { Warmup = ParseDuration(Next()) },
                "--sqlite-wal" => options with { SqliteWal = true },
                "--server" => options with { ServerDll = Next() },
                "--keep" => options with { Keep = true },
                _ => throw new ArgumentException($"Unknown option {args[i]}."),
            };
        }

        if (options.Provider == DatabaseProvider.Postgres && string.IsNullOrWhiteSpace(options.PostgresServer))
        {
            throw new ArgumentException("--provider Postgres needs --pg \"Host=…;Port=…;Username=…\".");
        }

        if (options.Learners < options.Concurrency || options.Concurrency < 1)
        {
            throw new ArgumentException("Use at least one virtual user and at least as many learners as virtual users.");
        }

        if (options.Duration <= TimeSpan.Zero || options.Duration > TimeSpan.FromMinutes(10) || options.Warmup < TimeSpan.Zero)
        {
            throw new ArgumentException("--duration must be between 1 s and 10 min.");
        }

        return options;
    }

    /// <summary>"30s", "2m", "45" (seconds).</summary>
    private static TimeSpan ParseDuration(string text)
    {
        var number = text.TrimEnd('s', 'm');
        var value = double.Parse(number, CultureInfo.InvariantCulture);
        return text.EndsWith('m') ? TimeSpan.FromMinutes(value) : TimeSpan.FromSeconds(value);
    }
}
