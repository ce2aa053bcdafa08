using System.Collections.Concurrent;
using System.Text.RegularExpressions;
using HocVuSo.BrowserTests.Infrastructure;

namespace HocVuSo.BrowserTests.Journeys;

/// <summary>Pages get their styles, script and fonts from the platform itself (no CDN), with nothing missing.</summary>
[Collection(BrowserCollection.Name)]
public sealed class StaticAssetsTests(BrowserFixture fixture)
{
    [Fact]
    public async Task Home_page_loads_its_stylesheet_script_and_fonts_from_the_platform()
    {
        await using var context = await fixture.NewContextAsync();
        var page = await context.NewPageAsync();
        var loaded = new ConcurrentQueue<string>();
        var failed = new ConcurrentQueue<string>();
        page.Response += (_, response) => (response.Status < 400 ? loaded : failed).Enqueue($"{response.Status} {response.Url}");
        page.RequestFailed += (_, request) => failed.Enqueue($"{request.Failure} {request.Url}");

        await page.GotoAsync("/");
        var fonts = await page.EvaluateAsync<string[]>(
            "async () => { await document.fonts.ready; return [...document.fonts].filter(f => f.family.includes('Be Vietnam Pro')).map(f => f.status); }");

        failed.ShouldBeEmpty();
        // Own assets may carry a content fingerprint in their name (site.h3kj6ez234.css).
        loaded.ShouldContain(r => Regex.IsMatch(r, @"/css/site(\.\w+)?\.css"), string.Join(", ", loaded));
        loaded.ShouldContain(r => Regex.IsMatch(r, @"/js/display(\.\w+)?\.js"), string.Join(", ", loaded));
        loaded.ShouldContain(r => r.Contains("/lib/fonts/be-vietnam-pro-vietnamese-400-normal.woff2", StringComparison.Ordinal));
        loaded.ShouldAllBe(r => r.Contains(fixture.BaseUrl, StringComparison.Ordinal));
        fonts.ShouldContain("loaded");
        fonts.ShouldNotContain("error");
    }
}
