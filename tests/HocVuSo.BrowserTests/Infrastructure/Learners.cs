using System.Globalization;
using System.Text.RegularExpressions;

namespace HocVuSo.BrowserTests.Infrastructure;

/// <summary>Signs a new learner up the way a citizen does: find the commune, pick the village, give a phone number.</summary>
public static class Learners
{
    /// <summary>Xã Ea Trang (Đắk Lắk), the demo commune, which has villages.</summary>
    public const string CommuneCode = "24445";

    /// <summary>Registers a learner with a fresh phone number through /Account/Register; the page ends signed in on /learn.</summary>
    /// <returns>The phone number, which is also the sign-in name.</returns>
    public static async Task<string> RegisterAsync(IPage page, string fullName)
    {
        var phone = "09" + Random.Shared.Next(0, 100_000_000).ToString("D8", CultureInfo.InvariantCulture);

        await page.GotoAsync("/Account/Register");
        await page.Locator("input#q").FillAsync("ea trang");
        await page.Locator("main form[role='search'] button[type='submit']").ClickAsync();
        await page.Locator($"#communes a[href='?commune={CommuneCode}']").ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex($@"/Account/Register\?commune={CommuneCode}$"));

        var village = page.Locator("select[name='Input.UnitCode']");
        var villages = await village.Locator("option").EvaluateAllAsync<string[]>("options => options.map(o => o.value)");
        villages.Length.ShouldBeGreaterThan(1, "the commune offers no village to choose");
        villages[0].ShouldBe(CommuneCode);
        await village.SelectOptionAsync(villages[1]);

        await page.Locator("input[name='Input.FullName']").FillAsync(fullName);
        await page.Locator("input[name='Input.PhoneOrEmail']").FillAsync(phone);
        await page.Locator("input[name='Input.Password']").FillAsync(BrowserFixture.Password);
        await page.Locator("#consent-learning").CheckAsync();
        await page.Locator("main form[method='post'] button[type='submit']").ClickAsync();

        await Expect(page).ToHaveURLAsync(new Regex("/learn$"));
        return phone;
    }

    /// <summary>Marks each lesson of a module not yet done as done, in order, the way a learner does; the earlier modules' lessons must be done.</summary>
    public static async Task CompleteLessonsAsync(IPage page, string moduleSlug)
    {
        await page.GotoAsync("/learn");
        var open = page.Locator($"li#module-{moduleSlug} ol.lessons > li:not(.done) a");
        while (await open.CountAsync() > 0)
        {
            await open.First.ClickAsync();
            await page.Locator("nav.lesson-nav form[method='post'] button[type='submit']").ClickAsync();
            await page.GotoAsync("/learn");
        }

        await Expect(page.Locator($"li#module-{moduleSlug} ol.lessons > li:not(.done)")).ToHaveCountAsync(0);
    }

    /// <summary>Learns the whole course in order: each module's lessons, then its test passed with <paramref name="key"/>; the final test opens.</summary>
    public static async Task CompleteModulesAsync(IPage page, AnswerKey key)
    {
        await page.GotoAsync("/learn");
        var modules = await page.Locator("section#course-ky-nang-so-co-ban li.module").EvaluateAllAsync<string[]>("items => items.map(i => i.id.slice('module-'.length))");
        foreach (var slug in modules)
        {
            await StartModuleQuizAsync(page, slug);
            await key.AnswerAllAsync(page);
            await page.Locator("#quiz-form > button[type='submit']").ClickAsync();
            await Expect(page.Locator("#result")).ToHaveClassAsync(new Regex(@"(^|\s)passed(\s|$)"));
        }
    }

    /// <summary>Does the module's lessons (the quiz opens after them), opens its test and starts an attempt; the page ends on the attempt's form.</summary>
    public static async Task StartModuleQuizAsync(IPage page, string moduleSlug)
    {
        await CompleteLessonsAsync(page, moduleSlug);
        await page.GotoAsync("/learn");
        await page.Locator($"li#module-{moduleSlug} a[href^='/learn/quizzes/']").ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex(@"/learn/quizzes/\d+$"));
        await page.Locator("main form[method='post'] button[type='submit']").ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex(@"/learn/attempts/[0-9a-f-]{36}$"));
        await Expect(page.Locator("#quiz-form fieldset.question").First).ToBeVisibleAsync();
    }
}
