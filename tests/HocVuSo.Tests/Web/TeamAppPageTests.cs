using System.Net;
using System.Text.Json;
using HocVuSo.Tests.Infrastructure;

namespace HocVuSo.Tests.Web;

/// <summary>The offline capture app's page (/team/app): for those who record activities only, carrying the villages of their scope.</summary>
public class TeamAppPageTests
{
    public static TheoryData<string> Providers => TestApp.Providers;

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task TeamMember_GetsTheirVillage_TopicsAndWords_InThePage(string provider)
    {
        var client = await SignedInAsync(provider, "team.eatrang");

        var page = await client.GetPageAsync("/team/app");

        page.QuerySelector("link[rel='manifest']")!.GetAttribute("href").ShouldBe("/team/manifest.webmanifest");
        page.QuerySelectorAll("nav a[href='/team/app']").Length.ShouldBe(1);
        var app = page.QuerySelector("#team-app")!;
        var villages = JsonDocument.Parse(app.GetAttribute("data-villages")!).RootElement;
        villages.GetArrayLength().ShouldBe(1);
        villages[0].GetProperty("code").GetString().ShouldBe("24445-001");
        villages[0].GetProperty("name").GetString().ShouldBe("Buôn Ea Trang");
        var topics = JsonDocument.Parse(app.GetAttribute("data-topics")!).RootElement;
        topics.EnumerateArray().Select(t => t.GetProperty("key").GetString()).ShouldBe(
            ["install-vneid", "vneid-level2", "online-public-services", "cashless-payment", "digital-signature", "online-safety", "e-commerce", "learning-platform", "other"]);
        topics[0].GetProperty("label").GetString().ShouldBe("Cài VNeID");
        var words = JsonDocument.Parse(app.GetAttribute("data-strings")!).RootElement;
        words.GetProperty("teamapp.status.queued").GetString().ShouldBe("Chờ đồng bộ");
        words.GetProperty("teamapp.pending").GetString().ShouldBe("{0} mục chờ đồng bộ");
        page.QuerySelectorAll("#f-village option").Select(o => o.GetAttribute("value")).ShouldBe(["24445-001"]);
        page.QuerySelectorAll("#f-type option").Select(o => o.GetAttribute("value")).ShouldBe(["door-to-door-visit", "guidance-session", "weekly-session"]);
        page.QuerySelectorAll("input[name='topics']").Length.ShouldBe(9);
        foreach (var id in new[] { "f-type", "f-village", "f-date", "f-participants", "f-place", "f-duration", "f-notes", "h-install-vneid" })
        {
            page.QuerySelectorAll($"label[for='{id}']").Length.ShouldBe(1, $"#{id} has no label");
        }
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task CommuneOfficer_GetsEveryVillageOfTheCommune(string provider)
    {
        var client = await SignedInAsync(provider, "officer.eatrang");

        var page = await client.GetPageAsync("/team/app");

        var codes = JsonDocument.Parse(page.QuerySelector("#team-app")!.GetAttribute("data-villages")!).RootElement
            .EnumerateArray().Select(v => v.GetProperty("code").GetString()!).ToList();
        codes.Count.ShouldBeGreaterThanOrEqualTo(10);
        codes.ShouldAllBe(c => c.StartsWith("24445-", StringComparison.Ordinal));
        codes.ShouldContain("24445-001");
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task Learner_IsRefused_AndSeesNoLink(string provider)
    {
        var client = await SignedInAsync(provider, "learner");

        var refused = await client.GetAsync("/team/app");

        refused.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        refused.Headers.Location!.ToString().ShouldContain("/Account/AccessDenied");
        (await client.GetPageAsync("/")).QuerySelectorAll("a[href='/team/app']").Length.ShouldBe(0);
        var anonymous = await (await TestApp.GetAsync(provider)).CreateClient().GetAsync("/team/app");
        anonymous.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        anonymous.Headers.Location!.ToString().ShouldContain("/Account/Login");
    }

    private static async Task<HttpClient> SignedInAsync(string provider, string userName)
    {
        var client = (await TestApp.GetAsync(provider)).CreateClient();
        var login = await client.SubmitFormAsync("/Account/Login", new Dictionary<string, string> { ["Input.UserName"] = userName, ["Input.Password"] = TestApp.Password });
        login.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        return client;
    }
}
