using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using HocVuSo.Core.Features.Accounts;
using HocVuSo.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace HocVuSo.Tests.Features.Reporting;

/// <summary>Indicators, targets and the monthly report workflow through the API.</summary>
public class ReportingTests
{
    public static TheoryData<string> Providers => TestApp.Providers;

    private static string ThisMonth => DateTime.UtcNow.AddHours(7).ToString("yyyy-MM", CultureInfo.InvariantCulture);

    private static string LastMonth => DateTime.UtcNow.AddHours(7).AddMonths(-1).ToString("yyyy-MM", CultureInfo.InvariantCulture);

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task Indicators_IncludeTheFiveNationalOnes(string provider)
    {
        var app = await TestApp.GetAsync(provider);

        var indicators = (await app.CreateClient().GetFromJsonAsync<JsonElement[]>("/api/v1/reporting/indicators"))!;

        indicators.Count(i => i.GetProperty("national").GetBoolean()).ShouldBe(5);
        indicators.Select(i => i.GetProperty("code").GetString()).ShouldContain("adults_vneid_confirmed");
        indicators.ShouldAllBe(i => i.GetProperty("name").GetString()!.Length > 0);
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task Dashboard_ShowsTargetsReportedAndComputedFigures_InScope(string provider)
    {
        var app = await TestApp.GetAsync(provider);
        var officer = await app.CreateClientAsync("officer.eatrang");

        var dashboard = await officer.GetFromJsonAsync<JsonElement>($"/api/v1/reporting/dashboard?unit=24445&period={LastMonth}");
        var province = await (await app.CreateClientAsync("officer.daklak")).GetFromJsonAsync<JsonElement>($"/api/v1/reporting/dashboard?unit=66&period={LastMonth}");
        var nation = await (await app.CreateClientAsync("viewer")).GetFromJsonAsync<JsonElement>("/api/v1/reporting/dashboard?unit=VN");

        dashboard.GetProperty("period").GetString().ShouldBe(LastMonth);
        var byCode = dashboard.GetProperty("indicators").EnumerateArray().ToDictionary(i => i.GetProperty("code").GetString()!);
        byCode["adults_vneid_confirmed"].GetProperty("target").GetDecimal().ShouldBe(80m);
        byCode["adults_vneid_confirmed"].GetProperty("targetSetAt").GetString().ShouldBe("24445");
        byCode["adults_vneid_confirmed"].GetProperty("reported").GetDecimal().ShouldBeGreaterThan(0);
        byCode["adults_vneid_confirmed"].GetProperty("denominator").GetDecimal().ShouldBeGreaterThan(5000);
        byCode["guidance_sessions_per_village"].GetProperty("computed").GetDecimal().ShouldBeGreaterThan(0);
        byCode["guidance_sessions_per_village"].GetProperty("target").GetDecimal().ShouldBe(10m);
        byCode["adults_digital_skills"].GetProperty("difference").ValueKind.ShouldBe(JsonValueKind.Number);
        province.GetProperty("indicators").EnumerateArray().Single(i => i.GetProperty("code").GetString() == "adults_vneid_confirmed")
            .GetProperty("targetSetAt").GetString().ShouldBe("66");
        nation.GetProperty("unit").GetProperty("code").GetString().ShouldBe("VN");
        (await (await app.CreateClientAsync("officer.bacninh")).GetAsync("/api/v1/reporting/dashboard?unit=24445")).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task Report_IsFilledSubmittedReturnedFixedAndApproved_ThenLocked(string provider)
    {
        var app = await TestApp.GetAsync(provider);
        var officer = await app.CreateClientAsync("officer.eatrang");
        var approver = await app.CreateTwoFactorClientAsync("approver.daklak");
        var url = $"/api/v1/reporting/reports/24445/{ThisMonth}";

        var tooHigh = await officer.PutAsJsonAsync(url, new { values = new Dictionary<string, decimal> { ["adults_vneid_confirmed"] = 99999999 } });
        var decreasing = await officer.PutAsJsonAsync(url, new { values = new Dictionary<string, decimal> { ["adults_vneid_confirmed"] = 10 } });
        var negative = await officer.PutAsJsonAsync(url, new { values = new Dictionary<string, decimal> { ["posts_per_month"] = -1 } });
        tooHigh.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await tooHigh.Content.ReadAsStringAsync()).ShouldContain("lớn hơn mẫu số");
        decreasing.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await decreasing.Content.ReadAsStringAsync()).ShouldContain("nhỏ hơn tháng trước");
        negative.StatusCode.ShouldBe(HttpStatusCode.BadRequest);

        var draft = await officer.PutAsJsonAsync(url, new { values = new Dictionary<string, decimal> { ["adults_vneid_confirmed"] = 8200, ["posts_per_month"] = 12 } });
        draft.StatusCode.ShouldBe(HttpStatusCode.OK);
        var submissionKey = Guid.NewGuid().ToString("N");
        HttpRequestMessage Submit(string? key)
        {
            var request = new HttpRequestMessage(HttpMethod.Post, url + "/submit");
            if (key is not null)
            {
                request.Headers.Add("Idempotency-Key", key);
            }

            return request;
        }

        var auditsBefore = await app.ExecuteDbAsync(db => db.AuditEntries.CountAsync(a => a.Action == "reports.submitted" && a.EntityKey == "24445/" + ThisMonth));
        var first = await officer.SendAsync(Submit(submissionKey));
        first.StatusCode.ShouldBe(HttpStatusCode.OK);
        var retried = await officer.SendAsync(Submit(submissionKey));
        retried.StatusCode.ShouldBe(HttpStatusCode.OK, "a retry with the same key gets the first result");
        (await retried.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("submittedAt").GetDateTime()
            .ShouldBe((await first.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("submittedAt").GetDateTime(), TimeSpan.FromMilliseconds(1));
        (await officer.SendAsync(Submit(null))).StatusCode.ShouldBe(HttpStatusCode.Conflict);
        (await officer.SendAsync(Submit("another-" + submissionKey))).StatusCode.ShouldBe(HttpStatusCode.Conflict);
        (await officer.SendAsync(Submit(new string('k', 101)))).StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await app.ExecuteDbAsync(db => db.AuditEntries.CountAsync(a => a.Action == "reports.submitted" && a.EntityKey == "24445/" + ThisMonth))).ShouldBe(auditsBefore + 1);
        var communeApprover = "duyet." + Guid.NewGuid().ToString("N")[..8];
        await using (var scope = app.Services.CreateAsyncScope())
        {
            scope.ServiceProvider.GetRequiredService<ScopeService>().UseSystemScope();
            (await scope.ServiceProvider.GetRequiredService<CreateStaff.Handler>().HandleAsync(
                new CreateStaff.Command(communeApprover, "Lãnh đạo xã thử", null, null, "CommuneApprover", "24445", TestApp.Password), CancellationToken.None)).IsSuccess.ShouldBeTrue();
        }

        (await (await app.CreateTwoFactorClientAsync(communeApprover)).PostAsync(url + "/approve", null)).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await approver.PostAsJsonAsync(url + "/return", new { comment = "" })).StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        var returned = await approver.PostAsJsonAsync(url + "/return", new { comment = "Số tin bài chưa khớp với trang thông tin điện tử xã." });
        (await returned.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("status").GetString().ShouldBe("Returned");

        (await officer.PutAsJsonAsync(url, new { values = new Dictionary<string, decimal> { ["adults_vneid_confirmed"] = 8200, ["posts_per_month"] = 11 } })).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await officer.PostAsync(url + "/submit", null)).StatusCode.ShouldBe(HttpStatusCode.OK);
        var approved = await approver.PostAsync(url + "/approve", null);
        approved.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await approved.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("status").GetString().ShouldBe("Approved");

        var locked = await officer.PutAsJsonAsync(url, new { values = new Dictionary<string, decimal> { ["posts_per_month"] = 50 } });
        locked.StatusCode.ShouldBe(HttpStatusCode.Conflict);
        var future = await officer.PutAsJsonAsync($"/api/v1/reporting/reports/24445/{DateTime.UtcNow.AddMonths(3):yyyy-MM}", new { values = new Dictionary<string, decimal>() });
        future.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await officer.PutAsJsonAsync($"/api/v1/reporting/reports/24193/{ThisMonth}", new { values = new Dictionary<string, decimal>() })).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        var xlsx = await officer.GetByteArrayAsync(url + "/xlsx");
        using (var workbook = DocumentFormat.OpenXml.Packaging.SpreadsheetDocument.Open(new MemoryStream(xlsx), false))
        {
            var text = workbook.WorkbookPart!.WorksheetParts.Single().Worksheet.InnerText;
            text.ShouldContain("Xã Ea Trang");
            text.ShouldContain("8200");
        }

        var dashboard = await officer.GetFromJsonAsync<JsonElement>($"/api/v1/reporting/dashboard?unit=24445&period={ThisMonth}");
        dashboard.GetProperty("indicators").EnumerateArray().Single(i => i.GetProperty("code").GetString() == "posts_per_month").GetProperty("reported").GetDecimal().ShouldBe(11m);
    }
}
