using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using HocVuSo.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace HocVuSo.Tests.Features.Plans;

/// <summary>Sections and tasks of a draft plan through the API: the rules of the plan's content, draft only, scope, audit.</summary>
public class PlanContentApiTests
{
    public static TheoryData<string> Providers => TestApp.Providers;

    private static async Task<int> DraftAsync(HttpClient officer, int year)
    {
        var created = await officer.PostAsJsonAsync($"/api/v1/plans?unit=24445&year={year}",
            new { number = "/KH-UBND", title = "Kế hoạch thử soạn mục và nhiệm vụ", issuingBody = "Ủy ban nhân dân xã Ea Trang" });
        created.StatusCode.ShouldBe(HttpStatusCode.Created);
        return (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetInt32();
    }

    private static async Task<int> IdOfAsync(HttpResponseMessage response)
    {
        response.StatusCode.ShouldBeOneOf(HttpStatusCode.Created, HttpStatusCode.OK);
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetInt32();
    }

    private static async Task<Dictionary<string, int>> OrganisationsAsync(HttpClient client, string unit) =>
        (await client.GetFromJsonAsync<JsonElement[]>($"/api/v1/organisations?unit={unit}"))!
        .Where(o => o.GetProperty("unit").GetString() == unit)
        .ToDictionary(o => o.GetProperty("name").GetString()!, o => o.GetProperty("id").GetInt32());

    private static object TaskBody(int? sectionId, string number, int? lead, int[] coordinating, string? due, object[]? targets = null) => new
    {
        sectionId, number, title = "Nhiệm vụ thử " + number, purpose = "Mục đích thử", form = "Hình thức thử", leadOrganisationId = lead,
        coordinatingOrganisationIds = coordinating, schedule = "by_date", due, scheduleText = "Trước ngày thử", targets,
    };

    private static async Task<JsonElement> ProblemAsync(HttpResponseMessage response, HttpStatusCode status)
    {
        response.StatusCode.ShouldBe(status);
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task SectionsAndTasks_AreAddedChangedAndDeleted_EachChangeAudited(string provider)
    {
        var app = await TestApp.GetAsync(provider);
        var officer = await app.CreateClientAsync("officer.eatrang");
        var planId = await DraftAsync(officer, 2035);
        var orgs = await OrganisationsAsync(officer, "24445");
        var culture = orgs["Phòng Văn hóa – Xã hội"];
        var police = orgs["Công an xã"];
        var economy = orgs["Phòng Kinh tế"];

        var s1 = await IdOfAsync(await officer.PostAsJsonAsync($"/api/v1/plans/{planId}/sections", new { number = "1", title = "Tuyên truyền" }));
        var s2 = await IdOfAsync(await officer.PostAsJsonAsync($"/api/v1/plans/{planId}/sections", new { number = "2", title = "Bồi dưỡng" }));
        var taskId = await IdOfAsync(await officer.PostAsJsonAsync($"/api/v1/plans/{planId}/tasks",
            TaskBody(s1, "1.1", culture, [police], "2035-04-30", [new { indicator = "classes_held", value = 5, unitLevel = "commune", text = "Ít nhất 5 lớp" }])));
        var noSection = await IdOfAsync(await officer.PostAsJsonAsync($"/api/v1/plans/{planId}/tasks", TaskBody(null, "2.1", null, [], null)));

        var plan = await officer.GetFromJsonAsync<JsonElement>($"/api/v1/plans/{planId}");
        plan.GetProperty("sections").EnumerateArray().Select(s => s.GetProperty("number").GetString()).ShouldBe(["1", "2"]);
        var task = plan.GetProperty("tasks").EnumerateArray().Single(t => t.GetProperty("id").GetInt32() == taskId);
        task.GetProperty("section").GetString().ShouldBe("1");
        task.GetProperty("lead").GetString().ShouldBe("Phòng Văn hóa – Xã hội");
        task.GetProperty("coordinating").EnumerateArray().Select(c => c.GetString()).ShouldBe(["Công an xã"]);
        task.GetProperty("due").GetString().ShouldBe("2035-04-30");
        task.GetProperty("targets")[0].GetProperty("indicator").GetString().ShouldBe("classes_held");
        task.GetProperty("targets")[0].GetProperty("value").GetDecimal().ShouldBe(5m);
        plan.GetProperty("tasks").EnumerateArray().Single(t => t.GetProperty("id").GetInt32() == noSection).GetProperty("section").GetString().ShouldBe("2");

        (await officer.PutAsJsonAsync($"/api/v1/plans/{planId}/tasks/{taskId}",
                TaskBody(s2, "2.2", economy, [culture, police], "2035-06-30", [new { indicator = "guidance_sessions_per_village", value = 10, unitLevel = "village" }])))
            .StatusCode.ShouldBe(HttpStatusCode.OK);
        (await officer.PutAsJsonAsync($"/api/v1/plans/{planId}/sections/{s1}", new { number = "I", title = "Tuyên truyền, phổ biến" })).StatusCode.ShouldBe(HttpStatusCode.OK);
        plan = await officer.GetFromJsonAsync<JsonElement>($"/api/v1/plans/{planId}");
        task = plan.GetProperty("tasks").EnumerateArray().Single(t => t.GetProperty("id").GetInt32() == taskId);
        task.GetProperty("number").GetString().ShouldBe("2.2");
        task.GetProperty("section").GetString().ShouldBe("2");
        task.GetProperty("lead").GetString().ShouldBe("Phòng Kinh tế");
        task.GetProperty("coordinating").GetArrayLength().ShouldBe(2);
        task.GetProperty("targets").EnumerateArray().Select(t => t.GetProperty("indicator").GetString()).ShouldBe(["guidance_sessions_per_village"]);
        task.GetProperty("targets")[0].GetProperty("unitLevel").GetString().ShouldBe("village");
        plan.GetProperty("sections")[0].GetProperty("number").GetString().ShouldBe("I");

        (await officer.DeleteAsync($"/api/v1/plans/{planId}/sections/{s1}")).StatusCode.ShouldBe(HttpStatusCode.NoContent);
        (await officer.DeleteAsync($"/api/v1/plans/{planId}/tasks/{taskId}")).StatusCode.ShouldBe(HttpStatusCode.NoContent);
        plan = await officer.GetFromJsonAsync<JsonElement>($"/api/v1/plans/{planId}");
        plan.GetProperty("sections").GetArrayLength().ShouldBe(1);
        plan.GetProperty("tasks").EnumerateArray().Select(t => t.GetProperty("number").GetString()).ShouldBe(["2.1"]);
        (await app.ExecuteDbAsync(db => db.PlanTargets.CountAsync(t => t.PlanId == planId))).ShouldBe(0);

        var key = taskId.ToString(CultureInfo.InvariantCulture);
        var actions = await app.ExecuteDbAsync(db => db.AuditEntries.Where(a => a.EntityType == "PlanTask" && a.EntityKey == key).Select(a => a.Action).ToListAsync());
        actions.ShouldBe(["plans.task_added", "plans.task_updated", "plans.task_deleted"], ignoreOrder: true);
        var sectionKey = s1.ToString(CultureInfo.InvariantCulture);
        (await app.ExecuteDbAsync(db => db.AuditEntries.Where(a => a.EntityType == "PlanSection" && a.EntityKey == sectionKey).Select(a => a.Action).ToListAsync()))
            .ShouldBe(["plans.section_added", "plans.section_updated", "plans.section_deleted"], ignoreOrder: true);
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task BadTasks_AreRefusedNamingTheField_AndNothingIsSaved(string provider)
    {
        var app = await TestApp.GetAsync(provider);
        var officer = await app.CreateClientAsync("officer.eatrang");
        var planId = await DraftAsync(officer, 2036);
        var orgs = await OrganisationsAsync(officer, "24445");
        var culture = orgs["Phòng Văn hóa – Xã hội"];
        var provinceBody = (await OrganisationsAsync(await app.CreateClientAsync("officer.daklak"), "66"))["Sở Khoa học và Công nghệ"];

        var beforeSection = await ProblemAsync(await officer.PostAsJsonAsync($"/api/v1/plans/{planId}/tasks", TaskBody(null, "1.1", culture, [], "2036-03-01")), HttpStatusCode.BadRequest);
        beforeSection.GetProperty("code").GetString().ShouldBe("plans.section_required");
        var section = await IdOfAsync(await officer.PostAsJsonAsync($"/api/v1/plans/{planId}/sections", new { number = "1", title = "Tuyên truyền" }));
        var sameSection = await ProblemAsync(await officer.PostAsJsonAsync($"/api/v1/plans/{planId}/sections", new { number = "1", title = "Lần hai" }), HttpStatusCode.BadRequest);
        sameSection.GetProperty("code").GetString().ShouldBe("plans.section_number_taken");
        await IdOfAsync(await officer.PostAsJsonAsync($"/api/v1/plans/{planId}/tasks", TaskBody(section, "1.1", culture, [], "2036-03-01")));

        var duplicate = await ProblemAsync(await officer.PostAsJsonAsync($"/api/v1/plans/{planId}/tasks", TaskBody(section, "1.1", culture, [], "2036-05-01")), HttpStatusCode.BadRequest);
        duplicate.GetProperty("code").GetString().ShouldBe("plans.task_number_taken");
        duplicate.GetProperty("errors").GetProperty("number")[0].GetString()!.ShouldContain("«1.1»");

        var outside = await ProblemAsync(await officer.PostAsJsonAsync($"/api/v1/plans/{planId}/tasks", TaskBody(section, "1.2", culture, [], "2037-01-15")), HttpStatusCode.BadRequest);
        outside.GetProperty("code").GetString().ShouldBe("plans.due_outside_year");
        outside.GetProperty("errors").GetProperty("due")[0].GetString()!.ShouldContain("15/01/2037");

        var lead = await ProblemAsync(await officer.PostAsJsonAsync($"/api/v1/plans/{planId}/tasks", TaskBody(section, "1.3", provinceBody, [], "2036-05-01")), HttpStatusCode.BadRequest);
        lead.GetProperty("code").GetString().ShouldBe("plans.lead_other_unit");
        lead.GetProperty("errors").GetProperty("leadOrganisationId")[0].GetString()!.ShouldContain("Cơ quan chủ trì");

        var coordinating = await ProblemAsync(await officer.PostAsJsonAsync($"/api/v1/plans/{planId}/tasks", TaskBody(section, "1.4", culture, [provinceBody], "2036-05-01")), HttpStatusCode.BadRequest);
        coordinating.GetProperty("errors").GetProperty("coordinatingOrganisationIds")[0].GetString()!.ShouldContain("Cơ quan phối hợp");

        var target = await ProblemAsync(await officer.PostAsJsonAsync($"/api/v1/plans/{planId}/tasks",
            TaskBody(section, "1.5", culture, [], "2036-05-01", [new { indicator = "classes_held", value = 5 }, new { indicator = "no_such_indicator", value = 1 }])), HttpStatusCode.BadRequest);
        target.GetProperty("errors").GetProperty("targets[1].indicator")[0].GetString()!.ShouldContain("no_such_indicator");

        var between = await ProblemAsync(await officer.PostAsJsonAsync($"/api/v1/plans/{planId}/tasks",
            new { sectionId = section, number = "1.6", title = "Từ ngày đến ngày", schedule = "between_dates", from = "2036-10-05", to = "2037-10-10" }), HttpStatusCode.BadRequest);
        between.GetProperty("errors").GetProperty("to")[0].GetString()!.ShouldContain("10/10/2037");

        var tasks = await app.ExecuteDbAsync(db => db.PlanTasks.Where(t => t.PlanId == planId).Select(t => t.Number).ToListAsync());
        tasks.ShouldBe(["1.1"]);
        (await app.ExecuteDbAsync(db => db.PlanTargets.CountAsync(t => t.PlanId == planId))).ShouldBe(0);
        var taken = await ProblemAsync(await officer.DeleteAsync($"/api/v1/plans/{planId}/sections/{section}"), HttpStatusCode.Conflict);
        taken.GetProperty("code").GetString().ShouldBe("plans.section_has_tasks");
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task IssuedPlan_RefusesSectionAndTaskChanges_WithConflict(string provider)
    {
        var app = await TestApp.GetAsync(provider);
        var officer = await app.CreateClientAsync("officer.eatrang");
        var summary = (await officer.GetFromJsonAsync<JsonElement[]>("/api/v1/plans?unit=24445&year=2026"))!.Single(p => p.GetProperty("unit").GetString() == "24445");
        var planId = summary.GetProperty("id").GetInt32();
        var plan = await officer.GetFromJsonAsync<JsonElement>($"/api/v1/plans/{planId}");
        var task = plan.GetProperty("tasks")[0];
        var taskId = task.GetProperty("id").GetInt32();
        var sectionId = plan.GetProperty("sections")[0].GetProperty("id").GetInt32();

        var section = await ProblemAsync(await officer.PostAsJsonAsync($"/api/v1/plans/{planId}/sections", new { number = "99", title = "Không được thêm" }), HttpStatusCode.Conflict);
        section.GetProperty("code").GetString().ShouldBe("plans.content_not_draft");
        section.GetProperty("detail").GetString()!.ShouldContain("dự thảo");
        (await officer.PostAsJsonAsync($"/api/v1/plans/{planId}/tasks", TaskBody(sectionId, "99.1", null, [], null))).StatusCode.ShouldBe(HttpStatusCode.Conflict);
        (await officer.PutAsJsonAsync($"/api/v1/plans/{planId}/tasks/{taskId}", TaskBody(sectionId, "99.2", null, [], null))).StatusCode.ShouldBe(HttpStatusCode.Conflict);
        (await officer.DeleteAsync($"/api/v1/plans/{planId}/tasks/{taskId}")).StatusCode.ShouldBe(HttpStatusCode.Conflict);
        (await officer.DeleteAsync($"/api/v1/plans/{planId}/sections/{sectionId}")).StatusCode.ShouldBe(HttpStatusCode.Conflict);

        var after = await officer.GetFromJsonAsync<JsonElement>($"/api/v1/plans/{planId}");
        after.GetProperty("sections").GetArrayLength().ShouldBe(plan.GetProperty("sections").GetArrayLength());
        after.GetProperty("tasks").EnumerateArray().Single(t => t.GetProperty("id").GetInt32() == taskId).GetProperty("number").GetString()
            .ShouldBe(task.GetProperty("number").GetString());
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task OutsideScope_IsForbidden_UnknownPlanIsNotFound(string provider)
    {
        var app = await TestApp.GetAsync(provider);
        var officer = await app.CreateClientAsync("officer.eatrang");
        var planId = await DraftAsync(officer, 2037);
        var section = await IdOfAsync(await officer.PostAsJsonAsync($"/api/v1/plans/{planId}/sections", new { number = "1", title = "Tuyên truyền" }));
        var taskId = await IdOfAsync(await officer.PostAsJsonAsync($"/api/v1/plans/{planId}/tasks", TaskBody(section, "1.1", null, [], "2037-03-01")));
        var stranger = await app.CreateClientAsync("officer.bacninh");
        var viewer = await app.CreateClientAsync("viewer");

        (await stranger.PostAsJsonAsync($"/api/v1/plans/{planId}/sections", new { number = "2", title = "Không được" })).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await stranger.PutAsJsonAsync($"/api/v1/plans/{planId}/sections/{section}", new { number = "1", title = "Không được" })).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await stranger.PostAsJsonAsync($"/api/v1/plans/{planId}/tasks", TaskBody(section, "1.2", null, [], null))).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await stranger.PutAsJsonAsync($"/api/v1/plans/{planId}/tasks/{taskId}", TaskBody(section, "1.1", null, [], null))).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await stranger.DeleteAsync($"/api/v1/plans/{planId}/tasks/{taskId}")).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await viewer.DeleteAsync($"/api/v1/plans/{planId}/sections/{section}")).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await officer.PostAsJsonAsync("/api/v1/plans/987654/sections", new { number = "1", title = "Không có" })).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await officer.DeleteAsync($"/api/v1/plans/{planId}/tasks/987654")).StatusCode.ShouldBe(HttpStatusCode.NotFound);

        (await app.ExecuteDbAsync(db => db.PlanTasks.Where(t => t.PlanId == planId).Select(t => t.Title).SingleAsync())).ShouldBe("Nhiệm vụ thử 1.1");
        (await app.ExecuteDbAsync(db => db.PlanSections.CountAsync(s => s.PlanId == planId))).ShouldBe(1);
    }
}
