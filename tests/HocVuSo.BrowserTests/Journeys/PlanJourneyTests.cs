using System.Globalization;
using System.Text.RegularExpressions;
using HocVuSo.BrowserTests.Infrastructure;

namespace HocVuSo.BrowserTests.Journeys;

/// <summary>
/// The commune's plan as its working document: an Ea Trang officer sees task 3's "at least 5
/// classes" move when a class is held, records an update with evidence for task 1.3; the province
/// officer sees Ea Trang's late tasks.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class PlanJourneyTests(BrowserFixture fixture)
{
    private const string PlanPage = "/units/24445/plans?year=2026";

    [Fact]
    public async Task Commune_officer_sees_a_held_class_move_task_3_and_records_an_update_for_task_1_3()
    {
        await using var officer = await fixture.NewContextAsync();
        var page = await officer.NewPageAsync();
        await SignInAsync(page, "officer.eatrang", "/units/24445/dashboard");

        await page.GotoAsync(PlanPage);
        await Expect(page.Locator("h1")).ToContainTextAsync("2026");
        var classes = page.Locator("li.plan-task[data-number='3'] .plan-targets li[data-indicator='classes_held']");
        await Expect(classes).ToContainTextAsync("Tổ chức ít nhất 5 lớp học.");
        var before = Held(await classes.Locator(".progress").InnerTextAsync());

        // A class is held: scheduled on the classes page and someone marked present.
        var title = "Lớp kỹ năng số " + Guid.NewGuid().ToString("N")[..8];
        await page.GotoAsync("/units/24445/classes");
        await page.Locator("#title").FillAsync(title);
        await page.Locator("form[action*='handler=Schedule'] button[type='submit']").ClickAsync();
        var held = page.Locator("#classes li.card", new() { HasText = title });
        await Expect(held).ToHaveCountAsync(1);
        await held.Locator("input[name='name']").FillAsync("H'Lan Niê");
        await held.Locator("button[type='submit']").ClickAsync();
        await Expect(page.Locator("#classes li.card", new() { HasText = title })).ToContainTextAsync("H'Lan Niê");

        await page.GotoAsync(PlanPage);
        await Expect(classes.Locator(".progress")).ToHaveTextAsync($"đạt {before + 1}/5");

        // An update with an evidence link for task 1.3, through the page's form.
        var task = page.Locator("li.plan-task[data-number='1.3']");
        var text = "Đã phát tài liệu tại các thôn, buôn " + Guid.NewGuid().ToString("N")[..8];
        var evidence = "https://eatrang.daklak.gov.vn/tin-tuc/" + Guid.NewGuid().ToString("N")[..8];
        await task.Locator("details.plan-update-form summary").ClickAsync();
        await task.Locator("textarea[name='text']").FillAsync(text);
        await task.Locator("input[name='evidenceUrl']").FillAsync(evidence);
        await task.Locator("details.plan-update-form button[type='submit']").ClickAsync();

        await Expect(page.Locator("#update-saved")).ToContainTextAsync("1.3");
        var saved = page.Locator("li.plan-task[data-number='1.3']");
        await saved.Locator(".plan-updates").Locator("xpath=ancestor::details[1]/summary").ClickAsync();
        var listed = saved.Locator(".plan-updates li", new() { HasText = text });
        await Expect(listed).ToHaveCountAsync(1);
        await Expect(listed.Locator("a")).ToHaveAttributeAsync("href", evidence);
    }

    [Fact]
    public async Task Province_officer_sees_Ea_Trang_late_tasks()
    {
        await using var province = await fixture.NewContextAsync();
        var page = await province.NewPageAsync();
        await SignInAsync(page, "officer.daklak", "/units/66/dashboard");

        await page.GotoAsync("/units/66/plans?year=2026");
        await Expect(page.Locator("#plan h2")).ToContainTextAsync("76/KH-UBND");
        var eaTrang = page.Locator("#late-tasks [data-unit='24445']");
        await Expect(eaTrang.Locator("h3")).ToContainTextAsync("Ea Trang");
        await Expect(eaTrang.Locator("li", new() { HasText = "1.3. Tuyên truyền tài liệu" })).ToHaveCountAsync(1);
        await eaTrang.Locator("h3 a").ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex("/units/24445/plans\\?year=2026$"));
        await Expect(page.Locator("#state-late")).ToBeVisibleAsync();
    }

    /// <summary>The classes held out of "đạt N/5".</summary>
    private static int Held(string progress)
    {
        var match = Regex.Match(progress, @"đạt (\d+)/5");
        match.Success.ShouldBeTrue(progress);
        return int.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture);
    }

    private static async Task SignInAsync(IPage page, string userName, string landing)
    {
        await page.GotoAsync("/Account/Login");
        await page.Locator("input[name='Input.UserName']").FillAsync(userName);
        await page.Locator("input[name='Input.Password']").FillAsync(BrowserFixture.Password);
        await page.Locator("main form button[type='submit']").ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex(Regex.Escape(landing)));
    }
}
