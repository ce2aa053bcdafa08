using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using HocVuSo.Core.Common;
using HocVuSo.Core.Common.Uploads;
using HocVuSo.Core.Data;
using HocVuSo.Core.Features.Accounts;
using HocVuSo.Core.Features.Learning;
using HocVuSo.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace HocVuSo.Tests.Features.Uploads;

/// <summary>
/// Every importer refuses, with a clear 4xx and nothing saved, what would make the server work
/// without bound (bombs, too many rows, endless lines), and answers 403 to a caller without the
/// right before it reads the file: a malformed file from a learner is 403, not 400.
/// </summary>
public class UploadLimitsTests
{
    public static TheoryData<string> Providers => TestApp.Providers;

    private static readonly byte[] Garbage = [0x50, 0x4B, 0x03, 0x04, 0xFF, 0x00, 0xC3, 0x28, 0x0A, 0x22, 0x3B, 0x2C, 0x00, 0x01];

    public static TheoryData<string> UploadEndpoints => new()
    {
        "/api/v1/units/villages/import",
        "/api/v1/staff/import",
        "/api/v1/identity/digital-status/import",
        "/api/v1/reporting/reports/24445/{period}/template",
        "/api/v1/teams/activities/{activity}/photos",
    };

    [Theory]
    [MemberData(nameof(UploadEndpoints))]
    public async Task ALearnersMalformedUpload_IsForbidden_BeforeTheFileIsRead(string endpoint)
    {
        var app = await TestApp.GetAsync("Sqlite");
        var (learner, _) = await app.CreateLearnerAsync();
        var url = endpoint.Replace("{period}", Month(1), StringComparison.Ordinal).Replace("{activity}", (await ActivityAsync(app)).ToString(), StringComparison.Ordinal);

        var response = await PostFileAsync(learner, url, Garbage);

        response.StatusCode.ShouldBe(HttpStatusCode.Forbidden, await response.Content.ReadAsStringAsync());
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task VillagesCsv_WithTooManyRows_TooLongALine_OrTooManyBytes_IsRefusedWhole(string provider)
    {
        var app = await TestApp.GetAsync(provider);
        var officer = await app.CreateClientAsync("officer.eatrang");
        var limits = app.Services.GetRequiredService<UploadLimits>();
        var before = await app.ExecuteDbAsync(db => db.Units.CountAsync());

        var rows = await PostFileAsync(officer, "/api/v1/units/villages/import", BadFiles.Csv("commune_code,name,kind", "24445,Thôn Thử,thôn", limits.MaxCsvRows + 1));
        var line = await PostFileAsync(officer, "/api/v1/units/villages/import", BadFiles.Csv("commune_code,name,kind", "24445,Thôn " + new string('a', limits.MaxCsvLineLength) + ",thôn", 1));
        var columns = await PostFileAsync(officer, "/api/v1/units/villages/import", BadFiles.Csv("commune_code,name,kind", string.Concat(Enumerable.Repeat("a,", limits.MaxCsvColumns + 1)), 1));
        var bytes = await PostFileAsync(officer, "/api/v1/units/villages/import", BadFiles.Csv("commune_code,name,kind", "24445,Thôn Thử,thôn", (int)(limits.MaxCsvBytes / 20) + 10));

        await ShouldBeProblemAsync(rows, HttpStatusCode.RequestEntityTooLarge, "upload.too_many_rows", "quá nhiều dòng");
        await ShouldBeProblemAsync(line, HttpStatusCode.BadRequest, "upload.line_too_long", "Dòng 2");
        await ShouldBeProblemAsync(columns, HttpStatusCode.BadRequest, "upload.too_many_columns", "Dòng 2");
        await ShouldBeProblemAsync(bytes, HttpStatusCode.RequestEntityTooLarge, "upload.too_large", "Tệp quá lớn");
        (await app.ExecuteDbAsync(db => db.Units.CountAsync())).ShouldBe(before);
    }

    [Fact]
    public async Task StaffAndPoliceCsv_WithTooManyRows_AreRefused_AndNothingIsCreated()
    {
        var app = await TestApp.GetAsync("Sqlite");
        var officer = await app.CreateClientAsync("officer.eatrang");
        var limits = app.Services.GetRequiredService<UploadLimits>();
        var users = await app.ExecuteDbAsync(db => db.Users.CountAsync());
        var statuses = await app.ExecuteDbAsync(db => db.DigitalIdentityStatuses.CountAsync());

        var staff = await PostFileAsync(officer, "/api/v1/staff/import",
            BadFiles.Csv("user_name,full_name,email,phone,role,unit_code", "x,Tên,x@x.vn,0912345678,CommuneOfficer,24445", limits.MaxCsvRows + 1));
        var police = await PostFileAsync(officer, "/api/v1/identity/digital-status/import", BadFiles.Csv("cccd;vneid_level2_date", "066200001234;01/01/2026", limits.MaxCsvRows + 1));
        var longLine = await PostFileAsync(officer, "/api/v1/identity/digital-status/import", BadFiles.Csv("cccd;vneid_level2_date", new string('9', limits.MaxCsvLineLength + 1), 1));

        await ShouldBeProblemAsync(staff, HttpStatusCode.RequestEntityTooLarge, "upload.too_many_rows", "quá nhiều dòng");
        await ShouldBeProblemAsync(police, HttpStatusCode.RequestEntityTooLarge, "upload.too_many_rows", "quá nhiều dòng");
        await ShouldBeProblemAsync(longLine, HttpStatusCode.BadRequest, "upload.line_too_long", "Dòng 2");
        (await app.ExecuteDbAsync(db => db.Users.CountAsync())).ShouldBe(users);
        (await app.ExecuteDbAsync(db => db.DigitalIdentityStatuses.CountAsync())).ShouldBe(statuses);
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task TemplateXlsx_ThatIsABomb_OrHasTooManyRows_IsRefusedQuickly_WithoutTouchingTheDraft(string provider)
    {
        var app = await TestApp.GetAsync(provider);
        var officer = await app.CreateClientAsync("officer.eatrang");
        var limits = app.Services.GetRequiredService<UploadLimits>();
        var url = $"/api/v1/reporting/reports/24445/{OwnReportYear.Month(4, 6)}";
        var template = await officer.GetByteArrayAsync(url + "/template");
        var before = (await officer.GetFromJsonAsync<JsonElement>(url)).GetRawText();
        // 400 MB of sheet XML in a file of well under 2 MB: the 1 GiB sheet of the report, scaled down.
        var bomb = BadFiles.XlsxWithSheet(template, rows: 50_000, padding: 8_000);
        bomb.Length.ShouldBeLessThan((int)limits.MaxXlsxBytes);
        var manyRows = BadFiles.XlsxWithSheet(template, rows: limits.MaxXlsxRows + 1);
        GC.Collect();
        var memory = GC.GetTotalMemory(forceFullCollection: true);
        var clock = Stopwatch.StartNew();

        var refusedBomb = await PostFileAsync(officer, url + "/template", bomb);
        var refusedRows = await PostFileAsync(officer, url + "/template", manyRows);

        clock.Elapsed.ShouldBeLessThan(TimeSpan.FromSeconds(10));
        (GC.GetTotalMemory(forceFullCollection: true) - memory).ShouldBeLessThan(64L * 1024 * 1024);
        await ShouldBeProblemAsync(refusedBomb, HttpStatusCode.RequestEntityTooLarge, "upload.too_large", "kể cả khi giải nén");
        await ShouldBeProblemAsync(refusedRows, HttpStatusCode.RequestEntityTooLarge, "upload.too_many_rows", "quá nhiều dòng");
        (await officer.GetFromJsonAsync<JsonElement>(url)).GetRawText().ShouldBe(before);
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task ContentZip_Bombs_Ratios_AndEntryFloods_AreRefusedBeforeUnpacking(string provider)
    {
        var app = await TestApp.GetAsync(provider);
        var limits = app.Services.GetRequiredService<UploadLimits>();
        var versions = await app.ExecuteDbAsync(db => db.CourseVersions.CountAsync());

        var bomb = await ImportZipAsync(app, "author", BadFiles.ZipBomb(limits.MaxZipUncompressedBytes + 1));
        var ratio = await ImportZipAsync(app, "author", BadFiles.ZipBomb(8L * 1024 * 1024));
        var entries = await ImportZipAsync(app, "author", BadFiles.ZipOfManyEntries(limits.MaxArchiveEntries + 1));
        var learner = await ImportZipAsync(app, null, Garbage);

        bomb.FirstError.Code.ShouldBe("upload.too_large");
        bomb.FirstError.Kind.ShouldBe(ErrorKind.TooLarge);
        ratio.FirstError.Code.ShouldBe("upload.compression_ratio");
        entries.FirstError.Code.ShouldBe("upload.too_many_entries");
        learner.FirstError.Kind.ShouldBe(ErrorKind.Forbidden);
        (await app.ExecuteDbAsync(db => db.CourseVersions.CountAsync())).ShouldBe(versions);
    }

    [Fact]
    public async Task ContentFolder_WithMoreFilesThanAnArchiveMayHold_IsRefusedBeforeAnyFileIsRead()
    {
        var app = await TestApp.GetAsync("Sqlite");
        var limits = app.Services.GetRequiredService<UploadLimits>();
        var folder = Directory.CreateTempSubdirectory("hocvuso-flood-");
        try
        {
            await File.WriteAllTextAsync(Path.Combine(folder.FullName, "course.json"), "{ not json");
            for (var i = 0; i < limits.MaxArchiveEntries; i++)
            {
                await File.WriteAllBytesAsync(Path.Combine(folder.FullName, $"f{i}.md"), []);
            }

            await using var scope = app.Services.CreateAsyncScope();
            scope.ServiceProvider.GetRequiredService<ScopeService>().UseSystemScope();
            var result = await scope.ServiceProvider.GetRequiredService<ImportContent.Handler>().HandleAsync(new ImportContent.Command(folder.FullName), CancellationToken.None);

            result.FirstError.Code.ShouldBe("upload.too_many_entries");
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }

    [Fact]
    public void UploadLimits_AreCheckedAtStart()
    {
        var validator = new UploadLimitsValidator();

        validator.Validate(null, new UploadLimits()).Succeeded.ShouldBeTrue();
        var bad = validator.Validate(null, new UploadLimits { MaxCsvRows = 0, MaxXlsxUncompressedBytes = 1, ProcessingTimeout = TimeSpan.Zero });
        bad.Failed.ShouldBeTrue();
        bad.FailureMessage.ShouldContain("Uploads:MaxCsvRows");
        bad.FailureMessage.ShouldContain("MaxXlsxUncompressedBytes");
        bad.FailureMessage.ShouldContain("ProcessingTimeout");
    }

    [Fact]
    public void CsvReader_StopsAtItsDeadline()
    {
        using var cancelled = new CancellationTokenSource();
        var limits = new UploadLimits { ProcessingTimeout = TimeSpan.FromMilliseconds(1) };
        using var endless = new SlowStream();

        var read = CsvTable.Read(endless, ["a"], null, limits, cancelled.Token);

        read.FirstError.Code.ShouldBe("upload.too_slow");
    }

    /// <summary>The content archive importer run as <paramref name="userName"/> (a new learner when null), through its handler.</summary>
    internal static async Task<Result<IReadOnlyList<ImportContent.CourseReport>>> ImportZipAsync(TestApp app, string? userName, byte[] zip)
    {
        if (userName is null)
        {
            var (_, phone) = await app.CreateLearnerAsync();
            userName = app.StoredUserName(phone);
        }

        var userId = await app.ExecuteDbAsync(db => db.Users.Where(u => u.UserName == userName).Select(u => u.Id).SingleAsync());
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var scopes = new ScopeService(db, new TestUser(userId, userName));
        var limits = scope.ServiceProvider.GetRequiredService<UploadLimits>();
        var import = new ImportContent.Handler(db, scopes, limits, TimeProvider.System);
        return await new ImportContentArchive.Handler(scopes, import, limits).HandleAsync(new ImportContentArchive.Command(new MemoryStream(zip)), CancellationToken.None);
    }

    internal sealed record TestUser(string? UserId, string? UserName) : ICurrentUser
    {
        public bool IsSystem => false;
    }

    internal static async Task<HttpResponseMessage> PostFileAsync(HttpClient client, string url, byte[] file, string name = "tep")
    {
        using var content = new MultipartFormDataContent { { new ByteArrayContent(file), "file", name } };
        return await client.PostAsync(url, content);
    }

    internal static async Task ShouldBeProblemAsync(HttpResponseMessage response, HttpStatusCode status, string code, string detail)
    {
        var body = await response.Content.ReadAsStringAsync();
        response.StatusCode.ShouldBe(status, body);
        response.Content.Headers.ContentType!.MediaType.ShouldBe("application/problem+json");
        var problem = JsonSerializer.Deserialize<JsonElement>(body);
        problem.GetProperty("code").GetString().ShouldBe(code);
        body.ShouldContain(detail);
    }

    /// <summary>An activity of the Ea Trang team, for photo uploads.</summary>
    internal static async Task<Guid> ActivityAsync(TestApp app)
    {
        var member = await app.CreateClientAsync("team.eatrang");
        var today = DateOnly.FromDateTime(DateTime.UtcNow.AddHours(7)).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        var sync = await member.PostAsJsonAsync("/api/v1/teams/activities/sync", new
        {
            items = new[] { new { clientId = "up-" + Guid.NewGuid().ToString("N")[..10], type = "guidance-session", villageCode = "24445-001", date = today, topics = new[] { "other" }, participants = 5 } },
        });
        return Guid.Parse((await sync.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("results")[0].GetProperty("id").GetString()!);
    }

    internal static string Month(int monthsAgo)
    {
        var today = DateTime.UtcNow.AddHours(7);
        return new DateTime(today.Year, today.Month, 1).AddMonths(-monthsAgo).ToString("yyyy-MM", System.Globalization.CultureInfo.InvariantCulture);
    }

    /// <summary>A stream that gives one header byte and then a byte every few milliseconds, for ever.</summary>
    private sealed class SlowStream : Stream
    {
        private bool _first = true;

        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => false;

        public override long Length => throw new NotSupportedException();

        public override long Position { get => 0; set => throw new NotSupportedException(); }

        public override int Read(byte[] buffer, int offset, int count)
        {
            if (!_first)
            {
                Thread.Sleep(5);
            }

            _first = false;
            buffer[offset] = (byte)'a';
            return 1;
        }

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
