using System.Globalization;
using System.Text.RegularExpressions;
using HocVuSo.BrowserTests.Infrastructure;

namespace HocVuSo.BrowserTests.Journeys;

/// <summary>
/// Issue 17's "done when", on a 360 px phone: an Ea Trang demo learner (identification number
/// recorded, VNeID sign-in in the demo) takes the open round of Đắk Lắk's demo contest, the timer
/// shows the server's time left, the result and rank appear, a second entry is refused, and the
/// learner's village's participation per 1,000 adults rises.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class ContestJourneyTests(BrowserFixture fixture)
{
    private const int PhoneWidth = 360;

    [Fact]
    public async Task Learner_takes_a_round_on_a_phone_sees_result_and_rank_and_a_second_entry_is_refused()
    {
        await using var context = await fixture.NewContextAsync(new BrowserNewContextOptions
        {
            ViewportSize = new ViewportSize { Width = PhoneWidth, Height = 740 },
            IsMobile = true,
            HasTouch = true,
        });
        var page = await context.NewPageAsync();
        await page.GotoAsync("/Account/Login");
        await page.Locator("input[name='Input.UserName']").FillAsync("hocvien03.eatrang");
        await page.Locator("input[name='Input.Password']").FillAsync(BrowserFixture.Password);
        await page.Locator("main form button[type='submit']").ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex("/learn"));

        await page.GotoAsync("/contests");
        var contest = page.Locator("section.contest", new() { HasText = "Tìm hiểu về Chuyển đổi số tỉnh Đắk Lắk năm 2026" });
        await Expect(contest).ToContainTextAsync("minh họa");
        var open = contest.Locator("li[data-state='open'] a[href^='/contests/rounds/']").First;
        var roundUrl = await open.GetAttributeAsync("href");
        var before = await PerThousandAsync(page, roundUrl!);

        await page.GotoAsync(roundUrl!);
        await page.Locator("#start").ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex(@"/contests/entries/[0-9a-f-]{36}$"));
        var timer = page.Locator("#timer");
        var left = int.Parse((await timer.GetAttributeAsync("data-seconds-left"))!, CultureInfo.InvariantCulture);
        left.ShouldBeInRange(9 * 60, 10 * 60, "the server gives 10 minutes");
        await Expect(page.Locator("#time-left")).ToHaveTextAsync(new Regex(@"^(9|10):\d\d$"));
        (await page.EvaluateAsync<int>("document.documentElement.scrollWidth")).ShouldBeLessThanOrEqualTo(PhoneWidth, "the entry page scrolls sideways on a 360 px phone");
        (await page.ContentAsync()).ShouldNotContain("correct", Case.Insensitive);

        foreach (var question in await page.Locator("fieldset.question[data-type]").AllAsync())
        {
            if (await question.GetAttributeAsync("data-type") == "ordering")
            {
                var selects = await question.Locator("select").AllAsync();
                for (var i = 0; i < selects.Count; i++)
                {
                    await selects[i].SelectOptionAsync((i + 1).ToString(CultureInfo.InvariantCulture));
                }
            }
            else
            {
                await question.Locator("input").First.CheckAsync();
            }
        }

        await page.Locator("#prediction").FillAsync("150");
        await page.Locator("#submit").ClickAsync();
        await Expect(page.Locator("#result")).ToBeVisibleAsync();
        await Expect(page.Locator("#score")).ToContainTextAsync("/8");
        await Expect(page.Locator("#rank")).ToContainTextAsync("Xếp hạng hiện tại");

        await page.GotoAsync(roundUrl!);
        await Expect(page.Locator("#entered")).ToBeVisibleAsync();
        await page.Locator("#start").ClickAsync();
        await Expect(page.Locator("#problem")).ToContainTextAsync("đã dự thi vòng này");

        (await PerThousandAsync(page, roundUrl!)).ShouldBeGreaterThan(before);
    }

    /// <summary>The participation per 1,000 adults of the learner's commune, Ea Trang, on the round's public ranking page.</summary>
    private static async Task<decimal> PerThousandAsync(IPage page, string roundUrl)
    {
        await page.GotoAsync(roundUrl + "/ranking?unit=" + Learners.CommuneCode);
        var text = await page.Locator("#participation-total").InnerTextAsync();
        var match = Regex.Match(text, @"1\.000 người trưởng thành: ([0-9.,]+)");
        return match.Success ? decimal.Parse(match.Groups[1].Value.Replace(".", string.Empty, StringComparison.Ordinal).Replace(',', '.'), CultureInfo.InvariantCulture) : 0m;
    }
}
