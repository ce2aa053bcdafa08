using System.Collections.Concurrent;
using HocVuSo.BrowserTests.Infrastructure;

namespace HocVuSo.BrowserTests.Journeys;

/// <summary>
/// A lesson must open on a slow 3G connection: the page with its styles, scripts and fonts (images
/// and video aside) weighs at most 60 KB on the wire, on a first visit with nothing cached, counting
/// what the service worker downloads to keep the lesson for offline reading. The breakdown goes to
/// artifacts/lesson-page-weight.txt.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class PageWeightTests(BrowserFixture fixture)
{
    private const long Budget = 60 * 1024;

    private static readonly string[] Excluded = ["image", "media"];

    [Fact]
    public async Task Lesson_page_with_its_styles_scripts_and_fonts_weighs_at_most_60_KB()
    {
        await using var context = await fixture.NewContextAsync();
        var page = await context.NewPageAsync();
        // On the context, not the page: the service worker's own downloads count too.
        var responses = new ConcurrentQueue<IResponse>();
        context.Response += (_, response) => responses.Enqueue(response);

        await page.GotoAsync("/learn/lessons/1");
        await page.EvaluateAsync("() => document.fonts.ready.then(() => true)");
        await Expect(page.Locator("#offline-status")).ToBeVisibleAsync();

        var lines = new List<(string Type, long Bytes, string Url)>();
        foreach (var response in responses)
        {
            var request = response.Request;
            if (Excluded.Contains(request.ResourceType) || response.FromServiceWorker)
            {
                // What the service worker hands the page was counted when the worker downloaded it.
                continue;
            }

            await response.FinishedAsync();
            var sizes = await request.SizesAsync();
            lines.Add((request.ResourceType, Math.Max(0, sizes.ResponseBodySize), new Uri(request.Url).PathAndQuery));
        }

        var total = lines.Sum(l => l.Bytes);
        var report = $"{total:N0} bytes for /learn/lessons/1:{Environment.NewLine}" +
            string.Join(Environment.NewLine, lines.OrderByDescending(l => l.Bytes).Select(l => $"  {l.Bytes,7:N0}  {l.Type,-10} {l.Url}"));
        await File.WriteAllTextAsync(Path.Combine(BrowserFixture.ArtifactsFolder, "lesson-page-weight.txt"), report);

        lines.ShouldContain(l => l.Type == "document");
        lines.ShouldContain(l => l.Type == "stylesheet");
        lines.ShouldContain(l => l.Type == "script");
        lines.ShouldContain(l => l.Type == "font");
        total.ShouldBeLessThanOrEqualTo(Budget, report);
    }
}
