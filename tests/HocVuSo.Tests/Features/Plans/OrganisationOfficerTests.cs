using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using HocVuSo.Core.Features.Accounts;
using HocVuSo.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace HocVuSo.Tests.Features.Plans;

/// <summary>An organisation's officer (the demo's officer of Phòng Văn hóa – Xã hội, lead body of task 1.3) acts for that organisation only.</summary>
public class OrganisationOfficerTests
{
    private const string OrganisationOfficer = "vhxh.eatrang";

    public static TheoryData<string> Providers => TestApp.Providers;

    private static string Phone() => "09" + Random.Shared.NextInt64(10_000_000, 99_999_999).ToString(CultureInfo.InvariantCulture);

    private static async Task<(int PlanId, JsonElement[] Tasks)> EaTrangPlanAsync(HttpClient client)
    {
        var plans = await client.GetFromJsonAsync<JsonElement[]>("/api/v1/plans?unit=24445&year=2026");
        var id = plans!.Single(p => p.GetProperty("unit").GetString() == "24445").GetProperty("id").GetInt32();
        var plan = await client.GetFromJsonAsync<JsonElement>($"/api/v1/plans/{id}");
        return (id, plan.GetProperty("tasks").EnumerateArray().ToArray());
    }

    private static async Task<int> OrganisationAsync(HttpClient client, string name)
    {
        var list = await client.GetFromJsonAsync<JsonElement[]>("/api/v1/organisations?unit=24445");
        return list!.Single(o => o.GetProperty("name").GetString() == name).GetProperty("id").GetInt32();
    }

    private static async Task<HttpResponseMessage> ImportAsync(HttpClient client, int organisationId, string csv)
    {
        using var content = new MultipartFormDataContent();
        content.Add(new ByteArrayContent(Encoding.UTF8.GetBytes(csv)), "file", "thanh-vien.csv");
        return await client.PostAsync($"/api/v1/organisations/{organisationId}/members/import", content);
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task OrganisationOfficer_UpdatesTheTaskTheirBodyLeads_ForbiddenOnAnotherBodysTask(string provider)
    {
        var app = await TestApp.GetAsync(provider);
        var officer = await app.CreateClientAsync(OrganisationOfficer);
        var (planId, tasks) = await EaTrangPlanAsync(officer);
        var own = tasks.Single(t => t.GetProperty("number").GetString() == "1.3");
        own.GetProperty("lead").GetString().ShouldBe("Phòng Văn hóa – Xã hội");
        var other = tasks.First(t => t.GetProperty("lead").ValueKind == JsonValueKind.String && t.GetProperty("lead").GetString() != "Phòng Văn hóa – Xã hội");
        var marker = "Đầu mối VHXH " + Guid.NewGuid().ToString("N")[..6];

        var allowed = await officer.PostAsJsonAsync($"/api/v1/plans/{planId}/tasks/{own.GetProperty("id").GetInt32()}/updates",
            new { text = marker, date = "2026-04-12", evidenceUrl = "https://example.org/vhxh" });
        var refused = await officer.PostAsJsonAsync($"/api/v1/plans/{planId}/tasks/{other.GetProperty("id").GetInt32()}/updates",
            new { text = marker + " khác", date = "2026-04-12" });
        var setTarget = await officer.PutAsJsonAsync($"/api/v1/plans/{planId}/tasks/{own.GetProperty("id").GetInt32()}/targets",
            new { indicator = "classes_held", value = 9, unitLevel = "commune", reason = "thử" });

        allowed.StatusCode.ShouldBe(HttpStatusCode.Created, await allowed.Content.ReadAsStringAsync());
        refused.StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        setTarget.StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        var texts = await app.ExecuteDbAsync(db => db.TaskUpdates.Where(u => u.Text.StartsWith(marker)).Select(u => new { u.Text, u.ByName }).ToListAsync());
        texts.ShouldHaveSingleItem().Text.ShouldBe(marker);
        texts[0].ByName.ShouldBe(OrganisationOfficer);
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task OrganisationOfficer_EnrolsTheirOwnPeople_ForbiddenForAnotherOrganisation(string provider)
    {
        var app = await TestApp.GetAsync(provider);
        var officer = await app.CreateClientAsync(OrganisationOfficer);
        var culture = await OrganisationAsync(officer, "Phòng Văn hóa – Xã hội");
        var police = await OrganisationAsync(officer, "Công an xã");
        var suffix = Guid.NewGuid().ToString("N")[..6];

        var own = await ImportAsync(officer, culture, $"full_name,phone_or_email,role\nPhạm Thị Dung {suffix},{Phone()},công chức\n");
        var other = await ImportAsync(officer, police, $"full_name,phone_or_email,role\nHoàng Văn Em {suffix},{Phone()},công chức\n");
        var code = await officer.PostAsJsonAsync($"/api/v1/organisations/{police}/join-codes", new { group = "officials" });

        own.StatusCode.ShouldBe(HttpStatusCode.OK, await own.Content.ReadAsStringAsync());
        other.StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        code.StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        var names = await app.ExecuteDbAsync(db => db.OrganisationMembers.Where(m => m.OrganisationId == culture || m.OrganisationId == police)
            .Join(db.Users, m => m.UserId, u => u.Id, (m, u) => new { m.OrganisationId, u.FullName }).ToListAsync());
        names.ShouldContain(n => n.FullName == "Phạm Thị Dung " + suffix && n.OrganisationId == culture);
        names.ShouldNotContain(n => n.FullName == "Hoàng Văn Em " + suffix);
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task OrganisationOfficer_SeesThePlanButNotTheCommunesStaff(string provider)
    {
        var app = await TestApp.GetAsync(provider);
        var officer = await app.CreateClientAsync(OrganisationOfficer);

        var plans = await officer.GetAsync("/api/v1/plans?unit=24445&year=2026");
        var staff = await officer.GetAsync("/api/v1/units/24445/staff");
        var province = await officer.GetAsync("/api/v1/plans?unit=66&year=2026");

        plans.StatusCode.ShouldBe(HttpStatusCode.OK);
        staff.StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        province.StatusCode.ShouldBe(HttpStatusCode.Forbidden);
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task StaffApi_GrantsOrganisationOfficer_NamingTheOrganisation(string provider)
    {
        var app = await TestApp.GetAsync(provider);
        var officer = await app.CreateClientAsync("officer.eatrang");
        var police = await OrganisationAsync(officer, "Công an xã");
        var suffix = Guid.NewGuid().ToString("N")[..6];

        var created = await officer.PostAsJsonAsync("/api/v1/staff", new { userName = "ca." + suffix, fullName = "Cán bộ Công an " + suffix, role = "OrganisationOfficer", organisationId = police });
        var missing = await officer.PostAsJsonAsync("/api/v1/staff", new { userName = "cb." + suffix, fullName = "Cán bộ " + suffix, role = "OrganisationOfficer", unitCode = "24445" });
        var wrongRole = await officer.PostAsJsonAsync("/api/v1/staff", new { userName = "cc." + suffix, fullName = "Cán bộ " + suffix, role = "TeamMember", unitCode = "24445-001", organisationId = police });
        var outside = await (await app.CreateClientAsync("officer.bacninh")).PostAsJsonAsync("/api/v1/staff",
            new { userName = "cd." + suffix, fullName = "Cán bộ " + suffix, role = "OrganisationOfficer", organisationId = police });

        created.StatusCode.ShouldBe(HttpStatusCode.Created, await created.Content.ReadAsStringAsync());
        (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("unitCode").GetString().ShouldBe("24445");
        var assignment = await app.ExecuteDbAsync(db => db.StaffAssignments.Where(a => a.User!.UserName == "ca." + suffix).Select(a => new { a.Role, a.OrganisationId }).SingleAsync());
        assignment.Role.ShouldBe(StaffRole.OrganisationOfficer);
        assignment.OrganisationId.ShouldBe(police);
        missing.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await missing.Content.ReadAsStringAsync()).ShouldContain("phải gắn với một cơ quan, đơn vị, tổ chức");
        wrongRole.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await wrongRole.Content.ReadAsStringAsync()).ShouldContain("organisationId");
        outside.StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await app.ExecuteDbAsync(db => db.Users.AnyAsync(u => u.UserName == "cb." + suffix || u.UserName == "cd." + suffix))).ShouldBeFalse();
    }
}
