using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;
using HocVuSo.Core.Features.Accounts;
using HocVuSo.Tests.Infrastructure;

namespace HocVuSo.Tests.Features.Oversight;

/// <summary>
/// The verified figure beside the reported and computed ones in a commune's monthly report (form,
/// PDF, .xlsx) with its interval and size; none for a unit that is not a commune; and the pages on
/// which a province inspector draws a sample and records its outcomes.
/// </summary>
public class VerifiedFigureTests(VerificationApps apps) : IClassFixture<VerificationApps>
{
    public static TheoryData<string> Providers => TestApp.Providers;

    private const string Period = "2026-06";

    // Wilson 95% for 4 of 5: 37,55%–96,38%.
    private const string FourOfFive = "80% (37,6–96,4%), n=5";

    private static readonly DateOnly June = new(2026, 6, 10);

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task MonthlyReport_ShowsTheVerifiedShare_WithItsIntervalAndSize_InTheFormThePdfAndTheXlsx(string provider)
    {
        var app = await apps.GetAsync(provider);
        var commune = await app.CreateCommuneAsync();
        await app.AddCertifiedAsync(commune, 1, 6, June);
        await app.AddCertifiedAsync(commune, 2, 6, June);
        var inspector = await app.CreateClientAsync(await app.CreateStaffAsync(StaffRole.ProvinceOfficer, VerificationTestData.Province));
        var drawn = await inspector.PostAsJsonAsync("/api/v1/verification/samples", new { unit = commune, period = Period, kind = "certified-learners", size = 6, seed = 41 });
        drawn.StatusCode.ShouldBe(HttpStatusCode.Created);
        var sample = await drawn.Content.ReadFromJsonAsync<JsonElement>();
        var items = sample.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("id").GetInt32()).ToList();
        string[] outcomes = ["confirmed", "confirmed", "denied", "confirmed", "unreachable", "confirmed"];
        for (var n = 0; n < items.Count; n++)
        {
            (await inspector.PutAsJsonAsync($"/api/v1/verification/samples/{sample.GetProperty("id").GetInt32()}/items/{items[n]}", new { outcome = outcomes[n] }))
                .StatusCode.ShouldBe(HttpStatusCode.OK);
        }

        var officer = await app.CreateClientAsync(await app.CreateStaffAsync(StaffRole.CommuneOfficer, commune));
        var form = await officer.GetPageAsync($"/units/{commune}/reports/{Period}");
        form.QuerySelector("#verified-adults_digital_skills")!.TextContent.ShouldContain(FourOfFive);
        form.QuerySelector("#verified-adults_vneid_confirmed")!.TextContent.ShouldContain("Đã xác minh qua gọi lại: " + FourOfFive);
        form.QuerySelector("#verified-posts_per_month").ShouldBeNull("no sample verifies posts");
        var api = await officer.GetFromJsonAsync<JsonElement>($"/api/v1/reporting/dashboard?unit={commune}&period={Period}");
        api.GetProperty("indicators").EnumerateArray().Single(i => i.GetProperty("code").GetString() == "adults_digital_skills")
            .GetProperty("verified").GetProperty("counted").GetInt32().ShouldBe(5);

        var pdf = await PdfText.ExtractAsync(await officer.GetByteArrayAsync($"/api/v1/reporting/reports/{commune}/{Period}/pdf"));
        pdf.ShouldContain("Đã xác minh");
        pdf.ShouldContain("(37,6–96,4%)");
        pdf.ShouldContain("n=5");

        using var workbook = SpreadsheetDocument.Open(new MemoryStream(await officer.GetByteArrayAsync($"/api/v1/reporting/reports/{commune}/{Period}/xlsx")), false);
        var cells = workbook.WorkbookPart!.WorksheetParts.SelectMany(p => p.Worksheet.Descendants<Cell>()).Select(c => c.InnerText).ToList();
        cells.ShouldContain("Đã xác minh (khoảng tin cậy 95%)");
        cells.Count(c => c == FourOfFive).ShouldBe(2, "adults with digital skills and adults confirmed on VNeID");
        cells.ShouldContain("—", "indicators without a sample show a dash, not a number");
        new DocumentFormat.OpenXml.Validation.OpenXmlValidator().Validate(workbook).ShouldBeEmpty();

        // The province has no verified figure (samples are per commune).
        var province = await inspector.GetFromJsonAsync<JsonElement>($"/api/v1/reporting/dashboard?unit={VerificationTestData.Province}&period={Period}");
        province.GetProperty("indicators").EnumerateArray().ShouldAllBe(i => i.GetProperty("verified").ValueKind == JsonValueKind.Null);
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task DrawingASample_ForAProvinceOrAVillage_IsRefusedInVietnamese_AndNothingIsSaved(string provider)
    {
        var app = await apps.GetAsync(provider);
        var commune = await app.CreateCommuneAsync();
        await app.AddCertifiedAsync(commune, 1, 4, June);
        var inspector = await app.CreateClientAsync(await app.CreateStaffAsync(StaffRole.ProvinceOfficer, VerificationTestData.Province));
        var before = await app.ExecuteDbAsync(db => Task.FromResult(db.VerificationSamples.Count()));
        foreach (var unit in new[] { VerificationTestData.Province, $"{commune}-001" })
        {
            var refused = await inspector.PostAsJsonAsync("/api/v1/verification/samples", new { unit, period = Period, kind = "certified-learners", size = 2, seed = 5 });
            refused.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
            var problem = await refused.Content.ReadFromJsonAsync<JsonElement>();
            problem.GetProperty("code").GetString().ShouldBe("verification.unit_not_commune");
            (await refused.Content.ReadAsStringAsync()).ShouldContain($"«{unit}» không phải là đơn vị cấp xã");
        }

        (await app.ExecuteDbAsync(db => Task.FromResult(db.VerificationSamples.Count()))).ShouldBe(before);
        (await inspector.GetAsync($"/units/{commune}-001/verification")).StatusCode.ShouldBe(HttpStatusCode.BadRequest);
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task Pages_TheInspectorDrawsASample_RecordsOutcomesOnce_TheCommuneCannotOpenThem(string provider)
    {
        var app = await apps.GetAsync(provider);
        var commune = await app.CreateCommuneAsync();
        await app.AddCertifiedAsync(commune, 1, 3, June);
        await app.AddCertifiedAsync(commune, 2, 3, June);
        var inspector = await app.CreateClientAsync(await app.CreateStaffAsync(StaffRole.ProvinceOfficer, VerificationTestData.Province));

        var tooLarge = await inspector.SubmitFormAsync($"/units/{commune}/verification", new Dictionary<string, string>
        {
            ["period"] = Period, ["kind"] = "certified-learners", ["size"] = "7", ["seed"] = "9",
        }, "Draw");
        tooLarge.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await tooLarge.ParseAsync()).QuerySelector(".error")!.TextContent.ShouldContain("Cỡ mẫu 7 lớn hơn số bản ghi có thể chọn (6)");

        var drawn = await inspector.SubmitFormAsync($"/units/{commune}/verification", new Dictionary<string, string>
        {
            ["period"] = Period, ["kind"] = "certified-learners", ["size"] = "3", ["seed"] = "9",
        }, "Draw");
        drawn.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var samplePage = drawn.Headers.Location!.OriginalString;
        samplePage.ShouldStartWith($"/units/{commune}/verification/");

        var page = await inspector.GetPageAsync(samplePage);
        page.QuerySelectorAll("#sample-items > li").Length.ShouldBe(3);
        page.QuerySelectorAll("#sample-items > li")[0].TextContent.ShouldContain("Người Học Số", Case.Sensitive, "the inspector who drew it sees the names");
        foreach (var outcome in new[] { "confirmed", "confirmed", "denied" })
        {
            var saved = await inspector.SubmitFormAsync(samplePage, new Dictionary<string, string> { ["outcome"] = outcome, ["note"] = "Đã gọi điện" }, "Outcome");
            saved.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        }

        page = await inspector.GetPageAsync(samplePage);
        page.QuerySelectorAll("form.outcome-form").Length.ShouldBe(0);
        page.QuerySelectorAll("#sample-items > li[data-outcome='confirmed']").Length.ShouldBe(2);
        page.QuerySelector("#estimate")!.TextContent.ShouldContain("66,7% (20,8–93,9%), n=3");

        var list = await inspector.GetPageAsync($"/units/{commune}/verification");
        list.QuerySelector("#samples")!.TextContent.ShouldContain("66,7% (20,8–93,9%), n=3");

        var officer = await app.CreateClientAsync(await app.CreateStaffAsync(StaffRole.CommuneOfficer, commune));
        (await officer.GetAsync($"/units/{commune}/verification")).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await officer.GetAsync(samplePage)).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
    }
}
