using HocVuSo.BrowserTests.Infrastructure;

namespace HocVuSo.BrowserTests.Accessibility;

/// <summary>Key pages pass the axe-core rules (WCAG 2.1 AA among them) with nothing critical or serious.</summary>
[Collection(BrowserCollection.Name)]
public sealed class AccessibilityTests(BrowserFixture fixture)
{
    private static readonly string[] BlockingImpacts = ["critical", "serious"];

    [Theory]
    [InlineData("/", false)]
    [InlineData("/units/24445", false)]
    [InlineData("/", true)]
    [InlineData("/units/24445", true)]
    [InlineData("/learn", false)]
    [InlineData("/learn/lessons/1", false)]
    [InlineData("/learn/lessons/1", true)]
    public async Task Page_has_no_critical_or_serious_accessibility_violations(string path, bool highContrast)
    {
        await using var context = await fixture.NewContextAsync();
        if (highContrast)
        {
            await context.AddCookiesAsync([new Cookie { Name = "hocvuso.display", Value = "md.hc", Url = fixture.BaseUrl }]);
        }

        var page = await context.NewPageAsync();
        var response = await page.GotoAsync(path);
        response.ShouldNotBeNull().Status.ShouldBe(200);

        var blocking = (await Axe.AuditAsync(page)).Where(v => BlockingImpacts.Contains(v.Impact)).ToList();

        blocking.ShouldBeEmpty($"axe-core found on {path}{(highContrast ? " (high contrast)" : string.Empty)}:{Environment.NewLine}{string.Join(Environment.NewLine, blocking)}");
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Learning_pages_of_a_signed_in_learner_have_no_critical_or_serious_accessibility_violations(bool highContrast)
    {
        await using var context = await fixture.NewContextAsync();
        if (highContrast)
        {
            await context.AddCookiesAsync([new Cookie { Name = "hocvuso.display", Value = "md.hc", Url = fixture.BaseUrl }]);
        }

        var page = await context.NewPageAsync();
        await Learners.RegisterAsync(page, "Hoàng Thị Thu Trang");
        var found = new List<string>();
        await AuditAsync(page, "/learn", found);

        await page.Locator("#continue").ClickAsync();
        await Expect(page.Locator("article#lesson")).ToBeVisibleAsync();
        await AuditAsync(page, "a lesson", found);

        await Learners.StartModuleQuizAsync(page, "01-dien-thoai-internet");
        await AuditAsync(page, "a quiz attempt", found);

        await new AnswerKey(fixture.DatabasePath).AnswerAllAsync(page);
        await page.Locator("#quiz-form > button[type='submit']").ClickAsync();
        await Expect(page.Locator("#result")).ToBeVisibleAsync();
        await AuditAsync(page, "a quiz result", found);

        found.ShouldBeEmpty($"axe-core found{(highContrast ? " (high contrast)" : string.Empty)}:{Environment.NewLine}{string.Join(Environment.NewLine, found)}");
    }

    private static async Task AuditAsync(IPage page, string what, List<string> found) =>
        found.AddRange((await Axe.AuditAsync(page)).Where(v => BlockingImpacts.Contains(v.Impact)).Select(v => $"on {what}: {v}"));
}
