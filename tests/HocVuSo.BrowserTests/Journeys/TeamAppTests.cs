using System.Text.Json;
using System.Text.RegularExpressions;
using HocVuSo.BrowserTests.Infrastructure;

namespace HocVuSo.BrowserTests.Journeys;

/// <summary>
/// A team member records activities on the phone where the signal drops (/team/app): what they
/// save waits on the phone through a reload with no network, and is sent once, and only once,
/// when the network is back.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class TeamAppTests(BrowserFixture fixture)
{
    /// <summary>Buôn Ea Trang, the village of the demo team member team.eatrang.</summary>
    private const string Village = "24445-001";

    private static readonly string[] BlockingImpacts = ["critical", "serious"];
    private static readonly string[] Topics = ["install-vneid", "vneid-level2"];
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    [Fact]
    public async Task Offline_capture_survives_a_reload_with_no_network_and_is_synced_exactly_once()
    {
        await using var officer = await fixture.NewContextAsync();
        await SignInAsync(await officer.NewPageAsync(), "officer.eatrang");
        var guidanceBefore = await GuidanceThisYearAsync(officer);

        await using var context = await fixture.NewContextAsync();
        var page = await context.NewPageAsync();
        await SignInAsync(page, "team.eatrang");
        await page.Locator($"nav a[href='/team/app']").ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex("/team/app$"));
        await Expect(page.Locator("h1")).ToHaveTextAsync("Ghi hoạt động của Tổ Công nghệ số");
        (await page.Locator("link[rel='manifest']").GetAttributeAsync("href")).ShouldBe("/team/manifest.webmanifest");
        await WaitUntilUsableOfflineAsync(page);

        // The date is shown and typed day/month/year, whatever the browser's language.
        var shownToday = await page.Locator("#f-date").InputValueAsync();
        shownToday.ShouldMatch(@"^\d{2}/\d{2}/\d{4}$");
        var today = Iso(shownToday);
        var activitiesBefore = await ActivitiesTodayAsync(context, today);
        var notes = "Kiểm thử ngoại tuyến " + Guid.NewGuid().ToString("N")[..8];
        string clientId;

        await context.SetOfflineAsync(true);
        try
        {
            // The network is off for the service worker too: a file it never saw does not load.
            (await page.EvaluateAsync<string>("url => fetch(url).then(r => 'online ' + r.status, () => 'offline')", $"/js/never-saved-{Guid.NewGuid():N}.js"))
                .ShouldBe("offline");

            await page.Locator("#f-type").SelectOptionAsync("guidance-session");
            await page.Locator("#f-village").SelectOptionAsync(Village);
            await Expect(page.Locator("#f-date")).ToHaveValueAsync(shownToday);
            await page.GetByLabel("Số người tham gia", new() { Exact = true }).FillAsync("12");
            await page.GetByLabel("Cài VNeID", new() { Exact = true }).CheckAsync();
            await page.GetByLabel("Kích hoạt định danh mức 2", new() { Exact = true }).CheckAsync();
            await page.Locator("#h-install-vneid").FillAsync("7");
            await page.Locator("#f-place").FillAsync("Nhà văn hóa Buôn Ea Trang");
            await page.Locator("#f-duration").FillAsync("90");
            await page.Locator("#f-notes").FillAsync(notes);
            await page.Locator("#save").ClickAsync();

            var queued = page.Locator("#list-queued li.entry", new() { HasText = notes });
            await Expect(queued).ToHaveCountAsync(1);
            clientId = (await queued.GetAttributeAsync("data-client-id")).ShouldNotBeNull();
            clientId.ShouldMatch("^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$");
            await Expect(page.Locator("#sync-count")).ToHaveTextAsync("1 mục chờ đồng bộ");

            var reloaded = await page.ReloadAsync();
            reloaded.ShouldNotBeNull().Ok.ShouldBeTrue();
            var kept = page.Locator($"#list-queued li[data-client-id='{clientId}']");
            await Expect(kept).ToContainTextAsync(notes);
            await Expect(kept.Locator(".badge")).ToHaveTextAsync("Chờ đồng bộ");
            await Expect(kept).ToContainTextAsync("Buổi hướng dẫn trực tiếp — Buôn Ea Trang");
            await Expect(page.Locator("#sync-count")).ToHaveTextAsync("1 mục chờ đồng bộ");
            await Expect(page.Locator("#list-synced li.entry")).ToHaveCountAsync(0);
            (await ActivitiesTodayAsync(context, today)).ShouldBe(activitiesBefore, "nothing may reach the server while offline");
        }
        finally
        {
            await context.SetOfflineAsync(false);
        }

        // Back online, the "online" event sends the queue; the button asks for it as well.
        await page.Locator("#sync-now").ClickAsync();
        await Expect(page.Locator($"#list-synced li[data-client-id='{clientId}']")).ToHaveCountAsync(1);
        await Expect(page.Locator("#list-queued li.entry")).ToHaveCountAsync(0);
        await Expect(page.Locator("#sync-count")).ToHaveTextAsync("Không còn mục nào chờ đồng bộ.");
        var afterSync = await ActivitiesTodayAsync(context, today);
        afterSync.ShouldBe(activitiesBefore + 1);

        // The same batch again (a retry after a lost answer) is recognised and creates nothing.
        var batch = JsonSerializer.Serialize(new
        {
            items = new[]
            {
                new
                {
                    clientId, type = "guidance-session", villageCode = Village, date = today, topics = Topics, participants = 12,
                    place = "Nhà văn hóa Buôn Ea Trang", durationMinutes = 90, notes, helpedByTopic = new Dictionary<string, int> { ["install-vneid"] = 7 }, revision = 1,
                },
            },
        }, Json);
        var answer = await page.EvaluateAsync<JsonElement>(
            """
            async body => {
              const antiforgery = await (await fetch("/api/v1/auth/antiforgery")).json();
              const response = await fetch("/api/v1/teams/activities/sync", { method: "POST", headers: { "Content-Type": "application/json", [antiforgery.headerName]: antiforgery.token }, body });
              return { status: response.status, body: await response.json() };
            }
            """, batch);
        answer.GetProperty("status").GetInt32().ShouldBe(200);
        var result = answer.GetProperty("body").GetProperty("results")[0];
        result.GetProperty("clientId").GetString().ShouldBe(clientId);
        result.GetProperty("status").GetString().ShouldBe("duplicate");
        (await ActivitiesTodayAsync(context, today)).ShouldBe(afterSync);
        (await GuidanceThisYearAsync(officer)).ShouldBe(guidanceBefore + 1);

        var blocking = (await Axe.AuditAsync(page)).Where(v => BlockingImpacts.Contains(v.Impact)).ToList();
        blocking.ShouldBeEmpty($"axe-core found on /team/app:{Environment.NewLine}{string.Join(Environment.NewLine, blocking)}");
    }

    [Fact]
    public async Task Edit_made_elsewhere_first_is_a_conflict_showing_both_copies_on_a_small_phone()
    {
        await using var context = await fixture.NewContextAsync(new BrowserNewContextOptions { ViewportSize = new ViewportSize { Width = 360, Height = 740 } });
        var page = await context.NewPageAsync();
        await SignInAsync(page, "team.eatrang");
        await page.GotoAsync("/team/app");
        var notes = "Sinh hoạt tổ " + Guid.NewGuid().ToString("N")[..8];

        await page.Locator("#f-type").SelectOptionAsync("weekly-session");
        await page.Locator("#f-village").SelectOptionAsync(Village);
        await page.GetByLabel("An toàn trên mạng", new() { Exact = true }).CheckAsync();
        await page.GetByLabel("Số người tham gia", new() { Exact = true }).FillAsync("9");
        await page.Locator("#f-notes").FillAsync(notes);
        await page.Locator("#save").ClickAsync();
        var synced = page.Locator("#list-synced li.entry", new() { HasText = notes });
        await Expect(synced).ToHaveCountAsync(1);
        var clientId = (await synced.GetAttributeAsync("data-client-id")).ShouldNotBeNull();
        var date = Iso(await page.Locator("#f-date").InputValueAsync());

        // Another phone of the same member sends its own edit of the entry first (revision 2, 15 people).
        var elsewhere = JsonSerializer.Serialize(new
        {
            items = new[]
            {
                new { clientId, type = "weekly-session", villageCode = Village, date, topics = new[] { "online-safety" }, participants = 15, notes, revision = 2 },
            },
        }, Json);
        var status = await page.EvaluateAsync<string>(
            """
            async body => {
              const antiforgery = await (await fetch("/api/v1/auth/antiforgery")).json();
              const response = await fetch("/api/v1/teams/activities/sync", { method: "POST", headers: { "Content-Type": "application/json", [antiforgery.headerName]: antiforgery.token }, body });
              return (await response.json()).results[0].status;
            }
            """, elsewhere);
        status.ShouldBe("accepted");

        // This phone edits its copy too (also revision 2, 10 people): the server keeps its own and shows it.
        await synced.Locator("button[data-action='edit']").ClickAsync();
        await Expect(page.Locator("#form-heading")).ToHaveTextAsync("Sửa hoạt động");
        await Expect(page.Locator("#f-notes")).ToHaveValueAsync(notes);
        await page.GetByLabel("Số người tham gia", new() { Exact = true }).FillAsync("10");
        await page.Locator("#save").ClickAsync();

        var conflict = page.Locator($"#list-conflict li[data-client-id='{clientId}']");
        await Expect(conflict.Locator(".badge")).ToHaveTextAsync("Xung đột");
        await Expect(conflict.Locator(".copy-local")).ToContainTextAsync("10 người tham gia");
        await Expect(conflict.Locator(".copy-local")).ToContainTextAsync("bản sửa 2");
        await Expect(conflict.Locator(".copy-server")).ToContainTextAsync("Bản trên máy chủ");
        await Expect(conflict.Locator(".copy-server")).ToContainTextAsync("15 người tham gia");
        await Expect(conflict.Locator(".entry-message")).ToContainTextAsync("Mục này đã được sửa trên máy khác");
        (await page.EvaluateAsync<int>("() => document.documentElement.scrollWidth")).ShouldBeLessThanOrEqualTo(360, "the page scrolls sideways at 360 px");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(BrowserFixture.ArtifactsFolder, "team-app-360.png"), FullPage = true });
        await conflict.ScreenshotAsync(new LocatorScreenshotOptions { Path = Path.Combine(BrowserFixture.ArtifactsFolder, "team-app-conflict-360.png") });

        var blocking = (await Axe.AuditAsync(page)).Where(v => BlockingImpacts.Contains(v.Impact)).ToList();
        blocking.ShouldBeEmpty($"axe-core found on /team/app with a conflict:{Environment.NewLine}{string.Join(Environment.NewLine, blocking)}");

        await conflict.Locator("button[data-action='keep-server']").ClickAsync();
        var kept = page.Locator($"#list-synced li[data-client-id='{clientId}']");
        await Expect(kept).ToContainTextAsync("15 người tham gia");
        await Expect(page.Locator("#list-conflict li.entry")).ToHaveCountAsync(0);
    }

    [Fact]
    public async Task Manifest_makes_the_app_installable_in_Vietnamese()
    {
        await using var context = await fixture.NewContextAsync();
        var response = await context.APIRequest.GetAsync("/team/manifest.webmanifest");
        response.Status.ShouldBe(200);
        response.Headers["content-type"].ShouldStartWith("application/manifest+json");
        var manifest = (await response.JsonAsync()).ShouldNotBeNull();
        manifest.GetProperty("name").GetString().ShouldBe("Tổ Công nghệ số");
        manifest.GetProperty("start_url").GetString().ShouldBe("/team/app");
        manifest.GetProperty("display").GetString().ShouldBe("standalone");
        var icon = manifest.GetProperty("icons")[0].GetProperty("src").GetString().ShouldNotBeNull();
        var image = await context.APIRequest.GetAsync(icon);
        image.Status.ShouldBe(200);
        image.Headers["content-type"].ShouldStartWith("image/svg+xml");
    }

    private static async Task WaitUntilUsableOfflineAsync(IPage page)
    {
        await Expect(page.Locator("#team-app")).ToHaveAttributeAsync("data-offline-ready", "true");
        const string Controlled = "() => navigator.serviceWorker.controller !== null";
        if (!await page.EvaluateAsync<bool>(Controlled))
        {
            // The worker took control of open pages as it started (clients.claim); should it not have, a reload hands it the page.
            await page.ReloadAsync();
            await Expect(page.Locator("#team-app")).ToHaveAttributeAsync("data-offline-ready", "true");
        }

        await page.WaitForFunctionAsync(Controlled);
    }

    private static async Task<int> ActivitiesTodayAsync(IBrowserContext member, string today)
    {
        var response = await member.APIRequest.GetAsync($"/api/v1/teams/activities?village={Village}&from={today}&to={today}");
        response.Status.ShouldBe(200, await response.TextAsync());
        var activities = (await response.JsonAsync()).ShouldNotBeNull();
        return activities.GetArrayLength();
    }

    private static async Task<int> GuidanceThisYearAsync(IBrowserContext officer)
    {
        var response = await officer.APIRequest.GetAsync("/api/v1/teams/dashboard?unit=24445");
        response.Status.ShouldBe(200, await response.TextAsync());
        var dashboard = (await response.JsonAsync()).ShouldNotBeNull();
        return dashboard.GetProperty("villages").EnumerateArray()
            .Single(v => v.GetProperty("villageCode").GetString() == Village)
            .GetProperty("guidanceSessionsThisYear").GetInt32();
    }

    /// <summary>"2026-03-05" for the "05/03/2026" the form shows.</summary>
    private static string Iso(string shown) => DateOnly.ParseExact(shown, "dd/MM/yyyy", System.Globalization.CultureInfo.InvariantCulture).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);

    private static async Task SignInAsync(IPage page, string userName)
    {
        await page.GotoAsync("/Account/Login");
        await page.Locator("input[name='Input.UserName']").FillAsync(userName);
        await page.Locator("input[name='Input.Password']").FillAsync(BrowserFixture.Password);
        await page.Locator("main form button[type='submit']").ClickAsync();
        // Each role lands where its work is: the officer on the commune's dashboard, the team member on the field app.
        await Expect(page).ToHaveURLAsync(new Regex(userName.StartsWith("team.", StringComparison.Ordinal) ? "/team/app$" : "/units/24445/dashboard$"));
    }
}
