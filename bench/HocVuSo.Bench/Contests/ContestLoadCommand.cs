using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Security.Claims;
using System.Text;
using System.Text.Json;
using HocVuSo.Bench.Load;
using HocVuSo.Core.Data;
using HocVuSo.Core.Features.Accounts;
using HocVuSo.Core.Features.Certification;
using HocVuSo.Core.Features.Contests;
using HocVuSo.Core.Features.Demo;
using HocVuSo.Web.Hosting;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.BearerToken;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace HocVuSo.Bench.Contests;

/// <summary>
/// <c>contest-load</c>: a contest round opening at a campaign peak, on PostgreSQL. Prepares a fresh
/// database (demo seed, a contest of Đắk Lắk with two open rounds, P verified participants in Ea
/// Trang, each already signed in: a bearer token made as sign-in makes it), starts <c>hocvuso serve</c>,
/// then: (1) the spike — each of P participants presses "Bắt đầu" once, the starts spread evenly over S
/// seconds, each then submitting; (2) throughput — C virtual users start and submit entries in the
/// second round for 5,000 other participants as fast as the server answers for W seconds. Prints Markdown for docs/BENCHMARKS.md
/// with the machine's load average. Only 127.0.0.1 is contacted.
/// </summary>
internal static class ContestLoadCommand
{
    private const string Usage = "usage: contest-load --pg \"Host=…;Username=…\" [--participants 10000] [--spread 10] [--concurrency 64] [--duration 30] [--server-dll path]";

    public static async Task<int> RunAsync(string[] args)
    {
        string? pg = null, dll = null;
        int participants = 10_000, spread = 10, concurrency = 64, duration = 30;
        for (var i = 0; i < args.Length - 1; i += 2)
        {
            switch (args[i])
            {
                case "--pg": pg = args[i + 1]; break;
                case "--participants": participants = int.Parse(args[i + 1], CultureInfo.InvariantCulture); break;
                case "--spread": spread = int.Parse(args[i + 1], CultureInfo.InvariantCulture); break;
                case "--concurrency": concurrency = int.Parse(args[i + 1], CultureInfo.InvariantCulture); break;
                case "--duration": duration = int.Parse(args[i + 1], CultureInfo.InvariantCulture); break;
                case "--server-dll": dll = args[i + 1]; break;
                default: await Console.Error.WriteLineAsync(Usage); return 2;
            }
        }

        if (pg is null)
        {
            await Console.Error.WriteLineAsync(Usage);
            return 2;
        }

        var folder = Path.Combine(Path.GetTempPath(), "hocvuso-contest-load-" + Guid.NewGuid().ToString("N")[..8]);
        Directory.CreateDirectory(folder);
        using var hardStop = new CancellationTokenSource(TimeSpan.FromMinutes(25));
        var ct = hardStop.Token;
        try
        {
            Console.WriteLine(Machine());
            var setup = Stopwatch.StartNew();
            var connection = await LoadDatabase.RecreatePostgresDatabaseAsync(pg, "hocvuso_contest_load", ct);
            // The throughput run has participants of its own: a spike participant whose entry was not submitted still holds an open entry.
            const int Extra = 5000;
            var (spikeRound, throughputRound, tokens) = await PrepareAsync(connection, folder, participants + Extra, ct);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"Data: PostgreSQL; {participants} + {Extra} verified participants in Ea Trang, 10 questions of 40 per entry; prepared in {setup.Elapsed.TotalSeconds:0} s."));

            var environment = new Dictionary<string, string>(StringComparer.Ordinal)
            {
                ["Database__Provider"] = "Postgres",
                ["ConnectionStrings__Default"] = connection,
                ["Database__AutoMigrate"] = "false",
                ["DataProtection__KeysPath"] = Path.Combine(folder, "keys"),
                ["Logging__LogLevel__Default"] = "Warning",
            };
            await using var server = await ServerProcess.StartAsync(dll ?? ServerProcess.DefaultDll(), environment, Path.Combine(folder, "server.log"), ct);
            Console.WriteLine($"Server: pid {server.Id} at {server.Address}.");
            using var http = LoadDriver.CreateClient(server.Address, 512);
            var meter = new CpuMeter(server, "hocvuso_contest_load");

            // Warm the server's code paths on one participant, outside the measurement.
            var warm = new WorkerLog(0, long.MaxValue);
            await EnterAsync(http, spikeRound, tokens[0], warm, ct);

            // 1. The spike: participant i presses "Bắt đầu" at i × S / P seconds, then submits.
            var logs = Enumerable.Range(0, participants).Select(_ => new WorkerLog(0, long.MaxValue)).ToArray();
            var before = meter.Take();
            var load = Load();
            var started = Stopwatch.GetTimestamp();
            await Task.WhenAll(Enumerable.Range(1, participants - 1).Select(async i =>
            {
                var at = TimeSpan.FromSeconds((double)spread * i / participants);
                var wait = at - Stopwatch.GetElapsedTime(started);
                if (wait > TimeSpan.Zero)
                {
                    await Task.Delay(wait, ct);
                }

                await EnterAsync(http, spikeRound, tokens[i], logs[i], ct);
            }));
            var spikeWindow = Stopwatch.GetElapsedTime(started);
            var after = meter.Take();
            var spike = new PhaseReport(logs, spikeWindow);
            Console.WriteLine();
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"Spike: {participants - 1} participants starting within {spread} s, each then submitting; done in {spikeWindow.TotalSeconds:0.0} s; load average before: {load}; cores used: {CpuMeter.Describe(before, after, postgres: true)}."));
            Console.WriteLine();
            Console.Write(spike.Table(Operation.Start, Operation.Submit));
            Console.WriteLine("Errors: " + Errors(spike) + ".");
            Console.WriteLine("CPU per entry (start + submit): " + CpuMeter.CostPer(before, after, spike.Count(Operation.Submit), postgres: true).Replace("grade", "enter", StringComparison.Ordinal) + ".");

            // 2. Throughput: C virtual users enter the second round, one participant after another, for W seconds.
            var next = -1;
            var windowStart = Stopwatch.GetTimestamp();
            var windowEnd = windowStart + (long)(duration * Stopwatch.Frequency);
            var workers = Enumerable.Range(0, concurrency).Select(_ => new WorkerLog(windowStart, windowEnd)).ToArray();
            load = Load();
            before = meter.Take();
            await Task.WhenAll(workers.Select(async log =>
            {
                int i;
                while (Stopwatch.GetTimestamp() < windowEnd && (i = Interlocked.Increment(ref next)) < Extra)
                {
                    await EnterAsync(http, throughputRound, tokens[participants + i], log, ct);
                }
            }));
            after = meter.Take();
            var throughput = new PhaseReport(workers, TimeSpan.FromSeconds(duration));
            Console.WriteLine();
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"Throughput: {concurrency} virtual users for {duration} s; load average before: {load}; cores used: {CpuMeter.Describe(before, after, postgres: true)}."));
            Console.WriteLine();
            Console.Write(throughput.Table(Operation.Start, Operation.Submit));
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"Entries started and submitted: {throughput.Count(Operation.Submit)} in {duration} s = {throughput.Count(Operation.Submit) / (double)duration:0.0}/s."));
            Console.WriteLine("Errors: " + Errors(throughput) + ".");
            Console.WriteLine("CPU per entry (start + submit): " + CpuMeter.CostPer(before, after, throughput.Count(Operation.Submit), postgres: true).Replace("grade", "enter", StringComparison.Ordinal) + ".");
            if (next >= Extra)
            {
                Console.WriteLine($"Warning: all {Extra} participants of the throughput run entered before the window closed; the rate is a lower bound.");
            }

            Console.WriteLine("Load average after: " + Load() + ".");
            return 0;
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    /// <summary>Start an entry, then submit it with answers chosen by the server's option order (right or wrong does not change the cost).</summary>
    private static async Task EnterAsync(HttpClient http, int roundId, string token, WorkerLog log, CancellationToken ct)
    {
        var body = await SendAsync(http, Operation.Start, $"/api/v1/contests/rounds/{roundId}/entries", token, null, null, HttpStatusCode.Created, log, ct);
        if (body is null)
        {
            return;
        }

        using var started = JsonDocument.Parse(body);
        var entry = started.RootElement.GetProperty("entryId").GetGuid();
        var answers = new StringBuilder("{\"prediction\":12000,\"answers\":[");
        var first = true;
        foreach (var q in started.RootElement.GetProperty("questions").EnumerateArray())
        {
            var options = q.GetProperty("options").EnumerateArray().Select(o => o.GetProperty("id").GetString()).ToList();
            var chosen = q.GetProperty("type").GetString() is "ordering" ? options : options.Take(1).ToList();
            answers.Append(first ? string.Empty : ",").Append("{\"questionId\":").Append(q.GetProperty("id").GetInt32().ToString(CultureInfo.InvariantCulture))
                .Append(",\"optionIds\":[").Append(string.Join(',', chosen.Select(c => "\"" + c + "\""))).Append("]}");
            first = false;
        }

        answers.Append("]}");
        var content = new StringContent(answers.ToString(), Encoding.UTF8, "application/json");
        await SendAsync(http, Operation.Submit, $"/api/v1/contests/entries/{entry}/submit", token, content, Guid.NewGuid().ToString("N"), HttpStatusCode.OK, log, ct);
    }

    private static async Task<byte[]?> SendAsync(HttpClient http, Operation operation, string path, string token, HttpContent? content, string? key,
        HttpStatusCode expected, WorkerLog log, CancellationToken ct)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = content };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        if (key is not null)
        {
            request.Headers.Add("Idempotency-Key", key);
        }

        var begun = Stopwatch.GetTimestamp();
        try
        {
            using var response = await http.SendAsync(request, HttpCompletionOption.ResponseContentRead, ct);
            var body = await response.Content.ReadAsByteArrayAsync(ct);
            if (response.StatusCode != expected)
            {
                log.Error(operation, ((int)response.StatusCode).ToString(CultureInfo.InvariantCulture));
                return null;
            }

            log.Success(operation, begun, Stopwatch.GetTimestamp());
            return body;
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException && !ct.IsCancellationRequested)
        {
            log.Error(operation, e.GetType().Name);
            return null;
        }
    }

    /// <summary>
    /// The database: migrated, demo seeded, a contest with a 40-question pool and two open rounds (the
    /// spike's and the throughput run's), and the participants — accounts with a confirmed phone and a
    /// recorded identification number, written in bulk (set-up is not measured) — with a bearer token each.
    /// </summary>
    private static async Task<(int Spike, int Throughput, string[] Tokens)> PrepareAsync(string connection, string folder, int participants, CancellationToken ct)
    {
        await using var app = PlatformHost.Build([], forCommandLine: true, configure: builder =>
        {
            builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
            {
                ["Database:Provider"] = "Postgres",
                ["ConnectionStrings:Default"] = connection,
                ["DataProtection:KeysPath"] = Path.Combine(folder, "keys"),
                ["Logging:LogLevel:Default"] = "Warning",
                ["Logging:LogLevel:Microsoft.EntityFrameworkCore"] = "None",
            });
        });
        var migrated = await DatabaseMigrator.MigrateAsync(app.Services, ct);
        if (!migrated.IsSuccess)
        {
            throw new InvalidOperationException("Migration failed: " + migrated.FirstError.Code);
        }

        int spike, throughput, village;
        string[] userIds;
        await using (var scope = app.Services.CreateAsyncScope())
        {
            var services = scope.ServiceProvider;
            services.GetRequiredService<ScopeService>().UseSystemScope();
            var seeded = await services.GetRequiredService<SeedDemo.Handler>().HandleAsync(new SeedDemo.Command("HocVuSo-Load-2026", null), ct);
            if (!seeded.IsSuccess)
            {
                throw new InvalidOperationException("Demo seed failed: " + seeded.FirstError.Code);
            }

            var contest = await services.GetRequiredService<CreateContest.Handler>().HandleAsync(new CreateContest.Command(
                SeedDemo.DakLak, "Cuộc thi đo tải", null, "everyone", 10, 30, "Bao nhiêu người sẽ tham gia?"), ct);
            var csv = new StringBuilder("id;type;text;option_1;option_2;option_3;option_4;correct;explanation\n");
            for (var q = 1; q <= 40; q++)
            {
                csv.Append(CultureInfo.InvariantCulture, $"q{q};single;Câu hỏi đo tải {q}?;Phương án A;Phương án B;Phương án C;Phương án D;{1 + q % 4};Giải thích {q}\n");
            }

            var pool = await services.GetRequiredService<ImportContestQuestions.Handler>()
                .HandleAsync(new ImportContestQuestions.Command(contest.Value!.Id, new MemoryStream(Encoding.UTF8.GetBytes(csv.ToString()))), ct);
            if (!pool.IsSuccess)
            {
                throw new InvalidOperationException("Pool import failed: " + pool.FirstError.Code);
            }

            var add = services.GetRequiredService<AddContestRound.Handler>();
            var now = DateTime.UtcNow;
            spike = (await add.HandleAsync(new AddContestRound.Command(contest.Value.Id, Iso(now.AddMinutes(-1)), Iso(now.AddHours(3))), ct)).Value!.Id;
            var second = await services.GetRequiredService<CreateContest.Handler>().HandleAsync(new CreateContest.Command(
                SeedDemo.DakLak, "Cuộc thi đo tải 2", null, "everyone", 10, 30, "Bao nhiêu người sẽ tham gia?"), ct);
            await services.GetRequiredService<ImportContestQuestions.Handler>()
                .HandleAsync(new ImportContestQuestions.Command(second.Value!.Id, new MemoryStream(Encoding.UTF8.GetBytes(csv.ToString()))), ct);
            throughput = (await add.HandleAsync(new AddContestRound.Command(second.Value.Id, Iso(now.AddMinutes(-1)), Iso(now.AddHours(3))), ct)).Value!.Id;

            var db = services.GetRequiredService<AppDbContext>();
            village = await db.Units.Where(u => u.Code == SeedDemo.EaTrang + "-001").Select(u => u.Id).FirstAsync(ct);
            var protector = services.GetRequiredService<PersonalDataProtector>();
            userIds = new string[participants];
            for (var batch = 0; batch < participants; batch += 1000)
            {
                await using var write = app.Services.CreateAsyncScope();
                var wdb = write.ServiceProvider.GetRequiredService<AppDbContext>();
                for (var i = batch; i < Math.Min(participants, batch + 1000); i++)
                {
                    var id = Guid.NewGuid().ToString();
                    userIds[i] = id;
                    var name = "bench-contest-" + i.ToString(CultureInfo.InvariantCulture);
                    wdb.Users.Add(new AppUser
                    {
                        Id = id, UserName = name, NormalizedUserName = name.ToUpperInvariant(), FullName = "Người Dự Thi " + i.ToString(CultureInfo.InvariantCulture),
                        HomeUnitId = village, PhoneNumberConfirmed = true, SecurityStamp = Guid.NewGuid().ToString("N"), CreatedAt = now,
                    });
                    var number = "066090" + i.ToString("D6", CultureInfo.InvariantCulture);
                    wdb.PersonIdentities.Add(new PersonIdentity
                    {
                        UserId = id, IdNumberCipher = [0], KeyId = "bench", IdNumberHash = protector.Hash(PersonalIdNumbers.Purpose, number), BirthYear = 1990,
                        Gender = PersonGender.Male, RecordedAt = now,
                    });
                }

                await wdb.SaveChangesAsync(ct);
            }
        }

        // A bearer token per participant, made the way sign-in makes one: the account's claims, protected by the shared key ring.
        var tokens = new string[participants];
        var bearer = app.Services.GetRequiredService<IOptionsMonitor<BearerTokenOptions>>().Get(IdentityConstants.BearerScheme);
        for (var start = 0; start < participants; start += 500)
        {
            await using var scope = app.Services.CreateAsyncScope();
            var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
            var factory = scope.ServiceProvider.GetRequiredService<IUserClaimsPrincipalFactory<AppUser>>();
            for (var i = start; i < Math.Min(participants, start + 500); i++)
            {
                var user = (await users.FindByIdAsync(userIds[i]))!;
                var principal = await factory.CreateAsync(user);
                var identity = new ClaimsIdentity(principal.Claims, IdentityConstants.BearerScheme);
                var properties = new AuthenticationProperties { ExpiresUtc = DateTimeOffset.UtcNow.AddHours(8) };
                tokens[i] = bearer.BearerTokenProtector.Protect(new AuthenticationTicket(new ClaimsPrincipal(identity), properties, $"{IdentityConstants.BearerScheme}:AccessToken"));
            }
        }

        return (spike, throughput, tokens);
    }

    private static string Iso(DateTime utc) => utc.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    private static string Errors(PhaseReport report) => report.Errors.Count == 0 ? "none"
        : string.Join(", ", report.Errors.OrderBy(e => e.Key, StringComparer.Ordinal).Select(e => $"{e.Key} × {e.Value}"));

    private static string Load() => File.Exists("/proc/loadavg") ? string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "unknown";

    private static string Machine()
    {
        var cpu = File.Exists("/proc/cpuinfo")
            ? File.ReadLines("/proc/cpuinfo").FirstOrDefault(l => l.StartsWith("model name", StringComparison.Ordinal))?.Split(':', 2)[1].Trim()
            : null;
        return string.Create(CultureInfo.InvariantCulture,
            $"Machine: {Environment.ProcessorCount} cores ({cpu}); {System.Runtime.InteropServices.RuntimeInformation.OSDescription}; started {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC; load average {Load()}.");
    }
}
