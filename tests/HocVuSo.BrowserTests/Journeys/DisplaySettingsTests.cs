using System.Text.RegularExpressions;
using HocVuSo.BrowserTests.Infrastructure;

namespace HocVuSo.BrowserTests.Journeys;

/// <summary>
/// Readers with poor sight choose larger text and high contrast from the toolbar on a small phone;
/// the choice applies at once, survives a reload, and works without JavaScript too.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class DisplaySettingsTests(BrowserFixture fixture)
{
    private const int PhoneWidth = 360;

    private static readonly Regex HighContrast = new(@"(^|\s)high-contrast(\s|$)");
    private static readonly Regex LargeText = new(@"(^|\s)text-lg(\s|$)");

    [Fact]
    public async Task Toolbar_switches_to_high_contrast_and_larger_text_at_once_and_keeps_them_after_a_reload()
    {
        await using var context = await fixture.NewContextAsync(new BrowserNewContextOptions
        {
            ViewportSize = new ViewportSize { Width = PhoneWidth, Height = 740 },
        });
        var page = await context.NewPageAsync();
        await page.GotoAsync("/");
        var html = page.Locator("html");
        (await ScrollWidthAsync(page)).ShouldBeLessThanOrEqualTo(PhoneWidth);
        (await BodyBackgroundAsync(page)).ShouldNotBe("rgb(0, 0, 0)");
        var normalSize = await RootFontSizeAsync(page);

        // A marker on the window shows that the switches apply without loading a new page.
        await page.EvaluateAsync("() => { window.hocvusoSamePage = true; }");
        // On a phone the switches sit in the header's menu.
        await page.Locator("header.site-header details.menu summary").ClickAsync();
        await page.Locator("form[data-display='contrast'] button").ClickAsync();
        await page.Locator("form[data-display='size'] button[value='1']").ClickAsync();

        await Expect(html).ToHaveClassAsync(HighContrast);
        await Expect(html).ToHaveClassAsync(LargeText);
        await Expect(page.Locator("form[data-display='contrast'] button")).ToHaveAttributeAsync("aria-pressed", "true");
        (await page.EvaluateAsync<bool>("() => window.hocvusoSamePage === true")).ShouldBeTrue("the toolbar reloaded the page instead of applying the choice at once");
        (await BodyBackgroundAsync(page)).ShouldBe("rgb(0, 0, 0)");
        (await RootFontSizeAsync(page)).ShouldBeGreaterThan(normalSize);
        (await context.CookiesAsync()).ShouldContain(c => c.Name == "hocvuso.display" && c.Value == "lg.hc");

        await page.ReloadAsync();

        await Expect(html).ToHaveClassAsync(HighContrast);
        await Expect(html).ToHaveClassAsync(LargeText);
        (await BodyBackgroundAsync(page)).ShouldBe("rgb(0, 0, 0)");
        (await RootFontSizeAsync(page)).ShouldBeGreaterThan(normalSize);
        (await ScrollWidthAsync(page)).ShouldBeLessThanOrEqualTo(PhoneWidth);

        await page.ScreenshotAsync(new PageScreenshotOptions
        {
            Path = Path.Combine(BrowserFixture.ArtifactsFolder, "home-360-high-contrast.png"),
            FullPage = true,
        });
    }

    [Fact]
    public async Task Contrast_button_works_without_javascript()
    {
        await using var context = await fixture.NewContextAsync(new BrowserNewContextOptions { JavaScriptEnabled = false });
        var page = await context.NewPageAsync();
        await page.GotoAsync("/units");
        var html = page.Locator("html");
        await Expect(html).Not.ToHaveClassAsync(HighContrast);

        await page.Locator("form[data-display='contrast'] button").ClickAsync();

        await Expect(html).ToHaveClassAsync(HighContrast);
        await Expect(page).ToHaveURLAsync(new Regex("/units$"));
        await Expect(page.Locator("form[data-display='contrast'] button")).ToHaveAttributeAsync("aria-pressed", "true");
        (await context.CookiesAsync()).ShouldContain(c => c.Name == "hocvuso.display" && c.Value == "md.hc");
    }

    private static Task<string> BodyBackgroundAsync(IPage page) =>
        page.EvaluateAsync<string>("() => getComputedStyle(document.body).backgroundColor");

    private static Task<double> RootFontSizeAsync(IPage page) =>
        page.EvaluateAsync<double>("() => parseFloat(getComputedStyle(document.documentElement).fontSize)");

    private static Task<int> ScrollWidthAsync(IPage page) =>
        page.EvaluateAsync<int>("() => document.documentElement.scrollWidth");
}
