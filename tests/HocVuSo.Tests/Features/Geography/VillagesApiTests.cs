using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using HocVuSo.Core.Features.Audit;
using HocVuSo.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace HocVuSo.Tests.Features.Geography;

/// <summary>Commune officers create villages in their own commune; every other caller is refused.</summary>
public class VillagesApiTests
{
    public static TheoryData<string> Providers => TestApp.Providers;

    private static string UniqueName(string prefix) => prefix + " " + Guid.NewGuid().ToString("N")[..6];

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task CommuneOfficer_CreatesAVillageInOwnCommune(string provider)
    {
        var app = await TestApp.GetAsync(provider);
        var client = await app.CreateClientAsync("officer.eatrang");
        var name = UniqueName("Buôn Thử");

        var response = await client.PostAsJsonAsync("/api/v1/units/24445/villages", new { name, kind = "buon" });

        response.StatusCode.ShouldBe(HttpStatusCode.Created);
        var village = await response.Content.ReadFromJsonAsync<JsonElement>();
        var code = village.GetProperty("code").GetString()!;
        code.ShouldMatch(@"^24445-\d{3}$");
        village.GetProperty("level").GetInt32().ShouldBe(3);
        village.GetProperty("parentCode").GetString().ShouldBe("24445");
        response.Headers.Location!.ToString().ShouldBe("/api/v1/units/" + code);
        var audited = await app.ExecuteDbAsync(db => db.AuditEntries.AnyAsync(a => a.Action == AuditActions.UnitCreated && a.EntityKey == code));
        audited.ShouldBeTrue();
        var children = await client.GetFromJsonAsync<JsonElement[]>("/api/v1/units?parent=24445");
        children!.Select(c => c.GetProperty("code").GetString()).ShouldContain(code);
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task CommuneOfficer_CannotCreateInAnotherCommune(string provider)
    {
        var app = await TestApp.GetAsync(provider);
        var client = await app.CreateClientAsync("officer.eatrang");

        var response = await client.PostAsJsonAsync("/api/v1/units/24193/villages", new { name = UniqueName("Thôn"), kind = "thon" });

        response.StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await response.Content.ReadAsStringAsync()).ShouldContain("ngoài địa bàn");
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task TeamMemberAndAnonymous_CannotCreateVillages(string provider)
    {
        var app = await TestApp.GetAsync(provider);
        var team = await app.CreateClientAsync("team.eatrang");

        (await team.PostAsJsonAsync("/api/v1/units/24445/villages", new { name = UniqueName("Thôn"), kind = "thon" }))
            .StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await app.CreateClient().PostAsJsonAsync("/api/v1/units/24445/villages", new { name = UniqueName("Thôn"), kind = "thon" }))
            .StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task ProvinceOfficer_ManagesCommunesOfOwnProvinceOnly(string provider)
    {
        var app = await TestApp.GetAsync(provider);
        var client = await app.CreateClientAsync("officer.daklak");

        (await client.PostAsJsonAsync("/api/v1/units/24193/villages", new { name = UniqueName("Buôn"), kind = "buon" }))
            .StatusCode.ShouldBe(HttpStatusCode.Created);
        (await client.PostAsJsonAsync("/api/v1/units/07210/villages", new { name = UniqueName("Thôn"), kind = "thon" }))
            .StatusCode.ShouldBe(HttpStatusCode.Forbidden);
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task DuplicateName_IsRefused_EvenWithoutDiacritics(string provider)
    {
        var app = await TestApp.GetAsync(provider);
        var client = await app.CreateClientAsync("officer.eatrang");
        var name = UniqueName("Buôn Đôi");
        (await client.PostAsJsonAsync("/api/v1/units/24445/villages", new { name, kind = "buon" })).StatusCode.ShouldBe(HttpStatusCode.Created);

        var again = await client.PostAsJsonAsync("/api/v1/units/24445/villages", new { name = name.Replace("Buôn Đôi", "BUON DOI", StringComparison.Ordinal), kind = "buon" });

        again.StatusCode.ShouldBe(HttpStatusCode.Conflict);
        var problem = await again.Content.ReadFromJsonAsync<JsonElement>();
        problem.GetProperty("detail").GetString()!.ShouldContain("Xã đã có đơn vị tên");
        problem.GetProperty("errors").GetProperty("name").GetArrayLength().ShouldBe(1);
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task BadInput_GetsClearMessages(string provider)
    {
        var app = await TestApp.GetAsync(provider);
        var client = await app.CreateClientAsync("officer.eatrang");

        var noName = await client.PostAsJsonAsync("/api/v1/units/24445/villages", new { name = "  ", kind = "thon" });
        var badKind = await client.PostAsJsonAsync("/api/v1/units/24445/villages", new { name = UniqueName("Thôn"), kind = "quận" });
        var unknown = await client.PostAsJsonAsync("/api/v1/units/99999/villages", new { name = UniqueName("Thôn"), kind = "thon" });

        noName.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        badKind.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await badKind.Content.ReadAsStringAsync()).ShouldContain("Loại «quận» không đúng");
        unknown.StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await unknown.Content.ReadAsStringAsync()).ShouldContain("«99999»");
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task CsvImport_KeepsValidRows_AndReportsEachBadRow(string provider)
    {
        var app = await TestApp.GetAsync(provider);
        var client = await app.CreateClientAsync("officer.eatrang");
        var good1 = UniqueName("Buôn Nhập");
        var good2 = UniqueName("Thôn Nhập");
        var csv = "commune_code;name;kind\r\n"
            + $"24445;{good1.Normalize(NormalizationForm.FormD)};buôn\r\n"
            + $"24193;{UniqueName("Thôn")};thon\r\n"
            + "24445;;thon\r\n"
            + $"24445;{good2};tổ dân phố\r\n"
            + $"24445;{good1};buon\r\n";
        using var content = new MultipartFormDataContent();
        var file = new ByteArrayContent([.. Encoding.UTF8.GetPreamble(), .. Encoding.UTF8.GetBytes(csv)]);
        file.Headers.ContentType = new MediaTypeHeaderValue("text/csv");
        content.Add(file, "file", "thon.csv");

        var response = await client.PostAsync("/api/v1/units/villages/import", content);

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        var report = await response.Content.ReadFromJsonAsync<JsonElement>();
        report.GetProperty("saved").GetInt32().ShouldBe(2);
        var errors = report.GetProperty("errors").EnumerateArray().ToList();
        errors.Select(e => e.GetProperty("row").GetInt32()).ShouldBe([3, 4, 6]);
        errors[0].GetProperty("message").GetString()!.ShouldContain("Dòng 3");
        errors[1].GetProperty("field").GetString().ShouldBe("name");
        errors[2].GetProperty("code").GetString().ShouldBe("units.village_name_taken");
        var names = await app.ExecuteDbAsync(db => db.Units.Where(u => u.ParentCode == "24445").Select(u => u.Name).ToListAsync());
        names.ShouldContain(good1);
        names.ShouldContain(good2);
    }
}
