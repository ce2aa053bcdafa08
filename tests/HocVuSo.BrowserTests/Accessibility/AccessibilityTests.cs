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
}
