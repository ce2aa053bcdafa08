using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using HocVuSo.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

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
    public async Task SendingTheSubmittedFormAgain_SubmitsOnce_AndAFixedReportIsSubmittedWithItsNewFigures()
    {
        var app = await TestApp.GetAsync("Sqlite");
        var client = app.CreateClient();
        await client.SubmitFormAsync("/Account/Login", new Dictionary<string, string> { ["Input.UserName"] = "officer.eatrang", ["Input.Password"] = TestApp.Password });
        // Eleven months back: no other test writes that month's report.
        var month = DateTime.UtcNow.AddHours(7).AddMonths(-11).ToString("yyyy-MM", CultureInfo.InvariantCulture);
        var url = $"/units/24445/reports/{month}";

        async Task<Dictionary<string, string>> FormAsync(string posts)
        {
            var page = await client.GetPageAsync(url);
            var fields = page.QuerySelectorAll("form.report-form input[type='hidden']").OfType<AngleSharp.Html.Dom.IHtmlInputElement>()
                .ToDictionary(i => i.Name!, i => i.Value);
            fields["values[posts_per_month]"] = posts;
            return fields;
        }

        var form = await FormAsync("12");
        form.ShouldContainKey("submissionKey");
        var first = await client.PostAsync(url + "?handler=Submit", new FormUrlEncodedContent(form));
        var again = await client.PostAsync(url + "?handler=Submit", new FormUrlEncodedContent(form));
        first.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        again.StatusCode.ShouldBe(HttpStatusCode.Redirect, "the same form sent twice shows the first result, not an error");
        (await app.ExecuteDbAsync(db => db.AuditEntries.CountAsync(a => a.Action == "reports.submitted" && a.EntityKey == "24445/" + month))).ShouldBe(1);

        var approver = await app.CreateTwoFactorClientAsync("approver.daklak");
        (await approver.PostAsJsonAsync($"/api/v1/reporting/reports/24445/{month}/return", new { comment = "Kiểm tra lại số tin bài." })).StatusCode.ShouldBe(HttpStatusCode.OK);

        // The fixed figures are saved with the new submission (the old form's key is not reused).
        var fixedForm = await FormAsync("14");
        fixedForm["submissionKey"].ShouldNotBe(form["submissionKey"]);
        (await client.PostAsync(url + "?handler=Submit", new FormUrlEncodedContent(fixedForm))).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var report = await (await app.CreateClientAsync("officer.eatrang")).GetFromJsonAsync<System.Text.Json.JsonElement>($"/api/v1/reporting/reports/24445/{month}");
        report.GetProperty("status").GetString().ShouldBe("Submitted");
        report.GetProperty("values").GetProperty("posts_per_month").GetDecimal().ShouldBe(14m);
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
