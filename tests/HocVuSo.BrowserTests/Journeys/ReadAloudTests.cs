using System.Collections.Concurrent;
using HocVuSo.BrowserTests.Infrastructure;

namespace HocVuSo.BrowserTests.Journeys;

/// <summary>
/// Learners who read with difficulty have the lesson read aloud by the phone's own voice; where the
/// phone has no voice, they are told so instead of nothing happening.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class ReadAloudTests(BrowserFixture fixture)
{
    [Fact]
    public async Task Read_aloud_button_starts_speech_or_explains_why_it_cannot()
    {
        await using var context = await fixture.NewContextAsync();
        var page = await context.NewPageAsync();
        var errors = new ConcurrentQueue<string>();
        page.PageError += (_, error) => errors.Enqueue(error);

        await page.GotoAsync("/learn/lessons/1");
        var button = page.Locator("#read-aloud");
        await Expect(button).ToBeVisibleAsync();
        var startLabel = await button.GetAttributeAsync("data-start");
        var stopLabel = await button.GetAttributeAsync("data-stop");
        startLabel.ShouldNotBeNullOrWhiteSpace();
        stopLabel.ShouldNotBeNullOrWhiteSpace();
        await Expect(button).ToHaveTextAsync(startLabel);

        await button.ClickAsync();

        // Headless Chromium usually has no voice: either speech started or the learner reads why not.
        await page.WaitForFunctionAsync(
            "([stop]) => document.getElementById('read-aloud').textContent === stop || document.getElementById('read-aloud-message').textContent.trim() !== ''",
            new object[] { stopLabel });
        var speaking = await button.TextContentAsync() == stopLabel;
        if (speaking)
        {
            await button.ClickAsync();
            await Expect(button).ToHaveTextAsync(startLabel);
        }

        errors.ShouldBeEmpty();
    }
}
