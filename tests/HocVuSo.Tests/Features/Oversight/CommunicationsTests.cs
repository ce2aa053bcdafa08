using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using HocVuSo.Core.Features.Accounts;
using HocVuSo.Core.Features.Reporting;
using HocVuSo.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace HocVuSo.Tests.Features.Oversight;

/// <summary>
/// The communications log of Ea Trang in months of a past year of its own
/// (<see cref="OwnReportYear"/>, 6 years back): items through the API, duplicate links flagged and
/// not counted, the computed indicators on the dashboard and in the monthly report, bad input,
/// scope, changes and removals audited, and imports all or nothing.
/// </summary>
public class CommunicationsTests
{
    private const int YearsBack = 6;

    public static TheoryData<string> Providers => TestApp.Providers;

    private static string Month(int month) => OwnReportYear.Month(YearsBack, month);

    private static string Day(int month, int day) => Month(month) + "-" + day.ToString("00", CultureInfo.InvariantCulture);

    private static object Item(string unit, string kind, string title, string date, string? url, string language = "vie") =>
        new { unit, kind, channel = "fanpage", title, date, language, url, topic = "Bình dân học vụ số" };

    private static async Task RollupAsync(TestApp app, string month)
    {
        await using var scope = app.Services.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<ScopeService>().UseSystemScope();
        var period = DateOnly.ParseExact(month + "-01", "yyyy-MM-dd", CultureInfo.InvariantCulture);
        await scope.ServiceProvider.GetRequiredService<RollupJob>().RunAsync([period], computed: true, CancellationToken.None);
    }

    private static JsonElement Indicator(JsonElement dashboard, string code) =>
        dashboard.GetProperty("indicators").EnumerateArray().Single(i => i.GetProperty("code").GetString() == code);

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task ElevenItems_OneLinkTwice_CountTenPosts_OnTheDashboardAndInTheReport(string provider)
    {
        var app = await TestApp.GetAsync(provider);
        var officer = await app.CreateClientAsync("officer.eatrang");
        var month = Month(3);
        JsonElement duplicate = default;
        for (var n = 1; n <= 11; n++)
        {
            // The eleventh repeats the link of the third, with a trailing slash and a fragment.
            var url = n == 11 ? $"https://XA-EATRANG.example.vn/tin/{month}-3/#top" : $"https://xa-eatrang.example.vn/tin/{month}-{n}";
            var kind = n % 3 == 0 ? "short-video" : "news-article";
            var created = await officer.PostAsJsonAsync("/api/v1/communications", Item(n % 2 == 0 ? "24445-002" : "24445", kind, $"Tin số {n}", Day(3, n), url, n == 5 ? "rad" : "vie"));
            created.StatusCode.ShouldBe(HttpStatusCode.Created);
            var body = await created.Content.ReadFromJsonAsync<JsonElement>();
            body.GetProperty("kind").GetString().ShouldBe(kind);
            body.GetProperty("date").GetString().ShouldBe(Day(3, n));
            if (n == 11)
            {
                duplicate = body;
            }
        }

        // Two visual activities (no link) and a broadcast in the commune's language: visual 2, minority 2.
        (await officer.PostAsJsonAsync("/api/v1/communications", Item("24445-003", "poster", "Pano tuyên truyền tại nhà văn hoá", Day(3, 12), null))).StatusCode.ShouldBe(HttpStatusCode.Created);
        (await officer.PostAsJsonAsync("/api/v1/communications", Item("24445-003", "visual-activity", "Triển lãm ảnh", Day(3, 13), null))).StatusCode.ShouldBe(HttpStatusCode.Created);
        (await officer.PostAsJsonAsync("/api/v1/communications", Item("24445", "broadcast", "Phát thanh hướng dẫn VNeID", Day(3, 14), null, "rad"))).StatusCode.ShouldBe(HttpStatusCode.Created);

        duplicate.GetProperty("duplicate").GetBoolean().ShouldBeTrue();
        var items = await officer.GetFromJsonAsync<JsonElement[]>($"/api/v1/communications?unit=24445&month={month}");
        items!.Length.ShouldBe(14);
        var first = items.Single(i => i.GetProperty("title").GetString() == "Tin số 3");
        first.GetProperty("duplicate").GetBoolean().ShouldBeFalse();
        duplicate.GetProperty("duplicateOf").GetString().ShouldBe(first.GetProperty("id").GetString());
        items.All(i => i.TryGetProperty("id", out _) && i.TryGetProperty("channel", out _) && i.TryGetProperty("unit", out _)
            && i.TryGetProperty("language", out _) && i.TryGetProperty("url", out _)).ShouldBeTrue();
        var village = await officer.GetFromJsonAsync<JsonElement[]>($"/api/v1/communications?unit=24445-002&month={month}");
        village!.Length.ShouldBe(5);

        await RollupAsync(app, month);
        var dashboard = await officer.GetFromJsonAsync<JsonElement>($"/api/v1/reporting/dashboard?unit=24445&period={month}");
        Indicator(dashboard, "posts_per_month").GetProperty("computed").GetDecimal().ShouldBe(10m);
        Indicator(dashboard, "visual_propaganda").GetProperty("computed").GetDecimal().ShouldBe(2m);
        Indicator(dashboard, "minority_language_items").GetProperty("computed").GetDecimal().ShouldBe(2m);
        var province = await (await app.CreateClientAsync("officer.daklak")).GetFromJsonAsync<JsonElement>($"/api/v1/reporting/dashboard?unit=66&period={month}");
        Indicator(province, "posts_per_month").GetProperty("computed").GetDecimal().ShouldBeGreaterThanOrEqualTo(10m);

        // The report form starts from the log's figures where the commune typed none.
        var report = await officer.GetPageAsync($"/units/24445/reports/{month}");
        ((AngleSharp.Html.Dom.IHtmlInputElement)report.QuerySelector("#v-posts_per_month")!).Value.ShouldBe("10");
        ((AngleSharp.Html.Dom.IHtmlInputElement)report.QuerySelector("#v-visual_propaganda")!).Value.ShouldBe("2");
        report.QuerySelector("#prefill-posts_per_month").ShouldNotBeNull();

        var page = await officer.GetPageAsync($"/units/24445/communications?month={month}");
        page.QuerySelectorAll("#communications li[data-duplicate='true']").Length.ShouldBe(1);
        page.QuerySelector("#counted")!.TextContent.ShouldContain("10 tin, bài, video");
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task BadInput_IsRefusedInVietnamese_NamingTheField_AndNothingIsSaved(string provider)
    {
        var app = await TestApp.GetAsync(provider);
        var officer = await app.CreateClientAsync("officer.eatrang");
        var day = Day(6, 2);
        var tomorrow = DateOnly.FromDateTime(DateTime.UtcNow.AddHours(7)).AddDays(1).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        var cases = new (object Body, string Field, string Words)[]
        {
            (Item("24445", "news-article", "Tin", day, "http://127.0.0.1/"), "url", "địa chỉ nội bộ"),
            (Item("24445", "news-article", "Tin", day, "file:///etc/passwd"), "url", "http://"),
            (Item("24445", "news-article", "Tin", day, "http://10.1.2.3/tin"), "url", "địa chỉ nội bộ"),
            (Item("24445", "news-article", "Tin", day, "https://192.168.1.10/"), "url", "địa chỉ nội bộ"),
            (Item("24445", "news-article", "Tin", day, "http://169.254.169.254/latest/meta-data"), "url", "địa chỉ nội bộ"),
            (Item("24445", "news-article", "Tin", day, "http://[::1]/"), "url", "địa chỉ nội bộ"),
            (Item("24445", "news-article", "Tin", day, "http://localhost:8080/"), "url", "địa chỉ nội bộ"),
            (Item("24445", "news-article", "Tin", tomorrow, null), "date", "tương lai"),
            (Item("24445", "leaflet", "Tin", day, null), "kind", "«Loại»"),
            (Item("24445", "news-article", "Tin", day, null, "xyz"), "language", "ISO 639-3"),
            (Item("24445", "news-article", "  ", day, null), "title", "«Tiêu đề»"),
            (Item("24445", "news-article", new string('a', 201), day, null), "title", "«Tiêu đề» dài quá 200"),
        };
        foreach (var (body, field, words) in cases)
        {
            var answer = await officer.PostAsJsonAsync("/api/v1/communications", body);
            answer.StatusCode.ShouldBe(HttpStatusCode.BadRequest, field + " " + words);
            var problem = await answer.Content.ReadFromJsonAsync<JsonElement>();
            problem.GetProperty("errors").GetProperty(field)[0].GetString()!.ShouldContain(words);
        }

        (await officer.GetFromJsonAsync<JsonElement[]>($"/api/v1/communications?unit=24445&month={Month(6)}"))!.ShouldBeEmpty();
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task Scope_TeamMembersRecordInTheirVillage_ProvincesOnlyRead_OtherProvincesSeeNothing(string provider)
    {
        var app = await TestApp.GetAsync(provider);
        var team = await app.CreateClientAsync("team.eatrang");
        var month = Month(8);
        (await team.PostAsJsonAsync("/api/v1/communications", Item("24445-001", "social-post", "Bài của tổ", Day(8, 1), null))).StatusCode.ShouldBe(HttpStatusCode.Created);
        (await team.PostAsJsonAsync("/api/v1/communications", Item("24445-002", "social-post", "Bài thôn khác", Day(8, 1), null))).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await team.PostAsJsonAsync("/api/v1/communications", Item("24445", "social-post", "Bài của xã", Day(8, 1), null))).StatusCode.ShouldBe(HttpStatusCode.Forbidden);

        var daklak = await app.CreateClientAsync("officer.daklak");
        (await daklak.GetFromJsonAsync<JsonElement[]>($"/api/v1/communications?unit=24445&month={month}"))!.Length.ShouldBe(1);
        (await daklak.PostAsJsonAsync("/api/v1/communications", Item("24445", "social-post", "Bài của tỉnh", Day(8, 1), null))).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        var bacninh = await app.CreateClientAsync("officer.bacninh");
        (await bacninh.GetAsync($"/api/v1/communications?unit=24445&month={month}")).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        var id = (await (await app.CreateClientAsync("officer.eatrang")).GetFromJsonAsync<JsonElement[]>($"/api/v1/communications?unit=24445&month={month}"))![0].GetProperty("id").GetString();
        (await bacninh.DeleteAsync($"/api/v1/communications/{id}")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await daklak.DeleteAsync($"/api/v1/communications/{id}")).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task ChangingAndRemoving_AreAudited_AndTheDuplicateThenCounts(string provider)
    {
        var app = await TestApp.GetAsync(provider);
        var officer = await app.CreateClientAsync("officer.eatrang");
        var month = Month(4);
        var url = $"https://xa-eatrang.example.vn/video/{month}";
        var first = await (await officer.PostAsJsonAsync("/api/v1/communications", Item("24445", "short-video", "Video", Day(4, 1), url))).Content.ReadFromJsonAsync<JsonElement>();
        var second = await (await officer.PostAsJsonAsync("/api/v1/communications", Item("24445-004", "short-video", "Video lại", Day(4, 2), url))).Content.ReadFromJsonAsync<JsonElement>();
        second.GetProperty("duplicate").GetBoolean().ShouldBeTrue();
        var firstId = first.GetProperty("id").GetString();
        var secondId = second.GetProperty("id").GetString();

        var changed = await officer.PutAsJsonAsync($"/api/v1/communications/{firstId}", Item("24445", "report", "Phóng sự", Day(4, 1), url));
        changed.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await changed.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("kind").GetString().ShouldBe("report");
        (await officer.DeleteAsync($"/api/v1/communications/{firstId}")).StatusCode.ShouldBe(HttpStatusCode.NoContent);

        var items = await officer.GetFromJsonAsync<JsonElement[]>($"/api/v1/communications?unit=24445&month={month}");
        items!.Single().GetProperty("id").GetString().ShouldBe(secondId);
        items![0].GetProperty("duplicate").GetBoolean().ShouldBeFalse();
        var audit = await app.ExecuteDbAsync(db => db.AuditEntries.AsNoTracking().Where(a => a.EntityKey == firstId).Select(a => new { a.Action, a.OldValue, a.NewValue }).ToListAsync());
        audit.Select(a => a.Action).Order().ShouldBe(["communications.item_changed", "communications.item_deleted", "communications.item_recorded"]);
        audit.Single(a => a.Action == "communications.item_changed").OldValue.ShouldNotBeNull().ShouldContain("short-video");
        audit.Single(a => a.Action == "communications.item_changed").NewValue.ShouldNotBeNull().ShouldContain("report");
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task Import_IsAllOrNothing_NamesLineAndColumn_AndFlagsRepeatedLinks(string provider)
    {
        var app = await TestApp.GetAsync(provider);
        var officer = await app.CreateClientAsync("officer.eatrang");
        var month = Month(5);
        var d = DateOnly.ParseExact(Day(5, 7), "yyyy-MM-dd", CultureInfo.InvariantCulture).ToString("dd/MM/yyyy", CultureInfo.InvariantCulture);
        var bad = $"kind,channel,title,date,unit,language,url\nnews-article,portal,Tin một,{d},24445,vie,https://xa.example.vn/a\nbroadcast,radio,Phát thanh,{d},24445-002,qqq,\n";
        var refused = await PostFileAsync(officer, "/api/v1/communications/import?unit=24445", bad, "log.csv");
        refused.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        var problem = await refused.Content.ReadFromJsonAsync<JsonElement>();
        var row = problem.GetProperty("rows")[0];
        row.GetProperty("row").GetInt32().ShouldBe(3);
        row.GetProperty("field").GetString().ShouldBe("language");
        row.GetProperty("message").GetString()!.ShouldContain("qqq");
        (await officer.GetFromJsonAsync<JsonElement[]>($"/api/v1/communications?unit=24445&month={month}"))!.ShouldBeEmpty();

        var good = $"kind;channel;title;date;unit;language;url;reach\nnews-article;portal;Tin một;{d};24445;vie;https://xa.example.vn/a;120\nsocial-post;fanpage;Chia sẻ lại;{d};24445-002;;https://xa.example.vn/a;\nbroadcast;radio;Phát thanh;{d};24445-002;rad;;\n";
        var imported = await PostFileAsync(officer, "/api/v1/communications/import?unit=24445", good, "log.csv");
        imported.StatusCode.ShouldBe(HttpStatusCode.OK);
        var report = await imported.Content.ReadFromJsonAsync<JsonElement>();
        report.GetProperty("imported").GetInt32().ShouldBe(3);
        report.GetProperty("duplicates").GetInt32().ShouldBe(1);
        var items = await officer.GetFromJsonAsync<JsonElement[]>($"/api/v1/communications?unit=24445&month={month}");
        items!.Single(i => i.GetProperty("title").GetString() == "Chia sẻ lại").GetProperty("duplicate").GetBoolean().ShouldBeTrue();
        items!.Single(i => i.GetProperty("title").GetString() == "Tin một").GetProperty("reach").GetInt32().ShouldBe(120);

        // A village's team may not import into the commune.
        (await PostFileAsync(await app.CreateClientAsync("team.eatrang"), "/api/v1/communications/import?unit=24445", good, "log.csv")).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task Import_ReadsTheFirstSheetOfAnXlsx_WithDateCells(string provider)
    {
        var app = await TestApp.GetAsync(provider);
        var officer = await app.CreateClientAsync("officer.eatrang");
        var month = Month(9);
        var day = DateOnly.ParseExact(Day(9, 10), "yyyy-MM-dd", CultureInfo.InvariantCulture);
        var serial = day.ToDateTime(TimeOnly.MinValue).ToOADate().ToString(CultureInfo.InvariantCulture);
        var xlsx = Workbook(
            ["Kind", "Channel", "Title", "Date", "Language", "URL"],
            ["infographic", "zalo", "Infographic VNeID", serial, "jra", "https://xa.example.vn/info"],
            ["poster", "pano", "Pano đầu buôn", Day(9, 11), "", ""]);
        using var content = new MultipartFormDataContent();
        content.Add(new ByteArrayContent(xlsx), "file", "log.xlsx");
        var answer = await officer.PostAsync("/api/v1/communications/import?unit=24445-003", content);
        answer.StatusCode.ShouldBe(HttpStatusCode.OK, await answer.Content.ReadAsStringAsync());
        var items = await officer.GetFromJsonAsync<JsonElement[]>($"/api/v1/communications?unit=24445-003&month={month}");
        var info = items!.Single(i => i.GetProperty("kind").GetString() == "infographic");
        info.GetProperty("date").GetString().ShouldBe(Day(9, 10));
        info.GetProperty("language").GetString().ShouldBe("jra");
        info.GetProperty("unit").GetString().ShouldBe("24445-003");
        items!.Single(i => i.GetProperty("kind").GetString() == "poster").GetProperty("language").GetString().ShouldBe("vie");
    }

    /// <summary>A one-sheet workbook; a cell that reads as a number is written as a number (as Excel stores dates).</summary>
    private static byte[] Workbook(params string[][] rows)
    {
        using var stream = new MemoryStream();
        using (var document = DocumentFormat.OpenXml.Packaging.SpreadsheetDocument.Create(stream, DocumentFormat.OpenXml.SpreadsheetDocumentType.Workbook))
        {
            var workbook = document.AddWorkbookPart();
            workbook.Workbook = new DocumentFormat.OpenXml.Spreadsheet.Workbook();
            var sheetPart = workbook.AddNewPart<DocumentFormat.OpenXml.Packaging.WorksheetPart>();
            var data = new DocumentFormat.OpenXml.Spreadsheet.SheetData();
            for (var r = 0; r < rows.Length; r++)
            {
                var row = new DocumentFormat.OpenXml.Spreadsheet.Row { RowIndex = (uint)(r + 1) };
                for (var c = 0; c < rows[r].Length; c++)
                {
                    var text = rows[r][c];
                    var reference = ((char)('A' + c)).ToString() + (r + 1).ToString(CultureInfo.InvariantCulture);
                    row.Append(double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out _)
                        ? new DocumentFormat.OpenXml.Spreadsheet.Cell { CellReference = reference, CellValue = new DocumentFormat.OpenXml.Spreadsheet.CellValue(text) }
                        : new DocumentFormat.OpenXml.Spreadsheet.Cell
                        {
                            CellReference = reference,
                            DataType = DocumentFormat.OpenXml.Spreadsheet.CellValues.InlineString,
                            InlineString = new DocumentFormat.OpenXml.Spreadsheet.InlineString(new DocumentFormat.OpenXml.Spreadsheet.Text(text)),
                        });
                }

                data.Append(row);
            }

            sheetPart.Worksheet = new DocumentFormat.OpenXml.Spreadsheet.Worksheet(data);
            var sheets = workbook.Workbook.AppendChild(new DocumentFormat.OpenXml.Spreadsheet.Sheets());
            sheets.Append(new DocumentFormat.OpenXml.Spreadsheet.Sheet { Id = workbook.GetIdOfPart(sheetPart), SheetId = 1, Name = "Nhật ký" });
        }

        return stream.ToArray();
    }

    private static async Task<HttpResponseMessage> PostFileAsync(HttpClient client, string url, string text, string name)
    {
        using var content = new MultipartFormDataContent();
        var file = new ByteArrayContent(Encoding.UTF8.GetBytes(text));
        file.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("text/csv");
        content.Add(file, "file", name);
        return await client.PostAsync(url, content);
    }
}
