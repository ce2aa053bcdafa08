using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using HocVuSo.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace HocVuSo.Tests.Features.Reporting;

/// <summary>Every decision on a report keeps its comment: in the audit trail, in the history API and on the history page.</summary>
public class DecisionCommentTests
{
    public static TheoryData<string> Providers => TestApp.Providers;

    private static string Month(int back) => DateTime.UtcNow.AddHours(7).AddMonths(-back).ToString("yyyy-MM", CultureInfo.InvariantCulture);

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task ApprovalComment_IsAudited_AndShownInTheHistory_AndAnUnlockIsNotAReturn(string provider)
    {
        var app = await TestApp.GetAsync(provider);
        // Xuân Cảnh (Đắk Lắk): no other test writes its reports.
        const string commune = "22060";
        var period = Month(1);
        var officer = await app.CreateClientAsync("officer.daklak");
        var approver = await app.CreateTwoFactorClientAsync("approver.daklak");
        var url = $"/api/v1/reporting/reports/{commune}/{period}";
        const string comment = "Số liệu khớp với biên bản kiểm tra ngày 12.";

        (await officer.PutAsJsonAsync(url, new { values = new Dictionary<string, decimal> { ["posts_per_month"] = 9 } })).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await officer.PostAsync(url + "/submit", null)).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await approver.PostAsJsonAsync(url + "/approve", new { comment = new string('x', 1001) })).StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        var approved = await approver.PostAsJsonAsync(url + "/approve", new { comment });
        approved.StatusCode.ShouldBe(HttpStatusCode.OK, await approved.Content.ReadAsStringAsync());
        (await approver.PostAsJsonAsync(url + "/unlock", new { comment = "Xã xin sửa số tin bài." })).StatusCode.ShouldBe(HttpStatusCode.OK);

        var audit = await app.ExecuteDbAsync(db => db.AuditEntries.AsNoTracking()
            .Where(a => a.EntityType == "MonthlyReport" && a.EntityKey == commune + "/" + period).OrderBy(a => a.Id).ToListAsync());
        audit.Single(a => a.Action == "reports.approved").Reason.ShouldBe(comment);
        audit.Single(a => a.Action == "reports.unlocked").Reason.ShouldBe("Xã xin sửa số tin bài.");
        audit.ShouldNotContain(a => a.Action == "reports.returned");

        var history = await officer.GetFromJsonAsync<JsonElement>(url + "/history");
        var entries = history.GetProperty("entries").EnumerateArray().ToList();
        entries.Single(e => e.GetProperty("action").GetString() == "reports.approved").GetProperty("reason").GetString().ShouldBe(comment);
        entries.Single(e => e.GetProperty("action").GetString() == "reports.unlocked").GetProperty("reason").GetString().ShouldBe("Xã xin sửa số tin bài.");

        var browser = app.CreateClient();
        await browser.SubmitFormAsync("/Account/Login", new Dictionary<string, string> { ["Input.UserName"] = "officer.daklak", ["Input.Password"] = TestApp.Password });
        var rows = (await browser.GetPageAsync($"/units/{commune}/reports/{period}/history")).QuerySelectorAll("#history-table tbody tr").Select(r => r.TextContent).ToList();
        rows.ShouldContain(r => r.Contains("Duyệt báo cáo") && r.Contains(comment));
        rows.ShouldContain(r => r.Contains("Mở khóa báo cáo") && r.Contains("Xã xin sửa số tin bài."));
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task ProvincialSummaryIssue_KeepsItsComment_InTheProvincesHistory(string provider)
    {
        var app = await TestApp.GetAsync(provider);
        // Eleven months back: no other test issues the province's summary for that month.
        var period = Month(11);
        var approver = await app.CreateTwoFactorClientAsync("approver.daklak");
        const string comment = "Ban hành sau khi 3 xã bổ sung số liệu.";

        var issued = await approver.PostAsJsonAsync($"/api/v1/reporting/summary/66/{period}/issue", new { comment });
        issued.StatusCode.ShouldBe(HttpStatusCode.OK, await issued.Content.ReadAsStringAsync());

        (await app.ExecuteDbAsync(db => db.AuditEntries.AsNoTracking().SingleAsync(a => a.Action == "reports.province_issued" && a.EntityKey == "66/" + period)))
            .Reason.ShouldBe(comment);
        var history = await (await app.CreateClientAsync("officer.daklak")).GetFromJsonAsync<JsonElement>($"/api/v1/reporting/reports/66/{period}/history");
        var entry = history.GetProperty("entries").EnumerateArray().Single(e => e.GetProperty("action").GetString() == "reports.province_issued");
        entry.GetProperty("reason").GetString().ShouldBe(comment);
        entry.GetProperty("newValue").GetString().ShouldBe("Issued");
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task PartialReportPut_KeepsTheFiguresAndCommentsLeftOut_AndNullClearsOne(string provider)
    {
        var app = await TestApp.GetAsync(provider);
        var officer = await app.CreateClientAsync("officer.daklak");
        // Xuân Lộc (Đắk Lắk): no other test writes its reports.
        var url = $"/api/v1/reporting/reports/22057/{Month(1)}";

        (await officer.PutAsJsonAsync(url, new
        {
            values = new Dictionary<string, decimal> { ["posts_per_month"] = 12, ["visual_propaganda"] = 3, ["exemplary_citizens"] = 2 },
            comments = new Dictionary<string, string> { ["posts_per_month"] = "Có ngày hội số." },
        })).StatusCode.ShouldBe(HttpStatusCode.OK);
        var partial = await officer.PutAsJsonAsync(url, new { values = new Dictionary<string, decimal?> { ["visual_propaganda"] = 4, ["exemplary_citizens"] = null } });

        partial.StatusCode.ShouldBe(HttpStatusCode.OK, await partial.Content.ReadAsStringAsync());
        var report = await officer.GetFromJsonAsync<JsonElement>(url);
        var values = report.GetProperty("values").EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetDecimal());
        values.ShouldBe(new Dictionary<string, decimal> { ["posts_per_month"] = 12, ["visual_propaganda"] = 4 }, ignoreOrder: true);
        report.GetProperty("comments").GetProperty("posts_per_month").GetString().ShouldBe("Có ngày hội số.");
        (await officer.PutAsJsonAsync(url, new { values = new Dictionary<string, decimal?> { ["khong_co"] = null } })).StatusCode.ShouldBe(HttpStatusCode.BadRequest);
    }
}

