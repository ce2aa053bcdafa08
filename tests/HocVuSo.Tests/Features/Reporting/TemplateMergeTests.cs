using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;
using HocVuSo.Tests.Features.Uploads;
using HocVuSo.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace HocVuSo.Tests.Features.Reporting;

/// <summary>An uploaded template changes only the indicators whose rows it holds, and says what it changed.</summary>
public class TemplateMergeTests
{
    public static TheoryData<string> Providers => TestApp.Providers;

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task TemplateWithoutRows_LeavesTheDraft_AndAPartialTemplateListsItsChanges(string provider)
    {
        var app = await TestApp.GetAsync(provider);
        var officer = await app.CreateClientAsync("officer.eatrang");
        var period = OwnReportYear.Month(3, 3);
        var url = $"/api/v1/reporting/reports/24445/{period}";
        var put = await officer.PutAsJsonAsync(url, new
        {
            values = new Dictionary<string, decimal> { ["posts_per_month"] = 7, ["exemplary_citizens"] = 3, ["visual_propaganda"] = 5 },
            comments = new Dictionary<string, string> { ["posts_per_month"] = "Theo sổ theo dõi", ["exemplary_citizens"] = "Ba gương" },
        });
        put.StatusCode.ShouldBe(HttpStatusCode.OK, await put.Content.ReadAsStringAsync());
        var template = await officer.GetByteArrayAsync(url + "/template");
        var before = await officer.GetFromJsonAsync<JsonElement>(url);

        var empty = await UploadLimitsTests.PostFileAsync(officer, url + "/template", KeepRows(template, _ => false), "mau.xlsx");

        empty.StatusCode.ShouldBe(HttpStatusCode.OK, await empty.Content.ReadAsStringAsync());
        (await empty.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("changes").GetArrayLength().ShouldBe(0);
        var after = await officer.GetFromJsonAsync<JsonElement>(url);
        after.GetProperty("values").GetRawText().ShouldBe(before.GetProperty("values").GetRawText());
        after.GetProperty("comments").GetRawText().ShouldBe(before.GetProperty("comments").GetRawText());

        // Only two rows left in the file: one with a new figure and comment, one blanked (figure and comment removed).
        var partial = KeepRows(template, code => code is "posts_per_month" or "exemplary_citizens");
        partial = Set(partial, "posts_per_month", 9m, "Đã đối chiếu");
        partial = Set(partial, "exemplary_citizens", null, null);
        var uploaded = await UploadLimitsTests.PostFileAsync(officer, url + "/template", partial, "mau.xlsx");

        uploaded.StatusCode.ShouldBe(HttpStatusCode.OK, await uploaded.Content.ReadAsStringAsync());
        var changes = (await uploaded.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("changes").EnumerateArray()
            .Select(c => $"{c.GetProperty("code").GetString()}/{c.GetProperty("element").GetString()}: {Text(c, "old")} -> {Text(c, "new")}").ToList();
        changes.ShouldBe(
        [
            "posts_per_month/value: 7 -> 9",
            "posts_per_month/comment: Theo sổ theo dõi -> Đã đối chiếu",
            "exemplary_citizens/value: 3 -> ",
            "exemplary_citizens/comment: Ba gương -> ",
        ], ignoreOrder: true);
        var saved = await officer.GetFromJsonAsync<JsonElement>(url);
        saved.GetProperty("values").GetProperty("posts_per_month").GetDecimal().ShouldBe(9m);
        saved.GetProperty("values").GetProperty("visual_propaganda").GetDecimal().ShouldBe(5m);
        saved.GetProperty("values").TryGetProperty("exemplary_citizens", out _).ShouldBeFalse();
        saved.GetProperty("comments").GetProperty("posts_per_month").GetString().ShouldBe("Đã đối chiếu");
        saved.GetProperty("comments").TryGetProperty("exemplary_citizens", out _).ShouldBeFalse();
        (await app.ExecuteDbAsync(db => db.AuditEntries.CountAsync(a => a.Action == "reports.value_changed" && a.EntityKey == $"24445/{period}/visual_propaganda"))).ShouldBe(1);
    }

    [Fact]
    public async Task ReportPage_ListsWhatTheUploadChanged()
    {
        var app = await TestApp.GetAsync("Sqlite");
        var client = app.CreateClient();
        await client.SubmitFormAsync("/Account/Login", new Dictionary<string, string> { ["Input.UserName"] = "officer.daklak", ["Input.Password"] = TestApp.Password });
        var period = OwnReportYear.Month(3, 4);
        var page = $"/units/22147/reports/{period}";
        var template = await client.GetByteArrayAsync($"/api/v1/reporting/reports/22147/{period}/template");
        var form = (await client.GetPageAsync(page)).QuerySelector("#template-upload")!;
        using var content = new MultipartFormDataContent();
        foreach (var hidden in form.QuerySelectorAll("input[type='hidden']"))
        {
            content.Add(new StringContent(hidden.GetAttribute("value") ?? string.Empty), hidden.GetAttribute("name")!);
        }

        content.Add(new ByteArrayContent(Set(KeepRows(template, c => c == "posts_per_month"), "posts_per_month", 1234m, null)), "file", "mau.xlsx");
        var response = await client.PostAsync(form.GetAttribute("action"), content);

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        var html = await response.ParseAsync();
        html.QuerySelector("#upload-notice")!.TextContent.ShouldContain("1 thay đổi");
        html.QuerySelector("#upload-changes li[data-code='posts_per_month']")!.TextContent.ShouldContain("số liệu (trống) → 1.234");
    }

    private static string Text(JsonElement change, string name) => change.GetProperty(name).ValueKind == JsonValueKind.Null ? string.Empty : change.GetProperty(name).GetString()!;

    /// <summary>The template with only the indicator rows whose code passes <paramref name="keep"/>.</summary>
    internal static byte[] KeepRows(byte[] template, Func<string, bool> keep) => Edit(template, worksheet =>
    {
        foreach (var row in worksheet.Descendants<Row>().Where(r => r.RowIndex!.Value >= 5).ToList())
        {
            var code = row.Elements<Cell>().FirstOrDefault(c => c.CellReference!.Value!.StartsWith('A'))?.InnerText;
            if (code is not null && !keep(code))
            {
                row.Remove();
            }
        }
    });

    /// <summary>Sets (or blanks, with null) an indicator's figure and comment cells.</summary>
    internal static byte[] Set(byte[] template, string code, decimal? value, string? comment) => Edit(template, worksheet =>
    {
        var row = worksheet.Descendants<Row>().First(r => r.Elements<Cell>().Any(c => c.CellReference!.Value!.StartsWith('A') && c.InnerText == code));
        foreach (var (column, text) in new[] { ("E", value?.ToString(CultureInfo.InvariantCulture)), ("F", comment) })
        {
            var cell = row.Elements<Cell>().First(c => c.CellReference!.Value == column + row.RowIndex!.Value);
            cell.InlineString = null;
            cell.CellValue = null;
            cell.DataType = null;
            if (text is not null && column == "E")
            {
                cell.CellValue = new CellValue(text);
            }
            else if (text is not null)
            {
                cell.DataType = CellValues.InlineString;
                cell.InlineString = new InlineString(new Text(text));
            }
        }
    });

    private static byte[] Edit(byte[] template, Action<Worksheet> change)
    {
        using var stream = new MemoryStream();
        stream.Write(template);
        using (var workbook = SpreadsheetDocument.Open(stream, true))
        {
            var part = workbook.WorkbookPart!;
            var sheet = part.Workbook.Sheets!.Elements<Sheet>().First(s => s.State is null || s.State.Value == SheetStateValues.Visible);
            var worksheet = ((WorksheetPart)part.GetPartById(sheet.Id!)).Worksheet;
            change(worksheet);
            worksheet.Save();
        }

        return stream.ToArray();
    }
}
