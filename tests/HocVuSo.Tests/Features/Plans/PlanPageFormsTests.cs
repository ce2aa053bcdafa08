using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using HocVuSo.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace HocVuSo.Tests.Features.Plans;

/// <summary>The plan page's forms for a plan's identity, its targets and its year-end summary (no JavaScript needed).</summary>
public class PlanPageFormsTests
{
    public static TheoryData<string> Providers => TestApp.Providers;

    private static async Task<HttpClient> SignedInAsync(TestApp app, string user)
    {
        var client = app.CreateClient();
        (await client.SubmitFormAsync("/Account/Login", new Dictionary<string, string> { ["Input.UserName"] = user, ["Input.Password"] = TestApp.Password }))
            .StatusCode.ShouldBe(HttpStatusCode.Redirect);
        return client;
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task PlanForms_CreateAPlan_ChangeItsIdentity_AddChangeAndRemoveATarget(string provider)
    {
        var app = await TestApp.GetAsync(provider);
        var client = await SignedInAsync(app, "officer.eatrang");
        var api = await app.CreateClientAsync("officer.eatrang");
        const string url = "/units/24445/plans?year=2043";
        Dictionary<string, string> Plan(string number, string issuedOn) => new()
        {
            ["plan.Number"] = number, ["plan.Title"] = "Kế hoạch lập qua trang", ["plan.IssuingBody"] = "Ủy ban nhân dân xã Ea Trang",
            ["plan.Signer"] = "Người ký (thử)", ["plan.SignerTitle"] = "Chủ tịch", ["plan.IssuedOn"] = issuedOn,
        };

        var badDay = await (await client.SubmitFormAsync(url, Plan("/KH-UBND", "31/02/2043"), "handler=CreatePlan")).ParseAsync();
        badDay.QuerySelector("#plan-new-issuedOn-error").ShouldNotBeNull();
        (await app.ExecuteDbAsync(db => db.Plans.CountAsync(p => p.Year == 2043))).ShouldBe(0);
        (await client.SubmitFormAsync(url, Plan("/KH-UBND", string.Empty), "handler=CreatePlan")).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var planId = await app.ExecuteDbAsync(db => db.Plans.Where(p => p.Year == 2043 && p.UnitPath.Contains("/24445/")).Select(p => p.Id).SingleAsync());
        (await client.SubmitFormAsync(url, Plan("12/KH-UBND", "05/01/2043"), "handler=EditPlan")).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var identity = await app.ExecuteDbAsync(db => db.Plans.Where(p => p.Id == planId).Select(p => new { p.Number, p.Signer, p.IssuedOn }).SingleAsync());
        identity.Number.ShouldBe("12/KH-UBND");
        identity.Signer.ShouldBe("Người ký (thử)");
        identity.IssuedOn.ShouldBe(new DateOnly(2043, 1, 5));

        var section = await (await api.PostAsJsonAsync($"/api/v1/plans/{planId}/sections", new { number = "1", title = "Lớp học" })).Content.ReadFromJsonAsync<JsonElement>();
        var task = await api.PostAsJsonAsync($"/api/v1/plans/{planId}/tasks", new { sectionId = section.GetProperty("id").GetInt32(), number = "1.1", title = "Mở lớp", schedule = "by_date", due = "2043-06-30" });
        var taskId = (await task.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetInt32();
        var page = await client.GetPageAsync(url);
        page.QuerySelector($"#targets-{taskId} select[name=indicator] option[value=classes_held]").ShouldNotBeNull();
        Dictionary<string, string> Target(string value) => new()
        {
            ["planId"] = planId.ToString(System.Globalization.CultureInfo.InvariantCulture), ["taskId"] = taskId.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["indicator"] = "classes_held", ["value"] = value, ["unitLevel"] = "commune", ["text"] = "Ít nhất " + value + " lớp", ["reason"] = "Thử biểu mẫu",
        };

        var notNumber = await (await client.SubmitFormAsync(url, Target("năm"), "handler=SetTarget")).ParseAsync();
        notNumber.Body!.TextContent.ShouldContain("không phải là số");
        (await client.SubmitFormAsync(url, Target("4"), "handler=SetTarget")).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        (await client.SubmitFormAsync(url, Target("6"), "handler=SetTarget")).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        (await app.ExecuteDbAsync(db => db.PlanTargets.Where(t => t.TaskId == taskId).Select(t => t.Value).SingleAsync())).ShouldBe(6m);
        (await client.SubmitFormAsync(url, Target("6"), "handler=RemoveTarget")).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        (await app.ExecuteDbAsync(db => db.PlanTargets.CountAsync(t => t.TaskId == taskId))).ShouldBe(0);
        var audit = await app.ExecuteDbAsync(db => db.AuditEntries.Where(a => a.EntityKey.StartsWith(planId + "/1.1/")).Select(a => a.Action).ToListAsync());
        audit.Count(a => a == "plans.target_set").ShouldBe(2);
        audit.ShouldContain("plans.target_removed");
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task TargetForm_LooserThanTheProvince_ErrorNamesTheValue_NothingChanged(string provider)
    {
        var app = await TestApp.GetAsync(provider);
        var client = await SignedInAsync(app, "officer.eatrang");
        const string url = "/units/24445/plans?year=2026";
        var page = await client.GetPageAsync(url);
        var task5 = page.QuerySelectorAll("li.plan-task").Single(li => li.GetAttribute("data-number") == "5");
        var taskId = task5.Id!["task-".Length..];
        var id = int.Parse(taskId, System.Globalization.CultureInfo.InvariantCulture);
        var planId = task5.QuerySelector("input[name=planId]")!.GetAttribute("value")!;
        task5.QuerySelector("form[data-indicator=officials_signature_registered]").ShouldNotBeNull();
        var before = await app.ExecuteDbAsync(db => db.PlanTargets.Where(t => t.TaskId == id && t.IndicatorCode == "officials_signature_registered").Select(t => t.Value).SingleAsync());

        var refused = await (await client.SubmitFormAsync(url, new Dictionary<string, string>
        {
            ["planId"] = planId, ["taskId"] = taskId, ["indicator"] = "officials_signature_registered", ["value"] = "90", ["unitLevel"] = "commune",
        }, "handler=SetTarget")).ParseAsync();

        var error = refused.QuerySelector($"#target-{taskId}-officials_signature_registered-value-error");
        error.ShouldNotBeNull();
        error.TextContent.ShouldContain("không được hạ thấp");
        refused.QuerySelector($"#targets-{taskId}")!.HasAttribute("open").ShouldBeTrue();
        (await app.ExecuteDbAsync(db => db.PlanTargets.Where(t => t.TaskId == id && t.IndicatorCode == "officials_signature_registered").Select(t => t.Value).SingleAsync()))
            .ShouldBe(before);
    }
}
