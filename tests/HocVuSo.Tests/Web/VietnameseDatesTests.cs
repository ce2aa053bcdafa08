using System.Net;
using HocVuSo.Core.Common;
using HocVuSo.Tests.Infrastructure;

namespace HocVuSo.Tests.Web;

/// <summary>Months read "tháng 3/2026" and days dd/MM/yyyy on every page, and the pickers take them in that form whatever the browser's language.</summary>
public class VietnameseDatesTests
{
    [Theory]
    [InlineData("2026-12", "12/2026")]
    [InlineData("2026-03", "3/2026")]
    [InlineData("rubbish", "rubbish")]
    public void MonthAndYear_ReadsThePeriodOfTheAddress(string period, string shown) =>
        VietnameseFormat.MonthAndYear(period).ShouldBe(shown);

    [Theory]
    [InlineData("12/2026", 2026, 12)]
    [InlineData("3/2026", 2026, 3)]
    [InlineData(" 03-2026 ", 2026, 3)]
    [InlineData("2026-03", 2026, 3)]
    public void TryParseMonth_ReadsMonthsAsPeopleTypeThem(string typed, int year, int month)
    {
        VietnameseFormat.TryParseMonth(typed, out var period).ShouldBeTrue();
        period.ShouldBe(new DateOnly(year, month, 1));
    }

    [Theory]
    [InlineData("13/2026")]
    [InlineData("12/26")]
    [InlineData("tháng mười")]
    public void TryParseMonth_RefusesWhatIsNotAMonth(string typed) => VietnameseFormat.TryParseMonth(typed, out _).ShouldBeFalse();

    [Fact]
    public async Task Dashboard_ShowsTheMonthTheVietnameseWay_InAPickerThatIsNotTheBrowsers()
    {
        var client = await SignedInOfficerAsync();

        var page = await client.GetPageAsync("/units/24445/dashboard?period=2026-03");

        var heading = page.QuerySelector("main h1")!.TextContent;
        heading.ShouldContain("tháng 3/2026");
        heading.ShouldNotContain("2026-03");
        var picker = page.QuerySelector("input#period")!;
        picker.GetAttribute("type").ShouldBe("text");
        picker.GetAttribute("value").ShouldBe("3/2026");
        page.QuerySelector("#period-hint")!.TextContent.ShouldContain("12/2026");
        page.QuerySelectorAll("input[type='month'], input[type='date']").Length.ShouldBe(0);
    }

    [Fact]
    public async Task MonthPicker_SubmitsAsTyped_AndTheAddressKeepsItsPeriodForm()
    {
        var client = await SignedInOfficerAsync();

        var typed = await client.GetAsync("/units/24445/dashboard?period=" + Uri.EscapeDataString("11/2026") + "&indicator=adults_vneid_confirmed");

        typed.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var location = typed.Headers.Location!.OriginalString;
        location.ShouldContain("period=2026-11");
        var page = await client.GetPageAsync(location);
        page.QuerySelector("main h1")!.TextContent.ShouldContain("tháng 11/2026");
        page.QuerySelector("input#period")!.GetAttribute("value").ShouldBe("11/2026");
    }

    [Fact]
    public async Task MonthPicker_WithAMonthThatCannotBeRead_SaysSoInVietnamese()
    {
        var client = await SignedInOfficerAsync();

        var page = await client.GetPageAsync("/units/24445/dashboard?period=" + Uri.EscapeDataString("13/2026"));

        page.QuerySelector("#period-error")!.TextContent.ShouldBe("Tháng «13/2026» không đọc được: hãy nhập tháng/năm, ví dụ 12/2026.");
        page.QuerySelector("input#period")!.GetAttribute("aria-invalid").ShouldBe("true");
    }

    [Fact]
    public async Task ReportPages_NameTheirMonthTheVietnameseWay()
    {
        var client = await SignedInOfficerAsync();

        var report = await client.GetPageAsync("/units/24445/reports/2026-03");
        var history = await client.GetPageAsync("/units/24445/reports/2026-03/history");

        report.QuerySelector("main h1")!.TextContent.ShouldContain("tháng 3/2026");
        history.QuerySelector("main h1")!.TextContent.ShouldContain("tháng 3/2026");
        report.QuerySelector("main")!.TextContent.ShouldNotContain("tháng 2026-03");
    }

    [Fact]
    public async Task ClassDate_IsTypedDayMonthYear_AndRoundTrips()
    {
        var client = await SignedInOfficerAsync();
        var form = await client.GetPageAsync("/units/24445/classes");
        form.QuerySelector("input#date")!.GetAttribute("type").ShouldBe("text");
        form.QuerySelector("input#date")!.GetAttribute("value")!.ShouldMatch(@"^\d{2}/\d{2}/\d{4}$");
        var title = "Lớp ngày " + Guid.NewGuid().ToString("N")[..6];

        var wrong = await client.SubmitFormAsync("/units/24445/classes", new Dictionary<string, string> { ["title"] = title, ["topic"] = "install-vneid", ["date"] = "31/02/2026", ["capacity"] = "20" }, actionContains: "Schedule");
        var saved = await client.SubmitFormAsync("/units/24445/classes", new Dictionary<string, string> { ["title"] = title, ["topic"] = "install-vneid", ["date"] = "05/03/2026", ["capacity"] = "20" }, actionContains: "Schedule");

        wrong.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await wrong.ParseAsync()).QuerySelector("main")!.TextContent.ShouldContain("Ngày «31/02/2026» không đọc được");
        saved.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var list = await client.GetPageAsync("/units/24445/classes");
        list.QuerySelector("main")!.TextContent.ShouldContain("05/03/2026 · ");
    }

    private static async Task<HttpClient> SignedInOfficerAsync()
    {
        var app = await TestApp.GetAsync("Sqlite");
        var client = app.CreateClient();
        (await client.SubmitFormAsync("/Account/Login", new Dictionary<string, string> { ["Input.UserName"] = "officer.eatrang", ["Input.Password"] = TestApp.Password }))
            .StatusCode.ShouldBe(HttpStatusCode.Redirect);
        return client;
    }
}

/// <summary>Figures read 1.234 in forms and exports, and what a form shows is what it saves again.</summary>
public class VietnameseNumbersTests
{
    [Fact]
    public void Exports_WriteDaysAsDayMonthYear()
    {
        var table = new HocVuSo.Web.Exports.ExportTable("t", ["ngày"], [[new DateOnly(2026, 3, 5)]]);

        var csv = System.Text.Encoding.UTF8.GetString(HocVuSo.Web.Exports.TableExport.ToCsv(table));

        csv.ShouldContain("05/03/2026");
        csv.ShouldNotContain("03/05/2026");
    }

    [Fact]
    public async Task ReportForm_ShowsFiguresWithThousandsDots_AndSavingItAgainKeepsThem()
    {
        var app = await TestApp.GetAsync("Sqlite");
        var client = app.CreateClient();
        (await client.SubmitFormAsync("/Account/Login", new Dictionary<string, string> { ["Input.UserName"] = "officer.eatrang", ["Input.Password"] = TestApp.Password }))
            .StatusCode.ShouldBe(HttpStatusCode.Redirect);
        // Ten months back: no other test writes that month's report.
        var month = DateTime.UtcNow.AddHours(7).AddMonths(-10).ToString("yyyy-MM", System.Globalization.CultureInfo.InvariantCulture);
        var url = $"/units/24445/reports/{month}";

        var saved = await client.SubmitFormAsync(url, new Dictionary<string, string> { ["values[adults_vneid_confirmed]"] = "5.432" }, actionContains: "Save");
        saved.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var page = await client.GetPageAsync(url);
        var shown = page.QuerySelector("#v-adults_vneid_confirmed")!.GetAttribute("value")!;
        shown.ShouldBe("5.432");
        // The browser sends back what the form shows.
        var again = await client.SubmitFormAsync(url, new Dictionary<string, string> { ["values[adults_vneid_confirmed]"] = shown }, actionContains: "Save");
        again.StatusCode.ShouldBe(HttpStatusCode.Redirect);

        (await client.GetPageAsync(url)).QuerySelector("#v-adults_vneid_confirmed")!.GetAttribute("value").ShouldBe("5.432");
    }
}
