using System.Net;
using HocVuSo.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace HocVuSo.Tests.Features.Plans;

/// <summary>The commune's plan page (tasks by state and lead body, the update form) and the province's view of the communes' late tasks.</summary>
public class PlanPageTests
{
    public static TheoryData<string> Providers => TestApp.Providers;

    private static async Task<HttpClient> SignedInAsync(TestApp app, string user)
    {
        var client = app.CreateClient();
        (await client.SubmitFormAsync("/Account/Login", new Dictionary<string, string> { ["Input.UserName"] = user, ["Input.Password"] = TestApp.Password }))
            .StatusCode.ShouldBe(HttpStatusCode.Redirect);
        return client;
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task CommuneOfficer_SeesTasksByStateAndLead_AndRecordsAnUpdateThroughTheForm(string provider)
    {
        var app = await TestApp.GetAsync(provider);
        var client = await SignedInAsync(app, "officer.eatrang");

        var page = await client.GetPageAsync("/units/24445/plans?year=2026");
        var task13 = page.QuerySelector("li.plan-task[data-number='1.3']")!;
        var taskId = task13.Id!["task-".Length..];
        var text = "Cập nhật qua trang " + Guid.NewGuid().ToString("N")[..6];
        var posted = await client.SubmitFormAsync("/units/24445/plans?year=2026",
            new Dictionary<string, string> { ["planId"] = task13.QuerySelector("input[name='planId']")!.GetAttribute("value")!, ["taskId"] = taskId,
                ["text"] = text, ["date"] = "20/04/2026", ["evidenceUrl"] = "https://example.org/bien-ban" }, actionContains: "handler=Update");
        var bad = await client.SubmitFormAsync("/units/24445/plans?year=2026",
            new Dictionary<string, string> { ["planId"] = task13.QuerySelector("input[name='planId']")!.GetAttribute("value")!, ["taskId"] = taskId,
                ["text"] = text + " x", ["date"] = "20/04/2026", ["evidenceUrl"] = "ftp://example.org/x" }, actionContains: "handler=Update");

        page.QuerySelectorAll("li.plan-task").Length.ShouldBe(14);
        page.QuerySelectorAll("h3[id^='state-']").Length.ShouldBeGreaterThan(1);
        page.QuerySelector("#by-lead")!.TextContent.ShouldContain("Phòng Văn hóa – Xã hội");
        page.QuerySelector("li.plan-task[data-number='3'] li[data-indicator='classes_held']")!.TextContent.ShouldContain("Tổ chức ít nhất 5 lớp học.");
        posted.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var after = await client.GetPageAsync(posted.Headers.Location!.ToString());
        after.QuerySelector("#update-saved")!.TextContent.ShouldContain("1.3");
        after.QuerySelector($"#task-{taskId} .plan-updates")!.TextContent.ShouldContain(text);
        bad.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await bad.ParseAsync()).QuerySelector(".error")!.TextContent.ShouldContain("chỉ nhận đường dẫn bắt đầu bằng http:// hoặc https://");
        (await app.ExecuteDbAsync(db => db.TaskUpdates.CountAsync(u => u.Text == text + " x"))).ShouldBe(0);
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task ProvinceOfficer_SeesEachCommunesLateTasks_OtherProvinceIsForbidden(string provider)
    {
        var app = await TestApp.GetAsync(provider);
        var province = await SignedInAsync(app, "officer.daklak");
        var other = await SignedInAsync(app, "officer.bacninh");

        var page = await province.GetPageAsync("/units/66/plans?year=2026");
        var forbidden = await other.GetAsync("/units/24445/plans?year=2026");

        var eaTrang = page.QuerySelector("#late-tasks [data-unit='24445']")!;
        eaTrang.TextContent.ShouldContain("Ea Trang");
        if (DateTime.UtcNow.AddHours(7) > new DateTime(2026, 11, 30))
        {
            eaTrang.TextContent.ShouldContain("Xác nhận phổ cập chuyển đổi số trên nền tảng VNeID cho người dân");
        }

        forbidden.StatusCode.ShouldBeOneOf(HttpStatusCode.Forbidden, HttpStatusCode.Redirect);
    }
}
