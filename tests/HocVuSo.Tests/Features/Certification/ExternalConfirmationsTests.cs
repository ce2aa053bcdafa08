using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using HocVuSo.Core.Common;
using HocVuSo.Core.Features.Accounts;
using HocVuSo.Core.Features.Certification;
using HocVuSo.Core.Features.Reporting;
using HocVuSo.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using static HocVuSo.Tests.Features.Certification.CertificationHelpers;

namespace HocVuSo.Tests.Features.Certification;

/// <summary>Confirmations made on the national platform: the police list's skills_confirmed_date, the national-platform list, each person counted once with the split shown.</summary>
public class ExternalConfirmationsTests
{
    public static TheoryData<string> Providers => TestApp.Providers;

    private static string Today(TestApp app, int daysAgo = 0) =>
        app.Services.GetRequiredService<TimeProvider>().TodayInVietnam().AddDays(-daysAgo).ToString("dd/MM/yyyy", CultureInfo.InvariantCulture);

    private static List<string> Numbers(int count)
    {
        var numbers = new HashSet<string>();
        while (numbers.Count < count)
        {
            numbers.Add(NewNumber());
        }

        return [.. numbers];
    }

    private static async Task<JsonElement> VneidFigureAsync(TestApp app, HttpClient officer)
    {
        await using (var scope = app.Services.CreateAsyncScope())
        {
            scope.ServiceProvider.GetRequiredService<ScopeService>().UseSystemScope();
            var today = app.Services.GetRequiredService<TimeProvider>().TodayInVietnam();
            await scope.ServiceProvider.GetRequiredService<RollupJob>().RunAsync([new DateOnly(today.Year, today.Month, 1)], computed: true, CancellationToken.None);
        }

        var dashboard = await officer.GetFromJsonAsync<JsonElement>("/api/v1/reporting/dashboard?unit=24445");
        return dashboard.GetProperty("indicators").EnumerateArray().Single(i => i.GetProperty("code").GetString() == IndicatorComputations.AdultsVneidConfirmed);
    }

    private static async Task<HttpResponseMessage> UploadAsync(HttpClient client, string route, string csv)
    {
        using var content = new MultipartFormDataContent();
        content.Add(new ByteArrayContent(Encoding.UTF8.GetBytes(csv)), "file", "danh-sach.csv");
        return await client.PostAsync(route, content);
    }

    private static List<(int Row, string? Field, string? Message)> Rows(string json) =>
        JsonSerializer.Deserialize<JsonElement>(json).GetProperty("rows").EnumerateArray()
            .Select(r => (r.GetProperty("row").GetInt32(), r.GetProperty("field").GetString(), r.GetProperty("message").GetString())).ToList();

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task PoliceFile_ThirtyConfirmedOutside_FiveCertifiedHere_RaisesTheFigureByTwentyFive_AndSplitsIt(string provider)
    {
        var app = await TestApp.GetAsync(provider);
        var officer = await app.CreateClientAsync("officer.eatrang");
        var numbers = Numbers(30);
        var now = DateTime.UtcNow;
        var rule = await app.ExecuteDbAsync(db => db.CertificationRules.Select(r => new { r.Id, r.Version }).FirstAsync());
        for (var i = 0; i < 5; i++)
        {
            var (learner, userName) = await app.CreateLearnerAsync();
            (await learner.PutAsJsonAsync("/api/v1/identity/me", new { cccd = numbers[i], birthYear = 1985, gender = "nữ" })).EnsureSuccessStatusCode();
            var userId = await UserIdAsync(app, userName);
            await app.ExecuteDbAsync(async db =>
            {
                db.Certifications.Add(new PersonCertification
                {
                    UserId = userId, RuleId = rule.Id, RuleVersion = rule.Version, Status = CertificationStatus.Certified, UnitPath = "/66/24445/24445-002/", CommuneCode = "24445",
                    EvaluatedAt = now.AddDays(-3), CertifiedOn = DateOnly.FromDateTime(now.AddDays(-3)), VneidConfirmedAt = now.AddDays(-3),
                });
                return await db.SaveChangesAsync();
            });
        }

        var before = await VneidFigureAsync(app, officer);
        var sourcesBefore = before.GetProperty("sources");
        var csv = new StringBuilder("cccd;vneid_level2_date;signature_date;skills_confirmed_date\n");
        foreach (var number in numbers)
        {
            csv.Append(CultureInfo.InvariantCulture, $"{number};;;{Today(app, 1)}\n");
        }

        var imported = await UploadAsync(officer, "/api/v1/identity/digital-status/import?unit=24445", csv.ToString());
        imported.StatusCode.ShouldBe(HttpStatusCode.OK, await imported.Content.ReadAsStringAsync());
        var result = await imported.Content.ReadFromJsonAsync<JsonElement>();
        result.GetProperty("confirmationsAdded").GetInt32().ShouldBe(30);
        result.GetProperty("peopleNotRegistered").GetInt32().ShouldBe(25);
        (await app.ExecuteDbAsync(db => db.ExternalConfirmations.CountAsync(c => c.UnitPath == "/66/24445/"))).ShouldBeGreaterThanOrEqualTo(25);

        var after = await VneidFigureAsync(app, officer);
        (after.GetProperty("computed").GetDecimal() - before.GetProperty("computed").GetDecimal()).ShouldBe(25);
        var sources = after.GetProperty("sources");
        (sources.GetProperty("platform").GetDecimal() - sourcesBefore.GetProperty("platform").GetDecimal()).ShouldBe(-5);
        (sources.GetProperty("external").GetDecimal() - sourcesBefore.GetProperty("external").GetDecimal()).ShouldBe(25);
        (sources.GetProperty("both").GetDecimal() - sourcesBefore.GetProperty("both").GetDecimal()).ShouldBe(5);
        (sources.GetProperty("platform").GetDecimal() + sources.GetProperty("external").GetDecimal() + sources.GetProperty("both").GetDecimal())
            .ShouldBe(after.GetProperty("computed").GetDecimal());

        // The province sums the same people: its figure rose by the same 25.
        var provinceDashboard = await (await app.CreateClientAsync("officer.daklak")).GetFromJsonAsync<JsonElement>("/api/v1/reporting/dashboard?unit=66");
        var province = provinceDashboard.GetProperty("indicators").EnumerateArray().Single(i => i.GetProperty("code").GetString() == IndicatorComputations.AdultsVneidConfirmed);
        var ps = province.GetProperty("sources");
        (ps.GetProperty("platform").GetDecimal() + ps.GetProperty("external").GetDecimal() + ps.GetProperty("both").GetDecimal()).ShouldBe(province.GetProperty("computed").GetDecimal());

        // The same file again adds nothing: each person is already recorded.
        var again = await (await UploadAsync(officer, "/api/v1/identity/digital-status/import?unit=24445", csv.ToString())).Content.ReadFromJsonAsync<JsonElement>();
        again.GetProperty("confirmationsAdded").GetInt32().ShouldBe(0);
        (await VneidFigureAsync(app, officer)).GetProperty("computed").GetDecimal().ShouldBe(after.GetProperty("computed").GetDecimal());
        (await app.ExecuteDbAsync(db => db.AuditEntries.Where(a => a.Action == CertificationAuditActions.StatusImported).Select(a => a.NewValue).ToListAsync()))
            .ShouldAllBe(v => numbers.All(n => !v!.Contains(n, StringComparison.Ordinal)));
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task BadRows_AreNamed_NothingIsSaved_RepeatsCountOnce_AndOtherCommunesAreRefused(string provider)
    {
        var app = await TestApp.GetAsync(provider);
        var officer = await app.CreateClientAsync("officer.eatrang");
        var (learner, _) = await app.CreateLearnerAsync();
        var numbers = Numbers(6);
        (await learner.PutAsJsonAsync("/api/v1/identity/me", new { cccd = numbers[5], birthYear = 1985, gender = "nữ" })).EnsureSuccessStatusCode();
        var count = await app.ExecuteDbAsync(db => db.ExternalConfirmations.CountAsync());
        var tomorrow = app.Services.GetRequiredService<TimeProvider>().TodayInVietnam().AddDays(1).ToString("dd/MM/yyyy", CultureInfo.InvariantCulture);

        var bad = await UploadAsync(officer, "/api/v1/identity/digital-status/import?unit=24445",
            $"cccd;skills_confirmed_date\n{numbers[0]};{Today(app, 1)}\n{numbers[1]};31/12/2024\n{numbers[2]};{tomorrow}\n12345;{Today(app, 1)}\n{numbers[0]};{Today(app, 1)}\n{numbers[0]};{Today(app, 2)}\n");
        bad.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        var text = await bad.Content.ReadAsStringAsync();
        Rows(text).Select(r => (r.Row, r.Field)).ShouldBe([(3, "skills_confirmed_date"), (4, "skills_confirmed_date"), (5, "cccd"), (7, "cccd")]);
        Rows(text)[3].Message!.ShouldContain("đã có ở dòng 2");
        numbers.ShouldAllBe(n => !text.Contains(n, StringComparison.Ordinal));
        (await app.ExecuteDbAsync(db => db.ExternalConfirmations.CountAsync())).ShouldBe(count);

        // A row repeated word for word is counted once and reported.
        var repeated = await UploadAsync(officer, "/api/v1/identity/national-confirmations/import?unit=24445",
            $"cccd;confirmed_date;course\n{numbers[3]};{Today(app, 1)};Kỹ năng số cơ bản\n{numbers[3]};{Today(app, 1)};Kỹ năng số cơ bản\n{numbers[4]};{Today(app, 2)};\n");
        repeated.StatusCode.ShouldBe(HttpStatusCode.OK, await repeated.Content.ReadAsStringAsync());
        var body = await repeated.Content.ReadFromJsonAsync<JsonElement>();
        body.GetProperty("confirmationsAdded").GetInt32().ShouldBe(2);
        body.GetProperty("duplicates")[0].GetProperty("row").GetInt32().ShouldBe(3);
        body.GetProperty("duplicates")[0].GetProperty("firstRow").GetInt32().ShouldBe(2);

        // The national list needs its commune; a learner of Ea Trang in a file for another commune is refused on its row.
        var noUnit = await UploadAsync(officer, "/api/v1/identity/national-confirmations/import", $"cccd;confirmed_date\n{numbers[5]};{Today(app, 1)}\n");
        noUnit.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        var other = await app.ExecuteDbAsync(db => db.Units.Where(u => u.ParentCode == "66" && u.Level == 2 && u.Code != "24445").Select(u => u.Code).FirstAsync());
        var province = await app.CreateClientAsync("officer.daklak");
        var wrongCommune = await UploadAsync(province, $"/api/v1/identity/national-confirmations/import?unit={other}", $"cccd;confirmed_date\n{numbers[5]};{Today(app, 1)}\n");
        wrongCommune.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        Rows(await wrongCommune.Content.ReadAsStringAsync()).Single().Field.ShouldBe("cccd");
        // A person recorded for Ea Trang only by hash is refused in a file for another commune too.
        var elsewhere = await UploadAsync(province, $"/api/v1/identity/national-confirmations/import?unit={other}", $"cccd;confirmed_date\n{numbers[4]};{Today(app, 3)}\n");
        elsewhere.StatusCode.ShouldBe(HttpStatusCode.BadRequest);

        // Another province's officer cannot import for Ea Trang.
        var outside = await UploadAsync(await app.CreateClientAsync("officer.bacninh"), "/api/v1/identity/digital-status/import?unit=24445", $"cccd;skills_confirmed_date\n{numbers[1]};{Today(app, 1)}\n");
        outside.StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        // A number nobody here registered, with only a level-2 date, is still refused (older files behave as before).
        var unknown = await UploadAsync(officer, "/api/v1/identity/digital-status/import?unit=24445", $"cccd;vneid_level2_date\n{numbers[1]};{Today(app, 1)}\n");
        unknown.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
    }
}
