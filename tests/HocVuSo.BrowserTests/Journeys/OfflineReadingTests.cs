using HocVuSo.BrowserTests.Infrastructure;

namespace HocVuSo.BrowserTests.Journeys;

/// <summary>
/// A lesson opened once stays on the device (service worker), so it can be read again where the
/// signal drops; the catalogue says which lessons those are.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class OfflineReadingTests(BrowserFixture fixture)
{
    private const int Lesson = 2;
    private const int NeverOpened = 3;

    [Fact]
    public async Task Lesson_opened_once_is_read_again_with_no_network_and_marked_in_the_catalogue()
    {
        await using var context = await fixture.NewContextAsync();
        var page = await context.NewPageAsync();
        await page.GotoAsync($"/learn/lessons/{Lesson}");
        var text = await page.Locator("#lesson-body").InnerTextAsync();
        text.ShouldNotBeNullOrWhiteSpace();

        // The page says it is saved only once it really is.
        await Expect(page.Locator("#offline-status")).ToBeVisibleAsync();
        await Expect(page.Locator("#offline-status")).Not.ToBeEmptyAsync();

        await context.SetOfflineAsync(true);
        try
        {
            var response = await page.ReloadAsync();
            response.ShouldNotBeNull().Ok.ShouldBeTrue();
            await Expect(page.Locator("#lesson-body")).ToHaveTextAsync(text.Trim());
            // The saved copy brings its styles along.
            (await page.Locator("link[rel='stylesheet']").EvaluateAsync<bool>("l => l.sheet !== null && l.sheet.cssRules.length > 0")).ShouldBeTrue();

            // The network is really off: a lesson never opened cannot load.
            var other = await context.NewPageAsync();
            await Should.ThrowAsync<PlaywrightException>(() => other.GotoAsync($"/learn/lessons/{NeverOpened}"));
            await other.CloseAsync();
        }
        finally
        {
            await context.SetOfflineAsync(false);
        }

        await page.GotoAsync("/learn");
        await Expect(page.Locator($".offline-mark[data-lesson='{Lesson}']")).ToBeVisibleAsync();
        await Expect(page.Locator($".offline-mark[data-lesson='{NeverOpened}']")).ToBeHiddenAsync();
    }
}
