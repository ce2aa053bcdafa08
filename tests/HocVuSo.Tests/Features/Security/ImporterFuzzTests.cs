using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using AngleSharp.Html.Parser;
using HocVuSo.Core.Common.Uploads;
using HocVuSo.Tests.Features.Certification;
using HocVuSo.Tests.Features.Uploads;
using HocVuSo.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace HocVuSo.Tests.Features.Security;

/// <summary>
/// The bounded fuzz test of every importer (issue 11, "Done when"): for each upload — villages,
/// staff, police and organisation-member CSV, the question bank CSV, the report template .xlsx,
/// course-folder .zip archives and activity photos — a fixed-seed generator makes a few dozen
/// malformed files from a valid one. Every answer must be a 2xx or 4xx with a message (a problem
/// with a code and a text, or a page that says what happened), never a 5xx; a refused file must
/// leave the affected rows exactly as they were; an accepted one must have saved what its answer
/// says; and the run must stay within bounds of memory and time. It runs on an app of its own,
/// alone (its writes and its memory readings must not mix with other tests').
/// </summary>
[Collection(nameof(ImporterFuzzTests))]
public sealed class ImporterFuzzTests(ImporterFuzzTests.Apps apps, Xunit.Abstractions.ITestOutputHelper output)
{
    /// <summary>Growth of the managed heap or of the process's working set, at any moment of one importer's run, that fails the test.</summary>
    private const long MemoryBound = 300L * 1024 * 1024;

    private static readonly TimeSpan TimeBound = TimeSpan.FromSeconds(90);

    private static readonly string[] Importers = ["villages-csv", "staff-csv", "police-csv", "members-csv", "question-bank-csv", "report-template-xlsx", "course-zip", "activity-photo"];

    public static TheoryData<string, string> Cases
    {
        get
        {
            var cases = new TheoryData<string, string>();
            foreach (var provider in TestApp.Providers)
            {
                foreach (var importer in Importers)
                {
                    cases.Add(importer, provider);
                }
            }

            return cases;
        }
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task MalformedFiles_AreAnsweredWithAMessage_NeverA5xx_RefusedOnesSaveNothing_InBoundedMemoryAndTime(string importer, string provider)
    {
        var app = await apps.GetAsync(provider);
        var target = await PrepareAsync(importer, app);
        var files = target.Files(new Random(Array.IndexOf(Importers, importer) + 1_100)).ToList();
        files.Count.ShouldBeInRange(30, 80);
        var failures = new List<string>();
        var refused = 0;

        var clock = Stopwatch.StartNew();
        using (var memory = MemoryWatch.Start())
        {
            foreach (var (kind, file) in files)
            {
                var before = await target.SnapshotAsync();
                Answer answer;
                try
                {
                    answer = await target.SendAsync(file);
                }
                catch (Exception e) when (e is not OutOfMemoryException)
                {
                    failures.Add($"{kind}: the server threw {e.GetType().Name}: {e.Message}");
                    continue;
                }

                var after = await target.SnapshotAsync();
                failures.AddRange(Check(kind, answer, before, after));
                refused += answer.Refused ? 1 : 0;
            }

            clock.Stop();
            var (heap, workingSet) = memory.Stop();
            output.WriteLine($"{importer} on {provider}: {files.Count} files, {refused} refused, {clock.Elapsed.TotalSeconds:0.0} s, heap +{heap / (1024 * 1024)} MB, working set +{workingSet / (1024 * 1024)} MB at most");
            heap.ShouldBeLessThan(MemoryBound, $"{importer}: managed heap grew by {heap / (1024 * 1024)} MB");
            workingSet.ShouldBeLessThan(MemoryBound, $"{importer}: working set grew by {workingSet / (1024 * 1024)} MB");
        }

        failures.ShouldBeEmpty($"{importer} on {provider}: {failures.Count} of {files.Count} files answered wrongly");
        clock.Elapsed.ShouldBeLessThan(TimeBound);
        refused.ShouldBeGreaterThan(files.Count / 2, $"{importer}: most malformed files are refused");
    }

    private static IEnumerable<string> Check(string kind, Answer answer, Snapshot before, Snapshot after)
    {
        if (answer.Status >= 500 || answer.Status < 200 || answer.Status is >= 300 and < 400)
        {
            yield return $"{kind}: status {answer.Status}: {Cut(answer.Body)}";
        }

        if (string.IsNullOrWhiteSpace(answer.Message))
        {
            yield return $"{kind}: status {answer.Status} without a message: {Cut(answer.Body)}";
        }

        if (answer.Refused && before != after)
        {
            yield return $"{kind}: refused ({answer.Message}) but saved: {Cut(before.State)} → {Cut(after.State)}";
        }

        if (!answer.Refused && answer.Saved is { } saved && before.Count is { } was && after.Count is { } now && now - was != saved)
        {
            yield return $"{kind}: answered {saved} saved but {now - was} rows were added";
        }
    }

    private static string Cut(string text) => text.Length > 300 ? text[..300] + "…" : text;

    /// <summary>One importer: its malformed files, how to send one, and the rows it may change.</summary>
    private sealed record Target(Func<Random, IEnumerable<(string Kind, byte[] File)>> Files, Func<byte[], Task<Answer>> SendAsync, Func<Task<Snapshot>> SnapshotAsync);

    /// <summary>What the importer may change: a fingerprint, and the number of rows it adds to (when it reports how many).</summary>
    private sealed record Snapshot(string State, long? Count);

    private sealed record Answer(int Status, string Body, bool Refused, string? Message, long? Saved);

    private static async Task<Target> PrepareAsync(string importer, TestApp app)
    {
        var limits = app.Services.GetRequiredService<UploadLimits>();
        switch (importer)
        {
            case "villages-csv":
            {
                var officer = await app.CreateClientAsync("officer.eatrang");
                return Csv(limits, "commune_code,name,kind\n24445,Thôn Thử Lỗi Một,thôn\n24445,Buôn Thử Lỗi Hai,buôn\n",
                    file => ApiAsync(officer, "/api/v1/units/villages/import", file, "saved"),
                    () => Count(app, db => db.Units.CountAsync()));
            }

            case "staff-csv":
            {
                var officer = await app.CreateClientAsync("officer.eatrang");
                return Csv(limits, "user_name,full_name,email,phone,role,unit_code\nthu.loi.mot,Nguyễn Thị Một,thu.loi.mot@example.vn,0912000101,TeamMember,24445\nthu.loi.hai,Trần Văn Hai,thu.loi.hai@example.vn,0912000102,CommuneOfficer,24445\n",
                    file => ApiAsync(officer, "/api/v1/staff/import", file, "saved"),
                    () => Count(app, db => db.Users.CountAsync()));
            }

            case "police-csv":
            {
                var (learner, _) = await app.CreateLearnerAsync();
                var number = CertificationHelpers.NewNumber();
                (await learner.PutAsJsonAsync("/api/v1/identity/me", new { cccd = number, birthYear = 1985, gender = "nữ" })).EnsureSuccessStatusCode();
                var officer = await app.CreateClientAsync("officer.eatrang");
                return Csv(limits, $"cccd;vneid_level2_date;signature_date\n{number};05/01/2026;\n",
                    file => ApiAsync(officer, "/api/v1/identity/digital-status/import", file, savedProperty: null),
                    async () => new Snapshot(await app.ExecuteDbAsync(async db => JsonSerializer.Serialize(
                        await db.DigitalIdentityStatuses.AsNoTracking().OrderBy(s => s.Id).ToListAsync())), null));
            }

            case "members-csv":
            {
                var officer = await app.CreateClientAsync("officer.eatrang");
                var organisation = (await officer.GetFromJsonAsync<JsonElement[]>("/api/v1/organisations?unit=24445"))![0].GetProperty("id").GetInt32();
                return Csv(limits, "full_name,phone_or_email,role\nNguyễn Văn Thử,0912000201,công chức\nTrần Thị Lỗi,thu.loi.ba@example.vn,viên chức\n",
                    file => ApiAsync(officer, $"/api/v1/organisations/{organisation}/members/import", file, savedProperty: null),
                    async () => new Snapshot(await app.ExecuteDbAsync(async db => $"{await db.OrganisationMembers.CountAsync()} members, {await db.Users.CountAsync()} users"), null));
            }

            case "question-bank-csv":
            {
                var author = await SignInAsync(app, "author");
                var valid = await author.GetStringAsync("/author?handler=Bank&course=thu-nghiem");
                return Csv(limits, valid.TrimStart('\uFEFF').Replace("\r\n", "\n", StringComparison.Ordinal),
                    file => PageAsync(author, "/author?handler=Bank", file, "ngan-hang.csv", ("course", "thu-nghiem")),
                    () => ContentAsync(app));
            }

            case "report-template-xlsx":
            {
                var officer = await app.CreateClientAsync("officer.eatrang");
                var url = $"/api/v1/reporting/reports/24445/{OwnReportYear.Month(4, 6)}";
                (await officer.PutAsJsonAsync(url, new
                {
                    values = new Dictionary<string, decimal> { ["posts_per_month"] = 7, ["exemplary_citizens"] = 3 },
                    comments = new Dictionary<string, string> { ["posts_per_month"] = "Theo sổ theo dõi" },
                })).EnsureSuccessStatusCode();
                var valid = await officer.GetByteArrayAsync(url + "/template");
                return new Target(
                    random => MalformedFiles.Damaged(random, valid).Concat(MalformedFiles.Xlsx(random, valid, "posts_per_month")),
                    file => ApiAsync(officer, url + "/template", file, savedProperty: null, "mau.xlsx"),
                    async () => new Snapshot(await officer.GetStringAsync(url), null));
            }

            case "course-zip":
            {
                var author = await SignInAsync(app, "author");
                var valid = await author.GetByteArrayAsync("/author?handler=Folder&course=thu-nghiem");
                return new Target(
                    random => MalformedFiles.Damaged(random, valid).Concat(MalformedFiles.Zip(random, valid, limits)),
                    file => PageAsync(author, "/author?handler=Folder", file, "khoa-hoc.zip"),
                    () => ContentAsync(app));
            }

            case "activity-photo":
            {
                var activity = await UploadLimitsTests.ActivityAsync(app);
                var member = await app.CreateClientAsync("team.eatrang");
                var valid = BadFiles.Jpeg(96, 64, withGps: true);
                return new Target(
                    random => MalformedFiles.Damaged(random, valid, each: 6).Concat(MalformedFiles.Image(random, valid)),
                    async file =>
                    {
                        var answer = await ApiAsync(member, $"/api/v1/teams/activities/{activity}/photos", file, savedProperty: null, "anh.jpg");
                        return answer.Refused ? answer : answer with { Saved = 1 };
                    },
                    () => Count(app, db => db.ActivityPhotos.CountAsync()));
            }

            default:
                throw new ArgumentOutOfRangeException(nameof(importer), importer, "No such importer.");
        }
    }

    private static Target Csv(UploadLimits limits, string valid, Func<byte[], Task<Answer>> send, Func<Task<Snapshot>> snapshot) =>
        new(random => MalformedFiles.Damaged(random, Encoding.UTF8.GetBytes(valid)).Concat(MalformedFiles.Csv(random, valid, limits)), send, snapshot);

    private static async Task<Snapshot> Count(TestApp app, Func<Core.Data.AppDbContext, Task<int>> count)
    {
        var rows = await app.ExecuteDbAsync(count);
        return new Snapshot(rows.ToString(System.Globalization.CultureInfo.InvariantCulture), rows);
    }

    private static async Task<Snapshot> ContentAsync(TestApp app) => new(await app.ExecuteDbAsync(async db =>
        $"{await db.CourseVersions.CountAsync()} versions, {await db.Questions.CountAsync()} questions, {await db.Lessons.CountAsync()} lessons"), null);

    /// <summary>An API upload's answer: a 4xx must be a problem with a code and a text; a 2xx a JSON report.</summary>
    private static async Task<Answer> ApiAsync(HttpClient client, string url, byte[] file, string? savedProperty, string name = "tep.csv")
    {
        using var response = await UploadLimitsTests.PostFileAsync(client, url, file, name);
        var body = await response.Content.ReadAsStringAsync();
        var status = (int)response.StatusCode;
        JsonElement json;
        try
        {
            json = JsonSerializer.Deserialize<JsonElement>(body);
        }
        catch (JsonException)
        {
            return new Answer(status, body, status >= 400, null, null);
        }

        if (status >= 400)
        {
            var problem = response.Content.Headers.ContentType?.MediaType == "application/problem+json"
                && json.TryGetProperty("code", out var code) && !string.IsNullOrWhiteSpace(code.GetString())
                && (Text(json, "detail") ?? Text(json, "title")) is { } text
                ? $"{code.GetString()}: {text}"
                : null;
            return new Answer(status, body, true, problem, null);
        }

        var saved = savedProperty is not null && json.TryGetProperty(savedProperty, out var count) ? count.GetInt64() : (long?)null;
        return new Answer(status, body, false, json.ValueKind == JsonValueKind.Object ? body : null, saved);
    }

    private static string? Text(JsonElement json, string property) =>
        json.TryGetProperty(property, out var value) && value.ValueKind == JsonValueKind.String && !string.IsNullOrWhiteSpace(value.GetString()) ? value.GetString() : null;

    /// <summary>A page upload's answer: the page again, with its errors in the validation summary or its import report.</summary>
    private static async Task<Answer> PageAsync(HttpClient client, string url, byte[] file, string name, params (string Name, string Value)[] fields)
    {
        var form = await client.GetPageAsync("/author");
        var token = form.QuerySelector("input[name='__RequestVerificationToken']")!.GetAttribute("value")!;
        using var content = new MultipartFormDataContent { { new StringContent(token), "__RequestVerificationToken" }, { new ByteArrayContent(file), "file", name } };
        foreach (var (field, value) in fields)
        {
            content.Add(new StringContent(value), field);
        }

        using var response = await client.PostAsync(url, content);
        var body = await response.Content.ReadAsStringAsync();
        var page = await new HtmlParser().ParseDocumentAsync(body);
        var errors = string.Join(" ", page.QuerySelectorAll(".validation-summary-errors li").Select(e => e.TextContent.Trim()).Where(e => e.Length > 0));
        var report = page.QuerySelector("#author-report")?.TextContent.Trim();
        var status = (int)response.StatusCode;
        return errors.Length > 0 || status >= 400
            ? new Answer(status, body, true, errors.Length > 0 ? errors : page.QuerySelector("main")?.TextContent.Trim(), null)
            : new Answer(status, body, false, report, null);
    }

    private static async Task<HttpClient> SignInAsync(TestApp app, string userName)
    {
        var client = app.CreateClient();
        (await client.SubmitFormAsync("/Account/Login", new Dictionary<string, string> { ["Input.UserName"] = userName, ["Input.Password"] = TestApp.Password }))
            .StatusCode.ShouldBe(HttpStatusCode.Redirect);
        return client;
    }

    /// <summary>The largest growth of the managed heap and of the working set over a baseline, sampled every few milliseconds.</summary>
    private sealed class MemoryWatch : IDisposable
    {
        private readonly long _heap;
        private readonly long _workingSet;
        private readonly Timer _timer;
        private long _heapPeak;
        private long _workingSetPeak;

        private MemoryWatch()
        {
            _heap = GC.GetTotalMemory(forceFullCollection: true);
            _workingSet = Environment.WorkingSet;
            _timer = new Timer(_ => Sample(), null, TimeSpan.Zero, TimeSpan.FromMilliseconds(10));
        }

        public static MemoryWatch Start() => new();

        public (long Heap, long WorkingSet) Stop()
        {
            _timer.Dispose();
            Sample();
            return (Interlocked.Read(ref _heapPeak) - _heap, Interlocked.Read(ref _workingSetPeak) - _workingSet);
        }

        public void Dispose() => _timer.Dispose();

        private void Sample()
        {
            Max(ref _heapPeak, GC.GetTotalMemory(forceFullCollection: false));
            Max(ref _workingSetPeak, Environment.WorkingSet);
        }

        private static void Max(ref long peak, long value)
        {
            var seen = Interlocked.Read(ref peak);
            while (value > seen && Interlocked.CompareExchange(ref peak, value, seen) != seen)
            {
                seen = Interlocked.Read(ref peak);
            }
        }
    }

    /// <summary>The fuzz test's own apps (one per provider), started when first asked for.</summary>
    public sealed class Apps : IAsyncLifetime
    {
        private readonly Dictionary<string, Lazy<Task<TestApp>>> _apps = new()
        {
            ["Sqlite"] = new(() => TestApp.StartOwnAsync("Sqlite")),
            ["Postgres"] = new(() => TestApp.StartOwnAsync("Postgres")),
        };

        public Task<TestApp> GetAsync(string provider) => _apps[provider].Value;

        public Task InitializeAsync() => Task.CompletedTask;

        public async Task DisposeAsync()
        {
            foreach (var app in _apps.Values.Where(a => a.IsValueCreated))
            {
                await (await app.Value).DisposeAsync();
            }
        }
    }
}

/// <summary>Runs the fuzz test alone, after the tests that run in parallel: its memory readings are its own.</summary>
[CollectionDefinition(nameof(ImporterFuzzTests), DisableParallelization = true)]
public sealed class ImporterFuzzCollection : ICollectionFixture<ImporterFuzzTests.Apps>;
