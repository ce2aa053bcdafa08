using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;
using HocVuSo.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace HocVuSo.Tests.Features.Plans;

/// <summary>The plan report (JSON, PDF, .xlsx) and the enrolment of an organisation's people by CSV.</summary>
public class PlanReportAndMembersTests
{
    public static TheoryData<string> Providers => TestApp.Providers;

    private static async Task<(int PlanId, int Task13)> EaTrangPlanAsync(HttpClient client)
    {
        var plans = await client.GetFromJsonAsync<JsonElement[]>("/api/v1/plans?unit=24445&year=2026");
        var id = plans!.Single(p => p.GetProperty("unit").GetString() == "24445").GetProperty("id").GetInt32();
        var plan = await client.GetFromJsonAsync<JsonElement>($"/api/v1/plans/{id}");
        var task = plan.GetProperty("tasks").EnumerateArray().Single(t => t.GetProperty("number").GetString() == "1.3").GetProperty("id").GetInt32();
        return (id, task);
    }

    private static string Phone() => "09" + Random.Shared.NextInt64(10_000_000, 99_999_999).ToString(CultureInfo.InvariantCulture);

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task PlanReport_ListsTasksWithTheUpdatesOfThePeriod_AsJsonPdfAndXlsx(string provider)
    {
        var app = await TestApp.GetAsync(provider);
        var officer = await app.CreateClientAsync("officer.eatrang");
        var (planId, task13) = await EaTrangPlanAsync(officer);
        var marker = "Báo cáo kỳ " + Guid.NewGuid().ToString("N")[..6];
        (await officer.PostAsJsonAsync($"/api/v1/plans/{planId}/tasks/{task13}/updates", new { text = marker, date = "2026-04-10", evidenceUrl = "https://example.org/minh-chung" }))
            .StatusCode.ShouldBe(HttpStatusCode.Created);
        var url = $"/api/v1/plans/{planId}/report?from=2026-04-01&to=2026-04-30";

        var report = await officer.GetFromJsonAsync<JsonElement>(url);
        var later = await officer.GetFromJsonAsync<JsonElement>($"/api/v1/plans/{planId}/report?from=2026-05-01&to=2026-05-31");
        var pdf = await officer.GetByteArrayAsync(url.Replace("/report?", "/report/pdf?", StringComparison.Ordinal));
        var xlsx = await officer.GetByteArrayAsync(url.Replace("/report?", "/report/xlsx?", StringComparison.Ordinal));

        report.GetProperty("tasks").GetArrayLength().ShouldBe(report.GetProperty("tasks").EnumerateArray().Select(t => t.GetProperty("number").GetString()).Distinct().Count());
        static IEnumerable<string?> Updates(JsonElement r) => r.GetProperty("tasks").EnumerateArray()
            .Single(t => t.GetProperty("number").GetString() == "1.3").GetProperty("updates").EnumerateArray().Select(u => u.GetProperty("text").GetString());
        Updates(report).ShouldContain(marker);
        Updates(later).ShouldNotContain(marker);
        var text = Regex.Replace(await PdfText.ExtractAsync(pdf), @"\s+", " ");
        text.ShouldContain("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM");
        text.ShouldContain("Độc lập - Tự do - Hạnh phúc");
        text.ShouldContain("UBND XÃ EA TRANG");
        text.ShouldContain("Số: ……/BC-UBND");
        text.ShouldContain("Kết quả thực hiện Kế hoạch số /KH-UBND");
        text.ShouldContain("từ ngày 01/04/2026 đến ngày 30/04/2026");
        text.ShouldContain("Tuyên truyền tài liệu");
        text.ShouldContain("Tổng kết thực hiện Phong trào thi đua");
        text.ShouldContain(marker);
        using var workbook = SpreadsheetDocument.Open(new MemoryStream(xlsx), false);
        var cells = workbook.WorkbookPart!.WorksheetParts.SelectMany(p => p.Worksheet.Descendants<Cell>()).Select(c => c.InnerText).ToList();
        cells.ShouldContain("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM");
        cells.ShouldContain(c => c.Contains(marker, StringComparison.Ordinal));
        cells.ShouldContain("1.3");
        new DocumentFormat.OpenXml.Validation.OpenXmlValidator().Validate(workbook).ShouldBeEmpty();
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task PlanReport_BadDatesAreRefusedInVietnamese_OutsideScopeForbidden(string provider)
    {
        var app = await TestApp.GetAsync(provider);
        var officer = await app.CreateClientAsync("officer.eatrang");
        var (planId, _) = await EaTrangPlanAsync(officer);

        var bad = await officer.GetAsync($"/api/v1/plans/{planId}/report/pdf?from=30/04/2026&to=2026-05-01");
        var reversed = await officer.GetAsync($"/api/v1/plans/{planId}/report?from=2026-05-01&to=2026-04-01");
        var outside = await (await app.CreateClientAsync("officer.bacninh")).GetAsync($"/api/v1/plans/{planId}/report/xlsx?from=2026-04-01&to=2026-04-30");

        bad.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await bad.Content.ReadAsStringAsync()).ShouldContain("nhập theo dạng YYYY-MM-DD");
        reversed.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await reversed.Content.ReadAsStringAsync()).ShouldContain("trước ngày bắt đầu");
        outside.StatusCode.ShouldBe(HttpStatusCode.Forbidden);
    }

    private static async Task<HttpResponseMessage> ImportAsync(HttpClient client, int organisationId, string csv)
    {
        using var content = new MultipartFormDataContent();
        content.Add(new ByteArrayContent(Encoding.UTF8.GetBytes(csv)), "file", "thanh-vien.csv");
        return await client.PostAsync($"/api/v1/organisations/{organisationId}/members/import", content);
    }

    private static async Task<int> OrganisationAsync(HttpClient client, string name)
    {
        var list = await client.GetFromJsonAsync<JsonElement[]>("/api/v1/organisations?unit=24445");
        return list!.Single(o => o.GetProperty("name").GetString() == name).GetProperty("id").GetInt32();
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task MembersCsv_EnrolsPeople_APersonEnrolledElsewhereStopsTheWholeFile(string provider)
    {
        var app = await TestApp.GetAsync(provider);
        var officer = await app.CreateClientAsync("officer.eatrang");
        var police = await OrganisationAsync(officer, "Công an xã");
        var schools = await OrganisationAsync(officer, "Các trường Tiểu học, THCS trên địa bàn xã");
        var (_, existingLearner) = await app.CreateLearnerAsync();
        var newcomer = Phone();
        var other = Phone();
        var suffix = Guid.NewGuid().ToString("N")[..6];

        var first = await ImportAsync(officer, police, $"full_name,phone_or_email,role\nNguyễn Văn An,{existingLearner},công chức\nTrần Thị Bình {suffix},{newcomer},viên chức\n");
        var elsewhere = await ImportAsync(officer, schools, $"full_name,phone_or_email,role\nLê Văn Cường {suffix},{other},lớp 7\nNguyễn Văn An,{existingLearner},lớp 8\n");
        var badGroup = await ImportAsync(officer, schools, $"full_name,phone_or_email,role,group\nLê Văn Cường {suffix},{other},lớp 7,teachers\n");
        var outside = await ImportAsync(await app.CreateClientAsync("officer.bacninh"), police, $"full_name,phone_or_email,role\nAi Đó,{Phone()},x\n");

        first.StatusCode.ShouldBe(HttpStatusCode.OK, await first.Content.ReadAsStringAsync());
        var summary = await first.Content.ReadFromJsonAsync<JsonElement>();
        summary.GetProperty("enrolled").GetInt32().ShouldBe(2);
        summary.GetProperty("accountsCreated").GetInt32().ShouldBe(1);
        elsewhere.StatusCode.ShouldBe(HttpStatusCode.Conflict);
        var problem = await elsewhere.Content.ReadFromJsonAsync<JsonElement>();
        var row = problem.GetProperty("rows").EnumerateArray().Single();
        row.GetProperty("row").GetInt32().ShouldBe(3);
        row.GetProperty("field").GetString().ShouldBe("phone_or_email");
        row.GetProperty("message").GetString()!.ShouldContain("đã là thành viên của «Công an xã»");
        badGroup.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await badGroup.Content.ReadAsStringAsync()).ShouldContain("Nhóm «teachers» không hợp lệ");
        outside.StatusCode.ShouldBe(HttpStatusCode.Forbidden);

        var members = await app.ExecuteDbAsync(db => db.OrganisationMembers.Where(m => m.OrganisationId == police || m.OrganisationId == schools)
            .Join(db.Users, m => m.UserId, u => u.Id, (m, u) => new { m.OrganisationId, m.Group, m.Role, u.FullName }).ToListAsync());
        members.Where(m => m.FullName == "Trần Thị Bình " + suffix && m.OrganisationId == police).ShouldHaveSingleItem().Group.ShouldBe(HocVuSo.Core.Features.Plans.MemberGroup.Officials);
        members.ShouldNotContain(m => m.FullName == "Lê Văn Cường " + suffix);
        (await app.ExecuteDbAsync(db => db.Users.Select(u => u.FullName).ToListAsync())).ShouldNotContain("Lê Văn Cường " + suffix);
    }
}
