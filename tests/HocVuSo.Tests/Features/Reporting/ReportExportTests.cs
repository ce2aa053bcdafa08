using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;
using HocVuSo.Core.Features.Accounts;
using HocVuSo.Core.Features.Messaging;
using HocVuSo.Core.Features.Reporting;
using HocVuSo.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace HocVuSo.Tests.Features.Reporting;

/// <summary>The report documents (PDF, .xlsx), the provincial summary, the offline template and the reminders, through the API.</summary>
public class ReportExportTests
{
    public static TheoryData<string> Providers => TestApp.Providers;

    private static string Month(int back) => DateTime.UtcNow.AddHours(7).AddMonths(-back).ToString("yyyy-MM", CultureInfo.InvariantCulture);

    /// <summary>"7/2026" for "2026-07": how the documents name a month after the word "tháng".</summary>
    private static string Slash(string period) => int.Parse(period[5..], CultureInfo.InvariantCulture) + "/" + period[..4];

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task MonthlyReportPdf_IsAnOfficialDocument_WithTheFiguresInVietnameseFormat_AndScoped(string provider)
    {
        var app = await TestApp.GetAsync(provider);
        var officer = await app.CreateClientAsync("officer.daklak");
        var period = Month(2);
        var url = $"/api/v1/reporting/reports/22111/{period}";
        (await officer.PutAsJsonAsync(url, new
        {
            values = new Dictionary<string, decimal> { ["adults_vneid_confirmed"] = 12345, ["posts_per_month"] = 17, ["classes_held"] = 4 },
            comments = new Dictionary<string, string> { ["posts_per_month"] = "Theo trang thông tin điện tử xã" },
        })).StatusCode.ShouldBe(HttpStatusCode.OK);

        var response = await officer.GetAsync(url + "/pdf");

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        response.Content.Headers.ContentType!.MediaType.ShouldBe("application/pdf");
        var text = Flat(await PdfText.ExtractAsync(await response.Content.ReadAsByteArrayAsync()));
        text.ShouldContain("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM");
        text.ShouldContain("Độc lập - Tự do - Hạnh phúc");
        text.ShouldContain("UBND TỈNH ĐẮK LẮK");
        text.ShouldContain("ỦY BAN NHÂN DÂN XÃ XUÂN PHƯỚC");
        text.ShouldContain("/BC-UBND");
        text.ShouldContain("Xuân Phước, ngày");
        text.ShouldContain("BÁO CÁO");
        text.ShouldContain($"Bình dân học vụ số” tháng {Slash(period)}");
        text.ShouldContain("Bản nháp");
        foreach (var header in new[] { "STT", "Đơn vị tính", "Số báo cáo", "Số tính từ dữ liệu", "Chênh lệch", "Ghi chú" })
        {
            text.ShouldContain(header);
        }

        text.ShouldContain("Người dân trưởng thành được xác nhận phổ cập kỹ năng số trên VNeID");
        text.ShouldContain("12.345");
        text.ShouldContain("Theo trang thông tin điện tử xã");
        text.ShouldContain("TM. ỦY BAN NHÂN DÂN");
        text.ShouldContain("CHỦ TỊCH");
        text.ShouldContain("Nơi nhận:");

        var xlsx = await officer.GetByteArrayAsync(url + "/xlsx");
        SchemaErrors(xlsx).ShouldBeEmpty();
        var cells = Cells(xlsx);
        cells.ShouldContain("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM");
        cells.ShouldContain("TM. ỦY BAN NHÂN DÂN");
        cells.ShouldContain("12345");
        cells.ShouldContain("Người dân trưởng thành được xác nhận phổ cập kỹ năng số trên VNeID");

        (await (await app.CreateClientAsync("officer.bacninh")).GetAsync(url + "/pdf")).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await (await app.CreateClientAsync("officer.eatrang")).GetAsync(url + "/xlsx")).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await app.CreateClient().GetAsync(url + "/pdf")).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task ProvincialSummary_TakesFiguresOnlyFromApprovedReports_AndExportsThem(string provider)
    {
        var app = await TestApp.GetAsync(provider);
        var officer = await app.CreateClientAsync("officer.daklak");
        var approver = await app.CreateTwoFactorClientAsync("approver.daklak");
        var period = Month(5); // a month no other test reads the province's list of
        var approved = $"/api/v1/reporting/reports/22114/{period}";
        var submitted = $"/api/v1/reporting/reports/22120/{period}";
        if ((await officer.GetFromJsonAsync<JsonElement>(approved)).GetProperty("status").GetString() != "Approved")
        {
            (await officer.PutAsJsonAsync(approved, new { values = new Dictionary<string, decimal> { ["visual_propaganda"] = 6, ["exemplary_villages"] = 3 } })).EnsureSuccessStatusCode();
            (await officer.PostAsync(approved + "/submit", null)).EnsureSuccessStatusCode();
            (await approver.PostAsync(approved + "/approve", null)).EnsureSuccessStatusCode();
        }

        if ((await officer.GetFromJsonAsync<JsonElement>(submitted)).GetProperty("status").GetString() != "Submitted")
        {
            (await officer.PutAsJsonAsync(submitted, new { values = new Dictionary<string, decimal> { ["visual_propaganda"] = 5000, ["exemplary_villages"] = 4 } })).EnsureSuccessStatusCode();
            (await officer.PostAsync(submitted + "/submit", null)).EnsureSuccessStatusCode();
        }

        var summary = await approver.GetFromJsonAsync<JsonElement>($"/api/v1/reporting/summary/66/{period}");

        var rows = summary.GetProperty("rows").EnumerateArray().ToDictionary(r => r.GetProperty("unitCode").GetString()!);
        rows.Count.ShouldBeGreaterThan(100);
        rows["22114"].GetProperty("status").GetString().ShouldBe("Approved");
        rows["22114"].GetProperty("values").GetProperty("visual_propaganda").GetDecimal().ShouldBe(6m);
        rows["22120"].GetProperty("status").GetString().ShouldBe("Submitted");
        rows["22120"].GetProperty("values").EnumerateObject().ShouldBeEmpty();
        rows["22096"].GetProperty("status").GetString().ShouldBe("Missing");
        rows["22096"].GetProperty("late").GetBoolean().ShouldBeTrue();
        var visual = summary.GetProperty("indicators").EnumerateArray().Single(i => i.GetProperty("code").GetString() == "visual_propaganda");
        var expected = rows.Values.Where(r => r.GetProperty("status").GetString() == "Approved")
            .Sum(r => r.GetProperty("values").TryGetProperty("visual_propaganda", out var v) ? v.GetDecimal() : 0m);
        visual.GetProperty("approvedTotal").GetDecimal().ShouldBe(expected);
        expected.ShouldBeLessThan(5000m);

        var pdf = Flat(await PdfText.ExtractAsync(await approver.GetByteArrayAsync($"/api/v1/reporting/summary/66/{period}/pdf")));
        pdf.ShouldContain("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM");
        pdf.ShouldContain("BÁO CÁO TỔNG HỢP");
        pdf.ShouldContain($"tháng {Slash(period)}");
        pdf.ShouldContain("Xã Tuy An Bắc");
        pdf.ShouldContain("Tổng (báo cáo đã duyệt)");
        pdf.ShouldContain("Chưa có báo cáo (Trễ hạn)");
        var summaryXlsx = await approver.GetByteArrayAsync($"/api/v1/reporting/summary/66/{period}/xlsx");
        SchemaErrors(summaryXlsx).ShouldBeEmpty();
        var cells = Cells(summaryXlsx);
        cells.ShouldContain("Xã Tuy An Bắc");
        cells.ShouldContain("Tổng (báo cáo đã duyệt)");
        cells.ShouldContain(expected.ToString(CultureInfo.InvariantCulture));
        cells.ShouldNotContain("5000");

        (await (await app.CreateClientAsync("officer.eatrang")).GetAsync($"/api/v1/reporting/summary/66/{period}/pdf")).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await approver.GetAsync($"/api/v1/reporting/summary/24445/{period}/pdf")).StatusCode.ShouldBe(HttpStatusCode.BadRequest);
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task Template_RoundTrips_AndBadFilesLeaveTheDraftUntouched(string provider)
    {
        var app = await TestApp.GetAsync(provider);
        var officer = await app.CreateClientAsync("officer.daklak");
        var period = Month(2);
        var url = $"/api/v1/reporting/reports/22132/{period}";
        var draft = new Dictionary<string, decimal> { ["posts_per_month"] = 3 };
        (await officer.PutAsJsonAsync(url, new { values = draft })).StatusCode.ShouldBe(HttpStatusCode.OK);

        var template = await officer.GetAsync(url + "/template");
        template.StatusCode.ShouldBe(HttpStatusCode.OK);
        var bytes = await template.Content.ReadAsByteArrayAsync();
        SchemaErrors(bytes).ShouldBeEmpty();
        using (var workbook = SpreadsheetDocument.Open(new MemoryStream(bytes), false))
        {
            var sheets = workbook.WorkbookPart!.Workbook.Sheets!.Elements<Sheet>().ToList();
            sheets.ShouldContain(s => s.State != null && s.State.Value == SheetStateValues.VeryHidden);
            workbook.WorkbookPart.WorksheetParts.ShouldContain(p => p.Worksheet.Elements<SheetProtection>().Any());
        }

        var filled = Fill(bytes, new Dictionary<string, object> { ["adults_vneid_confirmed"] = 321m, ["posts_per_month"] = 14m, ["visual_propaganda"] = "2" },
            new Dictionary<string, string> { ["posts_per_month"] = "Nhập từ mẫu ngoại tuyến" });
        var uploaded = await Upload(officer, url, filled);
        uploaded.StatusCode.ShouldBe(HttpStatusCode.OK, await uploaded.Content.ReadAsStringAsync());
        var saved = await officer.GetFromJsonAsync<JsonElement>(url);
        saved.GetProperty("values").GetProperty("adults_vneid_confirmed").GetDecimal().ShouldBe(321m);
        saved.GetProperty("values").GetProperty("posts_per_month").GetDecimal().ShouldBe(14m);
        saved.GetProperty("values").GetProperty("visual_propaganda").GetDecimal().ShouldBe(2m);
        saved.GetProperty("comments").GetProperty("posts_per_month").GetString().ShouldBe("Nhập từ mẫu ngoại tuyến");
        var before = saved.GetProperty("values").GetRawText();

        var otherMonth = Fill(await officer.GetByteArrayAsync($"/api/v1/reporting/reports/22132/{Month(3)}/template"), new() { ["posts_per_month"] = 99m });
        var wrongMonth = await Upload(officer, url, otherMonth);
        wrongMonth.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        var message = await wrongMonth.Content.ReadAsStringAsync();
        message.ShouldContain(Slash(Month(3)));
        message.ShouldContain(Slash(period));

        var otherUnit = Fill(await officer.GetByteArrayAsync($"/api/v1/reporting/reports/22147/{period}/template"), new() { ["posts_per_month"] = 99m });
        var wrongUnit = await Upload(officer, url, otherUnit);
        wrongUnit.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        message = await wrongUnit.Content.ReadAsStringAsync();
        message.ShouldContain("22147");
        message.ShouldContain("22132");

        var corrupt = await Upload(officer, url, [.. bytes.Take(bytes.Length / 2)]);
        corrupt.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await corrupt.Content.ReadAsStringAsync()).ShouldContain("bị hỏng");
        (await Upload(officer, url, "không phải bảng tính"u8.ToArray())).StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        var notTemplate = await Upload(officer, url, await officer.GetByteArrayAsync(url + "/xlsx"));
        notTemplate.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await notTemplate.Content.ReadAsStringAsync()).ShouldContain("không phải mẫu báo cáo");

        var text = await Upload(officer, url, Fill(bytes, new() { ["adults_vneid_confirmed"] = 500m, ["posts_per_month"] = "mười lăm", ["visual_propaganda"] = -3m }));
        text.StatusCode.ShouldBe(HttpStatusCode.BadRequest, await text.Content.ReadAsStringAsync());
        var problem = await text.Content.ReadFromJsonAsync<JsonElement>();
        var rowErrors = problem.GetProperty("rows").EnumerateArray().Select(r => r.GetProperty("message").GetString()!).ToList();
        rowErrors.ShouldContain(m => Regex.IsMatch(m, @"^Dòng \d+") && m.Contains("Tin, bài, video trong tháng") && m.Contains("mười lăm"));
        rowErrors.ShouldContain(m => m.Contains("Hoạt động tuyên truyền trực quan") && m.Contains("-3"));

        (await officer.GetFromJsonAsync<JsonElement>(url)).GetProperty("values").GetRawText().ShouldBe(before);
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task Template_AboveTheDenominator_IsARowError_AndALockedReportRefusesUploads(string provider)
    {
        var app = await TestApp.GetAsync(provider);
        var officer = await app.CreateClientAsync("officer.eatrang");
        var url = $"/api/v1/reporting/reports/24445/{Month(8)}";
        var template = await officer.GetByteArrayAsync(url + "/template");
        var before = (await officer.GetFromJsonAsync<JsonElement>(url)).GetProperty("values").GetRawText();

        var tooMany = await Upload(officer, url, Fill(template, new() { ["adults_vneid_confirmed"] = 99999999m }));

        tooMany.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        var rows = (await tooMany.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("rows").EnumerateArray().Select(r => r.GetProperty("message").GetString()!).ToList();
        rows.ShouldContain(m => m.StartsWith("Dòng ", StringComparison.Ordinal) && m.Contains("VNeID") && m.Contains("lớn hơn mẫu số"));
        (await officer.GetFromJsonAsync<JsonElement>(url)).GetProperty("values").GetRawText().ShouldBe(before);

        var approvedUrl = $"/api/v1/reporting/reports/24445/{Month(4)}";
        var approved = await officer.GetFromJsonAsync<JsonElement>(approvedUrl);
        approved.GetProperty("status").GetString().ShouldBe("Approved");
        var locked = await Upload(officer, approvedUrl, Fill(await officer.GetByteArrayAsync(approvedUrl + "/template"), new() { ["posts_per_month"] = 1m }));
        locked.StatusCode.ShouldBe(HttpStatusCode.Conflict);
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task Reminders_AreEnqueuedOncePerUnitPeriodAndDay(string provider)
    {
        var app = await TestApp.GetAsync(provider);
        var province = await app.CreateClientAsync("officer.daklak");
        var period = Month(2);

        var first = await province.PostAsync($"/api/v1/reporting/reminders?period={period}", null);
        first.StatusCode.ShouldBe(HttpStatusCode.OK, await first.Content.ReadAsStringAsync());
        var firstRun = await first.Content.ReadFromJsonAsync<JsonElement>();
        var afterFirst = await CountAsync(app, period);
        var second = await (await province.PostAsync($"/api/v1/reporting/reminders?period={period}", null)).Content.ReadFromJsonAsync<JsonElement>();
        var afterSecond = await CountAsync(app, period);

        firstRun.GetProperty("lateCommunes").GetInt32().ShouldBeGreaterThan(0);
        second.GetProperty("enqueued").GetInt32().ShouldBe(0);
        second.GetProperty("alreadySent").GetInt32().ShouldBe(firstRun.GetProperty("enqueued").GetInt32() + firstRun.GetProperty("alreadySent").GetInt32());
        afterSecond.ShouldBe(afterFirst);
        var messages = await app.ExecuteDbAsync(db => db.OutboxMessages.AsNoTracking()
            .Where(m => m.Type == SendReportReminders.MessageType && m.IdempotencyKey.StartsWith($"report-reminder:24445:{period}:")).ToListAsync());
        var toOfficer = messages.Select(m => JsonSerializer.Deserialize<JsonElement>(m.Payload))
            .Where(p => p.GetProperty("recipient").GetString() == "officer.eatrang@demo.hocvuso.vn").ToList();
        toOfficer.Count.ShouldBe(1);
        toOfficer[0].GetProperty("subject").GetString()!.ShouldContain("Ea Trang");
        toOfficer[0].GetProperty("body").GetString()!.ShouldContain(Slash(period));
        var digest = await app.ExecuteDbAsync(db => db.OutboxMessages.AsNoTracking()
            .CountAsync(m => m.IdempotencyKey.StartsWith($"report-reminder:66:{period}:")));
        digest.ShouldBeGreaterThanOrEqualTo(2);

        // The notification worker can deliver what the reminders enqueued.
        var ids = messages.Select(m => m.Id).ToList();
        await app.Services.GetRequiredService<OutboxDispatcher>().DispatchDueAsync(ids, CancellationToken.None);
        (await app.ExecuteDbAsync(db => db.OutboxMessages.AsNoTracking().Where(m => ids.Contains(m.Id)).Select(m => m.Status).ToListAsync()))
            .ShouldAllBe(s => s == OutboxStatus.Delivered);

        await using (var scope = app.Services.CreateAsyncScope())
        {
            scope.ServiceProvider.GetRequiredService<ScopeService>().UseSystemScope();
            var again = await scope.ServiceProvider.GetRequiredService<SendReportReminders.Handler>().HandleAsync(new SendReportReminders.Command(period), CancellationToken.None);
            again.IsSuccess.ShouldBeTrue();
            (await CountAsync(app, period)).ShouldBe(afterSecond + again.Value!.Enqueued);
        }

        (await (await app.CreateClientAsync("officer.eatrang")).PostAsync($"/api/v1/reporting/reminders?period={period}", null)).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task ReportPage_OffersTheExports_AndItsUploadFormSavesOrRejectsAWholeTemplate()
    {
        var app = await TestApp.GetAsync("Sqlite");
        var client = app.CreateClient();
        await client.SubmitFormAsync("/Account/Login", new Dictionary<string, string> { ["Input.UserName"] = "officer.daklak", ["Input.Password"] = TestApp.Password });
        var period = Month(2);
        var page = $"/units/22153/reports/{period}";
        var api = $"/api/v1/reporting/reports/22153/{period}";

        var html = await client.GetPageAsync(page);
        html.QuerySelector("#export-pdf")!.GetAttribute("href").ShouldBe(api + "/pdf");
        html.QuerySelector("#export-xlsx")!.GetAttribute("href").ShouldBe(api + "/xlsx");
        html.QuerySelector("#export-template")!.GetAttribute("href").ShouldBe(api + "/template");
        html.QuerySelector("#export-summary-pdf")!.GetAttribute("href").ShouldBe($"/api/v1/reporting/summary/66/{period}/pdf");
        var template = await client.GetByteArrayAsync(api + "/template");

        var bad = await PostUploadAsync(client, page, Fill(template, new() { ["posts_per_month"] = "nhiều" }));
        bad.StatusCode.ShouldBe(HttpStatusCode.OK);
        var error = (await bad.ParseAsync()).QuerySelector(".error")!.TextContent;
        error.ShouldContain("Dòng");
        error.ShouldContain("Tin, bài, video trong tháng");
        (await client.GetFromJsonAsync<JsonElement>(api)).GetProperty("values").EnumerateObject().ShouldBeEmpty();

        var good = await PostUploadAsync(client, page, Fill(template, new() { ["posts_per_month"] = 21m, ["exemplary_citizens"] = 2m }));
        good.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await good.ParseAsync()).QuerySelector("#upload-notice")!.TextContent.ShouldContain("2 thay đổi");
        var values = (await client.GetFromJsonAsync<JsonElement>(api)).GetProperty("values");
        values.GetProperty("posts_per_month").GetDecimal().ShouldBe(21m);
        values.GetProperty("exemplary_citizens").GetDecimal().ShouldBe(2m);

        var eatrang = app.CreateClient();
        await eatrang.SubmitFormAsync("/Account/Login", new Dictionary<string, string> { ["Input.UserName"] = "officer.eatrang", ["Input.Password"] = TestApp.Password });
        (await eatrang.GetPageAsync($"/units/24445/reports/{Month(1)}")).QuerySelector("#export-summary-pdf").ShouldBeNull();
    }

    /// <summary>Posts the page's upload form with its antiforgery token, as a browser does.</summary>
    private static async Task<HttpResponseMessage> PostUploadAsync(HttpClient client, string url, byte[] file)
    {
        var form = (await client.GetPageAsync(url)).QuerySelector("#template-upload")!;
        using var content = new MultipartFormDataContent();
        foreach (var hidden in form.QuerySelectorAll("input[type='hidden']"))
        {
            content.Add(new StringContent(hidden.GetAttribute("value") ?? string.Empty), hidden.GetAttribute("name")!);
        }

        content.Add(new ByteArrayContent(file), "file", "mau.xlsx");
        return await client.PostAsync(form.GetAttribute("action"), content);
    }

    private static Task<int> CountAsync(TestApp app, string period) =>
        app.ExecuteDbAsync(db => db.OutboxMessages.CountAsync(m => m.Type == SendReportReminders.MessageType && m.IdempotencyKey.Contains(":" + period + ":")));

    private static async Task<HttpResponseMessage> Upload(HttpClient client, string url, byte[] file)
    {
        using var content = new MultipartFormDataContent();
        var part = new ByteArrayContent(file);
        part.Headers.ContentType = new MediaTypeHeaderValue("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
        content.Add(part, "file", "mau-bao-cao.xlsx");
        return await client.PostAsync(url + "/template", content);
    }

    /// <summary>Fills a downloaded template the way a person does in Excel: numbers as numbers, anything else as shared text.</summary>
    private static byte[] Fill(byte[] template, Dictionary<string, object> values, Dictionary<string, string>? comments = null)
    {
        using var stream = new MemoryStream();
        stream.Write(template);
        using (var workbook = SpreadsheetDocument.Open(stream, true))
        {
            var part = workbook.WorkbookPart!;
            var sheet = part.Workbook.Sheets!.Elements<Sheet>().First(s => s.State is null || s.State.Value == SheetStateValues.Visible);
            var worksheet = ((WorksheetPart)part.GetPartById(sheet.Id!)).Worksheet;
            var strings = part.SharedStringTablePart ?? part.AddNewPart<SharedStringTablePart>();
            strings.SharedStringTable ??= new SharedStringTable();
            foreach (var row in worksheet.Descendants<Row>())
            {
                var code = row.Elements<Cell>().FirstOrDefault(c => c.CellReference!.Value!.StartsWith('A'))?.InnerText;
                if (code is null)
                {
                    continue;
                }

                if (values.TryGetValue(code, out var value))
                {
                    Put(row, "E", value, strings.SharedStringTable);
                }

                if (comments?.TryGetValue(code, out var comment) == true)
                {
                    Put(row, "F", comment, strings.SharedStringTable);
                }
            }

            worksheet.Save();
        }

        return stream.ToArray();
    }

    private static void Put(Row row, string column, object value, SharedStringTable strings)
    {
        var reference = column + row.RowIndex!.Value;
        var cell = row.Elements<Cell>().FirstOrDefault(c => c.CellReference!.Value == reference);
        if (cell is null)
        {
            cell = new Cell { CellReference = reference };
            row.Append(cell);
        }

        cell.InlineString = null;
        if (value is decimal number)
        {
            cell.DataType = null;
            cell.CellValue = new CellValue(number.ToString(CultureInfo.InvariantCulture));
        }
        else
        {
            strings.Append(new SharedStringItem(new Text((string)value)));
            cell.DataType = CellValues.SharedString;
            cell.CellValue = new CellValue((strings.Elements<SharedStringItem>().Count() - 1).ToString(CultureInfo.InvariantCulture));
        }
    }

    /// <summary>Every cell's text in the workbook.</summary>
    private static List<string> Cells(byte[] xlsx)
    {
        using var workbook = SpreadsheetDocument.Open(new MemoryStream(xlsx), false);
        return workbook.WorkbookPart!.WorksheetParts.SelectMany(p => p.Worksheet.Descendants<Cell>()).Select(c => c.InnerText).Where(t => t.Length > 0).ToList();
    }

    /// <summary>What Excel would complain about: the workbook checked against the Office schema.</summary>
    private static List<string> SchemaErrors(byte[] xlsx)
    {
        using var workbook = SpreadsheetDocument.Open(new MemoryStream(xlsx), false);
        return new DocumentFormat.OpenXml.Validation.OpenXmlValidator().Validate(workbook).Select(e => e.Path?.XPath + ": " + e.Description).ToList();
    }

    private static string Flat(string text) => Regex.Replace(text, @"\s+", " ");
}
