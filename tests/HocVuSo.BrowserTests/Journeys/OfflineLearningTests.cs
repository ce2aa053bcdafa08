using HocVuSo.BrowserTests.Infrastructure;

namespace HocVuSo.BrowserTests.Journeys;

/// <summary>
/// Learning where the signal drops: the home page and the course catalogue open with no network,
/// the learner's current module is kept without asking, any module can be downloaded whole
/// ("Tải để học không cần mạng"), and English pages are kept apart from Vietnamese ones.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class OfflineLearningTests(BrowserFixture fixture)
{
    private const string CultureCookie = ".AspNetCore.Culture";

    [Fact]
    public async Task Home_catalogue_and_the_current_modules_unopened_lesson_open_with_no_network()
    {
        await using var context = await fixture.NewContextAsync();
        var page = await context.NewPageAsync();
        await Learners.RegisterAsync(page, "Lê Thị Mai");
        await page.GotoAsync("/learn");
        var next = (await page.Locator("#continue").GetAttributeAsync("href")).ShouldNotBeNull();
        var current = page.Locator("li.module").Filter(new() { Has = page.Locator($".offline-mark[data-lesson='{next["/learn/lessons/".Length..]}']") });
        await Expect(current.Locator(".keep-module")).ToHaveAttributeAsync("data-state", "saved");
        await Expect(page.Locator("html")).ToHaveAttributeAsync("data-offline", "ready");
        var title = (await page.Locator("main h2").First.InnerTextAsync()).Trim();

        await context.SetOfflineAsync(true);
        try
        {
            (await page.GotoAsync("/")).ShouldNotBeNull().Ok.ShouldBeTrue();
            await Expect(page.Locator("main h1")).Not.ToBeEmptyAsync();
            (await page.GotoAsync("/learn")).ShouldNotBeNull().Ok.ShouldBeTrue();
            await Expect(page.Locator("main h2").First).ToHaveTextAsync(title);

            // The lesson the learner is to read next was never opened: it came with the module.
            (await page.GotoAsync(next)).ShouldNotBeNull().Ok.ShouldBeTrue();
            await Expect(page.Locator("#lesson-body")).Not.ToBeEmptyAsync();
            (await page.Locator("link[rel='stylesheet']").EvaluateAsync<bool>("l => l.sheet !== null && l.sheet.cssRules.length > 0")).ShouldBeTrue();
        }
        finally
        {
            await context.SetOfflineAsync(false);
        }
    }

    [Fact]
    public async Task A_module_downloaded_on_request_is_read_whole_with_no_network()
    {
        await using var context = await fixture.NewContextAsync();
        var page = await context.NewPageAsync();
        await page.GotoAsync("/learn");
        var module = page.Locator("li.module").Nth(1);
        var lessons = await module.Locator(".offline-mark").EvaluateAllAsync<string[]>("marks => marks.map(m => m.dataset.lesson)");
        lessons.ShouldNotBeEmpty();
        await Expect(module.Locator(".offline-mark").First).ToBeHiddenAsync();

        var button = module.Locator(".keep-module button");
        await Expect(button).ToHaveTextAsync("Tải để học không cần mạng");
        await button.ClickAsync();
        await Expect(module.Locator(".keep-module")).ToHaveAttributeAsync("data-state", "saved");
        await Expect(module.Locator(".keep-module [role='status']")).Not.ToBeEmptyAsync();
        foreach (var id in lessons)
        {
            await Expect(module.Locator($".offline-mark[data-lesson='{id}']")).ToBeVisibleAsync();
        }

        await context.SetOfflineAsync(true);
        try
        {
            foreach (var id in lessons)
            {
                (await page.GotoAsync($"/learn/lessons/{id}")).ShouldNotBeNull().Ok.ShouldBeTrue($"lesson {id} did not open with no network");
                await Expect(page.Locator("#lesson-body")).Not.ToBeEmptyAsync();
                // Its pictures came along too.
                var broken = await page.Locator("#lesson-body img").EvaluateAllAsync<int>("images => images.filter(i => !(i.complete && i.naturalWidth > 0)).length");
                broken.ShouldBe(0, $"lesson {id} shows pictures that were not kept");
            }

            // Installing the service worker kept the home page, never visited here.
            (await page.GotoAsync("/")).ShouldNotBeNull().Ok.ShouldBeTrue();
        }
        finally
        {
            await context.SetOfflineAsync(false);
        }
    }

    [Fact]
    public async Task English_pages_are_kept_apart_from_Vietnamese_ones()
    {
        await using var context = await fixture.NewContextAsync();
        var page = await context.NewPageAsync();
        await page.GotoAsync("/learn/lessons/1");
        await Expect(page.Locator("html")).ToHaveAttributeAsync("data-offline", "ready");
        await page.GotoAsync("/learn");
        await Expect(page.Locator("html")).ToHaveAttributeAsync("data-offline", "ready");
        var vietnamese = (await page.Locator("main h1").InnerTextAsync()).Trim();

        await page.Locator("form[action='/Settings?handler=Language'] button").ClickAsync();
        await Expect(page.Locator("html")).ToHaveAttributeAsync("lang", "en");
        await Expect(page.Locator("html")).ToHaveAttributeAsync("data-offline", "ready");
        var english = (await page.Locator("main h1").InnerTextAsync()).Trim();
        english.ShouldNotBe(vietnamese);
        await Expect(page.Locator("li.module .keep-module button").First).ToHaveTextAsync("Download to learn offline");
        var englishCookie = (await context.CookiesAsync()).Single(c => c.Name == CultureCookie);

        await context.SetOfflineAsync(true);
        try
        {
            (await page.GotoAsync("/learn")).ShouldNotBeNull().Ok.ShouldBeTrue();
            await Expect(page.Locator("html")).ToHaveAttributeAsync("lang", "en");
            await Expect(page.Locator("main h1")).ToHaveTextAsync(english);

            // The lesson was kept in Vietnamese only: in English there is no copy to show in its place.
            await Should.ThrowAsync<PlaywrightException>(() => page.GotoAsync("/learn/lessons/1"));

            // The failed navigation leaves the tab on Chromium's own error page, still loading: go on in a new tab.
            var next = await context.NewPageAsync();

            // Back to Vietnamese (the choice is a cookie): the Vietnamese copies, never the English ones.
            await context.AddCookiesAsync([new Cookie { Name = CultureCookie, Value = Uri.EscapeDataString("c=vi-VN|uic=vi-VN"), Url = fixture.BaseUrl }]);
            (await next.GotoAsync("/learn")).ShouldNotBeNull().Ok.ShouldBeTrue();
            await Expect(next.Locator("html")).ToHaveAttributeAsync("lang", "vi");
            await Expect(next.Locator("main h1")).ToHaveTextAsync(vietnamese);
            (await next.GotoAsync("/learn/lessons/1")).ShouldNotBeNull().Ok.ShouldBeTrue();
            await Expect(next.Locator("html")).ToHaveAttributeAsync("lang", "vi");

            await context.AddCookiesAsync([new Cookie { Name = CultureCookie, Value = englishCookie.Value, Url = fixture.BaseUrl }]);
            (await next.GotoAsync("/learn")).ShouldNotBeNull().Ok.ShouldBeTrue();
            await Expect(next.Locator("main h1")).ToHaveTextAsync(english);
        }
        finally
        {
            await context.SetOfflineAsync(false);
        }
    }
}
