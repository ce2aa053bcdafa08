using System.Globalization;
using HocVuSo.BrowserTests.Infrastructure;

namespace HocVuSo.BrowserTests.Journeys;

/// <summary>
/// A province officer's dashboard draws its charts from the tables with chart.js (served locally),
/// keeps the tables, works without JavaScript, passes axe-core, and the one-page summary prints
/// without the site's navigation.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class DashboardChartsTests(BrowserFixture fixture)
{
    private static string Period => DateTime.UtcNow.AddHours(7).AddMonths(-3).ToString("yyyy-MM", CultureInfo.InvariantCulture);

    [Fact]
    public async Task Charts_enhance_the_tables_which_stay_without_javascript()
    {
        await using var context = await fixture.NewContextAsync();
        var page = await context.NewPageAsync();
        await SignInAsync(page, "officer.daklak");

        await page.GotoAsync($"/units/66/dashboard?period={Period}&indicator=adults_vneid_confirmed");

        await Expect(page.Locator("canvas[role='img']")).ToHaveCountAsync(2);
        (await page.Locator("canvas[role='img']").First.GetAttributeAsync("aria-label"))!.ShouldContain("Biểu đồ");
        await Expect(page.Locator("#trend-table tbody tr")).ToHaveCountAsync(12);
        await Expect(page.Locator("#ranking-table tbody tr").First).ToContainTextAsync("Xã Ea Trang");
        var blocking = (await Axe.AuditAsync(page)).Where(v => v.Impact is "critical" or "serious").ToList();
        blocking.ShouldBeEmpty(string.Join(Environment.NewLine, blocking));

        // Sorting by name (an enhancement) puts the communes in alphabetical order.
        await page.Locator("#ranking-table thead th[data-sort='text'] button").ClickAsync();
        await Expect(page.Locator("#ranking-table thead th[data-sort='text']")).ToHaveAttributeAsync("aria-sort", "ascending");

        var cookies = await context.CookiesAsync();
        await using var noScript = await fixture.NewContextAsync(new() { JavaScriptEnabled = false });
        await noScript.AddCookiesAsync(cookies.Select(c => new Cookie { Name = c.Name, Value = c.Value, Domain = c.Domain, Path = c.Path }));
        var plain = await noScript.NewPageAsync();
        await plain.GotoAsync($"/units/66/dashboard?period={Period}&indicator=adults_vneid_confirmed");
        await Expect(plain.Locator("canvas")).ToHaveCountAsync(0);
        await Expect(plain.Locator("#trend-table tbody tr")).ToHaveCountAsync(12);
        await Expect(plain.Locator("#ranking-table tbody tr").First).ToContainTextAsync("Xã Ea Trang");
    }

    [Fact]
    public async Task Charts_keep_one_bounded_height_on_a_phone()
    {
        await using var context = await fixture.NewContextAsync(new() { ViewportSize = new() { Width = 360, Height = 740 } });
        var page = await context.NewPageAsync();
        await SignInAsync(page, "officer.eatrang");
        await page.GotoAsync($"/units/24445/dashboard?period={Period}&indicator=adults_vneid_confirmed");
        await Expect(page.Locator("canvas[role='img']").First).ToBeVisibleAsync();

        // A chart in a container without a height of its own grows with every resize it causes:
        // sample the charts and the page for a few seconds.
        var heights = new List<double[]>();
        for (var sample = 0; sample < 16; sample++)
        {
            heights.Add(await page.EvaluateAsync<double[]>(
                "() => [document.documentElement.scrollHeight].concat([...document.querySelectorAll('canvas')].map(c => c.getBoundingClientRect().height))"));
            await Task.Delay(TimeSpan.FromMilliseconds(300));
        }

        var charts = heights.SelectMany(h => h.Skip(1)).ToList();
        charts.ShouldNotBeEmpty();
        charts.Max().ShouldBeLessThanOrEqualTo(500, $"chart heights: {string.Join(", ", charts)}");
        charts.Min().ShouldBeGreaterThan(100);
        var pageHeights = heights.Select(h => h[0]).ToList();
        (pageHeights.Max() - pageHeights.Min()).ShouldBeLessThanOrEqualTo(1, $"the page height changed: {string.Join(", ", pageHeights)}");
        (charts.Max() - charts.Min()).ShouldBeLessThanOrEqualTo(1, $"chart heights: {string.Join(", ", charts)}");
    }

    [Fact]
    public async Task The_summary_prints_on_its_own()
    {
        await using var context = await fixture.NewContextAsync();
        var page = await context.NewPageAsync();
        await SignInAsync(page, "officer.eatrang");
        await page.GotoAsync($"/units/24445/summary?period={Period}");

        await Expect(page.Locator("button[data-print]")).ToBeVisibleAsync();
        var blocking = (await Axe.AuditAsync(page)).Where(v => v.Impact is "critical" or "serious").ToList();
        blocking.ShouldBeEmpty(string.Join(Environment.NewLine, blocking));
        await page.EmulateMediaAsync(new() { Media = Media.Print });

        await Expect(page.Locator("header.site-header")).ToBeHiddenAsync();
        await Expect(page.Locator("button[data-print]")).ToBeHiddenAsync();
        await Expect(page.Locator("#headline-value")).ToBeVisibleAsync();
        (await page.Locator("#headline-value").TextContentAsync())!.Trim().ShouldEndWith("%");
    }

    private static async Task SignInAsync(IPage page, string userName)
    {
        await page.GotoAsync("/Account/Login");
        await page.Locator("input[name='Input.UserName']").FillAsync(userName);
        await page.Locator("input[name='Input.Password']").FillAsync(BrowserFixture.Password);
        await page.Locator("main form button[type='submit']").ClickAsync();
        await page.WaitForURLAsync(url => !url.Contains("/Account/Login", StringComparison.Ordinal));
    }
}
