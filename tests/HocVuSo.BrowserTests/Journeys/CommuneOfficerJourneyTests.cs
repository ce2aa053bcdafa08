using System.Text.RegularExpressions;
using HocVuSo.BrowserTests.Infrastructure;

namespace HocVuSo.BrowserTests.Journeys;

/// <summary>A commune officer keeps the commune's list of villages; the public sees the change at once.</summary>
[Collection(BrowserCollection.Name)]
public sealed class CommuneOfficerJourneyTests(BrowserFixture fixture)
{
    [Fact]
    public async Task Commune_officer_adds_a_village_that_the_public_tree_then_shows()
    {
        var name = "Ea Kmăn " + Guid.NewGuid().ToString("N")[..8];
        var fullName = "Buôn " + name;

        await using (var officer = await fixture.NewContextAsync())
        {
            var page = await officer.NewPageAsync();
            await SignInAsync(page, "officer.eatrang");

            await page.GotoAsync("/units/24445");
            await page.Locator("a[href='/units/24445/villages/new']").ClickAsync();
            await Expect(page).ToHaveURLAsync(new Regex("/units/24445/villages/new$"));

            await page.Locator("select[name='Input.Kind']").SelectOptionAsync("buon");
            await page.Locator("input[name='Input.Name']").FillAsync(name);
            await page.Locator("main form button[type='submit']").ClickAsync();

            await Expect(page).ToHaveURLAsync(new Regex("/units/24445$"));
            await Expect(page.Locator("p.notice")).ToContainTextAsync(fullName);
            await Expect(page.Locator("#children li a", new() { HasText = fullName })).ToHaveCountAsync(1);
        }

        await using var visitor = await fixture.NewContextAsync();
        var publicPage = await visitor.NewPageAsync();
        await publicPage.GotoAsync("/units");
        await publicPage.Locator("#provinces a[href='/units/66']").ClickAsync();
        await Expect(publicPage).ToHaveURLAsync(new Regex("/units/66$"));
        await Expect(publicPage.Locator("h1")).ToContainTextAsync("Đắk Lắk");

        await publicPage.Locator("#children a[href='/units/24445']").ClickAsync();
        await Expect(publicPage).ToHaveURLAsync(new Regex("/units/24445$"));
        await Expect(publicPage.Locator("h1")).ToHaveTextAsync("Xã Ea Trang");
        var village = publicPage.Locator("#children li a", new() { HasText = fullName });
        await Expect(village).ToHaveCountAsync(1);
        (await village.GetAttributeAsync("href")).ShouldNotBeNull().ShouldMatch("^/units/24445-\\d{3}$");
    }

    private static async Task SignInAsync(IPage page, string userName)
    {
        await page.GotoAsync("/Account/Login");
        await page.Locator("input[name='Input.UserName']").FillAsync(userName);
        await page.Locator("input[name='Input.Password']").FillAsync(BrowserFixture.Password);
        await page.Locator("main form button[type='submit']").ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex("/units/24445/dashboard$"));
    }
}
