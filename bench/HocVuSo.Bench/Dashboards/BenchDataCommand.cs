using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using HocVuSo.Bench.Load;
using HocVuSo.Core.Data;
using HocVuSo.Core.Features.Accounts;
using HocVuSo.Core.Features.Certification;
using HocVuSo.Core.Features.Demo;
using HocVuSo.Core.Features.Geography;
using HocVuSo.Core.Features.Reporting;
using HocVuSo.Web.Hosting;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using NpgsqlTypes;

namespace HocVuSo.Bench.Dashboards;

/// <summary>
/// <c>bench-data</c>: builds a synthetic country on PostgreSQL (the official 34 provinces and 3,321
/// communes, ~35,000 villages, baselines summing to ~70 million adults, 12 months of commune
/// reports, and N learners each with a passed final test and a certification, bulk-loaded with binary COPY), runs the
/// roll-up, then starts <c>hocvuso serve</c> on it and measures the national, provincial and
/// commune dashboards over HTTP. <c>--fraction 1000</c> builds the same at 1/1000 of the size.
/// </summary>
internal static class BenchDataCommand
{
    private const string Password = "HocVuSo-Bench-2026";
    private const int FullLearners = 5_000_000;
    private const long NationalAdults = 70_000_000;
    private const int NationalVillages = 35_000;

    private static readonly string Usage = """
        bench-data --pg CONNECTION [--database NAME] [--fraction F] [--learners N] [--requests R] [--measure-only]
          --pg CONNECTION   PostgreSQL server, e.g. "Host=127.0.0.1;Port=55432;Username=postgres"
          --database NAME   database to (re)create (default hocvuso_bench_dashboards)
          --fraction F      1 = the whole country (default); 1000 = every 1000th commune and 1/1000 of the learners
          --learners N      learners with a passed final test (default 5,000,000 / F)
          --requests R      measured requests per dashboard (default 300, after 30 of warm-up)
          --measure-only    do not generate: measure an existing database
          --compare NAME    also serve the database NAME (e.g. the 1/1000 one) and alternate requests between the
                            two servers, so that both see the same load on the machine
        """;

    public static async Task<int> RunAsync(string[] args)
    {
        string? server = null;
        var database = "hocvuso_bench_dashboards";
        var fraction = 1;
        int? learners = null;
        var requests = 300;
        var measureOnly = false;
        string? compare = null;
        for (var i = 0; i < args.Length; i++)
        {
            switch (args[i])
            {
                case "--pg": server = args[++i]; break;
                case "--database": database = args[++i]; break;
                case "--fraction": fraction = int.Parse(args[++i], CultureInfo.InvariantCulture); break;
                case "--learners": learners = int.Parse(args[++i], CultureInfo.InvariantCulture); break;
                case "--requests": requests = int.Parse(args[++i], CultureInfo.InvariantCulture); break;
                case "--measure-only": measureOnly = true; break;
                case "--compare": compare = args[++i]; break;
                default:
                    await Console.Error.WriteLineAsync("Unknown option " + args[i] + Environment.NewLine + Usage);
                    return 2;
            }
        }

        if (server is null || fraction < 1)
        {
            await Console.Error.WriteLineAsync(Usage);
            return 2;
        }

        using var hardStop = new CancellationTokenSource(TimeSpan.FromMinutes(90));
        var ct = hardStop.Token;
        var connection = new NpgsqlConnectionStringBuilder(server) { Database = database, CommandTimeout = 900 }.ConnectionString;
        var folder = Path.Combine(Path.GetTempPath(), "hocvuso-bench-data-" + Guid.NewGuid().ToString("N", CultureInfo.InvariantCulture)[..8]);
        Directory.CreateDirectory(folder);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"Machine: {Environment.ProcessorCount} cores, {Environment.OSVersion}, .NET {Environment.Version}."));
        if (!measureOnly)
        {
            await GenerateAsync(server, database, connection, folder, fraction, learners ?? (FullLearners / fraction), ct);
        }

        List<(string Label, string Connection)> databases = [(database, connection)];
        if (compare is not null)
        {
            databases.Add((compare, new NpgsqlConnectionStringBuilder(server) { Database = compare }.ConnectionString));
        }

        await MeasureAsync(databases, folder, requests, ct);
        return 0;
    }

    private const string BenchKeyPrefix = "PersonalData:";
    private const string BenchKeyId = "bench";

    /// <summary>
    /// Fixed personal-data keys for the synthetic databases only (no real person is in them): the
    /// generator and later measuring runs, even with --measure-only, must use the same keys.
    /// </summary>
    private static string BenchKey(string purpose) =>
        Convert.ToBase64String(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes("hocvuso-bench-data-" + purpose)));

    private static async Task GenerateAsync(string server, string database, string connection, string folder, int fraction, int learners, CancellationToken ct)
    {
        var total = Stopwatch.StartNew();
        await RecreateAsync(server, database, ct);
        await using var app = PlatformHost.Build([], forCommandLine: true, configure: builder => builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Database:Provider"] = "Postgres",
            ["ConnectionStrings:Default"] = connection,
            ["DataProtection:KeysPath"] = Path.Combine(folder, "keys"),
            ["Logging:LogLevel:Default"] = "Warning",
            ["Logging:LogLevel:Microsoft.EntityFrameworkCore"] = "None",
            [BenchKeyPrefix + "Keys:" + BenchKeyId] = BenchKey("aes"),
            [BenchKeyPrefix + "ActiveKeyId"] = BenchKeyId,
            [BenchKeyPrefix + "HashKey"] = BenchKey("hmac"),
        }));
        var migrated = await DatabaseMigrator.MigrateAsync(app.Services, ct);
        if (!migrated.IsSuccess)
        {
            throw new InvalidOperationException("Migration failed: " + migrated.FirstError.Code);
        }

        await using (var scope = app.Services.CreateAsyncScope())
        {
            var seeded = await scope.ServiceProvider.GetRequiredService<SeedDemo.Handler>()
                .HandleAsync(new SeedDemo.Command(Password, HocVuSo.Web.Cli.CommandLine.DefaultContentDirectory), ct);
            if (!seeded.IsSuccess)
            {
                throw new InvalidOperationException("Demo seed failed: " + seeded.FirstError.Code);
            }
        }

        Step(total, "migrated and seeded the demo");
        var protector = app.Services.GetRequiredService<PersonalDataProtector>();
        var random = new Random(20260520);
        var year = DateTime.UtcNow.AddHours(7).Year;
        await using var db = new NpgsqlConnection(connection);
        await db.OpenAsync(ct);
        await ExecuteAsync(db, "SET session_replication_role = replica", ct);

        // Communes: all of them, or every F-th by code; Ea Trang keeps its demo villages, baseline and reports.
        var communes = new List<(int Id, string Code, string Path, string Province)>();
        await using (var command = new NpgsqlCommand($"SELECT \"Id\", \"Code\", \"Path\", \"ProvinceCode\" FROM \"Units\" WHERE \"Level\" = {UnitLevel.Commune} AND \"ValidTo\" IS NULL ORDER BY \"Code\"", db))
        await using (var reader = await command.ExecuteReaderAsync(ct))
        {
            var index = 0;
            while (await reader.ReadAsync(ct))
            {
                if (index++ % fraction == 0 && reader.GetString(1) != SeedDemo.EaTrang)
                {
                    communes.Add((reader.GetInt32(0), reader.GetString(1), reader.GetString(2), reader.GetString(3)));
                }
            }
        }

        // Villages: 10 or 11 per commune, ~35,000 in all.
        var villages = new List<string>();
        var now = DateTime.UtcNow;
        await using (var writer = await db.BeginBinaryImportAsync(
            "COPY \"Units\" (\"Code\", \"Name\", \"FullName\", \"Kind\", \"Level\", \"ParentId\", \"ParentCode\", \"Path\", \"ProvinceCode\", \"SearchName\", \"ValidFrom\", \"CreatedAt\") FROM STDIN (FORMAT BINARY)", ct))
        {
            var perCommune = (double)NationalVillages / 3321;
            var made = 0;
            for (var c = 0; c < communes.Count; c++)
            {
                var commune = communes[c];
                var count = (int)Math.Round((c + 1) * perCommune) - (int)Math.Round(c * perCommune);
                for (var v = 1; v <= count; v++)
                {
                    var code = string.Create(CultureInfo.InvariantCulture, $"{commune.Code}-{v:000}");
                    var name = string.Create(CultureInfo.InvariantCulture, $"Thôn {v}");
                    var path = commune.Path + code + "/";
                    await writer.StartRowAsync(ct);
                    await writer.WriteAsync(code, NpgsqlDbType.Text, ct);
                    await writer.WriteAsync(name, NpgsqlDbType.Text, ct);
                    await writer.WriteAsync(name, NpgsqlDbType.Text, ct);
                    await writer.WriteAsync("thon", NpgsqlDbType.Text, ct);
                    await writer.WriteAsync(UnitLevel.Village, NpgsqlDbType.Integer, ct);
                    await writer.WriteAsync(commune.Id, NpgsqlDbType.Integer, ct);
                    await writer.WriteAsync(commune.Code, NpgsqlDbType.Text, ct);
                    await writer.WriteAsync(path, NpgsqlDbType.Text, ct);
                    await writer.WriteAsync(commune.Province, NpgsqlDbType.Text, ct);
                    await writer.WriteAsync(string.Create(CultureInfo.InvariantCulture, $"thon {v}"), NpgsqlDbType.Text, ct);
                    await writer.WriteAsync(new DateOnly(2025, 7, 1), NpgsqlDbType.Date, ct);
                    await writer.WriteAsync(now, NpgsqlDbType.TimestampTz, ct);
                    villages.Add(path);
                    made++;
                }
            }

            await writer.CompleteAsync(ct);
            Step(total, $"{made:N0} villages under {communes.Count:N0} communes");
        }

        // Baselines of this year and last (the 12-month trend spans both): ~70 million adults in all.
        var adults = new Dictionary<int, int>();
        long adultsTotal = 0;
        await using (var writer = await db.BeginBinaryImportAsync(
            "COPY \"PopulationBaselines\" (\"UnitId\", \"Year\", \"Adults\", \"Officials\", \"StudentsPrimary\", \"StudentsLowerSecondary\", \"StudentsUpperSecondary\", \"StudentsHigherEducation\", \"EnterpriseWorkers\", \"Households\", \"UpdatedAt\") FROM STDIN (FORMAT BINARY)", ct))
        {
            var mean = NationalAdults / 3321.0;
            foreach (var commune in communes)
            {
                var a = (int)(mean * (0.5 + random.NextDouble()));
                adults[commune.Id] = a;
                adultsTotal += a;
                foreach (var y in new[] { year - 1, year })
                {
                    await writer.StartRowAsync(ct);
                    await writer.WriteAsync(commune.Id, NpgsqlDbType.Integer, ct);
                    await writer.WriteAsync(y, NpgsqlDbType.Integer, ct);
                    await writer.WriteAsync(a, NpgsqlDbType.Integer, ct);
                    await writer.WriteAsync(a / 60, NpgsqlDbType.Integer, ct);
                    await writer.WriteAsync(a / 8, NpgsqlDbType.Integer, ct);
                    await writer.WriteAsync(a / 11, NpgsqlDbType.Integer, ct);
                    await writer.WriteAsync(a / 16, NpgsqlDbType.Integer, ct);
                    await writer.WriteAsync(a / 30, NpgsqlDbType.Integer, ct);
                    await writer.WriteAsync(a / 9, NpgsqlDbType.Integer, ct);
                    await writer.WriteAsync(a * 10 / 23, NpgsqlDbType.Integer, ct);
                    await writer.WriteAsync(now, NpgsqlDbType.TimestampTz, ct);
                }
            }

            await writer.CompleteAsync(ct);
            Step(total, $"baselines: {adultsTotal:N0} adults per year");
        }

        // Twelve months of reports per commune: older months approved, the last two in every state.
        var today = DateOnly.FromDateTime(DateTime.UtcNow.AddHours(7));
        var months = RollupJob.LastMonths(today, 12);
        var reports = 0;
        await using (var writer = await db.BeginBinaryImportAsync(
            "COPY \"MonthlyReports\" (\"UnitId\", \"UnitPath\", \"Period\", \"Status\", \"Values\", \"Comments\", \"UpdatedAt\", \"SubmittedAt\", \"DecidedAt\", \"ReturnComment\") FROM STDIN (FORMAT BINARY)", ct))
        {
            foreach (var commune in communes)
            {
                var a = adults[commune.Id];
                for (var m = 0; m < months.Count; m++)
                {
                    var roll = random.NextDouble();
                    var recent = months.Count - m;
                    string? status = recent switch
                    {
                        1 => roll < 0.3 ? "Draft" : roll < 0.55 ? "Submitted" : null,
                        2 => roll < 0.8 ? "Approved" : roll < 0.9 ? "Submitted" : roll < 0.95 ? "Returned" : null,
                        _ => "Approved",
                    };
                    if (status is null)
                    {
                        continue;
                    }

                    var share = 0.25 + (0.05 * m);
                    var values = new Dictionary<string, decimal>
                    {
                        ["adults_vneid_confirmed"] = Math.Round((decimal)(a * share)),
                        ["adults_digital_skills"] = Math.Round((decimal)(a * share * 0.8)),
                        ["officials_signature_registered"] = Math.Round((decimal)(a / 60 * Math.Min(1, share * 1.5))),
                        ["adults_digital_signature"] = Math.Round((decimal)(a * share * 0.3)),
                        ["visual_propaganda"] = 2 + m,
                        ["posts_per_month"] = 8 + random.Next(6),
                        ["classes_held"] = 1 + (m / 2),
                    };
                    await writer.StartRowAsync(ct);
                    await writer.WriteAsync(commune.Id, NpgsqlDbType.Integer, ct);
                    await writer.WriteAsync(commune.Path, NpgsqlDbType.Text, ct);
                    await writer.WriteAsync(months[m], NpgsqlDbType.Date, ct);
                    await writer.WriteAsync(status, NpgsqlDbType.Text, ct);
                    await writer.WriteAsync(JsonSerializer.Serialize(values), NpgsqlDbType.Text, ct);
                    await writer.WriteAsync("{}", NpgsqlDbType.Text, ct);
                    await writer.WriteAsync(now, NpgsqlDbType.TimestampTz, ct);
                    await writer.WriteAsync(now, NpgsqlDbType.TimestampTz, ct);
                    if (status is "Approved" or "Returned")
                    {
                        await writer.WriteAsync(now, NpgsqlDbType.TimestampTz, ct);
                    }
                    else
                    {
                        await writer.WriteNullAsync(ct);
                    }

                    if (status == "Returned")
                    {
                        await writer.WriteAsync("Đề nghị đối chiếu lại số liệu.", NpgsqlDbType.Text, ct);
                    }
                    else
                    {
                        await writer.WriteNullAsync(ct);
                    }

                    reports++;
                }
            }

            await writer.CompleteAsync(ct);
            Step(total, $"{reports:N0} monthly reports");
        }

        // Learners: one account each and one passed final test, spread over the villages and the last 14 months.
        int finalQuiz;
        await using (var command = new NpgsqlCommand("SELECT \"Id\" FROM \"Quizzes\" WHERE \"Slug\" = 'final' ORDER BY \"Id\" LIMIT 1", db))
        {
            finalQuiz = (int)(await command.ExecuteScalarAsync(ct))!;
        }

        // Ids follow from the index, so that 5 million of them need not be kept in memory.
        static string UserId(int i) => string.Create(CultureInfo.InvariantCulture, $"bench-learner-{i:D9}");
        await using (var writer = await db.BeginBinaryImportAsync(
            "COPY \"AspNetUsers\" (\"Id\", \"UserName\", \"NormalizedUserName\", \"FullName\", \"EmailConfirmed\", \"PhoneNumberConfirmed\", \"TwoFactorEnabled\", \"LockoutEnabled\", \"AccessFailedCount\", \"CreatedAt\", \"SecurityStamp\", \"ConcurrencyStamp\") FROM STDIN (FORMAT BINARY)", ct))
        {
            for (var i = 0; i < learners; i++)
            {
                var id = UserId(i);
                var name = string.Create(CultureInfo.InvariantCulture, $"bench{i}");
                await writer.StartRowAsync(ct);
                await writer.WriteAsync(id, NpgsqlDbType.Text, ct);
                await writer.WriteAsync(name, NpgsqlDbType.Text, ct);
                await writer.WriteAsync(name.ToUpperInvariant(), NpgsqlDbType.Text, ct);
                // Names are stored encrypted, as the platform writes them (PersonalDataColumns).
                await writer.WriteAsync(PersonalDataColumns.Protect(protector, PersonalDataPurposes.UserFullName, string.Create(CultureInfo.InvariantCulture, $"Học viên {i}")), NpgsqlDbType.Text, ct);
                await writer.WriteAsync(false, NpgsqlDbType.Boolean, ct);
                await writer.WriteAsync(false, NpgsqlDbType.Boolean, ct);
                await writer.WriteAsync(false, NpgsqlDbType.Boolean, ct);
                await writer.WriteAsync(true, NpgsqlDbType.Boolean, ct);
                await writer.WriteAsync(0, NpgsqlDbType.Integer, ct);
                await writer.WriteAsync(now, NpgsqlDbType.TimestampTz, ct);
                await writer.WriteAsync(id, NpgsqlDbType.Text, ct);
                await writer.WriteAsync(id, NpgsqlDbType.Text, ct);
            }

            await writer.CompleteAsync(ct);
            Step(total, $"{learners:N0} learner accounts");
        }

        var start = now.AddDays(-14 * 30);
        // The same draws (time, village) for a learner's test and certification, from one seed.
        var learnerSeed = random.Next();
        var draws = new Random(learnerSeed);
        await using (var writer = await db.BeginBinaryImportAsync(
            "COPY \"QuizAttempts\" (\"Id\", \"QuizId\", \"UserId\", \"StartedAt\", \"SubmittedAt\", \"Items\", \"Score\", \"Passed\", \"Assisted\", \"UnitPath\") FROM STDIN (FORMAT BINARY)", ct))
        {
            for (var i = 0; i < learners; i++)
            {
                var submitted = start.AddSeconds(draws.NextDouble() * (now - start).TotalSeconds);
                var village = villages[draws.Next(villages.Count)];
                await writer.StartRowAsync(ct);
                await writer.WriteAsync(Guid.CreateVersion7(), NpgsqlDbType.Uuid, ct);
                await writer.WriteAsync(finalQuiz, NpgsqlDbType.Integer, ct);
                await writer.WriteAsync(UserId(i), NpgsqlDbType.Text, ct);
                await writer.WriteAsync(submitted.AddMinutes(-20), NpgsqlDbType.TimestampTz, ct);
                await writer.WriteAsync(submitted, NpgsqlDbType.TimestampTz, ct);
                await writer.WriteAsync("[]", NpgsqlDbType.Text, ct);
                await writer.WriteAsync(80m, NpgsqlDbType.Numeric, ct);
                await writer.WriteAsync(true, NpgsqlDbType.Boolean, ct);
                await writer.WriteAsync(false, NpgsqlDbType.Boolean, ct);
                await writer.WriteAsync(village, NpgsqlDbType.Text, ct);
            }

            await writer.CompleteAsync(ct);
            Step(total, $"{learners:N0} passed final tests");
        }

        // Each learner certified by the default rule on the day of the test, three in four of them
        // confirmed on VNeID a day later: what "adults with digital skills" and "adults confirmed on
        // VNeID" count.
        int ruleId;
        string ruleVersion;
        await using (var command = new NpgsqlCommand("SELECT \"Id\", \"Version\" FROM \"CertificationRules\" ORDER BY \"Id\" LIMIT 1", db))
        await using (var reader = await command.ExecuteReaderAsync(ct))
        {
            await reader.ReadAsync(ct);
            ruleId = reader.GetInt32(0);
            ruleVersion = reader.GetString(1);
        }

        draws = new Random(learnerSeed);
        var confirmed = 0;
        await using (var writer = await db.BeginBinaryImportAsync(
            "COPY \"Certifications\" (\"UserId\", \"RuleId\", \"RuleVersion\", \"Status\", \"EvidenceAttemptIds\", \"Assisted\", \"UnitPath\", \"CommuneCode\", \"EvaluatedAt\", \"CertifiedOn\", \"Serial\", \"VneidConfirmedAt\", \"Revision\") FROM STDIN (FORMAT BINARY)", ct))
        {
            for (var i = 0; i < learners; i++)
            {
                var submitted = start.AddSeconds(draws.NextDouble() * (now - start).TotalSeconds);
                var village = villages[draws.Next(villages.Count)];
                var vneid = submitted.AddDays(1);
                await writer.StartRowAsync(ct);
                await writer.WriteAsync(UserId(i), NpgsqlDbType.Text, ct);
                await writer.WriteAsync(ruleId, NpgsqlDbType.Integer, ct);
                await writer.WriteAsync(ruleVersion, NpgsqlDbType.Text, ct);
                await writer.WriteAsync("Certified", NpgsqlDbType.Text, ct);
                await writer.WriteAsync("[]", NpgsqlDbType.Text, ct);
                await writer.WriteAsync(false, NpgsqlDbType.Boolean, ct);
                await writer.WriteAsync(village, NpgsqlDbType.Text, ct);
                await writer.WriteAsync(village.Split('/', StringSplitOptions.RemoveEmptyEntries)[1], NpgsqlDbType.Text, ct);
                await writer.WriteAsync(submitted, NpgsqlDbType.TimestampTz, ct);
                await writer.WriteAsync(DateOnly.FromDateTime(submitted.AddHours(7)), NpgsqlDbType.Date, ct);
                await writer.WriteAsync(string.Create(CultureInfo.InvariantCulture, $"HVS-BENCH-{i:D9}"), NpgsqlDbType.Text, ct);
                if (i % 4 != 0 && vneid < now)
                {
                    await writer.WriteAsync(vneid, NpgsqlDbType.TimestampTz, ct);
                    confirmed++;
                }
                else
                {
                    await writer.WriteNullAsync(ct);
                }

                await writer.WriteAsync(0, NpgsqlDbType.Integer, ct);
            }

            await writer.CompleteAsync(ct);
            Step(total, $"{learners:N0} certifications, {confirmed:N0} confirmed on VNeID");
        }

        await ExecuteAsync(db, "ANALYZE", ct);
        Step(total, "analysed");

        await using (var scope = app.Services.CreateAsyncScope())
        {
            scope.ServiceProvider.GetRequiredService<ScopeService>().UseSystemScope();
            var rolled = await scope.ServiceProvider.GetRequiredService<RollupJob>().RunAsync(12, ct);
            Step(total, $"roll-up of 12 months: {rolled.Inserted:N0} figures added, {rolled.Updated:N0} changed, {rolled.Deleted:N0} removed in {rolled.Elapsed.TotalSeconds:0.0} s");
            var again = await scope.ServiceProvider.GetRequiredService<RollupJob>().RunAsync(12, ct);
            Step(total, $"roll-up again (idempotent): {again.Inserted:N0} added, {again.Updated:N0} changed, {again.Deleted:N0} removed in {again.Elapsed.TotalSeconds:0.0} s");
            var rows = await scope.ServiceProvider.GetRequiredService<AppDbContext>().IndicatorAggregates.CountAsync(ct);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"Aggregate rows: {rows:N0}."));
        }
    }

    private static async Task MeasureAsync(List<(string Label, string Connection)> databases, string folder, int requests, CancellationToken ct)
    {
        var servers = new List<(string Label, ServerProcess Server, HttpClient Http)>();
        try
        {
            foreach (var (label, connection) in databases)
            {
                var environment = new Dictionary<string, string>(StringComparer.Ordinal)
                {
                    ["Database__Provider"] = "Postgres",
                    ["ConnectionStrings__Default"] = connection,
                    ["Database__AutoMigrate"] = "false",
                    ["DataProtection__KeysPath"] = Path.Combine(folder, "keys-" + label),
                    ["Logging__LogLevel__Default"] = "Warning",

                    // Measure the dashboards alone: no roll-up runs in the background during the run.
                    ["Reporting__Rollup__Enabled"] = "false",

                    // The keys the data was generated with, so the server reads the names it wrote.
                    ["PersonalData__Keys__" + BenchKeyId] = BenchKey("aes"),
                    ["PersonalData__ActiveKeyId"] = BenchKeyId,
                    ["PersonalData__HashKey"] = BenchKey("hmac"),
                };
                var server = await ServerProcess.StartAsync(ServerProcess.DefaultDll(), environment, Path.Combine(folder, label + ".log"), ct);
                var http = new HttpClient { BaseAddress = server.Address, Timeout = TimeSpan.FromSeconds(30) };
                servers.Add((label, server, http));
                var token = await http.PostAsJsonAsync("/api/v1/auth/token", new { userName = "viewer", password = Password }, ct);
                token.EnsureSuccessStatusCode();
                using var document = JsonDocument.Parse(await token.Content.ReadAsStringAsync(ct));
                http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", document.RootElement.GetProperty("accessToken").GetString());
            }

            var period = DateTime.UtcNow.AddHours(7).AddMonths(-1).ToString("yyyy-MM", CultureInfo.InvariantCulture);
            (string Name, string Url)[] targets =
            [
                ("national dashboard (VN)", $"/api/v1/reporting/dashboard?unit=VN&period={period}"),
                ("provincial dashboard (66)", $"/api/v1/reporting/dashboard?unit=66&period={period}"),
                ("commune dashboard (24445)", $"/api/v1/reporting/dashboard?unit=24445&period={period}"),
                ("national trend, 12 months", $"/api/v1/reporting/trend?unit=VN&indicator=adults_vneid_confirmed&months=12&period={period}"),
                ("national ranking of provinces", $"/api/v1/reporting/ranking?unit=VN&indicator=adults_vneid_confirmed&period={period}"),
                ("provincial ranking of communes", $"/api/v1/reporting/ranking?unit=66&indicator=adults_vneid_confirmed&period={period}"),
                ("national dashboard page (HTML)", $"/units/VN/dashboard?period={period}"),
                ("provincial summary page (HTML)", $"/units/66/summary?period={period}"),
            ];
            Console.WriteLine();
            Console.WriteLine($"Servers: {string.Join(", ", servers.Select(s => $"{s.Label} at {s.Server.Address}"))}; one client, sequential requests, "
                + $"{requests} measured per request and database after 30 of warm-up, alternating between the databases; period {period}.");
            Console.WriteLine();
            Console.WriteLine("| request | database | p50 ms | p95 ms | max ms | bytes |");
            Console.WriteLine("|---|---|---:|---:|---:|---:|");
            foreach (var (name, url) in targets)
            {
                var millis = servers.Select(_ => new List<double>(requests)).ToList();
                var bytes = new int[servers.Count];
                for (var i = 0; i < requests + 30; i++)
                {
                    for (var s = 0; s < servers.Count; s++)
                    {
                        var started = Stopwatch.GetTimestamp();
                        using var response = await servers[s].Http.GetAsync(url, ct);
                        var body = await response.Content.ReadAsByteArrayAsync(ct);
                        var elapsed = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
                        if (!response.IsSuccessStatusCode)
                        {
                            throw new InvalidOperationException($"{servers[s].Label} {url}: {(int)response.StatusCode} {System.Text.Encoding.UTF8.GetString(body)}");
                        }

                        bytes[s] = body.Length;
                        if (i >= 30)
                        {
                            millis[s].Add(elapsed);
                        }
                    }
                }

                for (var s = 0; s < servers.Count; s++)
                {
                    millis[s].Sort();
                    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                        $"| {name} | {servers[s].Label} | {Rank(millis[s], 0.50):0.0} | {Rank(millis[s], 0.95):0.0} | {millis[s][^1]:0.0} | {bytes[s]:N0} |"));
                }
            }
        }
        finally
        {
            foreach (var (_, server, http) in servers)
            {
                http.Dispose();
                await server.DisposeAsync();
            }
        }
    }

    private static double Rank(List<double> sorted, double p) => sorted[Math.Max(0, (int)Math.Ceiling(p * sorted.Count) - 1)];

    private static void Step(Stopwatch total, string what) =>
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"[{total.Elapsed.TotalSeconds,6:0} s] {what}"));

    private static async Task ExecuteAsync(NpgsqlConnection db, string sql, CancellationToken ct)
    {
        await using var command = new NpgsqlCommand(sql, db) { CommandTimeout = 0 };
        await command.ExecuteNonQueryAsync(ct);
    }

    private static async Task RecreateAsync(string server, string database, CancellationToken ct)
    {
        var admin = new NpgsqlConnectionStringBuilder(server) { Database = "postgres", Pooling = false };
        await using var connection = new NpgsqlConnection(admin.ConnectionString);
        await connection.OpenAsync(ct);
        foreach (var sql in new[] { $"DROP DATABASE IF EXISTS \"{database}\" WITH (FORCE)", $"CREATE DATABASE \"{database}\"" })
        {
            await ExecuteAsync(connection, sql, ct);
        }
    }
}
