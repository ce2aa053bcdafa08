using System.Globalization;
using System.Text.RegularExpressions;
using HocVuSo.BrowserTests.Infrastructure;

namespace HocVuSo.BrowserTests.Journeys;

/// <summary>
/// Issue 13's "done when", through the pages of the platform with the background roll-up on (the
/// sandbox platform, which rolls up every few seconds): Ea Trang's commune officer logs eleven
/// items in a month, one link twice (flagged), and the dashboard's computed "posts per month" shows
/// 10 beside the reported figure; a Đắk Lắk province officer draws a sample of Ea Trang's certified
/// learners, records the outcomes, and the dashboard shows the verified estimate with its interval.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class OversightJourneyTests(BrowserFixture fixture)
{
    private static readonly TimeSpan RollupWait = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task Eleven_items_count_ten_posts_and_a_call_back_sample_gives_the_verified_estimate()
    {
        var baseUrl = await fixture.StartSandboxPlatformAsync();
        var today = DateOnly.FromDateTime(TimeZoneInfo.ConvertTimeFromUtc(DateTime.UtcNow, TimeZoneInfo.FindSystemTimeZoneById("Asia/Ho_Chi_Minh")));

        // Three months back: the demo's report of that month is approved (reported posts 11) and the
        // demo logs its own posts only in the last full month; no other browser test logs items in Ea Trang.
        var month = new DateOnly(today.Year, today.Month, 1).AddMonths(-3);
        var monthKey = month.ToString("yyyy-MM", CultureInfo.InvariantCulture);

        await using var officerContext = await fixture.NewContextAsync(new BrowserNewContextOptions { BaseURL = baseUrl });
        var officer = await officerContext.NewPageAsync();
        await SignInAsync(officer, "officer.eatrang");
        for (var n = 1; n <= 11; n++)
        {
            // The eleventh repeats the third's link.
            var link = $"https://example.org/kiem-thu-{monthKey}/tin-{(n == 11 ? 3 : n)}";
            await officer.GotoAsync($"/units/24445/communications?month={monthKey}");
            await officer.Locator("#kind").SelectOptionAsync(n % 4 == 0 ? "short-video" : "news-article");
            await officer.Locator("#channel").FillAsync("portal");
            await officer.Locator("#title").FillAsync($"Tin kiểm thử số {n} (minh họa)");
            await officer.Locator("#date").FillAsync(month.AddDays(n - 1).ToString("dd/MM/yyyy", CultureInfo.InvariantCulture));
            await officer.Locator("#url").FillAsync(link);
            await officer.Locator("#add-form button[type='submit']").ClickAsync();
            await Expect(officer).ToHaveURLAsync(new Regex($"/units/24445/communications\\?month={monthKey}$"));
        }

        // The demo's visual propaganda activities of the year may fall in this month too; they are not posts.
        await Expect(officer.Locator("#communications > li", new() { HasText = "Tin kiểm thử số" })).ToHaveCountAsync(11);
        await Expect(officer.Locator("#communications > li[data-duplicate='true']")).ToHaveCountAsync(1);
        await Expect(officer.Locator("#communications > li[data-duplicate='true'] h2")).ToHaveTextAsync("Tin kiểm thử số 11 (minh họa)");
        await Expect(officer.Locator("#counted")).ToContainTextAsync("10 tin, bài, video");

        // The dashboard's figures come from the roll-up, which runs every few seconds on this platform.
        var posts = officer.Locator("#indicator-table tr[data-code='posts_per_month'] td");
        var deadline = DateTime.UtcNow + RollupWait;
        while (true)
        {
            await officer.GotoAsync($"/units/24445/dashboard?period={monthKey}&indicator=posts_per_month");
            var computed = (await posts.Nth(1).InnerTextAsync()).Trim();
            if (Regex.IsMatch(computed, "^10(\\s|$)"))
            {
                break;
            }

            DateTime.UtcNow.ShouldBeLessThan(deadline, $"the computed posts stayed «{computed}»: " + fixture.SandboxServerOutput);
            await Task.Delay(1000);
        }

        await Expect(posts.Nth(0)).ToContainTextAsync("11");
        await Expect(posts.Nth(1).Locator(".diff")).ToHaveTextAsync("+1");

        // The province officer draws a sample of Ea Trang's certified learners this month and records the outcomes.
        await using var inspectorContext = await fixture.NewContextAsync(new BrowserNewContextOptions { BaseURL = baseUrl });
        var inspector = await inspectorContext.NewPageAsync();
        await SignInAsync(inspector, "officer.daklak");
        var thisMonth = today.ToString("yyyy-MM", CultureInfo.InvariantCulture);
        await inspector.GotoAsync("/units/24445");
        await inspector.Locator("#verification-link").ClickAsync();
        await Expect(inspector).ToHaveURLAsync(new Regex("/units/24445/verification$"));
        await inspector.Locator("#period").FillAsync(thisMonth);
        await inspector.Locator("#kind").SelectOptionAsync("certified-learners");
        await inspector.Locator("#size").FillAsync("5");
        await inspector.Locator("#seed").FillAsync("2026");
        await inspector.Locator("#draw-form button[type='submit']").ClickAsync();
        await Expect(inspector).ToHaveURLAsync(new Regex("/units/24445/verification/\\d+$"));
        await Expect(inspector.Locator("#sample-items > li")).ToHaveCountAsync(5);

        string[] outcomes = ["confirmed", "confirmed", "denied", "confirmed", "confirmed"];
        foreach (var outcome in outcomes)
        {
            var form = inspector.Locator("form.outcome-form").First;
            await form.Locator("select[name='outcome']").SelectOptionAsync(outcome);
            await form.Locator("input[name='note']").FillAsync("Đã gọi điện (kiểm thử)");
            await form.Locator("button[type='submit']").ClickAsync();
            await Expect(inspector).ToHaveURLAsync(new Regex("/units/24445/verification/\\d+(#item-\\d+)?$"));
        }

        await Expect(inspector.Locator("form.outcome-form")).ToHaveCountAsync(0);
        await Expect(inspector.Locator("#sample-items > li[data-outcome='denied']")).ToHaveCountAsync(1);
        // Wilson 95% for 4 of 5: 37,55%–96,38%.
        await Expect(inspector.Locator("#estimate")).ToContainTextAsync("80% (37,6–96,4%), n=5");

        await inspector.GotoAsync($"/units/24445/dashboard?period={thisMonth}&indicator=adults_digital_skills");
        await Expect(inspector.Locator("#indicator-table tr[data-code='adults_digital_skills'] .verified")).ToContainTextAsync("80% (37,6–96,4%)");
        await Expect(inspector.Locator("#indicator-table tr[data-code='adults_vneid_confirmed'] .verified")).ToContainTextAsync("80% (37,6–96,4%)");
        await Expect(inspector.Locator("#indicator-table tr[data-code='posts_per_month'] .verified")).ToHaveCountAsync(0);
    }

    private static async Task SignInAsync(IPage page, string userName)
    {
        await page.GotoAsync("/Account/Login");
        await page.Locator("input[name='Input.UserName']").FillAsync(userName);
        await page.Locator("input[name='Input.Password']").FillAsync(BrowserFixture.Password);
        // The sandbox platform also offers "Đăng nhập bằng VNeID".
        await page.GetByRole(AriaRole.Button, new() { Name = "Đăng nhập", Exact = true }).ClickAsync();
        await Expect(page).Not.ToHaveURLAsync(new Regex("/Account/Login"));
    }
}
