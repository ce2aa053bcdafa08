using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using HocVuSo.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace HocVuSo.Tests.Features.Plans;

/// <summary>The year-end summary (báo cáo tổng kết): pre-filled figures, edited while a draft, issued and frozen, as a PDF.</summary>
public class PlanYearSummaryTests
{
    public static TheoryData<string> Providers => TestApp.Providers;

    private static async Task<int> EaTrangPlanAsync(HttpClient client)
    {
        var plans = await client.GetFromJsonAsync<JsonElement[]>("/api/v1/plans?unit=24445&year=2026");
        return plans!.Single(p => p.GetProperty("unit").GetString() == "24445").GetProperty("id").GetInt32();
    }

    private static string Flat(string text) => Regex.Replace(text, @"\s+", " ");

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task YearSummary_PrefilledFromTheYear_EditedAsDraft_IssuedAndFrozen_ReadsBackAsPdf(string provider)
    {
        var app = await TestApp.GetAsync(provider);
        var officer = await app.CreateClientAsync("officer.eatrang");
        var planId = await EaTrangPlanAsync(officer);
        var plan = await officer.GetFromJsonAsync<JsonElement>($"/api/v1/plans/{planId}");

        var today = DateOnly.FromDateTime(DateTime.UtcNow.AddHours(7));
        Task<int> ClassesHeldAsync() => app.ExecuteDbAsync(db => db.TrainingClasses.CountAsync(c => c.UnitPath.Contains("/24445/") && c.Date.Year == 2026 && c.Date <= today));
        var classesBefore = await ClassesHeldAsync();
        var draft = await officer.GetFromJsonAsync<JsonElement>($"/api/v1/plans/{planId}/summary");
        var classesAfter = await ClassesHeldAsync();
        draft.GetProperty("status").GetString().ShouldBe("draft");
        var figures = draft.GetProperty("figures");
        figures.GetProperty("tasks").GetArrayLength().ShouldBe(plan.GetProperty("tasks").GetArrayLength());
        var task3 = figures.GetProperty("tasks").EnumerateArray().Single(t => t.GetProperty("number").GetString() == "3");
        var planTask3 = plan.GetProperty("tasks").EnumerateArray().Single(t => t.GetProperty("number").GetString() == "3");
        task3.GetProperty("state").GetString().ShouldBe(planTask3.GetProperty("state").GetString());
        task3.GetProperty("targets")[0].GetProperty("target").GetDecimal().ShouldBe(planTask3.GetProperty("targets")[0].GetProperty("value").GetDecimal());
        figures.GetProperty("classes").GetInt32().ShouldBeInRange(classesBefore, classesAfter);
        figures.GetProperty("communications").GetInt32().ShouldBeGreaterThan(0);

        var marker = "Kết quả tổng kết " + Guid.NewGuid().ToString("N")[..6];
        var outsider = await (await app.CreateClientAsync("officer.bacninh")).PutAsJsonAsync($"/api/v1/plans/{planId}/summary", new { results = "x" });
        var organisationOfficer = await (await app.CreateClientAsync("vhxh.eatrang")).PutAsJsonAsync($"/api/v1/plans/{planId}/summary", new { results = "x" });
        var badText = await officer.PutAsJsonAsync($"/api/v1/plans/{planId}/summary", new { results = "ok", lessons = "a\u202Eb" });
        var saved = await officer.PutAsJsonAsync($"/api/v1/plans/{planId}/summary", new
        {
            results = marker + "\nCác lớp học được tổ chức tại nhà văn hóa các thôn, buôn.",
            shortcomings = "Một số thôn, buôn chưa tổ chức đủ buổi hướng dẫn.",
            nextYear = "Tiếp tục duy trì các lớp học vào buổi tối.",
        });

        outsider.StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        organisationOfficer.StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        badText.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await badText.Content.ReadAsStringAsync()).ShouldContain("Bài học kinh nghiệm");
        saved.StatusCode.ShouldBe(HttpStatusCode.OK, await saved.Content.ReadAsStringAsync());
        var draftPdf = Flat(await PdfText.ExtractAsync(await officer.GetByteArrayAsync($"/api/v1/plans/{planId}/summary/pdf")));
        draftPdf.ShouldContain("DỰ THẢO");
        draftPdf.ShouldContain("Số: ……/BC-UBND");

        var badNumber = await officer.PostAsJsonAsync($"/api/v1/plans/{planId}/summary/issue", new { number = "/BC-UBND", issuedOn = today });
        var badDay = await officer.PostAsJsonAsync($"/api/v1/plans/{planId}/summary/issue", new { number = "15/BC-UBND", issuedOn = "2025-12-30" });
        badNumber.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await badNumber.Content.ReadAsStringAsync()).ShouldContain("15/BC-UBND");
        badDay.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await officer.GetFromJsonAsync<JsonElement>($"/api/v1/plans/{planId}/summary")).GetProperty("status").GetString().ShouldBe("draft");

        var issued = await officer.PostAsJsonAsync($"/api/v1/plans/{planId}/summary/issue", new { number = "15/BC-UBND", issuedOn = today });
        issued.StatusCode.ShouldBe(HttpStatusCode.OK, await issued.Content.ReadAsStringAsync());
        var frozenTasks = (await officer.GetFromJsonAsync<JsonElement>($"/api/v1/plans/{planId}/summary")).GetProperty("figures").GetProperty("tasks").GetRawText();
        var task13 = plan.GetProperty("tasks").EnumerateArray().Single(t => t.GetProperty("number").GetString() == "1.3").GetProperty("id").GetInt32();
        (await officer.PostAsJsonAsync($"/api/v1/plans/{planId}/tasks/{task13}/updates", new { text = "Sau tổng kết", date = today.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture) }))
            .StatusCode.ShouldBe(HttpStatusCode.Created);
        var after = await officer.GetFromJsonAsync<JsonElement>($"/api/v1/plans/{planId}/summary");
        var edit = await officer.PutAsJsonAsync($"/api/v1/plans/{planId}/summary", new { results = "sửa sau khi ban hành" });
        var again = await officer.PostAsJsonAsync($"/api/v1/plans/{planId}/summary/issue", new { number = "16/BC-UBND", issuedOn = today });

        after.GetProperty("status").GetString().ShouldBe("issued");
        after.GetProperty("number").GetString().ShouldBe("15/BC-UBND");
        after.GetProperty("figures").GetProperty("tasks").GetRawText().ShouldBe(frozenTasks);
        after.GetProperty("results").GetString()!.ShouldStartWith(marker);
        edit.StatusCode.ShouldBe(HttpStatusCode.Conflict);
        again.StatusCode.ShouldBe(HttpStatusCode.Conflict);
        var pdf = Flat(await PdfText.ExtractAsync(await officer.GetByteArrayAsync($"/api/v1/plans/{planId}/summary/pdf")));
        pdf.ShouldContain("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM");
        pdf.ShouldContain("Độc lập - Tự do - Hạnh phúc");
        pdf.ShouldContain("UBND XÃ EA TRANG");
        pdf.ShouldContain("Số: 15/BC-UBND");
        pdf.ShouldNotContain("DỰ THẢO");
        pdf.ShouldContain("Tổng kết thực hiện Kế hoạch số");
        pdf.ShouldContain("I. KẾT QUẢ ĐẠT ĐƯỢC");
        pdf.ShouldContain(marker);
        pdf.ShouldContain("II. TỒN TẠI, HẠN CHẾ");
        pdf.ShouldContain("III. PHƯƠNG HƯỚNG, NHIỆM VỤ NĂM 2027");
        pdf.ShouldContain("Tuyên truyền tài liệu");
        pdf.ShouldContain("TM. ỦY BAN NHÂN DÂN");
        var audit = await app.ExecuteDbAsync(db => db.AuditEntries.Where(a => a.EntityType == "PlanSummary" && a.EntityKey == planId.ToString(System.Globalization.CultureInfo.InvariantCulture))
            .Select(a => a.Action).ToListAsync());
        audit.ShouldContain("plans.summary_saved");
        audit.ShouldContain("plans.summary_issued");
    }
}
