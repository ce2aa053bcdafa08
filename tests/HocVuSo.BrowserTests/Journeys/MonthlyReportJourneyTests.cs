using System.Globalization;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using HocVuSo.BrowserTests.Infrastructure;

namespace HocVuSo.BrowserTests.Journeys;

/// <summary>
/// March's report of Ea Trang through the web form: the commune officer fills and submits it, the
/// Đắk Lắk approver returns it with a comment, the officer fixes and resubmits, the approver
/// approves; the commune's PDF and the province's PDF and .xlsx then hold the figures entered, and
/// the commune's dashboard shows them against Ea Trang's targets, the reported number of adults
/// confirmed on VNeID next to the one the platform computes.
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
        await SignInAsync(officer, "officer.eatrang", new Regex("/units/24445/dashboard$"));
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
        await Expect(approver.Locator("#v-adults_vneid_confirmed")).ToHaveValueAsync("5.432");
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
        report.ShouldContain("tháng 3/2026");
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

        // The commune's dashboard for March: the approved figures against Ea Trang's targets, reported next to computed.
        // Approval marks the month for the roll-up worker, which picks reported figures up within seconds.
        var api = await IndicatorsAsync();
        var deadlineForRollup = DateTime.UtcNow.AddSeconds(30);
        while (api["adults_vneid_confirmed"].GetProperty("reported") is not { ValueKind: JsonValueKind.Number } reported || reported.GetDecimal() != 5432m)
        {
            DateTime.UtcNow.ShouldBeLessThan(deadlineForRollup, "the approved figures did not reach the dashboard: " + fixture.ServerOutput);
            await Task.Delay(250);
            api = await IndicatorsAsync();
        }

        var vneid = api["adults_vneid_confirmed"];
        var computed = vneid.GetProperty("computed").GetDecimal();
        await officer.GotoAsync($"/units/24445/dashboard?period={Period}&indicator=adults_vneid_confirmed");
        var row = officer.Locator("#indicator-table tr[data-code='adults_vneid_confirmed']");
        var figures = row.Locator("td");
        await Expect(figures.Nth(0)).ToContainTextAsync("5.432");
        await Expect(figures.Nth(1)).ToContainTextAsync(new Regex("^\\s*" + Regex.Escape(Thousands(computed)) + "(\\s|$)"));
        await Expect(figures.Nth(1).Locator(".diff")).ToHaveTextAsync("+" + Thousands(5432 - computed));
        vneid.GetProperty("target").GetDecimal().ShouldBe(80m);
        var deadline = DateOnly.Parse(vneid.GetProperty("targetDeadline").GetString()!, CultureInfo.InvariantCulture);
        deadline.ToString("dd/MM", CultureInfo.InvariantCulture).ShouldBe("30/11");
        await Expect(figures.Nth(4)).ToContainTextAsync("80% · " + deadline.ToString("dd/MM/yyyy", CultureInfo.InvariantCulture));
        var signature = officer.Locator("#indicator-table tr[data-code='adults_digital_signature'] td");
        await Expect(signature.Nth(0)).ToContainTextAsync("1.250");
        await Expect(signature.Nth(4)).ToContainTextAsync("30%");
        var posts = officer.Locator("#indicator-table tr[data-code='posts_per_month'] td");
        await Expect(posts.Nth(0)).ToContainTextAsync("15");
        await Expect(posts.Nth(4)).ToContainTextAsync("11");
        (await IndicatorsAsync())["adults_vneid_confirmed"].GetProperty("reported").GetDecimal().ShouldBe(5432m);
        (await IndicatorsAsync())["adults_vneid_confirmed"].GetProperty("computed").GetDecimal().ShouldBe(computed, "the computed figure changed while the page was read");
    }

    private static string Thousands(decimal value) => value.ToString("#,0", CultureInfo.GetCultureInfo("vi-VN"));

    /// <summary>Ea Trang's dashboard for March from the API, as the commune officer (bearer token), by indicator code.</summary>
    private async Task<Dictionary<string, JsonElement>> IndicatorsAsync()
    {
        using var http = new HttpClient { BaseAddress = new Uri(fixture.BaseUrl) };
        var token = await http.PostAsJsonAsync("/api/v1/auth/token", new { userName = "officer.eatrang", password = BrowserFixture.Password });
        token.EnsureSuccessStatusCode();
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", (await token.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("accessToken").GetString());
        var dashboard = await http.GetFromJsonAsync<JsonElement>($"/api/v1/reporting/dashboard?unit=24445&period={Period}");
        return dashboard.GetProperty("indicators").EnumerateArray().ToDictionary(i => i.GetProperty("code").GetString()!, i => i);
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
