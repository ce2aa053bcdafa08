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

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task DraftPlan_SectionsAndTasksAreEditedThroughForms_ErrorsShownNextToTheField(string provider)
    {
        var app = await TestApp.GetAsync(provider);
        var api = await app.CreateClientAsync("officer.eatrang");
        var created = await System.Net.Http.Json.HttpClientJsonExtensions.PostAsJsonAsync(api, "/api/v1/plans?unit=24445&year=2038",
            new { number = "/KH-UBND", title = "Kế hoạch soạn qua trang", issuingBody = "Ủy ban nhân dân xã Ea Trang" });
        created.StatusCode.ShouldBe(HttpStatusCode.Created);
        var client = await SignedInAsync(app, "officer.eatrang");
        const string url = "/units/24445/plans?year=2038";

        (await client.GetPageAsync(url)).QuerySelector("#plan-editor").ShouldNotBeNull();
        (await client.SubmitFormAsync(url, new Dictionary<string, string> { ["number"] = "1", ["title"] = "Tuyên truyền" }, "handler=AddSection"))
            .StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var page = await client.GetPageAsync(url);
        var sectionId = page.QuerySelector("select[name='task.SectionId'] option")!.GetAttribute("value")!;
        var lead = page.QuerySelectorAll("#task-new-lead option").Single(o => o.TextContent == "Phòng Văn hóa – Xã hội").GetAttribute("value")!;
        var police = page.QuerySelectorAll("#task-new-coordinating option").Single(o => o.TextContent == "Công an xã").GetAttribute("value")!;
        Dictionary<string, string> Task(string number, string due) => new()
        {
            ["task.SectionId"] = sectionId, ["task.Number"] = number, ["task.Title"] = "Tuyên truyền trên loa " + number, ["task.Lead"] = lead,
            ["task.Coordinating"] = police, ["task.Schedule"] = "by_date", ["task.Due"] = due, ["task.ScheduleText"] = "Trước ngày " + due,
        };

        (await client.SubmitFormAsync(url, Task("1.1", "30/04/2038"), "handler=AddTask")).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var outside = await (await client.SubmitFormAsync(url, Task("1.2", "15/01/2039"), "handler=AddTask")).ParseAsync();
        var duplicate = await (await client.SubmitFormAsync(url, Task("1.1", "30/05/2038"), "handler=AddTask")).ParseAsync();
        var badDay = await (await client.SubmitFormAsync(url, Task("1.3", "31/02/2038"), "handler=AddTask")).ParseAsync();

        outside.QuerySelector("#task-new-due-error")!.TextContent.ShouldContain("nằm ngoài năm 2038");
        outside.QuerySelector("#task-new-number")!.GetAttribute("value").ShouldBe("1.2");
        duplicate.QuerySelector("#task-new-number-error")!.TextContent.ShouldContain("«1.1» đã có trong kế hoạch");
        badDay.QuerySelector("#task-new-due-error")!.TextContent.ShouldContain("31/02/2038");
        page = await client.GetPageAsync(url);
        var task = page.QuerySelector("li.plan-task[data-number='1.1']")!;
        task.TextContent.ShouldContain("Phòng Văn hóa – Xã hội");
        task.TextContent.ShouldContain("Công an xã");
        (await app.ExecuteDbAsync(db => db.PlanTasks.CountAsync(t => t.Title.StartsWith("Tuyên truyền trên loa 1.") && t.DueOn!.Value.Year == 2038))).ShouldBe(1);

        var edit = Task("1.5", "31/05/2038");
        edit["task.Title"] = "Tuyên truyền đã sửa qua trang";
        (await client.SubmitFormAsync(url, edit, "handler=EditTask")).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        page = await client.GetPageAsync(url);
        page.QuerySelector("li.plan-task[data-number='1.5']")!.TextContent.ShouldContain("Tuyên truyền đã sửa qua trang");
        var sectionTaken = await (await client.SubmitFormAsync(url, new Dictionary<string, string>(), "handler=DeleteSection")).ParseAsync();
        sectionTaken.QuerySelector(".error")!.TextContent.ShouldContain("còn 1 nhiệm vụ");
        (await client.SubmitFormAsync(url, new Dictionary<string, string>(), "handler=DeleteTask")).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        (await client.SubmitFormAsync(url, new Dictionary<string, string>(), "handler=DeleteSection")).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        page = await client.GetPageAsync(url);
        page.QuerySelectorAll("li.plan-task").Length.ShouldBe(0);
        page.QuerySelectorAll(".plan-sections li").Length.ShouldBe(0);
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task IssuedPlan_HasNoEditor_AndAStrangerCannotPostToIt(string provider)
    {
        var app = await TestApp.GetAsync(provider);
        var client = await SignedInAsync(app, "officer.eatrang");
        var page = await client.GetPageAsync("/units/24445/plans?year=2026");
        page.QuerySelector("#plan-editor").ShouldBeNull();
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task YearWithoutAPlan_ImportFormCreatesTheDraft_ABadFileShowsItsLine(string provider)
    {
        var app = await TestApp.GetAsync(provider);
        var client = await SignedInAsync(app, "officer.eatrang");
        const string url = "/units/24445/plans?year=2041";
        async Task<HttpResponseMessage> PostAsync(string yaml)
        {
            var page = await client.GetPageAsync(url);
            var form = page.QuerySelector("#plan-import form")!;
            var content = new MultipartFormDataContent
            {
                { new StringContent(form.QuerySelector("input[name='__RequestVerificationToken']")!.GetAttribute("value")!), "__RequestVerificationToken" },
                { new ByteArrayContent(System.Text.Encoding.UTF8.GetBytes(yaml)), "file", "ke-hoach.yaml" },
            };
            return await client.PostAsync(form.GetAttribute("action"), content);
        }

        const string good = "version: 1\nplan:\n  number: /KH-UBND\n  title: Kế hoạch nhập qua trang\n  issuingBody: Ủy ban nhân dân xã Ea Trang\nsections:\n  - number: \"1\"\n    title: Tuyên truyền\n    tasks:\n      - number: \"1.1\"\n        title: Nhiệm vụ nhập qua trang\n        due: 2041-05-31\n";

        var bad = await PostAsync(good.Replace("2041-05-31", "2041-13-01", StringComparison.Ordinal));
        bad.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await bad.ParseAsync()).QuerySelector(".error")!.TextContent.ShouldContain("Dòng 12");
        (await app.ExecuteDbAsync(db => db.Plans.CountAsync(p => p.Year == 2041))).ShouldBe(0);
        (await PostAsync(good)).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var after = await client.GetPageAsync(url);
        after.QuerySelector("li.plan-task[data-number='1.1']")!.TextContent.ShouldContain("Nhiệm vụ nhập qua trang");
        after.QuerySelector("#plan-yaml").ShouldNotBeNull();
        after.QuerySelector("#plan-import").ShouldBeNull();
    }
}
