using System.Text.RegularExpressions;
using HocVuSo.BrowserTests.Infrastructure;

namespace HocVuSo.BrowserTests.Journeys;

/// <summary>
/// March's report of Ea Trang through the web form: the commune officer fills and submits it, the
/// Đắk Lắk approver returns it with a comment, the officer fixes and resubmits, the approver
/// approves; the commune's PDF and the province's PDF and .xlsx then hold the figures entered.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class MonthlyReportJourneyTests(BrowserFixture fixture)
{
    // The demo seeds reports for the four months before today; March of the demo year is left empty.
    private const string Period = "2026-03";
    private const string ReportUrl = "/units/24445/reports/" + Period;

    [Fact]
    public async Task March_report_is_filled_returned_fixed_approved_and_exported()
    {
        await using var officerContext = await fixture.NewContextAsync();
        var officer = await officerContext.NewPageAsync();
        await SignInAsync(officer, "officer.eatrang", new Regex("/staff$"));
        await officer.GotoAsync(ReportUrl);
        await Expect(officer.Locator("#report-status")).ToContainTextAsync("Bản nháp");
        await ShouldBeAccessibleAsync(officer, "the draft report with its upload form");
        await officer.Locator("#v-adults_vneid_confirmed").FillAsync("5432");
        await officer.Locator("#v-adults_digital_signature").FillAsync("1250");
        await officer.Locator("#v-posts_per_month").FillAsync("12");
        await officer.Locator("#v-visual_propaganda").FillAsync("4");
        await officer.Locator("#c-adults_vneid_confirmed").FillAsync("Theo danh sách Công an xã");
        await officer.Locator("button[formaction*='Submit']").ClickAsync();
        await Expect(officer.Locator("#report-status")).ToContainTextAsync("Đã nộp");

        await using var approverContext = await fixture.NewContextAsync();
        var approver = await approverContext.NewPageAsync();
        await SignInWithAuthenticatorAsync(approver, "approver.daklak");
        await approver.GotoAsync(ReportUrl);
        await Expect(approver.Locator("#v-adults_vneid_confirmed")).ToHaveValueAsync("5432");
        await approver.Locator("#comment").FillAsync("Số tin bài chưa khớp với trang thông tin điện tử của xã.");
        await approver.GetByRole(AriaRole.Button, new() { Name = "Trả lại" }).ClickAsync();
        await Expect(approver.Locator("#report-status")).ToContainTextAsync("Bị trả lại");

        await officer.GotoAsync(ReportUrl);
        await Expect(officer.Locator("#report-status")).ToContainTextAsync("Số tin bài chưa khớp");
        await officer.Locator("#v-posts_per_month").FillAsync("15");
        await officer.Locator("#c-posts_per_month").FillAsync("Đã đối chiếu với trang thông tin điện tử");
        await officer.Locator("button[formaction*='Submit']").ClickAsync();
        await Expect(officer.Locator("#report-status")).ToContainTextAsync("Đã nộp");

        await approver.GotoAsync(ReportUrl);
        await approver.GetByRole(AriaRole.Button, new() { Name = "Phê duyệt" }).ClickAsync();
        await Expect(approver.Locator("#report-status")).ToContainTextAsync("Đã duyệt");
        await ShouldBeAccessibleAsync(approver, "the approved report with its exports");

        var report = await Documents.PdfTextAsync(await DownloadAsync(approver, "#export-pdf"));
        report.ShouldContain("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM");
        report.ShouldContain("ỦY BAN NHÂN DÂN XÃ EA TRANG");
        report.ShouldContain("tháng 03/2026");
        report.ShouldContain("Đã duyệt");
        report.ShouldContain("5.432");
        report.ShouldContain("1.250");
        report.ShouldContain("Đã đối chiếu"); // the comment wraps inside its cell

        var summary = await Documents.PdfTextAsync(await DownloadAsync(approver, "#export-summary-pdf"));
        summary.ShouldContain("BÁO CÁO TỔNG HỢP");
        summary.ShouldContain("Xã Ea Trang");
        summary.ShouldContain("5.432");
        summary.ShouldContain("1.250");
        var cells = Documents.XlsxCells(await DownloadAsync(approver, "#export-summary-xlsx"));
        cells.ShouldContain("Xã Ea Trang");
        cells.ShouldContain("5432");
        cells.ShouldContain("1250");
        cells.ShouldContain("15");
    }

    private static async Task ShouldBeAccessibleAsync(IPage page, string what)
    {
        var blocking = (await Axe.AuditAsync(page)).Where(v => v.Impact is "critical" or "serious").ToList();
        blocking.ShouldBeEmpty($"axe-core found on {what}:{Environment.NewLine}{string.Join(Environment.NewLine, blocking)}");
    }

    private static async Task<string> DownloadAsync(IPage page, string link)
    {
        var download = await page.RunAndWaitForDownloadAsync(() => page.Locator(link).ClickAsync());
        (await download.FailureAsync()).ShouldBeNull();
        var path = Path.Combine(BrowserFixture.ArtifactsFolder, download.SuggestedFilename);
        await download.SaveAsAsync(path);
        return path;
    }

    private static async Task SignInAsync(IPage page, string userName, Regex landing)
    {
        await page.GotoAsync("/Account/Login");
        await page.Locator("input[name='Input.UserName']").FillAsync(userName);
        await page.Locator("input[name='Input.Password']").FillAsync(BrowserFixture.Password);
        await page.Locator("main form button[type='submit']").ClickAsync();
        await Expect(page).ToHaveURLAsync(landing);
    }

    /// <summary>Approvers must use two-factor sign-in: the first time, the platform asks them to enrol an authenticator app.</summary>
    private static async Task SignInWithAuthenticatorAsync(IPage page, string userName)
    {
        await SignInAsync(page, userName, new Regex("/Account/EnableAuthenticator"));
        var key = await page.Locator("#shared-key").InnerTextAsync();
        await page.Locator("input[name='Code']").FillAsync(Authenticator.Code(key, DateTimeOffset.UtcNow));
        await page.Locator("main form button[type='submit']").ClickAsync();
        await Expect(page).Not.ToHaveURLAsync(new Regex("/Account/EnableAuthenticator"));
    }
}
