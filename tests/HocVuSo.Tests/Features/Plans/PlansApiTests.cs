using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using HocVuSo.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace HocVuSo.Tests.Features.Plans;

/// <summary>The plan as the commune's working document: the contract endpoints, scope, targets and their rules.</summary>
public class PlansApiTests
{
    public static TheoryData<string> Providers => TestApp.Providers;

    private static async Task<JsonElement> EaTrangPlanAsync(HttpClient client)
    {
        var plans = await client.GetFromJsonAsync<JsonElement[]>("/api/v1/plans?unit=24445&year=2026");
        var id = plans!.Single(p => p.GetProperty("unit").GetString() == "24445").GetProperty("id").GetInt32();
        return await client.GetFromJsonAsync<JsonElement>($"/api/v1/plans/{id}");
    }

    private static JsonElement Task(JsonElement plan, string number) =>
        plan.GetProperty("tasks").EnumerateArray().Single(t => t.GetProperty("number").GetString() == number);

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task EaTrangPlan_HoldsTheSeedsTenSectionsLeadsDatesAndTargets(string provider)
    {
        var app = await TestApp.GetAsync(provider);
        var officer = await app.CreateClientAsync("officer.eatrang");

        var plans = (await officer.GetFromJsonAsync<JsonElement[]>("/api/v1/plans?unit=24445&year=2026"))!;
        var plan = await EaTrangPlanAsync(officer);

        var summary = plans.Single();
        summary.GetProperty("number").GetString().ShouldBe("/KH-UBND");
        summary.GetProperty("year").GetInt32().ShouldBe(2026);
        summary.GetProperty("status").GetString().ShouldBe("issued");
        summary.GetProperty("title").GetString()!.ShouldContain("xã Ea Trang");
        plan.GetProperty("parentNumber").GetString().ShouldBe("76/KH-UBND");
        plan.GetProperty("sections").GetArrayLength().ShouldBe(10);
        var t13 = Task(plan, "1.3");
        t13.GetProperty("lead").GetString().ShouldBe("Phòng Văn hóa – Xã hội");
        t13.GetProperty("coordinating").EnumerateArray().Select(c => c.GetString()).ShouldBe(["Công an xã"]);
        t13.GetProperty("due").GetString().ShouldBe("2026-04-30");
        var t15 = Task(plan, "1.5");
        t15.GetProperty("due").GetString().ShouldBe("2026-10-10");
        t15.GetProperty("scheduleText").GetString().ShouldBe("Từ ngày 05/10/2026 đến ngày 10/10/2026.");
        var classes = Task(plan, "3").GetProperty("targets").EnumerateArray().Single(t => t.GetProperty("indicator").GetString() == "classes_held");
        classes.GetProperty("value").GetDecimal().ShouldBe(5m);
        classes.GetProperty("unitLevel").GetString().ShouldBe("commune");
        classes.GetProperty("progress").GetDecimal().ShouldBeGreaterThanOrEqualTo(1m);
        Task(plan, "3").GetProperty("targets").EnumerateArray().Single(t => t.GetProperty("indicator").GetString() == "guidance_sessions_per_village")
            .GetProperty("unitLevel").GetString().ShouldBe("village");
        Task(plan, "4").GetProperty("targets")[0].GetProperty("value").GetDecimal().ShouldBe(80m);
        Task(plan, "7").GetProperty("lead").GetString().ShouldBe("Phòng Kinh tế");
        var states = plan.GetProperty("tasks").EnumerateArray().Select(t => t.GetProperty("state").GetString()).ToHashSet();
        if (DateTime.UtcNow.AddHours(7).Year == 2026 && DateTime.UtcNow.AddHours(7).Month == 12)
        {
            states.ShouldBe(["not_started", "on_track", "at_risk", "late", "done"], ignoreOrder: true);
        }

        (await (await app.CreateClientAsync("officer.bacninh")).GetAsync($"/api/v1/plans/{plan.GetProperty("id").GetInt32()}")).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await (await app.CreateClientAsync("officer.bacninh")).GetAsync("/api/v1/plans?unit=24445&year=2026")).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task TaskTarget_MovesWhenAClassIsHeld(string provider)
    {
        var app = await TestApp.GetAsync(provider);
        var officer = await app.CreateClientAsync("officer.eatrang");
        decimal Classes(JsonElement plan) => Task(plan, "3").GetProperty("targets").EnumerateArray()
            .Single(t => t.GetProperty("indicator").GetString() == "classes_held").GetProperty("progress").GetDecimal();
        var before = Classes(await EaTrangPlanAsync(officer));
        var date = DateOnly.FromDateTime(DateTime.UtcNow.AddHours(7)).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

        var created = await officer.PostAsJsonAsync("/api/v1/teams/classes", new { unitCode = "24445-003", title = "Lớp kế hoạch", topic = "install-vneid", date, capacity = 5 });
        var id = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetInt32();
        (await officer.PostAsJsonAsync($"/api/v1/teams/classes/{id}/attendance", new { name = "Bà Năm" })).StatusCode.ShouldBe(HttpStatusCode.OK);

        Classes(await EaTrangPlanAsync(officer)).ShouldBeGreaterThanOrEqualTo(before + 1);
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task TaskUpdate_IsRecordedAndAudited_BadLinkRefused_OutsideScopeForbidden(string provider)
    {
        var app = await TestApp.GetAsync(provider);
        var officer = await app.CreateClientAsync("officer.eatrang");
        var plan = await EaTrangPlanAsync(officer);
        var planId = plan.GetProperty("id").GetInt32();
        var taskId = Task(plan, "1.3").GetProperty("id").GetInt32();
        var text = "Đã gửi tài liệu cho các Tổ " + Guid.NewGuid().ToString("N")[..6];
        var url = $"/api/v1/plans/{planId}/tasks/{taskId}/updates";

        var created = await officer.PostAsJsonAsync(url, new { text, date = "2026-04-20", evidenceUrl = "https://example.org/tai-lieu" });
        var bad = await officer.PostAsJsonAsync(url, new { text = text + " x", date = "2026-04-21", evidenceUrl = "javascript:alert(1)" });
        var outside = await (await app.CreateClientAsync("officer.bacninh")).PostAsJsonAsync(url, new { text = text + " y", date = "2026-04-21", evidenceUrl = "https://example.org" });

        created.StatusCode.ShouldBe(HttpStatusCode.Created);
        bad.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        var problem = await bad.Content.ReadFromJsonAsync<JsonElement>();
        problem.GetProperty("errors").GetProperty("evidenceUrl")[0].GetString()!.ShouldContain("chỉ nhận đường dẫn bắt đầu bằng http:// hoặc https://");
        outside.StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        var saved = await app.ExecuteDbAsync(db => db.TaskUpdates.Where(u => u.TaskId == taskId && u.Text.StartsWith(text)).ToListAsync());
        saved.Count.ShouldBe(1);
        saved[0].EvidenceUrl.ShouldBe("https://example.org/tai-lieu");
        (await app.ExecuteDbAsync(db => db.AuditEntries.CountAsync(a => a.Action == "plans.task_update" && a.NewValue!.Contains(saved[0].EvidenceUrl!)))).ShouldBeGreaterThan(0);
        Task(await EaTrangPlanAsync(officer), "1.3").GetProperty("updates").EnumerateArray().ShouldContain(u => u.GetProperty("text").GetString() == text);
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task Target_LooserThanTheProvinces_IsRefused_TighterOrEqualIsAudited(string provider)
    {
        var app = await TestApp.GetAsync(provider);
        var officer = await app.CreateClientAsync("officer.eatrang");
        var plan = await EaTrangPlanAsync(officer);
        var url = $"/api/v1/plans/{plan.GetProperty("id").GetInt32()}/tasks/{Task(plan, "5").GetProperty("id").GetInt32()}/targets";

        var looser = await officer.PutAsJsonAsync(url, new { indicator = "officials_signature_registered", value = 90, unitLevel = "commune" });
        var outside = await officer.PutAsJsonAsync(url, new { indicator = "officials_signature_registered", value = 100, due = "2027-01-15" });
        var unknown = await officer.PutAsJsonAsync(url, new { indicator = "no_such_indicator", value = 5 });
        var equal = await officer.PutAsJsonAsync(url, new { indicator = "officials_signature_registered", value = 100, unitLevel = "commune", reason = "Giữ nguyên theo tỉnh" });

        looser.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await looser.Content.ReadAsStringAsync()).ShouldContain("không được hạ thấp");
        outside.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await outside.Content.ReadAsStringAsync()).ShouldContain("nằm ngoài năm 2026");
        unknown.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await unknown.Content.ReadAsStringAsync()).ShouldContain("no_such_indicator");
        equal.StatusCode.ShouldBe(HttpStatusCode.OK);
        var stored = Task(await EaTrangPlanAsync(officer), "5").GetProperty("targets").EnumerateArray()
            .Single(t => t.GetProperty("indicator").GetString() == "officials_signature_registered");
        stored.GetProperty("value").GetDecimal().ShouldBe(100m);
        (await app.ExecuteDbAsync(db => db.AuditEntries.CountAsync(a => a.Action == "plans.target_set" && a.Reason == "Giữ nguyên theo tỉnh"))).ShouldBeGreaterThan(0);
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task TargetsInForce_SayWhetherOwnOrInherited(string provider)
    {
        var app = await TestApp.GetAsync(provider);
        var officer = await app.CreateClientAsync("officer.eatrang");

        var commune = (await officer.GetFromJsonAsync<JsonElement[]>("/api/v1/plans/targets?unit=24445&year=2026"))!;
        var village = (await officer.GetFromJsonAsync<JsonElement[]>("/api/v1/plans/targets?unit=24445-001&year=2026"))!;
        var province = (await (await app.CreateClientAsync("officer.daklak")).GetFromJsonAsync<JsonElement[]>("/api/v1/plans/targets?unit=66&year=2026"))!;

        var vneid = commune.Single(t => t.GetProperty("indicator").GetString() == "adults_vneid_confirmed");
        vneid.GetProperty("origin").GetString().ShouldBe("own");
        vneid.GetProperty("value").GetDecimal().ShouldBe(80m);
        vneid.GetProperty("deadline").GetString().ShouldBe("2026-11-30");
        commune.Single(t => t.GetProperty("indicator").GetString() == "classes_held").GetProperty("deadline").GetString().ShouldBe("2026-06-30");
        village.ShouldAllBe(t => t.GetProperty("origin").GetString() == "inherited");
        village.Length.ShouldBe(commune.Length);
        province.Select(t => t.GetProperty("indicator").GetString()).ShouldBe(["adults_vneid_confirmed", "officials_signature_registered"], ignoreOrder: true);
        province.ShouldAllBe(t => t.GetProperty("origin").GetString() == "own" && t.GetProperty("setAt").GetString() == "66");
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task Province_SeesEachCommunesLateTasks_OrganisationsAreScopedAndMasked(string provider)
    {
        var app = await TestApp.GetAsync(provider);
        var province = await app.CreateClientAsync("officer.daklak");

        var late = (await province.GetFromJsonAsync<JsonElement[]>("/api/v1/plans/late?unit=66&year=2026"))!;
        var organisations = (await (await app.CreateClientAsync("officer.eatrang")).GetFromJsonAsync<JsonElement[]>("/api/v1/organisations?unit=24445"))!;

        var eaTrang = late.Single(c => c.GetProperty("unit").GetString() == "24445");
        eaTrang.GetProperty("late").EnumerateArray().ShouldAllBe(t => t.GetProperty("state").GetString() == "late");
        if (DateTime.UtcNow.AddHours(7) > new DateTime(2026, 11, 30))
        {
            eaTrang.GetProperty("late").EnumerateArray().Select(t => t.GetProperty("number").GetString()).ShouldContain("4");
        }

        organisations.Select(o => o.GetProperty("name").GetString()).ShouldContain("Công an xã");
        var culture = organisations.Single(o => o.GetProperty("name").GetString() == "Phòng Văn hóa – Xã hội");
        culture.GetProperty("phone").GetString()!.ShouldNotContain("0912000111");
        culture.GetProperty("phone").GetString()!.ShouldContain("•");
        (await (await app.CreateClientAsync("officer.bacninh")).GetAsync("/api/v1/organisations?unit=24445")).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await (await app.CreateClientAsync("officer.bacninh")).GetAsync("/api/v1/plans/late?unit=66&year=2026")).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        var stored = await app.ExecuteDbAsync(db => db.Database.SqlQueryRaw<string>("SELECT \"ContactPhone\" AS \"Value\" FROM \"Organisations\" WHERE \"ContactPhone\" IS NOT NULL").ToListAsync());
        stored.ShouldAllBe(p => p.StartsWith("pd1:"));
    }
}
