using System.Globalization;
using System.Net;
using HocVuSo.Core.Features.Accounts;
using HocVuSo.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace HocVuSo.Tests.Features.Oversight;

/// <summary>The inspection pages: a province plans and records a visit through the forms; the commune answers on its findings page.</summary>
public class InspectionPagesTests(InspectionApps apps) : IClassFixture<InspectionApps>
{
    public static TheoryData<string> Providers => TestApp.Providers;

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task AProvinceRecordsAVisitThroughTheForms_AndTheCommuneAnswersOnItsPage(string provider)
    {
        var app = await apps.GetAsync(provider);
        var commune = await app.CreateCommuneAsync(villages: 0);
        var body = await app.AddOrganisationAsync(commune, "Phòng Văn hóa – Xã hội trang");
        var inspector = await app.CreateClientAsync("officer.daklak");

        var template = await inspector.SubmitFormAsync("/units/66/inspections", new Dictionary<string, string>
        {
            ["name"] = "Phiếu kiểm tra trang " + commune,
            ["criteria"] = "1-5 | Đăng tin hằng tháng\nyes-no-partly | Tổ Công nghệ số hoạt động",
        }, "handler=Template");
        template.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var templateId = await app.ExecuteDbAsync(db => db.ChecklistTemplates.Where(t => t.Name == "Phiếu kiểm tra trang " + commune).Select(t => t.Id).SingleAsync());

        var refused = await inspector.SubmitFormAsync("/units/66/inspections", new Dictionary<string, string>
        {
            ["title"] = "Kiểm tra đột xuất", ["kind"] = "surprise", ["date"] = "32/13/2026", ["templateId"] = templateId.ToString(CultureInfo.InvariantCulture), ["units"] = commune,
        }, "handler=Plan");
        refused.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await refused.Content.ReadAsStringAsync()).ShouldContain("Ngày «32/13/2026» không hợp lệ.");

        var plan = await inspector.SubmitFormAsync("/units/66/inspections", new Dictionary<string, string>
        {
            ["title"] = "Kiểm tra đột xuất xã " + commune, ["kind"] = "surprise", ["date"] = InspectionTestData.Today.ToString("dd/MM/yyyy", CultureInfo.InvariantCulture),
            ["templateId"] = templateId.ToString(CultureInfo.InvariantCulture), ["units"] = commune,
        }, "handler=Plan");
        plan.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var planUrl = plan.Headers.Location!.OriginalString;
        var list = await inspector.GetPageAsync("/units/66/inspections");
        list.QuerySelector("#inspection-plans")!.TextContent.ShouldContain("Kiểm tra đột xuất xã " + commune);

        var visitUrl = planUrl + "/visit";
        var fields = new Dictionary<string, string>
        {
            ["unit"] = commune, ["date"] = InspectionTestData.Today.ToString("dd/MM/yyyy", CultureInfo.InvariantCulture), ["members"] = "Lê Văn Đoàn, Trưởng đoàn",
            ["rating-1"] = "6", ["text-1"] = "Đăng 6 tin", ["rating-2"] = "no", ["text-2"] = "Tổ chưa họp",
            ["follow-text-0"] = "Họp tổ hằng tháng", ["follow-lead-0"] = body.ToString(CultureInfo.InvariantCulture),
            ["follow-due-0"] = InspectionTestData.Due.ToString("dd/MM/yyyy", CultureInfo.InvariantCulture),
        };
        var bad = await inspector.SubmitFormAsync(visitUrl, fields);
        bad.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await bad.Content.ReadAsStringAsync()).ShouldContain("Mức đánh giá «6» của tiêu chí 1 không nằm trong thang");
        (await app.ExecuteDbAsync(db => db.InspectionVisits.CountAsync(v => v.UnitPath == $"/66/{commune}/"))).ShouldBe(0);

        fields["rating-1"] = "3";
        var saved = await inspector.SubmitFormAsync(visitUrl, fields);
        saved.StatusCode.ShouldBe(HttpStatusCode.Redirect, await saved.Content.ReadAsStringAsync());
        saved.Headers.Location!.OriginalString.ShouldStartWith($"/units/{commune}/findings#visit-");

        var officer = await app.CreateClientAsync(await app.CreateStaffAsync(StaffRole.CommuneOfficer, commune));
        var unitPage = await officer.GetPageAsync($"/units/{commune}");
        unitPage.QuerySelector($"a[href='/units/{commune}/findings']").ShouldNotBeNull();
        var findings = await officer.GetPageAsync($"/units/{commune}/findings");
        findings.QuerySelector(".findings")!.TextContent.ShouldContain("Tổ chưa họp");
        findings.QuerySelector(".follow-ups")!.TextContent.ShouldContain("Họp tổ hằng tháng");
        findings.QuerySelectorAll("form[id^='answer-']").Length.ShouldBe(2);
        var answered = await officer.SubmitFormAsync($"/units/{commune}/findings", new Dictionary<string, string> { ["text"] = "Tổ sẽ họp vào ngày 5 hằng tháng" }, "handler=Answer");
        answered.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        (await app.ExecuteDbAsync(db => db.InspectionFindings.CountAsync(f => f.Answer == "Tổ sẽ họp vào ngày 5 hằng tháng"))).ShouldBe(1);
    }
}
