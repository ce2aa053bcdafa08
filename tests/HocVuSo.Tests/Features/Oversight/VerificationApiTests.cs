using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using HocVuSo.Core.Features.Accounts;
using HocVuSo.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace HocVuSo.Tests.Features.Oversight;

/// <summary>Call-back samples through the API: who draws them, reproducibility, outcomes, masking and the audit of every view.</summary>
public class VerificationApiTests(VerificationApps apps) : IClassFixture<VerificationApps>
{
    public static TheoryData<string> Providers => TestApp.Providers;

    private static readonly DateOnly June = new(2026, 6, 10);

    private static object Draw(string unit, string kind = "certified-learners", int? size = 6, int? seed = 777, string period = "2026-06") =>
        new { unit, period, kind, size, seed };

    private static async Task<JsonElement> JsonAsync(HttpResponseMessage response) => await response.Content.ReadFromJsonAsync<JsonElement>();

    private static List<string> Subjects(JsonElement sample) => [.. sample.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("subject").GetString()!)];

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task ProvinceOfficer_DrawsAReproducibleStratifiedSample_TheSeedIsReturned(string provider)
    {
        var app = await apps.GetAsync(provider);
        var commune = await app.CreateCommuneAsync();
        await app.AddCertifiedAsync(commune, 1, 10, June);
        await app.AddCertifiedAsync(commune, 2, 20, June);
        await app.AddCertifiedAsync(commune, 3, 30, June.AddDays(-60));
        await app.AddCertifiedAsync(commune, 3, 5, new DateOnly(2026, 7, 2)); // after the period: not in the population
        var inspector = await app.CreateClientAsync(await app.CreateStaffAsync(StaffRole.ProvinceOfficer, VerificationTestData.Province));

        var first = await inspector.PostAsJsonAsync("/api/v1/verification/samples", Draw(commune));
        first.StatusCode.ShouldBe(HttpStatusCode.Created);
        var sample = await JsonAsync(first);
        sample.GetProperty("seed").GetInt32().ShouldBe(777);
        sample.GetProperty("population").GetInt32().ShouldBe(60);
        var items = sample.GetProperty("items").EnumerateArray().ToList();
        items.Count.ShouldBe(6);
        items.GroupBy(i => i.GetProperty("village").GetString()).ToDictionary(g => g.Key!, g => g.Count())
            .ShouldBe(new Dictionary<string, int> { [$"{commune}-001"] = 1, [$"{commune}-002"] = 2, [$"{commune}-003"] = 3 });
        items.ShouldAllBe(i => i.GetProperty("name").GetString()!.StartsWith("Người Học Số", StringComparison.Ordinal));
        sample.GetProperty("masked").GetBoolean().ShouldBeFalse();

        var again = await JsonAsync(await inspector.PostAsJsonAsync("/api/v1/verification/samples", Draw(commune)));
        again.GetProperty("id").GetInt32().ShouldNotBe(sample.GetProperty("id").GetInt32());
        Subjects(again).ShouldBe(Subjects(sample));

        var other = await JsonAsync(await inspector.PostAsJsonAsync("/api/v1/verification/samples", Draw(commune, seed: 778)));
        Subjects(other).ShouldNotBe(Subjects(sample));

        var unseeded = await inspector.PostAsJsonAsync("/api/v1/verification/samples", Draw(commune, seed: null));
        unseeded.StatusCode.ShouldBe(HttpStatusCode.Created);
        var unseededSample = await JsonAsync(unseeded);
        var chosen = unseededSample.GetProperty("seed").GetInt32();
        chosen.ShouldBeGreaterThan(0);
        var replay = await JsonAsync(await inspector.PostAsJsonAsync("/api/v1/verification/samples", Draw(commune, seed: chosen)));
        Subjects(replay).ShouldBe(Subjects(unseededSample));
        (await app.ExecuteDbAsync(db => db.AuditEntries.CountAsync(a => a.Action == "verification.sample_drawn" && a.UnitPath == $"/66/{commune}/"))).ShouldBe(5);
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task TheCommuneNeverDrawsItsOwnSample_AnotherProvinceDoesNotSeeIt(string provider)
    {
        var app = await apps.GetAsync(provider);
        var commune = await app.CreateCommuneAsync();
        await app.AddCertifiedAsync(commune, 1, 4, June);
        var own = await app.CreateClientAsync(await app.CreateStaffAsync(StaffRole.CommuneOfficer, commune));
        (await own.PostAsJsonAsync("/api/v1/verification/samples", Draw(commune, size: 2))).StatusCode.ShouldBe(HttpStatusCode.Forbidden);

        var stranger = await app.CreateClientAsync("officer.bacninh");
        (await stranger.PostAsJsonAsync("/api/v1/verification/samples", Draw(commune, size: 2))).StatusCode.ShouldBe(HttpStatusCode.NotFound);

        var inspector = await app.CreateClientAsync("officer.daklak");
        var sample = await JsonAsync(await inspector.PostAsJsonAsync("/api/v1/verification/samples", Draw(commune, size: 2)));
        var id = sample.GetProperty("id").GetInt32();
        var itemId = sample.GetProperty("items")[0].GetProperty("id").GetInt32();
        (await own.GetAsync($"/api/v1/verification/samples/{id}")).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await stranger.GetAsync($"/api/v1/verification/samples/{id}")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await own.PutAsJsonAsync($"/api/v1/verification/samples/{id}/items/{itemId}", new { outcome = "confirmed" })).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await stranger.PutAsJsonAsync($"/api/v1/verification/samples/{id}/items/{itemId}", new { outcome = "confirmed" })).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await app.ExecuteDbAsync(db => db.VerificationItems.CountAsync(i => i.Id == itemId && i.Outcome != null))).ShouldBe(0);
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task BadDraws_AreRefusedInVietnamese_AndNothingIsSaved(string provider)
    {
        var app = await apps.GetAsync(provider);
        var commune = await app.CreateCommuneAsync();
        await app.AddCertifiedAsync(commune, 1, 4, June);
        var inspector = await app.CreateClientAsync("officer.daklak");

        async Task<string> RefusedAsync(object body)
        {
            var response = await inspector.PostAsJsonAsync("/api/v1/verification/samples", body);
            response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
            return await response.Content.ReadAsStringAsync();
        }

        (await RefusedAsync(Draw(commune, size: 0))).ShouldContain("Cỡ mẫu phải là số nguyên từ 1 đến");
        var tooLarge = await RefusedAsync(Draw(commune, size: 5));
        tooLarge.ShouldContain("verification.size_too_large");
        tooLarge.ShouldContain("Cỡ mẫu 5 lớn hơn số bản ghi có thể chọn (4)");
        (await RefusedAsync(Draw(commune, kind: "households"))).ShouldContain("Loại mẫu «households» không có");
        (await RefusedAsync(Draw(commune, period: "2026-13"))).ShouldContain("verification.period_invalid");
        (await RefusedAsync(Draw(commune, period: "06/2026"))).ShouldContain("Kỳ «06/2026» không hợp lệ");
        (await RefusedAsync(Draw(VerificationTestData.Province))).ShouldContain("verification.unit_not_commune");
        (await app.ExecuteDbAsync(db => db.VerificationSamples.CountAsync(s => s.CommuneCode == commune))).ShouldBe(0);
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task Outcomes_AreRecordedOnce_AndGiveTheWilsonEstimate(string provider)
    {
        var app = await apps.GetAsync(provider);
        var commune = await app.CreateCommuneAsync(villages: 1);
        await app.AddCertifiedAsync(commune, 1, 12, June);
        var inspector = await app.CreateClientAsync("officer.daklak");
        var sample = await JsonAsync(await inspector.PostAsJsonAsync("/api/v1/verification/samples", Draw(commune, size: 12)));
        var id = sample.GetProperty("id").GetInt32();
        var items = sample.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("id").GetInt32()).ToList();
        string[] outcomes = ["confirmed", "confirmed", "confirmed", "confirmed", "confirmed", "confirmed", "confirmed", "confirmed", "confirmed-other", "denied", "unreachable"];
        for (var i = 0; i < outcomes.Length; i++)
        {
            var put = await inspector.PutAsJsonAsync($"/api/v1/verification/samples/{id}/items/{items[i]}", new { outcome = outcomes[i], note = "Gọi điện ngày 15/6" });
            put.StatusCode.ShouldBe(HttpStatusCode.OK);
        }

        var twice = await inspector.PutAsJsonAsync($"/api/v1/verification/samples/{id}/items/{items[0]}", new { outcome = "denied" });
        twice.StatusCode.ShouldBe(HttpStatusCode.Conflict);
        (await twice.Content.ReadAsStringAsync()).ShouldContain("đã có kết quả xác minh");
        var unknown = await inspector.PutAsJsonAsync($"/api/v1/verification/samples/{id}/items/{items[11]}", new { outcome = "maybe" });
        unknown.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await unknown.Content.ReadAsStringAsync()).ShouldContain("Kết quả xác minh «maybe» không có");

        var otherSample = await JsonAsync(await inspector.PostAsJsonAsync("/api/v1/verification/samples", Draw(commune, size: 1)));
        var foreignItem = otherSample.GetProperty("items")[0].GetProperty("id").GetInt32();
        var notInSample = await inspector.PutAsJsonAsync($"/api/v1/verification/samples/{id}/items/{foreignItem}", new { outcome = "confirmed" });
        notInSample.StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await notInSample.Content.ReadAsStringAsync()).ShouldContain($"không thuộc mẫu xác minh số {id}");

        var read = await inspector.GetFromJsonAsync<JsonElement>($"/api/v1/verification/samples/{id}");
        var estimate = read.GetProperty("estimate");
        estimate.GetProperty("confirmed").GetInt32().ShouldBe(8);
        estimate.GetProperty("counted").GetInt32().ShouldBe(10);
        estimate.GetProperty("unreachable").GetInt32().ShouldBe(1);
        estimate.GetProperty("pending").GetInt32().ShouldBe(1);
        estimate.GetProperty("genuine").GetDouble().ShouldBe(0.8, 1e-9);
        estimate.GetProperty("low").GetDouble().ShouldBe(0.4902, 0.0001);
        estimate.GetProperty("high").GetDouble().ShouldBe(0.9433, 0.0001);
        read.GetProperty("items")[0].GetProperty("outcome").GetString().ShouldBe("confirmed");
        read.GetProperty("items")[0].GetProperty("note").GetString().ShouldBe("Gọi điện ngày 15/6");
        (await app.ExecuteDbAsync(db => db.AuditEntries.CountAsync(a => a.Action == "verification.outcome_recorded" && a.UnitPath == $"/66/{commune}/"))).ShouldBe(11);
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task PersonalData_IsShownOnlyToTheInspector_AndEveryViewIsAudited(string provider)
    {
        var app = await apps.GetAsync(provider);
        var commune = await app.CreateCommuneAsync(villages: 1);
        await app.AddCertifiedAsync(commune, 1, 3, June);
        var inspector = await app.CreateClientAsync("officer.daklak");
        var id = (await JsonAsync(await inspector.PostAsJsonAsync("/api/v1/verification/samples", Draw(commune, size: 3)))).GetProperty("id").GetInt32();

        var own = await inspector.GetFromJsonAsync<JsonElement>($"/api/v1/verification/samples/{id}");
        own.GetProperty("masked").GetBoolean().ShouldBeFalse();
        var phone = own.GetProperty("items")[0].GetProperty("phone").GetString()!;
        phone.ShouldMatch("^09[0-9]{8}$");

        var viewer = await app.CreateClientAsync("viewer");
        var seen = await viewer.GetFromJsonAsync<JsonElement>($"/api/v1/verification/samples/{id}");
        seen.GetProperty("masked").GetBoolean().ShouldBeTrue();
        var item = seen.GetProperty("items")[0];
        item.GetProperty("phone").GetString().ShouldBe(phone[..2] + "••••••" + phone[^2..]);
        var name = own.GetProperty("items")[0].GetProperty("name").GetString()!;
        item.GetProperty("name").GetString().ShouldBe(HocVuSo.Core.Common.Mask.Name(name));
        item.GetProperty("name").GetString()!.ShouldNotContain("Người");
        (await viewer.GetAsync($"/api/v1/verification/samples/{id}")).EnsureSuccessStatusCode();

        var key = id.ToString(System.Globalization.CultureInfo.InvariantCulture);
        var views = await app.ExecuteDbAsync(db => db.AuditEntries.Where(a => a.Action == "verification.sample_viewed" && a.EntityKey == key).Select(a => a.NewValue).ToListAsync());
        views.Count.ShouldBe(3);
        views.Count(v => v!.Contains("\"masked\":true", StringComparison.Ordinal)).ShouldBe(2);
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task GuidanceSessionsAndClasses_AreSampledFromTheMonth(string provider)
    {
        var app = await apps.GetAsync(provider);
        var commune = await app.CreateCommuneAsync(villages: 2);
        await app.AddSessionsAsync(commune, 1, 4, new DateOnly(2026, 6, 1));
        await app.AddSessionsAsync(commune, 2, 4, new DateOnly(2026, 6, 20));
        await app.AddSessionsAsync(commune, 2, 3, new DateOnly(2026, 5, 1));
        await app.AddClassesAsync(commune, 1, 3, new DateOnly(2026, 6, 5));
        await app.AddClassesAsync(commune, 2, 2, new DateOnly(2026, 7, 5));
        var inspector = await app.CreateClientAsync("officer.daklak");

        var sessions = await inspector.PostAsJsonAsync("/api/v1/verification/samples", Draw(commune, kind: "guidance-sessions", size: 8));
        sessions.StatusCode.ShouldBe(HttpStatusCode.Created);
        var drawn = await JsonAsync(sessions);
        drawn.GetProperty("population").GetInt32().ShouldBe(8);
        drawn.GetProperty("items").EnumerateArray().ShouldAllBe(i => i.GetProperty("participants").GetInt32() == 12 && i.GetProperty("date").GetString()!.StartsWith("2026-06", StringComparison.Ordinal));

        var classes = await JsonAsync(await inspector.PostAsJsonAsync("/api/v1/verification/samples", Draw(commune, kind: "classes", size: 2)));
        classes.GetProperty("population").GetInt32().ShouldBe(3);
        classes.GetProperty("items").EnumerateArray().ShouldAllBe(i => i.GetProperty("title").GetString()!.StartsWith("Lớp cài đặt VNeID", StringComparison.Ordinal));
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task Dashboard_ShowsTheVerifiedShare_BesideReportedAndComputed(string provider)
    {
        var app = await apps.GetAsync(provider);
        var commune = await app.CreateCommuneAsync(villages: 1);
        await app.AddCertifiedAsync(commune, 1, 10, June);
        var inspector = await app.CreateClientAsync("officer.daklak");
        var before = await inspector.GetFromJsonAsync<JsonElement>($"/api/v1/reporting/dashboard?unit={commune}&period=2026-06");
        Unverified(Indicator(before, "adults_digital_skills")).ShouldBeTrue();

        var sample = await JsonAsync(await inspector.PostAsJsonAsync("/api/v1/verification/samples", Draw(commune, size: 10)));
        var id = sample.GetProperty("id").GetInt32();
        var items = sample.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("id").GetInt32()).ToList();
        for (var i = 0; i < items.Count; i++)
        {
            (await inspector.PutAsJsonAsync($"/api/v1/verification/samples/{id}/items/{items[i]}", new { outcome = i == 0 ? "denied" : "confirmed" })).EnsureSuccessStatusCode();
        }

        var dashboard = await inspector.GetFromJsonAsync<JsonElement>($"/api/v1/reporting/dashboard?unit={commune}&period=2026-06");
        foreach (var code in new[] { "adults_digital_skills", "adults_vneid_confirmed" })
        {
            var row = Indicator(dashboard, code);
            row.TryGetProperty("computed", out _).ShouldBeTrue();
            row.TryGetProperty("reported", out _).ShouldBeTrue();
            var verified = row.GetProperty("verified");
            verified.GetProperty("genuine").GetDouble().ShouldBe(0.9, 1e-9);
            verified.GetProperty("low").GetDouble().ShouldBe(0.5958, 0.0001);
            verified.GetProperty("high").GetDouble().ShouldBe(0.9821, 0.0001);
            verified.GetProperty("sampleId").GetInt32().ShouldBe(id);
        }

        Unverified(Indicator(dashboard, "classes_held")).ShouldBeTrue();
        var may = await inspector.GetFromJsonAsync<JsonElement>($"/api/v1/reporting/dashboard?unit={commune}&period=2026-05");
        Unverified(Indicator(may, "adults_digital_skills")).ShouldBeTrue();
    }

    private static bool Unverified(JsonElement row) => !row.TryGetProperty("verified", out var verified) || verified.ValueKind == JsonValueKind.Null;

    private static JsonElement Indicator(JsonElement dashboard, string code) =>
        dashboard.GetProperty("indicators").EnumerateArray().Single(i => i.GetProperty("code").GetString() == code);
}
