using System.Globalization;
using System.Text.RegularExpressions;
using HocVuSo.BrowserTests.Infrastructure;

namespace HocVuSo.BrowserTests.Journeys;

/// <summary>
/// Issue 16's "done when", through the pages with the background roll-up on: Buôn Ea Trang's village
/// head (the demo's team member there) nominates the village as "Thôn/Buôn số tiêu biểu" and sees its
/// figures filled from the records; three council members score it and the village head, who sits
/// on the council, is refused for conflict of interest; the commune ends the appraisal and issues the
/// decision; the certificate of merit's PDF carries the serial and its QR link, which verifies as
/// valid; the commune dashboard's "exemplary digital villages" rises by one.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed partial class AwardsJourneyTests(BrowserFixture fixture)
{
    private static readonly TimeSpan RollupWait = TimeSpan.FromSeconds(90);

    [Fact]
    public async Task A_village_is_nominated_appraised_and_recognised_and_the_dashboard_counts_it()
    {
        var baseUrl = await fixture.StartSandboxPlatformAsync();
        var today = DateOnly.FromDateTime(TimeZoneInfo.ConvertTimeFromUtc(DateTime.UtcNow, TimeZoneInfo.FindSystemTimeZoneById("Asia/Ho_Chi_Minh")));
        var monthKey = today.ToString("yyyy-MM", CultureInfo.InvariantCulture);

        await using var officerContext = await fixture.NewContextAsync(new BrowserNewContextOptions { BaseURL = baseUrl, AcceptDownloads = true });
        var officer = await officerContext.NewPageAsync();
        await SignInAsync(officer, "officer.eatrang");
        var before = await ExemplaryVillagesAsync(officer, monthKey);
        await officer.GotoAsync("/units/24445/awards");
        var schemeHref = await officer.Locator("#award-schemes a", new() { HasText = "Thôn/Buôn số tiêu biểu" }).GetAttributeAsync("href");
        schemeHref.ShouldNotBeNull();

        // The village head nominates Buôn Ea Trang; the figures come from the records.
        await using var headContext = await fixture.NewContextAsync(new BrowserNewContextOptions { BaseURL = baseUrl });
        var head = await headContext.NewPageAsync();
        await SignInAsync(head, "team.eatrang");
        await head.GotoAsync(schemeHref!);
        await head.Locator("#kind").SelectOptionAsync("village");
        await head.Locator("#unit").SelectOptionAsync("24445-001");
        await head.Locator("#story").FillAsync("Buôn tổ chức học kỹ năng số mỗi tối thứ Bảy (kiểm thử).");
        await head.Locator("#evidenceText").FillAsync("Biên bản họp buôn (kiểm thử)");
        await head.Locator("#nominate-form button[type='submit']").ClickAsync();
        await Expect(head).ToHaveURLAsync(new Regex("/units/24445/awards/nominations/[0-9]+$"));
        var nominationUrl = new Uri(head.Url).AbsolutePath;
        await Expect(head.Locator("#nomination-state")).ToHaveAttributeAsync("data-state", "submitted");
        await Expect(head.Locator("#figures tr[data-metric='village-guidance-sessions'] .frozen")).ToHaveTextAsync(new Regex("^[0-9]"));
        await Expect(head.Locator("#figures tr[data-metric='village-vneid-share'] .frozen")).ToHaveTextAsync(new Regex("%"));

        // The village head sits on the council: refused for conflict of interest.
        await ScoreAsync(head, 9);
        await Expect(head.Locator("#errors")).ToContainTextAsync("xung đột lợi ích");

        await officer.GotoAsync(nominationUrl);
        await ScoreAsync(officer, 9);
        await Expect(officer.Locator("#saved")).ToBeVisibleAsync();

        await using var memberContext = await fixture.NewContextAsync(new BrowserNewContextOptions { BaseURL = baseUrl });
        var member = await memberContext.NewPageAsync();
        await SignInAsync(member, "vhxh.eatrang");
        await member.GotoAsync(nominationUrl);
        await ScoreAsync(member, 8);
        await Expect(member.Locator("#saved")).ToBeVisibleAsync();

        // The commune ends the appraisal and issues the decision.
        await officer.GotoAsync(schemeHref!);
        await officer.Locator("#end-appraisal-form button").ClickAsync();
        await Expect(officer.Locator("#appraisal-state")).ToHaveTextAsync("Đã kết thúc");
        await officer.GotoAsync(nominationUrl);
        await Expect(officer.Locator("#nomination-state")).ToHaveAttributeAsync("data-state", "recommended");
        await officer.GotoAsync("/units/24445/awards");
        await officer.Locator("#number").FillAsync("12/QĐ-UBND (kiểm thử)");
        await officer.Locator("#signer").FillAsync("Chủ tịch UBND xã (kiểm thử)");
        await officer.Locator("#decision-form button[type='submit']").ClickAsync();
        var decision = officer.Locator(".card[id^='decision-']", new() { HasText = "12/QĐ-UBND (kiểm thử)" });
        await Expect(decision).ToBeVisibleAsync();
        var item = decision.Locator(".decision-item", new() { HasText = "Buôn Ea Trang" });
        var serial = await item.GetAttributeAsync("data-serial");
        serial.ShouldNotBeNull();

        // The certificate of merit: its PDF carries the serial and the link its QR code encodes, which verifies.
        var download = await officer.RunAndWaitForDownloadAsync(() => item.Locator(".merit-pdf").ClickAsync());
        (await download.FailureAsync()).ShouldBeNull();
        var pdf = Path.Combine(BrowserFixture.ArtifactsFolder, "giay-khen-" + serial + ".pdf");
        await download.SaveAsAsync(pdf);
        var text = await Documents.PdfTextAsync(pdf);
        text.ShouldContain("GIẤY KHEN");
        text.ShouldContain(serial!);
        text.ShouldContain("Buôn Ea Trang");
        var link = VerifyLink().Match(text);
        link.Success.ShouldBeTrue(text);
        await using var publicContext = await fixture.NewContextAsync(new BrowserNewContextOptions { BaseURL = baseUrl });
        var visitor = await publicContext.NewPageAsync();
        await visitor.GotoAsync(link.Value);
        await Expect(visitor.Locator("#verify-result")).ToHaveAttributeAsync("data-status", "valid");
        await Expect(visitor.Locator("#verify-recipient")).ToHaveTextAsync("Buôn Ea Trang");

        // The public honours page lists it; the dashboard's computed figure rises by one once rolled up.
        await visitor.GotoAsync("/honours/24445");
        await Expect(visitor.Locator("#recognitions .recognition[data-model='exemplary-digital-village']", new() { HasText = "Buôn Ea Trang" })).ToBeVisibleAsync();
        var deadline = DateTime.UtcNow + RollupWait;
        var after = before;
        while (after != before + 1 && DateTime.UtcNow < deadline)
        {
            await Task.Delay(TimeSpan.FromSeconds(2));
            after = await ExemplaryVillagesAsync(officer, monthKey);
        }

        after.ShouldBe(before + 1);
    }

    private static async Task ScoreAsync(IPage page, int score)
    {
        foreach (var input in await page.Locator("#score-form input[type='number']").AllAsync())
        {
            await input.FillAsync(score.ToString(CultureInfo.InvariantCulture));
        }

        await page.Locator("#vote").SelectOptionAsync("for");
        await page.Locator("#score-form button[type='submit']").ClickAsync();
    }

    /// <summary>The computed figure of "exemplary digital villages" on the commune dashboard for the month (0 when none).</summary>
    private static async Task<int> ExemplaryVillagesAsync(IPage page, string monthKey)
    {
        await page.GotoAsync($"/units/24445/dashboard?period={monthKey}&indicator=exemplary_villages");
        var computed = (await page.Locator("#indicator-table tr[data-code='exemplary_villages'] td").Nth(1).InnerTextAsync()).Trim();
        var digits = LeadingNumber().Match(computed);
        return digits.Success ? int.Parse(digits.Value, CultureInfo.InvariantCulture) : 0;
    }

    private static async Task SignInAsync(IPage page, string userName)
    {
        await page.GotoAsync("/Account/Login");
        await page.Locator("input[name='Input.UserName']").FillAsync(userName);
        await page.Locator("input[name='Input.Password']").FillAsync(BrowserFixture.Password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Đăng nhập", Exact = true }).ClickAsync();
        await Expect(page).Not.ToHaveURLAsync(new Regex("/Account/Login"));
    }

    [GeneratedRegex(@"^[0-9]+")]
    private static partial Regex LeadingNumber();

    [GeneratedRegex(@"https?://\S+/honours/verify/\S+")]
    private static partial Regex VerifyLink();
}
