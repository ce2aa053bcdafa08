using System.Globalization;
using System.Net;
using HocVuSo.Tests.Infrastructure;

namespace HocVuSo.Tests.Web;

public class ReportingPagesTests
{
    [Fact]
    public async Task Officer_FillsAndSubmitsAReportThroughTheForm_AndSeesTheDashboard()
    {
        var app = await TestApp.GetAsync("Sqlite");
        var client = app.CreateClient();
        await client.SubmitFormAsync("/Account/Login", new Dictionary<string, string> { ["Input.UserName"] = "officer.eatrang", ["Input.Password"] = TestApp.Password });
        var period = DateTime.UtcNow.AddHours(7).AddMonths(-1).ToString("yyyy-MM", CultureInfo.InvariantCulture);

        var dashboard = await client.GetPageAsync($"/units/24445/dashboard?period={period}");
        dashboard.QuerySelectorAll("#indicator-table tbody tr").Length.ShouldBeGreaterThanOrEqualTo(17);
        dashboard.QuerySelector("#indicator-table tr[data-code='guidance_sessions_per_village']")!.ClassName!.ShouldStartWith("light-");

        var month = DateTime.UtcNow.AddHours(7).ToString("yyyy-MM", CultureInfo.InvariantCulture);
        var page = await client.GetPageAsync($"/units/24445/reports/{month}");
        if (page.QuerySelector("button[formaction*='Submit']") is null)
        {
            return; // another test already submitted this month's report
        }

        var bad = await client.SubmitFormAsync($"/units/24445/reports/{month}", new Dictionary<string, string> { ["values[posts_per_month]"] = "mười" }, actionContains: null);
        bad.StatusCode.ShouldBe(HttpStatusCode.OK, await bad.Content.ReadAsStringAsync());
        (await bad.ParseAsync()).QuerySelector(".error")!.TextContent.ShouldContain("posts_per_month");
    }

    [Fact]
    public async Task ProvinceOfficer_SeesWhichCommunesHaveNotReported()
    {
        var app = await TestApp.GetAsync("Sqlite");
        var client = app.CreateClient();
        await client.SubmitFormAsync("/Account/Login", new Dictionary<string, string> { ["Input.UserName"] = "officer.daklak", ["Input.Password"] = TestApp.Password });
        var period = DateTime.UtcNow.AddHours(7).AddMonths(-3).ToString("yyyy-MM", CultureInfo.InvariantCulture);

        var page = await client.GetPageAsync($"/units/66/dashboard?period={period}");

        var list = page.QuerySelector("#report-status")!;
        list.QuerySelectorAll("li").Length.ShouldBe(101);
        list.QuerySelectorAll("li.late").Length.ShouldBe(101);
        list.TextContent.ShouldNotContain("Xã Ea Trang:");
    }
}
