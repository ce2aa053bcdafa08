using System.Text.RegularExpressions;
using HocVuSo.BrowserTests.Infrastructure;

namespace HocVuSo.BrowserTests.Journeys;

/// <summary>
/// On a phone the header is one compact bar with a menu (a disclosure that works without
/// JavaScript), so that a lesson's first paragraph shows on the first screen at every text size.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class PhoneHeaderTests(BrowserFixture fixture)
{
    private static readonly ViewportSize Phone = new() { Width = 360, Height = 740 };

    [Theory]
    [InlineData("certified", "/learn/lessons/1")]
    [InlineData("officer.eatrang", "/staff")]
    public async Task Header_is_one_compact_bar_on_a_phone(string userName, string path)
    {
        await using var context = await fixture.NewContextAsync(new BrowserNewContextOptions { ViewportSize = Phone });
        var page = await context.NewPageAsync();
        await SignInAsync(page, userName);
        await page.GotoAsync(path);

        var height = await page.Locator("header.site-header").EvaluateAsync<double>("h => h.getBoundingClientRect().height");
        height.ShouldBeLessThanOrEqualTo(80, "the header takes too much of a 740 px screen");

        // Everything of the old header is one tap away: the links, the text size and contrast, the language.
        var menu = page.Locator("header.site-header details.menu");
        await Expect(page.Locator("nav.main-nav a[href='/learn']")).ToBeHiddenAsync();
        await menu.Locator("summary").ClickAsync();
        await Expect(menu).ToHaveAttributeAsync("open", string.Empty);
        await Expect(page.Locator("nav.main-nav a[href='/learn']")).ToBeVisibleAsync();
        await Expect(page.Locator("form[data-display='size'] button[value='1']")).ToBeVisibleAsync();
        await Expect(page.Locator("form[data-display='contrast'] button")).ToBeVisibleAsync();
        var blocking = (await Axe.AuditAsync(page)).Where(v => v.Impact is "critical" or "serious").ToList();
        blocking.ShouldBeEmpty(string.Join(Environment.NewLine, blocking));
    }

    [Theory]
    [InlineData("sm")]
    [InlineData("md")]
    [InlineData("lg")]
    [InlineData("xl")]
    public async Task Lesson_text_starts_on_the_first_screen_at_every_text_size(string size)
    {
        await using var context = await fixture.NewContextAsync(new BrowserNewContextOptions { ViewportSize = Phone });
        var page = await context.NewPageAsync();
        await SignInAsync(page, "certified");
        await context.AddCookiesAsync([new Cookie { Name = "hocvuso.display", Value = size, Url = fixture.BaseUrl }]);
        await page.GotoAsync("/learn/lessons/1");
        await Expect(page.Locator("html")).ToHaveClassAsync(new Regex($@"(^|\s)text-{size}(\s|$)"));

        // The first line of the first paragraph lies wholly within the first screen.
        var first = page.Locator("#lesson-body p").First;
        var bottomOfFirstLine = await first.EvaluateAsync<double>(
            "p => p.getBoundingClientRect().top + parseFloat(getComputedStyle(p).lineHeight)");
        bottomOfFirstLine.ShouldBeLessThanOrEqualTo(Phone.Height, $"at text size {size} the lesson's first paragraph starts below the first screen");
    }

    [Fact]
    public async Task Phone_menu_opens_and_leads_on_without_javascript()
    {
        await using var context = await fixture.NewContextAsync(new BrowserNewContextOptions { ViewportSize = Phone, JavaScriptEnabled = false });
        var page = await context.NewPageAsync();
        await page.GotoAsync("/");
        await Expect(page.Locator("nav.main-nav a[href='/learn']")).ToBeHiddenAsync();
        await page.Locator("header.site-header details.menu summary").ClickAsync();
        await page.Locator("nav.main-nav a[href='/learn']").ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex("/learn$"));
    }

    [Fact]
    public async Task Wide_screens_show_the_links_without_a_menu()
    {
        await using var context = await fixture.NewContextAsync(new BrowserNewContextOptions { ViewportSize = new ViewportSize { Width = 1280, Height = 800 } });
        var page = await context.NewPageAsync();
        await page.GotoAsync("/");
        await Expect(page.Locator("nav.main-nav a[href='/learn']")).ToBeVisibleAsync();
        await Expect(page.Locator("form[data-display='contrast'] button")).ToBeVisibleAsync();
        await Expect(page.Locator("header.site-header details.menu summary")).ToBeHiddenAsync();
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
