using System.Text.RegularExpressions;
using HocVuSo.BrowserTests.Infrastructure;

namespace HocVuSo.BrowserTests.Journeys;

/// <summary>Anyone finds a commune by typing its name the way people type on a phone: without diacritics.</summary>
[Collection(BrowserCollection.Name)]
public sealed class UnitSearchTests(BrowserFixture fixture)
{
    [Fact]
    public async Task Searching_without_diacritics_finds_the_commune_first()
    {
        await using var context = await fixture.NewContextAsync();
        var page = await context.NewPageAsync();
        await page.GotoAsync("/units");

        await page.Locator("main form[role='search'] input[name='q']").FillAsync("ea trang");
        await page.Locator("main form[role='search'] button[type='submit']").ClickAsync();

        await Expect(page).ToHaveURLAsync(new Regex(@"/units\?q=ea(\+|%20)trang$"));
        var first = page.Locator("#search-results li a").First;
        await Expect(first).ToHaveTextAsync("Xã Ea Trang");
        await Expect(first).ToHaveAttributeAsync("href", "/units/24445");
    }
}
