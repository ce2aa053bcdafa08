using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using HocVuSo.Core.Common;
using HocVuSo.Core.Features.Plans;
using HocVuSo.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace HocVuSo.Tests.Features.Plans;

/// <summary>Plans drafted by the people responsible: create, edit, issue, close; the field rules shared by the editing commands.</summary>
public class PlanDraftingTests
{
    public static TheoryData<string> Providers => TestApp.Providers;

    private static object PlanBody(string number = "12/KH-UBND", string title = "Kế hoạch thử nghiệm soạn thảo") =>
        new { number, title, issuingBody = "Ủy ban nhân dân xã Ea Trang", signer = "Người ký minh họa", signerTitle = "Chủ tịch" };

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task CreatePlan_StartsADraft_EditsAreAudited_OutsideScopeForbidden(string provider)
    {
        var app = await TestApp.GetAsync(provider);
        var officer = await app.CreateClientAsync("officer.eatrang");

        var created = await officer.PostAsJsonAsync("/api/v1/plans?unit=24445&year=2031", PlanBody());
        created.StatusCode.ShouldBe(HttpStatusCode.Created);
        var id = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetInt32();
        var plan = await officer.GetFromJsonAsync<JsonElement>($"/api/v1/plans/{id}");
        plan.GetProperty("status").GetString().ShouldBe("draft");
        plan.GetProperty("year").GetInt32().ShouldBe(2031);

        var updated = await officer.PutAsJsonAsync($"/api/v1/plans/{id}", PlanBody(title: "Kế hoạch thử nghiệm đã sửa"));
        updated.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await officer.GetFromJsonAsync<JsonElement>($"/api/v1/plans/{id}")).GetProperty("title").GetString().ShouldBe("Kế hoạch thử nghiệm đã sửa");
        var key = id.ToString(System.Globalization.CultureInfo.InvariantCulture);
        (await app.ExecuteDbAsync(db => db.AuditEntries.CountAsync(a => a.Action == "plans.plan_created" && a.EntityKey == key))).ShouldBe(1);
        (await app.ExecuteDbAsync(db => db.AuditEntries.CountAsync(a => a.Action == "plans.plan_updated" && a.EntityKey == key && a.OldValue != null))).ShouldBe(1);

        var stranger = await app.CreateClientAsync("officer.bacninh");
        (await stranger.PostAsJsonAsync("/api/v1/plans?unit=24445&year=2031", PlanBody())).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await stranger.PutAsJsonAsync($"/api/v1/plans/{id}", PlanBody(title: "Không được sửa"))).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task CreatePlan_BadYear_IsRefusedNamingTheField(string provider)
    {
        var app = await TestApp.GetAsync(provider);
        var officer = await app.CreateClientAsync("officer.eatrang");
        var response = await officer.PostAsJsonAsync("/api/v1/plans?unit=24445&year=1900", PlanBody());
        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        var body = await response.Content.ReadAsStringAsync();
        body.ShouldContain("plans.year_invalid");
        body.ShouldContain("Năm của kế hoạch không hợp lệ");
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task CreatePlan_MissingNumber_IsRefusedAndNothingSaved(string provider)
    {
        var app = await TestApp.GetAsync(provider);
        var officer = await app.CreateClientAsync("officer.eatrang");
        var response = await officer.PostAsJsonAsync("/api/v1/plans?unit=24445&year=2032", PlanBody(number: "  "));
        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await response.Content.ReadAsStringAsync()).ShouldContain("plans.number_required");
        (await app.ExecuteDbAsync(db => db.Plans.CountAsync(p => p.Year == 2032))).ShouldBe(0);
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task IssueAndClose_FollowDraftIssuedClosed(string provider)
    {
        var app = await TestApp.GetAsync(provider);
        var officer = await app.CreateClientAsync("officer.eatrang");
        var created = await officer.PostAsJsonAsync("/api/v1/plans?unit=24445&year=2033", PlanBody(number: "33/KH-UBND"));
        var id = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetInt32();

        var closeDraft = await officer.PostAsJsonAsync($"/api/v1/plans/{id}/close", new { reason = "thử" });
        closeDraft.StatusCode.ShouldBe(HttpStatusCode.Conflict);
        (await closeDraft.Content.ReadAsStringAsync()).ShouldContain("plans.not_issued");

        var issueEmpty = await officer.PostAsJsonAsync($"/api/v1/plans/{id}/issue", new { issuedOn = "2026-11-20" });
        issueEmpty.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await issueEmpty.Content.ReadAsStringAsync()).ShouldContain("plans.no_tasks");

        var issueNoDate = await officer.PostAsJsonAsync($"/api/v1/plans/{id}/issue", new { });
        (await issueNoDate.Content.ReadAsStringAsync()).ShouldContain("plans.issued_on_invalid");
        (await officer.GetFromJsonAsync<JsonElement>($"/api/v1/plans/{id}")).GetProperty("status").GetString().ShouldBe("draft");
    }

    private static Plan PlanOf(int year) => new() { Id = 1, Year = year, UnitPath = "/66/24445/", Number = "1/KH", Title = "t", IssuingBody = "b" };

    private static TaskInput GoodTask => new("1.1", "Tuyên truyền", null, null, 7, [8], null, null, new DateOnly(2026, 6, 30), null);

    private static List<Error> TaskErrors(TaskInput input)
    {
        var organisations = new Dictionary<int, Organisation> { [7] = new() { Id = 7, Name = "A", UnitPath = "/66/24445/" }, [8] = new() { Id = 8, Name = "B", UnitPath = "/66/24445/" } };
        var errors = new List<Error>();
        PlanRules.Task(input, PlanOf(2026), organisations, errors);
        return errors;
    }

    [Fact]
    public void TaskRules_AGoodTaskPasses() => TaskErrors(GoodTask).ShouldBeEmpty();

    [Fact]
    public void TaskRules_DeadlineOutsideThePlansYear_NamesDue() =>
        TaskErrors(GoodTask with { Due = new DateOnly(2027, 1, 5) }).Select(e => (e.Code, e.Field)).ShouldBe([("plans.due_outside_year", "due")]);

    [Fact]
    public void TaskRules_LeadOfAnotherUnit_NamesLead() =>
        TaskErrors(GoodTask with { Lead = 99 }).Select(e => (e.Code, e.Field)).ShouldBe([("plans.lead_other_unit", "lead")]);

    [Fact]
    public void TaskRules_CoordinatorOfAnotherUnit_NamesCoordinating() =>
        TaskErrors(GoodTask with { Coordinating = [8, 99] }).Select(e => (e.Code, e.Field)).ShouldBe([("plans.coordinator_other_unit", "coordinating")]);

    [Fact]
    public void TaskRules_MissingNumber_NamesNumber() =>
        TaskErrors(GoodTask with { Number = " " }).Select(e => (e.Code, e.Field)).ShouldBe([("plans.number_required", "number")]);

    [Fact]
    public void TaskRules_StartAfterDue_NamesStarts() =>
        TaskErrors(GoodTask with { Starts = new DateOnly(2026, 7, 1) }).Select(e => (e.Code, e.Field)).ShouldBe([("plans.starts_after_due", "starts")]);

    [Fact]
    public void TaskRules_UnknownSchedule_NamesSchedule() =>
        TaskErrors(GoodTask with { Schedule = "weekly" }).Select(e => (e.Code, e.Field)).ShouldBe([("plans.schedule_invalid", "schedule")]);

    [Fact]
    public void TargetRules_UnknownIndicatorAndBadValue_AreNamed()
    {
        var errors = new List<Error>();
        PlanRules.Target(new TargetInput("no_such", -1, "commune", null, null), PlanOf(2026), new HashSet<string> { "classes_held" }, errors, "targets[0].");
        errors.Select(e => (e.Code, e.Field)).ShouldBe([("plans.indicator_unknown", "targets[0].indicator"), ("plans.target_value_invalid", "targets[0].value")]);
    }
}
