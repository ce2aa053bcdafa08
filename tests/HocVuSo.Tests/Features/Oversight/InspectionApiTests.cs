using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using HocVuSo.Core.Features.Accounts;
using HocVuSo.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace HocVuSo.Tests.Features.Oversight;

/// <summary>Inspections through the API: templates, plans, visits and their follow-ups in the Plans area, scope, bad input, minutes and the unit's answers.</summary>
public class InspectionApiTests(InspectionApps apps) : IClassFixture<InspectionApps>
{
    public static TheoryData<string> Providers => TestApp.Providers;

    private const string Province = VerificationTestData.Province;

    private static string Iso(DateOnly day) => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static async Task<JsonElement> JsonAsync(HttpResponseMessage response) => await response.Content.ReadFromJsonAsync<JsonElement>();

    private static object Template(string unit = Province) => new
    {
        unit, name = "Phiếu kiểm tra thử",
        criteria = new object[]
        {
            new { number = 1, text = "Đăng tin, bài hằng tháng", scale = "1-5" },
            new { number = 2, text = "Tổ Công nghệ số cộng đồng hoạt động", scale = "yes-no-partly" },
            new { number = 3, text = "Có sổ theo dõi", scale = "yes-no" },
        },
    };

    private static object Findings(string rating1 = "4", string url = "https://example.org/bien-ban/1") =>
        new object[]
        {
            new { criterion = 1, rating = rating1, text = "Đăng 8 tin trong tháng, chưa đạt 10", evidenceUrl = url },
            new { criterion = 2, rating = "partly", text = "Hai thôn chưa có tổ" },
            new { criterion = 3, rating = "yes" },
        };

    private static async Task<int> CreateTemplateAsync(HttpClient client, string unit = Province)
    {
        var response = await client.PostAsJsonAsync("/api/v1/inspections/templates", Template(unit));
        response.StatusCode.ShouldBe(HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        return (await JsonAsync(response)).GetProperty("id").GetInt32();
    }

    private static async Task<int> CreatePlanAsync(HttpClient client, int templateId, params string[] units)
    {
        var response = await client.PostAsJsonAsync("/api/v1/inspections/plans",
            new { owner = Province, kind = "periodic-quarterly", period = $"{InspectionTestData.Today.Year}-Q4", title = "Kiểm tra quý IV", templateId, units });
        response.StatusCode.ShouldBe(HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        return (await JsonAsync(response)).GetProperty("id").GetInt32();
    }

    private static object Visit(string unit, object? findings = null, object? followUps = null, DateOnly? date = null) => new
    {
        unit, date = Iso(date ?? InspectionTestData.Today), members = "Nguyễn Văn Kiểm, Trưởng đoàn\nTrần Thị Tra, thành viên",
        findings = findings ?? Findings(), followUps = followUps ?? Array.Empty<object>(),
    };

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task ProvinceInspectsACommune_TheFollowUpBecomesATaskOfTheCommunesPlan(string provider)
    {
        var app = await apps.GetAsync(provider);
        var commune = await app.CreateCommuneAsync(villages: 1);
        var planId = await app.AddPlanAsync(commune);
        var police = await app.AddOrganisationAsync(commune, "Công an xã thử");
        var inspector = await app.CreateClientAsync("officer.daklak");
        var templateId = await CreateTemplateAsync(inspector);
        var inspectionId = await CreatePlanAsync(inspector, templateId, commune);

        var created = await inspector.PostAsJsonAsync($"/api/v1/inspections/plans/{inspectionId}/visits",
            Visit(commune, followUps: new[] { new { text = "Bổ sung sổ theo dõi tuyên truyền", lead = police, due = Iso(InspectionTestData.Due) } }));
        created.StatusCode.ShouldBe(HttpStatusCode.Created, await created.Content.ReadAsStringAsync());
        var visit = await JsonAsync(created);
        visit.GetProperty("findings").GetArrayLength().ShouldBe(3);
        visit.GetProperty("findings")[1].GetProperty("rating").GetString().ShouldBe("partly");
        visit.GetProperty("findings")[1].GetProperty("values").EnumerateArray().Select(v => v.GetString()).ShouldBe(["yes", "partly", "no"]);
        var followUp = visit.GetProperty("followUps")[0];
        followUp.GetProperty("planId").GetInt32().ShouldBe(planId);
        followUp.GetProperty("state").GetString().ShouldBe("at_risk"); // due within the Plans area's 30 days, nothing reported yet
        var taskId = followUp.GetProperty("taskId").GetInt32();

        // The task is a task of the commune's plan, in the follow-up section created for it.
        var commmuneOfficer = await app.CreateClientAsync(await app.CreateStaffAsync(StaffRole.CommuneOfficer, commune));
        var plan = await commmuneOfficer.GetFromJsonAsync<JsonElement>($"/api/v1/plans/{planId}");
        var task = plan.GetProperty("tasks").EnumerateArray().Single(t => t.GetProperty("id").GetInt32() == taskId);
        task.GetProperty("title").GetString().ShouldBe("Bổ sung sổ theo dõi tuyên truyền");
        var section = await app.ExecuteDbAsync(db => db.PlanTasks.Where(t => t.Id == taskId).Join(db.PlanSections, t => t.SectionId, s => s.Id, (t, s) => new { s.Number, s.Title, t.LeadOrganisationId, t.DueOn }).SingleAsync());
        section.Number.ShouldBe("KT");
        section.Title.ShouldBe("Khắc phục sau kiểm tra");
        section.LeadOrganisationId.ShouldBe(police);
        section.DueOn.ShouldBe(InspectionTestData.Due);

        // Its progress is recorded in the Plans area, and the inspection sees it.
        var update = await commmuneOfficer.PostAsJsonAsync($"/api/v1/plans/{planId}/tasks/{taskId}/updates",
            new { text = "Đã lập sổ theo dõi", date = Iso(InspectionTestData.Today), completes = true });
        update.IsSuccessStatusCode.ShouldBeTrue(await update.Content.ReadAsStringAsync());
        var again = await inspector.GetFromJsonAsync<JsonElement>($"/api/v1/inspections/visits/{visit.GetProperty("id").GetInt32()}");
        again.GetProperty("followUps")[0].GetProperty("state").GetString().ShouldBe("done");

        var read = await inspector.GetFromJsonAsync<JsonElement>($"/api/v1/inspections/plans/{inspectionId}");
        read.GetProperty("status").GetString().ShouldBe("in-progress");
        read.GetProperty("period").GetString().ShouldBe($"{InspectionTestData.Today.Year}-Q4");
        read.GetProperty("visits").GetArrayLength().ShouldBe(1);
        (await app.ExecuteDbAsync(db => db.AuditEntries.CountAsync(a => a.Action == "inspections.visit_recorded" && a.UnitPath == $"/66/{commune}/"))).ShouldBe(1);
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task AUnitWithoutAPlan_KeepsItsFollowUpsWithTheInspection(string provider)
    {
        var app = await apps.GetAsync(provider);
        var commune = await app.CreateCommuneAsync(villages: 2);
        var village = $"{commune}-002";
        var team = await app.AddOrganisationAsync(village, "Tổ Công nghệ số thôn 2");
        var officer = await app.CreateClientAsync(await app.CreateStaffAsync(StaffRole.CommuneOfficer, commune));
        var templateId = await CreateTemplateAsync(officer, commune);
        var created = await officer.PostAsJsonAsync("/api/v1/inspections/plans",
            new { owner = commune, kind = "surprise", date = Iso(InspectionTestData.Today), title = "Kiểm tra đột xuất thôn 2", templateId, units = new[] { village } });
        created.StatusCode.ShouldBe(HttpStatusCode.Created, await created.Content.ReadAsStringAsync());
        var inspectionId = (await JsonAsync(created)).GetProperty("id").GetInt32();

        var visit = await officer.PostAsJsonAsync($"/api/v1/inspections/plans/{inspectionId}/visits",
            Visit(village, followUps: new[] { new { text = "Tổ chức lại buổi hướng dẫn", lead = team, due = Iso(InspectionTestData.Due) } }));
        visit.StatusCode.ShouldBe(HttpStatusCode.Created, await visit.Content.ReadAsStringAsync());
        var followUp = (await JsonAsync(visit)).GetProperty("followUps")[0];
        followUp.GetProperty("state").GetString().ShouldBe("open");
        followUp.GetProperty("taskId").ValueKind.ShouldBe(JsonValueKind.Null);
        (await app.ExecuteDbAsync(db => db.InspectionFollowUps.CountAsync(f => f.LeadOrganisationId == team && f.PlanTaskId == null))).ShouldBe(1);
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task OnlyStaffAboveTheInspectedUnitPlan_OthersGet403Or404(string provider)
    {
        var app = await apps.GetAsync(provider);
        var commune = await app.CreateCommuneAsync(villages: 1);
        var own = await app.CreateClientAsync(await app.CreateStaffAsync(StaffRole.CommuneOfficer, commune));
        var viewer = await app.CreateClientAsync("viewer"); // sees every unit, manages no plans
        var stranger = await app.CreateClientAsync("officer.bacninh");
        var inspector = await app.CreateClientAsync("officer.daklak");
        var templateId = await CreateTemplateAsync(inspector);
        object PlanOf(string owner, params string[] units) => new { owner, kind = "periodic-monthly", period = "2026-06", title = "Kiểm tra tháng 6", templateId, units };

        // The commune does not plan the province's inspection of itself, nor inspect itself.
        (await own.PostAsJsonAsync("/api/v1/inspections/plans", PlanOf(Province, commune))).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        var self = await own.PostAsJsonAsync("/api/v1/inspections/plans", PlanOf(commune, commune));
        self.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await self.Content.ReadAsStringAsync()).ShouldContain("inspections.unit_out_of_scope");
        (await viewer.PostAsJsonAsync("/api/v1/inspections/plans", PlanOf(commune, $"{commune}-001"))).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await viewer.PostAsJsonAsync("/api/v1/inspections/templates", Template(commune))).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await stranger.PostAsJsonAsync("/api/v1/inspections/plans", PlanOf(Province, commune))).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        var otherProvince = await stranger.PostAsJsonAsync("/api/v1/inspections/plans", PlanOf("24", commune));
        otherProvince.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await otherProvince.Content.ReadAsStringAsync()).ShouldContain($"Đơn vị «{commune}» không thuộc địa bàn của đơn vị kiểm tra");

        var inspectionId = await CreatePlanAsync(inspector, templateId, commune);
        (await own.GetAsync($"/api/v1/inspections/plans/{inspectionId}")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await stranger.GetAsync($"/api/v1/inspections/plans/{inspectionId}")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await own.PostAsJsonAsync($"/api/v1/inspections/plans/{inspectionId}/visits", Visit(commune))).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await stranger.PostAsJsonAsync($"/api/v1/inspections/plans/{inspectionId}/visits", Visit(commune))).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await stranger.GetAsync($"/api/v1/inspections/templates/{templateId}")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await own.GetAsync($"/api/v1/inspections/templates/{templateId}")).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await app.ExecuteDbAsync(db => db.InspectionVisits.CountAsync(v => v.PlanId == inspectionId))).ShouldBe(0);
        (await app.ExecuteDbAsync(db => db.InspectionPlans.CountAsync(p => p.Units.Any(u => u.UnitPath == $"/66/{commune}/")))).ShouldBe(1);
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task BadVisits_AreRefusedInVietnamese_AndNothingIsSaved(string provider)
    {
        var app = await apps.GetAsync(provider);
        var commune = await app.CreateCommuneAsync(villages: 1);
        var planned = await app.CreateCommuneAsync(villages: 0);
        var other = await app.CreateCommuneAsync(villages: 0);
        var planId = await app.AddPlanAsync(commune);
        var ownBody = await app.AddOrganisationAsync(commune, "Phòng Văn hóa – Xã hội thử");
        var otherBody = await app.AddOrganisationAsync(other, "Phòng Kinh tế xã khác");
        var inspector = await app.CreateClientAsync("officer.daklak");
        var templateId = await CreateTemplateAsync(inspector);
        var inspectionId = await CreatePlanAsync(inspector, templateId, commune, planned);
        var tasksBefore = await app.ExecuteDbAsync(db => db.PlanTasks.CountAsync(t => t.PlanId == planId));

        async Task<string> RefusedAsync(object body, string code)
        {
            var response = await inspector.PostAsJsonAsync($"/api/v1/inspections/plans/{inspectionId}/visits", body);
            response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
            var text = await response.Content.ReadAsStringAsync();
            text.ShouldContain(code);
            return text;
        }

        var followUp = new[] { new { text = "Khắc phục", lead = ownBody, due = Iso(InspectionTestData.Due) } };
        (await RefusedAsync(Visit(commune, Findings(rating1: "7"), followUp), "inspections.rating_not_on_scale"))
            .ShouldContain("Mức đánh giá «7» của tiêu chí 1 không nằm trong thang; các mức được phép: 1, 2, 3, 4, 5.");
        (await RefusedAsync(Visit(commune, followUps: followUp, date: InspectionTestData.Today.AddDays(3)), "inspections.visit_date_future")).ShouldContain("chưa tới");
        (await RefusedAsync(Visit("27"), "inspections.unit_out_of_scope")).ShouldContain("không thuộc địa bàn của đơn vị kiểm tra");
        (await RefusedAsync(Visit(other), "inspections.unit_not_in_plan")).ShouldContain("không có trong kế hoạch kiểm tra này");
        (await RefusedAsync(Visit(commune, followUps: new[] { new { text = "Khắc phục", lead = otherBody, due = Iso(InspectionTestData.Due) } }), "inspections.lead_other_unit"))
            .ShouldContain($"không thuộc Xã Thử Nghiệm {commune}, đơn vị được kiểm tra");
        (await RefusedAsync(Visit(commune, new object[] { new { criterion = 1, rating = "3" } }), "inspections.criteria_missing")).ShouldContain("Chưa đánh giá các tiêu chí số: 2, 3.");
        (await RefusedAsync(Visit(commune, Findings(url: "javascript:alert(1)")), "inspections.evidence_url_invalid")).ShouldContain("chỉ nhận http hoặc https");
        (await RefusedAsync(Visit(commune, new object[] { new { criterion = 9, rating = "yes" } }), "inspections.criterion_unknown")).ShouldContain("Tiêu chí số «9»");

        (await app.ExecuteDbAsync(db => db.InspectionVisits.CountAsync(v => v.PlanId == inspectionId))).ShouldBe(0);
        (await app.ExecuteDbAsync(db => db.InspectionFollowUps.CountAsync(f => f.LeadOrganisationId == ownBody || f.LeadOrganisationId == otherBody))).ShouldBe(0);
        (await app.ExecuteDbAsync(db => db.PlanTasks.CountAsync(t => t.PlanId == planId))).ShouldBe(tasksBefore);
        (await app.ExecuteDbAsync(db => db.InspectionPlans.Where(p => p.Id == inspectionId).Select(p => p.Status).SingleAsync())).ShouldBe(HocVuSo.Core.Features.Oversight.InspectionStatus.Planned);
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task BadPlansAndTemplates_AreRefused(string provider)
    {
        var app = await apps.GetAsync(provider);
        var commune = await app.CreateCommuneAsync(villages: 0);
        var inspector = await app.CreateClientAsync("officer.daklak");
        var templateId = await CreateTemplateAsync(inspector);

        var scale = await inspector.PostAsJsonAsync("/api/v1/inspections/templates",
            new { unit = Province, name = "Sai thang", criteria = new[] { new { number = 1, text = "Tiêu chí", scale = "1-10" } } });
        scale.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await scale.Content.ReadAsStringAsync()).ShouldContain("Thang đánh giá «1-10» không có");
        var empty = await inspector.PostAsJsonAsync("/api/v1/inspections/templates", new { unit = Province, name = "Rỗng", criteria = Array.Empty<object>() });
        (await empty.Content.ReadAsStringAsync()).ShouldContain("inspections.criteria_count");

        async Task<string> RefusedAsync(object body)
        {
            var response = await inspector.PostAsJsonAsync("/api/v1/inspections/plans", body);
            response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
            return await response.Content.ReadAsStringAsync();
        }

        (await RefusedAsync(new { owner = Province, kind = "yearly", title = "x", templateId, units = new[] { commune } })).ShouldContain("Loại kiểm tra «yearly» không có");
        (await RefusedAsync(new { owner = Province, kind = "periodic-quarterly", period = "2026-Q5", title = "x", templateId, units = new[] { commune } })).ShouldContain("inspections.quarter_invalid");
        (await RefusedAsync(new { owner = Province, kind = "surprise", title = "x", templateId, units = new[] { commune } })).ShouldContain("inspections.date_invalid");
        (await RefusedAsync(new { owner = Province, kind = "periodic-monthly", period = "2026-06", title = "x", templateId = 999_999, units = new[] { commune } })).ShouldContain("inspections.template_unknown");
        (await RefusedAsync(new { owner = Province, kind = "periodic-monthly", period = "2026-06", title = "x", templateId, units = Array.Empty<string>() })).ShouldContain("inspections.units_count");
        (await app.ExecuteDbAsync(db => db.InspectionPlans.CountAsync(p => p.Units.Any(u => u.UnitPath == $"/66/{commune}/")))).ShouldBe(0);
        (await app.ExecuteDbAsync(db => db.ChecklistTemplates.CountAsync(t => t.Name == "Sai thang" || t.Name == "Rỗng"))).ShouldBe(0);
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task TheInspectedUnitAnswersItsFindings_UntilThePlanIsDone(string provider)
    {
        var app = await apps.GetAsync(provider);
        var commune = await app.CreateCommuneAsync(villages: 0);
        var neighbour = await app.CreateCommuneAsync(villages: 0);
        var inspector = await app.CreateClientAsync("officer.daklak");
        var templateId = await CreateTemplateAsync(inspector);
        var inspectionId = await CreatePlanAsync(inspector, templateId, commune, neighbour);
        var visit = await JsonAsync(await inspector.PostAsJsonAsync($"/api/v1/inspections/plans/{inspectionId}/visits", Visit(commune)));
        var visitId = visit.GetProperty("id").GetInt32();
        var findingId = visit.GetProperty("findings")[0].GetProperty("id").GetInt32();
        var otherVisit = await JsonAsync(await inspector.PostAsJsonAsync($"/api/v1/inspections/plans/{inspectionId}/visits", Visit(neighbour)));
        var otherFinding = otherVisit.GetProperty("findings")[0].GetProperty("id").GetInt32();

        var officer = await app.CreateClientAsync(await app.CreateStaffAsync(StaffRole.CommuneOfficer, commune));
        var neighbourOfficer = await app.CreateClientAsync(await app.CreateStaffAsync(StaffRole.CommuneOfficer, neighbour));
        var seen = await officer.GetFromJsonAsync<JsonElement>($"/api/v1/inspections/findings?unit={commune}");
        seen.GetArrayLength().ShouldBe(1);
        seen[0].GetProperty("canAnswer").GetBoolean().ShouldBeTrue();
        seen[0].GetProperty("findings")[0].GetProperty("text").GetString().ShouldBe("Đăng 8 tin trong tháng, chưa đạt 10");
        (await neighbourOfficer.GetAsync($"/api/v1/inspections/findings?unit={commune}")).StatusCode.ShouldBe(HttpStatusCode.NotFound);

        var url = $"/api/v1/inspections/visits/{visitId}/findings/{findingId}/answer";
        (await officer.PutAsJsonAsync(url, new { text = "  " })).StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await inspector.PutAsJsonAsync(url, new { text = "Trả lời thay" })).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await neighbourOfficer.PutAsJsonAsync(url, new { text = "Trả lời nhầm" })).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        var foreign = await officer.PutAsJsonAsync($"/api/v1/inspections/visits/{visitId}/findings/{otherFinding}/answer", new { text = "Của xã khác" });
        foreign.StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await foreign.Content.ReadAsStringAsync()).ShouldContain($"không thuộc buổi kiểm tra số {visitId}");
        (await app.ExecuteDbAsync(db => db.InspectionFindings.CountAsync(f => f.Answer != null && (f.Id == findingId || f.Id == otherFinding)))).ShouldBe(0);

        var answered = await officer.PutAsJsonAsync(url, new { text = "Xã sẽ đăng đủ 10 tin từ tháng sau" });
        answered.StatusCode.ShouldBe(HttpStatusCode.OK, await answered.Content.ReadAsStringAsync());
        (await JsonAsync(answered)).GetProperty("answer").GetString().ShouldBe("Xã sẽ đăng đủ 10 tin từ tháng sau");
        (await officer.PutAsJsonAsync(url, new { text = "Xã đã giao Văn phòng đăng tin hằng tuần" })).StatusCode.ShouldBe(HttpStatusCode.OK);
        var key = findingId.ToString(CultureInfo.InvariantCulture);
        var audit = await app.ExecuteDbAsync(db => db.AuditEntries.Where(a => a.EntityKey == key && a.Action.StartsWith("inspections.")).OrderBy(a => a.Id).Select(a => new { a.Action, a.OldValue }).ToListAsync());
        audit.Select(a => a.Action).ShouldBe(["inspections.finding_answered", "inspections.answer_changed"]);
        JsonDocument.Parse(audit[1].OldValue!).RootElement.GetProperty("answer").GetString().ShouldBe("Xã sẽ đăng đủ 10 tin từ tháng sau");

        (await inspector.PutAsJsonAsync($"/api/v1/inspections/plans/{inspectionId}/status", new { status = "done" })).StatusCode.ShouldBe(HttpStatusCode.OK);
        var locked = await officer.PutAsJsonAsync(url, new { text = "Sửa sau khi kết thúc" });
        locked.StatusCode.ShouldBe(HttpStatusCode.Conflict);
        (await locked.Content.ReadAsStringAsync()).ShouldContain("ý kiến giải trình không sửa được nữa");
        (await inspector.PostAsJsonAsync($"/api/v1/inspections/plans/{inspectionId}/visits", Visit(commune))).StatusCode.ShouldBe(HttpStatusCode.Conflict);
        var final = await officer.GetFromJsonAsync<JsonElement>($"/api/v1/inspections/visits/{visitId}");
        final.GetProperty("findings")[0].GetProperty("answer").GetString().ShouldBe("Xã đã giao Văn phòng đăng tin hằng tuần");
        final.GetProperty("canAnswer").GetBoolean().ShouldBeFalse();
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task TheMinutes_AreAnOfficialPdf_WithFindingsAnswersAndFollowUps(string provider)
    {
        var app = await apps.GetAsync(provider);
        var commune = await app.CreateCommuneAsync(villages: 0);
        var body = await app.AddOrganisationAsync(commune, "Văn phòng HĐND và UBND xã thử");
        var inspector = await app.CreateClientAsync("officer.daklak");
        var templateId = await CreateTemplateAsync(inspector);
        var inspectionId = await CreatePlanAsync(inspector, templateId, commune);
        var visit = await JsonAsync(await inspector.PostAsJsonAsync($"/api/v1/inspections/plans/{inspectionId}/visits",
            Visit(commune, followUps: new[] { new { text = "Cập nhật trang tin điện tử của xã", lead = body, due = Iso(InspectionTestData.Due) } })));
        var visitId = visit.GetProperty("id").GetInt32();
        var officer = await app.CreateClientAsync(await app.CreateStaffAsync(StaffRole.CommuneOfficer, commune));
        (await officer.PutAsJsonAsync($"/api/v1/inspections/visits/{visitId}/findings/{visit.GetProperty("findings")[1].GetProperty("id").GetInt32()}/answer",
            new { text = "Thôn 3 và thôn 5 sẽ lập tổ trong tháng" })).EnsureSuccessStatusCode();

        var response = await officer.GetAsync($"/api/v1/inspections/visits/{visitId}/minutes.pdf");
        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        response.Content.Headers.ContentType!.MediaType.ShouldBe("application/pdf");
        var text = await PdfText.ExtractAsync(await response.Content.ReadAsByteArrayAsync());
        var flat = string.Join(' ', text.Split((char[])[' ', '\n', '\r'], StringSplitOptions.RemoveEmptyEntries));
        flat.ShouldContain("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM");
        flat.ShouldContain("Độc lập - Tự do - Hạnh phúc");
        flat.ShouldContain("ỦY BAN NHÂN DÂN TỈNH ĐẮK LẮK");
        flat.ShouldContain("BIÊN BẢN KIỂM TRA");
        flat.ShouldContain($"Hôm nay, ngày {InspectionTestData.Today:dd/MM/yyyy}, tại Xã Thử Nghiệm {commune}");
        flat.ShouldContain("kiểm tra định kỳ hằng quý");
        flat.ShouldContain("Nguyễn Văn Kiểm, Trưởng đoàn");
        flat.ShouldContain("Trần Thị Tra, thành viên");
        flat.ShouldContain("Đăng tin, bài hằng tháng");
        flat.ShouldContain("4/5");
        flat.ShouldContain("Đạt một phần");
        flat.ShouldContain("Hai thôn chưa có tổ");
        flat.ShouldContain("Thôn 3 và thôn 5 sẽ lập tổ trong tháng");
        flat.ShouldContain("Cập nhật trang tin điện tử của xã");
        flat.ShouldContain(InspectionTestData.Due.ToString("dd/MM/yyyy", CultureInfo.InvariantCulture));
        flat.ShouldContain("TRƯỞNG ĐOÀN KIỂM TRA");
        flat.ShouldContain("ĐẠI DIỆN ĐƠN VỊ ĐƯỢC KIỂM TRA");

        var stranger = await app.CreateClientAsync("officer.bacninh");
        (await stranger.GetAsync($"/api/v1/inspections/visits/{visitId}/minutes.pdf")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task EvidenceFiles_ArePdfOrImages_AttachedByTheInspector(string provider)
    {
        var app = await apps.GetAsync(provider);
        var commune = await app.CreateCommuneAsync(villages: 0);
        var inspector = await app.CreateClientAsync("officer.daklak");
        var templateId = await CreateTemplateAsync(inspector);
        var inspectionId = await CreatePlanAsync(inspector, templateId, commune);
        var visit = await JsonAsync(await inspector.PostAsJsonAsync($"/api/v1/inspections/plans/{inspectionId}/visits", Visit(commune)));
        var url = $"/api/v1/inspections/visits/{visit.GetProperty("id").GetInt32()}/findings/{visit.GetProperty("findings")[0].GetProperty("id").GetInt32()}/evidence";

        static MultipartFormDataContent File(byte[] bytes, string name)
        {
            var form = new MultipartFormDataContent();
            form.Add(new ByteArrayContent(bytes), "file", name);
            return form;
        }

        var refused = await inspector.PostAsync(url + "?name=ghi-chu.txt", File("chỉ là chữ"u8.ToArray(), "ghi-chu.txt"));
        refused.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await refused.Content.ReadAsStringAsync()).ShouldContain("Tệp minh chứng phải là PDF hoặc ảnh");
        var officer = await app.CreateClientAsync(await app.CreateStaffAsync(StaffRole.CommuneOfficer, commune));
        var pdf = "%PDF-1.4\n% biên bản\n"u8.ToArray();
        (await officer.PostAsync(url + "?name=bien-ban.pdf", File(pdf, "bien-ban.pdf"))).StatusCode.ShouldBe(HttpStatusCode.NotFound);

        var saved = await inspector.PostAsync(url + "?name=bien-ban.pdf", File(pdf, "bien-ban.pdf"));
        saved.StatusCode.ShouldBe(HttpStatusCode.Created, await saved.Content.ReadAsStringAsync());
        (await JsonAsync(saved)).GetProperty("evidenceFileName").GetString().ShouldBe("bien-ban.pdf");
        var back = await officer.GetAsync(url);
        back.StatusCode.ShouldBe(HttpStatusCode.OK);
        back.Content.Headers.ContentType!.MediaType.ShouldBe("application/pdf");
        (await back.Content.ReadAsByteArrayAsync()).ShouldBe(pdf);
    }
}
