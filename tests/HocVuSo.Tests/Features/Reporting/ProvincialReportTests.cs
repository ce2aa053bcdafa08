using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using HocVuSo.Core.Features.Reporting;
using HocVuSo.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace HocVuSo.Tests.Features.Reporting;

/// <summary>The province's summary, due on the 25th: issued by its approver, frozen, listed for the nation.</summary>
public class ProvincialReportTests
{
    public static TheoryData<string> Providers => TestApp.Providers;

    // Seven months back: no other test issues or approves reports in that month.
    private static string Month(int back) => DateTime.UtcNow.AddHours(7).AddMonths(-back).ToString("yyyy-MM", CultureInfo.InvariantCulture);

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task ApproverIssuesTheSummaryOnce_TotalsAreFrozen_AndTheNationSeesIt(string provider)
    {
        var app = await TestApp.GetAsync(provider);
        var period = Month(7);
        var officer = await app.CreateClientAsync("officer.eatrang");
        var approver = await app.CreateTwoFactorClientAsync("approver.daklak");

        // Ea Trang's report for the month, submitted and approved.
        var saved = await officer.PutAsJsonAsync($"/api/v1/reporting/reports/24445/{period}", new { values = new Dictionary<string, decimal> { ["posts_per_month"] = 14, ["visual_propaganda"] = 3 } });
        saved.StatusCode.ShouldBe(HttpStatusCode.OK, await saved.Content.ReadAsStringAsync());
        (await officer.PostAsync($"/api/v1/reporting/reports/24445/{period}/submit", null)).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await approver.PostAsync($"/api/v1/reporting/reports/24445/{period}/approve", null)).StatusCode.ShouldBe(HttpStatusCode.OK);

        // A commune officer and a province officer may read the summary but not issue it.
        (await officer.PostAsync($"/api/v1/reporting/summary/66/{period}/issue", null)).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await (await app.CreateClientAsync("officer.daklak")).PostAsync($"/api/v1/reporting/summary/66/{period}/issue", null)).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await approver.PostAsync($"/api/v1/reporting/summary/24445/{period}/issue", null)).StatusCode.ShouldBe(HttpStatusCode.BadRequest);

        var issued = await approver.PostAsync($"/api/v1/reporting/summary/66/{period}/issue", null);
        issued.StatusCode.ShouldBe(HttpStatusCode.OK, await issued.Content.ReadAsStringAsync());
        var body = await issued.Content.ReadFromJsonAsync<JsonElement>();
        body.GetProperty("totals").GetProperty("posts_per_month").GetDecimal().ShouldBe(14m);
        body.GetProperty("approvedCommunes").GetInt32().ShouldBeGreaterThanOrEqualTo(1);
        body.GetProperty("late").GetBoolean().ShouldBeTrue("a month seven months back is long past the 25th");

        var again = await approver.PostAsync($"/api/v1/reporting/summary/66/{period}/issue", null);
        again.StatusCode.ShouldBe(HttpStatusCode.Conflict);
        (await again.Content.ReadAsStringAsync()).ShouldContain("đã ban hành");

        // Unlocking and changing Ea Trang's report afterwards leaves the issued totals as they were.
        (await approver.PostAsJsonAsync($"/api/v1/reporting/reports/24445/{period}/unlock", new { comment = "Sửa số tin bài" })).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await officer.PutAsJsonAsync($"/api/v1/reporting/reports/24445/{period}", new { values = new Dictionary<string, decimal> { ["posts_per_month"] = 20, ["visual_propaganda"] = 3 } }))
            .StatusCode.ShouldBe(HttpStatusCode.OK);
        var frozen = await app.ExecuteDbAsync(db => db.ProvincialReports.AsNoTracking().SingleAsync(r => r.UnitPath == "/66/" && r.Period == DateOnly.ParseExact(period + "-01", "yyyy-MM-dd", CultureInfo.InvariantCulture)));
        frozen.Totals["posts_per_month"].ShouldBe(14m);
        (await app.ExecuteDbAsync(db => db.AuditEntries.CountAsync(a => a.Action == "reports.province_issued" && a.EntityKey == $"66/{period}"))).ShouldBe(1);

        // The summary shows when it was issued; the nation lists every province with its state.
        var summary = await approver.GetFromJsonAsync<JsonElement>($"/api/v1/reporting/summary/66/{period}");
        summary.GetProperty("issuedAt").ValueKind.ShouldBe(JsonValueKind.String);
        var nation = await (await app.CreateClientAsync("viewer")).GetFromJsonAsync<JsonElement[]>($"/api/v1/reporting/provinces/status?period={period}");
        nation!.Length.ShouldBe(34);
        nation.Single(p => p.GetProperty("provinceCode").GetString() == "66").GetProperty("status").GetString().ShouldBe(ListProvinceReportStatus.Issued);
        var bacNinh = nation.Single(p => p.GetProperty("provinceCode").GetString() == "24");
        bacNinh.GetProperty("status").GetString().ShouldBe(ListProvinceReportStatus.NotIssued);
        bacNinh.GetProperty("late").GetBoolean().ShouldBeTrue();

        // A province's staff see their own province only.
        var own = await approver.GetFromJsonAsync<JsonElement[]>($"/api/v1/reporting/provinces/status?period={period}");
        own!.Select(p => p.GetProperty("provinceCode").GetString()).ShouldBe(["66"]);
        (await officer.GetAsync($"/api/v1/reporting/provinces/status?period=2026-13")).StatusCode.ShouldBe(HttpStatusCode.BadRequest);
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task SummaryComputedFigures_ComeFromThePreAggregatedValues(string provider)
    {
        var app = await TestApp.GetAsync(provider);
        var period = Month(1);
        var approver = await app.CreateClientAsync("officer.daklak");
        var summary = await approver.GetFromJsonAsync<JsonElement>($"/api/v1/reporting/summary/66/{period}");
        var dashboard = await approver.GetFromJsonAsync<JsonElement>($"/api/v1/reporting/dashboard?unit=66&period={period}");
        summary.GetProperty("indicators").EnumerateArray().Count(i => i.GetProperty("computed").ValueKind == JsonValueKind.Number).ShouldBeGreaterThan(3);
        foreach (var indicator in dashboard.GetProperty("indicators").EnumerateArray())
        {
            var code = indicator.GetProperty("code").GetString();
            var line = summary.GetProperty("indicators").EnumerateArray().Single(i => i.GetProperty("code").GetString() == code);
            var expected = indicator.GetProperty("computed");
            var actual = line.GetProperty("computed");
            actual.ValueKind.ShouldBe(expected.ValueKind, code);
            if (expected.ValueKind == JsonValueKind.Number)
            {
                actual.GetDecimal().ShouldBe(expected.GetDecimal(), code);
            }
        }
    }

    [Fact]
    public async Task ProvinceDashboard_ListsTheSummary_AndItsApproverIssuesItFromThePage()
    {
        var app = await TestApp.GetAsync("Sqlite");
        var period = Month(9);
        var url = $"/units/66/dashboard?period={period}";

        var officerPage = await (await app.CreateClientAsync("officer.daklak")).GetPageAsync(url);
        officerPage.QuerySelector("#province-report-status")!.TextContent.ShouldContain("chưa ban hành");
        officerPage.QuerySelector("form[action*='handler=Issue']").ShouldBeNull("only the approver issues the summary");

        var approver = await app.CreateTwoFactorClientAsync("approver.daklak");
        var posted = await approver.SubmitFormAsync(url, new Dictionary<string, string>(), actionContains: "handler=Issue");
        posted.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var after = await approver.GetPageAsync(posted.Headers.Location!.ToString());
        after.QuerySelector("[role=status]")!.TextContent.ShouldContain("Đã ban hành báo cáo tổng hợp");
        after.QuerySelector("#province-report-status")!.TextContent.ShouldContain("đã ban hành lúc");
        after.QuerySelector("form[action*='handler=Issue']").ShouldBeNull("an issued summary cannot be issued again");

        var nation = await (await app.CreateClientAsync("viewer")).GetPageAsync($"/units/VN/dashboard?period={period}");
        nation.QuerySelectorAll("#province-report-status li").Length.ShouldBe(34);
    }

    [Theory]
    [InlineData(20, 25, true)]
    [InlineData(15, 22, true)]
    [InlineData(0, 25, false)]
    [InlineData(20, 29, false)]
    [InlineData(25, 20, false)]
    public void Deadlines_AreConfigurable_WithinEveryMonth_AndTheProvinceAfterItsCommunes(int commune, int province, bool valid)
    {
        var validator = (IValidateOptions<ReportingDeadlines>)Activator.CreateInstance(
            typeof(ReportingDeadlines).Assembly.GetType("HocVuSo.Core.Features.Reporting.ReportingDeadlinesValidator")!)!;
        validator.Validate(null, new ReportingDeadlines { CommuneDay = commune, ProvinceDay = province }).Succeeded.ShouldBe(valid);
        if (valid)
        {
            new ReportingDeadlines { CommuneDay = commune, ProvinceDay = province }.CommuneDue(new DateOnly(2026, 2, 1)).ShouldBe(new DateOnly(2026, 2, commune));
        }
    }
}
