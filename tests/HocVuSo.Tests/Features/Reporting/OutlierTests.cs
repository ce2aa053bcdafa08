using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using HocVuSo.Core.Features.Reporting;
using HocVuSo.Tests.Infrastructure;

namespace HocVuSo.Tests.Features.Reporting;

public class OutlierTests
{
    public static TheoryData<string> Providers => TestApp.Providers;

    [Fact]
    public void Rule_FlagsJumpsAgainstHistoryAndPeers_NotOrdinaryGrowth()
    {
        OutlierRule.IsOutlier(130, [100, 110, 120], []).ShouldBeFalse();
        OutlierRule.IsOutlier(1300, [100, 110, 120], []).ShouldBeTrue();
        OutlierRule.IsOutlier(55, [], [40, 50, 45, 60, 52]).ShouldBeFalse();
        OutlierRule.IsOutlier(900, [], [40, 50, 45, 60, 52]).ShouldBeTrue();
        OutlierRule.IsOutlier(900, [100], [40, 50]).ShouldBeFalse();
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task Submission_WithAnUnexplainedJump_NeedsAComment_AndAnApprovedReportCanBeUnlockedWithAReason(string provider)
    {
        var app = await TestApp.GetAsync(provider);
        var officer = await app.CreateClientAsync("officer.daklak");
        var approver = await app.CreateTwoFactorClientAsync("approver.daklak");
        var today = DateTime.UtcNow.AddHours(7);
        string Month(int back) => today.AddMonths(-back).ToString("yyyy-MM", CultureInfo.InvariantCulture);
        const string commune = "24193";

        foreach (var (back, posts) in new[] { (9, 10), (8, 11), (7, 12) })
        {
            var url = $"/api/v1/reporting/reports/{commune}/{Month(back)}";
            (await officer.PutAsJsonAsync(url, new { values = new Dictionary<string, decimal> { ["posts_per_month"] = posts } })).StatusCode.ShouldBe(HttpStatusCode.OK);
            (await officer.PostAsync(url + "/submit", null)).StatusCode.ShouldBe(HttpStatusCode.OK);
        }

        var jump = $"/api/v1/reporting/reports/{commune}/{Month(6)}";
        (await officer.PutAsJsonAsync(jump, new { values = new Dictionary<string, decimal> { ["posts_per_month"] = 400 } })).StatusCode.ShouldBe(HttpStatusCode.OK);
        var refused = await officer.PostAsync(jump + "/submit", null);
        refused.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await refused.Content.ReadAsStringAsync()).ShouldContain("khác thường");

        (await officer.PutAsJsonAsync(jump, new
        {
            values = new Dictionary<string, decimal> { ["posts_per_month"] = 400 },
            comments = new Dictionary<string, string> { ["posts_per_month"] = "Tháng có Ngày hội toàn dân học tập số, đăng nhiều tin ngắn." },
        })).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await officer.PostAsync(jump + "/submit", null)).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await approver.PostAsync(jump + "/approve", null)).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await approver.PostAsJsonAsync(jump + "/unlock", new { comment = "" })).StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        var unlocked = await approver.PostAsJsonAsync(jump + "/unlock", new { comment = "Xã đề nghị sửa số tin bài." });
        (await unlocked.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("status").GetString().ShouldBe("Returned");
        (await officer.PostAsJsonAsync(jump + "/unlock", new { comment = "Tự mở khóa" })).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
    }
}
