using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using HocVuSo.Tests.Infrastructure;

namespace HocVuSo.Tests.Features.Accounts;

/// <summary>Scope over HTTP: what each demo role may read and change, and what it may not.</summary>
public class ScopeHttpTests
{
    public static TheoryData<string> Providers => TestApp.Providers;

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task CommuneOfficer_ReadsOwnStaff_NotAnotherCommunes(string provider)
    {
        var app = await TestApp.GetAsync(provider);
        var client = await app.CreateClientAsync("officer.eatrang");

        var own = await client.GetAsync("/api/v1/units/24445/staff");
        var other = await client.GetAsync("/api/v1/units/24193/staff");
        var province = await client.GetAsync("/api/v1/units/66/staff");

        own.StatusCode.ShouldBe(HttpStatusCode.OK);
        var staff = (await own.Content.ReadFromJsonAsync<JsonElement[]>())!;
        staff.Select(s => s.GetProperty("userName").GetString()).ShouldContain("team.eatrang");
        staff.Select(s => s.GetProperty("userName").GetString()).ShouldNotContain("officer.daklak");
        other.StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        province.StatusCode.ShouldBe(HttpStatusCode.Forbidden);
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task StaffList_MasksContacts_AndHoldsNoSecrets(string provider)
    {
        var app = await TestApp.GetAsync(provider);
        var client = await app.CreateClientAsync("officer.eatrang");

        var body = await client.GetStringAsync("/api/v1/units/24445/staff");

        body.ShouldNotContain("passwordHash", Case.Insensitive);
        body.ShouldNotContain("securityStamp", Case.Insensitive);
        body.ShouldNotContain("team.eatrang@demo.hocvuso.vn");
        body.ShouldContain("t•••@demo.hocvuso.vn");
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task ProvinceOfficer_SeesOwnProvince_NotAnother(string provider)
    {
        var app = await TestApp.GetAsync(provider);
        var client = await app.CreateClientAsync("officer.daklak");

        (await client.GetAsync("/api/v1/units/24445/staff")).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await client.GetAsync("/api/v1/units/66/staff")).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await client.GetAsync("/api/v1/units/24/staff")).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await client.GetAsync("/api/v1/units/07210/staff")).StatusCode.ShouldBe(HttpStatusCode.Forbidden);

        var bacNinh = await app.CreateClientAsync("officer.bacninh");
        (await bacNinh.GetAsync("/api/v1/units/24445/staff")).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await bacNinh.GetAsync("/api/v1/units/24/staff")).StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task TeamMember_CannotCreateStaff(string provider)
    {
        var app = await TestApp.GetAsync(provider);
        var client = await app.CreateClientAsync("team.eatrang");

        var response = await client.PostAsJsonAsync("/api/v1/staff", new
        {
            userName = "x" + Guid.NewGuid().ToString("N")[..8], fullName = "Người Thử", role = "TeamMember", unitCode = "24445-001",
        });

        response.StatusCode.ShouldBe(HttpStatusCode.Forbidden);
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task CommuneOfficer_CreatesTeamMember_ButNotProvinceStaff(string provider)
    {
        var app = await TestApp.GetAsync(provider);
        var client = await app.CreateClientAsync("officer.eatrang");
        var userName = "tm." + Guid.NewGuid().ToString("N")[..8];

        var created = await client.PostAsJsonAsync("/api/v1/staff", new { userName, fullName = "Y Thử Niê", role = "TeamMember", unitCode = "24445-002" });
        var tooHigh = await client.PostAsJsonAsync("/api/v1/staff", new { userName = userName + "p", fullName = "Cán bộ", role = "ProvinceOfficer", unitCode = "66" });
        var otherCommune = await client.PostAsJsonAsync("/api/v1/staff", new { userName = userName + "o", fullName = "Cán bộ", role = "CommuneOfficer", unitCode = "24193" });

        created.StatusCode.ShouldBe(HttpStatusCode.Created);
        var body = await created.Content.ReadFromJsonAsync<JsonElement>();
        body.GetProperty("initialPassword").GetString()!.Length.ShouldBeGreaterThanOrEqualTo(10);
        tooHigh.StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        otherCommune.StatusCode.ShouldBe(HttpStatusCode.Forbidden);

        var token = await client.PostAsJsonAsync("/api/v1/auth/token", new { userName, password = body.GetProperty("initialPassword").GetString() });
        token.StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task Anonymous_CannotReadStaff(string provider)
    {
        var app = await TestApp.GetAsync(provider);

        (await app.CreateClient().GetAsync("/api/v1/units/24445/staff")).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
    }
}
