using System.Net;
using HocVuSo.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace HocVuSo.Tests.Web;

/// <summary>The server-rendered pages, used without JavaScript as a basic phone would.</summary>
public class PagesTests
{
    public static TheoryData<string> Providers => TestApp.Providers;

    [Fact]
    public async Task HomePage_SpeaksVietnameseFirst_AndEnglishOnRequest()
    {
        var app = await TestApp.GetAsync("Sqlite");
        var client = app.CreateClient();

        var home = await client.GetPageAsync("/");
        home.DocumentElement.GetAttribute("lang").ShouldBe("vi");
        home.QuerySelector("h1")!.TextContent.ShouldContain("Bình dân học vụ số");
        home.QuerySelector("dl.figures")!.TextContent.ShouldContain("3.321");

        var switched = await client.SubmitFormAsync("/", new Dictionary<string, string> { ["culture"] = "en" }, actionContains: "Language");
        switched.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var english = await client.GetPageAsync("/");
        english.DocumentElement.GetAttribute("lang").ShouldBe("en");
        english.QuerySelector("h1")!.TextContent.ShouldContain("Digital Popular Education");
    }

    [Fact]
    public async Task DisplaySettings_AreRememberedWithoutJavaScript()
    {
        var app = await TestApp.GetAsync("Sqlite");
        var client = app.CreateClient();

        await client.SubmitFormAsync("/units", new Dictionary<string, string> { ["step"] = "1" }, actionContains: "TextSize");
        await client.SubmitFormAsync("/units", new Dictionary<string, string>(), actionContains: "Contrast");
        var page = await client.GetPageAsync("/units");

        var classes = page.DocumentElement.ClassList;
        classes.ShouldContain("text-lg");
        classes.ShouldContain("high-contrast");
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task UnitSearch_FindsEaTrangWithoutDiacritics(string provider)
    {
        var app = await TestApp.GetAsync(provider);

        var page = await app.CreateClient().GetPageAsync("/units?q=ea+trang");

        var first = page.QuerySelector("#search-results li a")!;
        first.TextContent.ShouldBe("Xã Ea Trang");
        first.GetAttribute("href").ShouldBe("/units/24445");
        (await app.CreateClient().GetPageAsync("/units")).QuerySelectorAll("#provinces li").Length.ShouldBe(34);
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task CommuneOfficer_SignsIn_AndCreatesAVillageThroughTheForm(string provider)
    {
        var app = await TestApp.GetAsync(provider);
        var client = app.CreateClient();
        var login = await client.SubmitFormAsync("/Account/Login", new Dictionary<string, string> { ["Input.UserName"] = "officer.eatrang", ["Input.Password"] = TestApp.Password });
        login.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var name = "Thôn Biểu Mẫu " + Guid.NewGuid().ToString("N")[..4];

        var created = await client.SubmitFormAsync("/units/24445/villages/new", new Dictionary<string, string> { ["Input.Name"] = name, ["Input.Kind"] = "thon" });

        created.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        created.Headers.Location!.ToString().ShouldBe("/units/24445");
        var commune = await client.GetPageAsync("/units/24445");
        commune.QuerySelector("p.notice")!.TextContent.ShouldContain(name);
        commune.QuerySelectorAll("#children li a").Select(a => a.TextContent).ShouldContain(name);

        var duplicate = await client.SubmitFormAsync("/units/24445/villages/new", new Dictionary<string, string> { ["Input.Name"] = name, ["Input.Kind"] = "thon" });
        duplicate.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await duplicate.ParseAsync()).QuerySelector("[data-valmsg-for='Input.Name']")!.TextContent.ShouldContain("Xã đã có đơn vị tên");
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task CommuneOfficer_CannotOpenAnotherCommunesForms(string provider)
    {
        var app = await TestApp.GetAsync(provider);
        var client = app.CreateClient();
        await client.SubmitFormAsync("/Account/Login", new Dictionary<string, string> { ["Input.UserName"] = "officer.eatrang", ["Input.Password"] = TestApp.Password });

        var other = await client.GetPageAsync("/units/24193");
        other.QuerySelector("a[href='/units/24193/villages/new']").ShouldBeNull();
        var post = await client.SubmitFormAsync("/units/24193/villages/new", new Dictionary<string, string> { ["Input.Name"] = "Thôn Lạ", ["Input.Kind"] = "thon" });
        post.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        post.Headers.Location!.AbsolutePath.ShouldBe("/Account/AccessDenied");
        (await client.GetAsync("/units/24193/staff")).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var villages = await app.ExecuteDbAsync(db => db.Units.CountAsync(u => u.ParentCode == "24193" && u.Name == "Thôn Lạ"));
        villages.ShouldBe(0);
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task Officer_EditsABaselineThroughTheForm(string provider)
    {
        var app = await TestApp.GetAsync(provider);
        var client = app.CreateClient();
        await client.SubmitFormAsync("/Account/Login", new Dictionary<string, string> { ["Input.UserName"] = "officer.eatrang", ["Input.Password"] = TestApp.Password });

        var bad = await client.SubmitFormAsync("/units/24445-006/baseline/2027", new Dictionary<string, string> { ["Input[Adults]"] = "nhiều" });
        bad.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await bad.ParseAsync()).QuerySelector("span.error")!.TextContent.ShouldContain("số nguyên");

        // A field left empty is not 0: the year's first record asks for it.
        var partial = await client.SubmitFormAsync("/units/24445-006/baseline/2027", new Dictionary<string, string>
        {
            ["Input[Adults]"] = "1.234", ["Input[Officials]"] = "7", ["Input[Households]"] = "512", ["Reason"] = "Số liệu công an xã",
        });
        partial.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await partial.ParseAsync()).QuerySelectorAll("span.error").Select(e => e.TextContent).Count(t => t.Contains("Chưa có số liệu này", StringComparison.Ordinal)).ShouldBe(5);
        (await app.ExecuteDbAsync(db => db.PopulationBaselines.CountAsync(b => b.Unit!.Code == "24445-006" && b.Year == 2027))).ShouldBe(0);

        var saved = await client.SubmitFormAsync("/units/24445-006/baseline/2027", new Dictionary<string, string>
        {
            ["Input[Adults]"] = "1.234", ["Input[Officials]"] = "7", ["Input[Households]"] = "512", ["Reason"] = "Số liệu công an xã",
            ["Input[StudentsPrimary]"] = "0", ["Input[StudentsLowerSecondary]"] = "0", ["Input[StudentsUpperSecondary]"] = "0",
            ["Input[StudentsHigherEducation]"] = "0", ["Input[EnterpriseWorkers]"] = "0",
        });
        saved.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var page = await client.GetPageAsync("/units/24445-006");
        page.QuerySelector("table tbody")!.TextContent.ShouldContain("1.234");
    }

    [Fact]
    public async Task PublicBaselines_AreShownToAnyone_LabelledAsNotOfficialStatistics_WithoutTheirHistory()
    {
        var app = await TestApp.GetAsync("Sqlite");
        var anonymous = app.CreateClient();

        var page = await anonymous.GetPageAsync("/units/24445");
        page.QuerySelector("#baseline-status")!.TextContent.ShouldContain("không phải số liệu thống kê chính thức");
        page.QuerySelector("table tbody")!.TextContent.ShouldContain("2026");
        page.QuerySelector("ul.history").ShouldBeNull();

        var api = await anonymous.GetAsync("/api/v1/units/24445/baselines");
        api.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await api.Content.ReadAsStringAsync()).ShouldNotContain("actorName", Case.Insensitive);
    }

    [Fact]
    public async Task StaffPages_ListAndImport_ForTheOfficer()
    {
        var app = await TestApp.GetAsync("Sqlite");
        var client = app.CreateClient();
        await client.SubmitFormAsync("/Account/Login", new Dictionary<string, string> { ["Input.UserName"] = "officer.eatrang", ["Input.Password"] = TestApp.Password });

        var staff = await client.GetPageAsync("/staff");

        staff.QuerySelector("#my-units")!.TextContent.ShouldContain("Xã Ea Trang");
        staff.QuerySelector("#staff-table")!.TextContent.ShouldContain("team.eatrang");
        staff.QuerySelector("#staff-table")!.TextContent.ShouldNotContain("@demo.hocvuso.vn".Insert(0, "team.eatrang"));
    }
}
