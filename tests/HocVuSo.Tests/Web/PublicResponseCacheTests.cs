using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using HocVuSo.Core.Features.Certification;
using HocVuSo.Tests.Features.Certification;
using HocVuSo.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace HocVuSo.Tests.Web;

/// <summary>
/// Output caching of public answers: anonymous reads are kept (a change written behind the platform's
/// back, as another instance would, is not seen until eviction), signed-in readers always reach the
/// database, and a change saved through the platform evicts at once.
/// </summary>
public class PublicResponseCacheTests
{
    public static TheoryData<string> Providers => TestApp.Providers;

    private static string UniqueName(string prefix) => prefix + " " + Guid.NewGuid().ToString("N")[..6].ToUpperInvariant();

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task UnitAnswers_AreKeptForAnonymousReaders_UntilAUnitIsSaved(string provider)
    {
        var app = await TestApp.GetAsync(provider);
        var officer = await app.CreateClientAsync("officer.eatrang");
        var created = await officer.PostAsJsonAsync("/api/v1/units/24445/villages", new { name = UniqueName("Thôn Bộ Đệm"), kind = "thon" });
        created.StatusCode.ShouldBe(HttpStatusCode.Created);
        var village = await created.Content.ReadFromJsonAsync<JsonElement>();
        var code = village.GetProperty("code").GetString()!;
        var name = village.GetProperty("name").GetString()!;

        var anonymous = app.CreateClient();
        (await anonymous.GetFromJsonAsync<JsonElement>($"/api/v1/units/{code}")).GetProperty("name").GetString().ShouldBe(name);
        // Written around the platform (as another instance's change would reach this one): no eviction here.
        var renamed = name + " Mới";
        await app.ExecuteDbAsync(db => db.Units.Where(u => u.Code == code).ExecuteUpdateAsync(s => s.SetProperty(u => u.Name, renamed)));

        var kept = await anonymous.GetAsync($"/api/v1/units/{code}");
        kept.Headers.Age.ShouldNotBeNull("served from the output cache");
        (await kept.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("name").GetString().ShouldBe(name, "the anonymous answer is kept");
        (await app.CreateClient().GetFromJsonAsync<JsonElement>($"/api/v1/units/{code}")).GetProperty("name").GetString().ShouldBe(name, "kept for every anonymous reader");
        (await officer.GetFromJsonAsync<JsonElement>($"/api/v1/units/{code}")).GetProperty("name").GetString().ShouldBe(renamed, "a signed-in reader always reaches the database");

        // A unit saved through the platform evicts every kept answer about the tree.
        var second = await officer.PostAsJsonAsync("/api/v1/units/24445/villages", new { name = UniqueName("Thôn Bộ Đệm"), kind = "thon" });
        second.StatusCode.ShouldBe(HttpStatusCode.Created);
        var secondCode = (await second.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("code").GetString();
        (await anonymous.GetFromJsonAsync<JsonElement>($"/api/v1/units/{code}")).GetProperty("name").GetString().ShouldBe(renamed);
        (await anonymous.GetFromJsonAsync<JsonElement>("/api/v1/units/24445")).GetProperty("children").EnumerateArray()
            .Select(c => c.GetProperty("code").GetString()).ShouldContain(secondCode);
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task UnitAnswers_VaryByQuery_AndErrorsAreNeverKept(string provider)
    {
        var app = await TestApp.GetAsync(provider);
        var anonymous = app.CreateClient();
        var provinces = await anonymous.GetFromJsonAsync<JsonElement>("/api/v1/units");
        var communes = await anonymous.GetFromJsonAsync<JsonElement>("/api/v1/units?parent=66");
        provinces.GetArrayLength().ShouldBe(34);
        communes.EnumerateArray().ShouldAllBe(c => c.GetProperty("parentCode").GetString() == "66");
        var missing = await anonymous.GetAsync("/api/v1/units/99999");
        missing.StatusCode.ShouldBe(HttpStatusCode.NotFound);
        missing.Headers.Age.ShouldBeNull("a 404 is not served from the cache");
        (await anonymous.GetAsync("/api/v1/units/99999")).Headers.Age.ShouldBeNull();
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task Verification_IsKeptWhileUnchanged_UnknownIsNeverKept_AndARevocationEvicts(string provider)
    {
        var app = await TestApp.GetAsync(provider);
        var (_, _, _, serial, signature) = await CertificateTests.CertifiedLearnerAsync(app);
        var url = $"/api/v1/certificates/{serial}/verify?s={signature}";
        async Task<string?> StatusAsync(HttpClient client) => (await client.GetFromJsonAsync<JsonElement>(url)).GetProperty("status").GetString();
        Task SetAsync(CertificationStatus status) =>
            app.ExecuteDbAsync(db => db.Certifications.Where(c => c.Serial == serial).ExecuteUpdateAsync(s => s.SetProperty(c => c.Status, status)));

        var anonymous = app.CreateClient();
        await SetAsync(CertificationStatus.AwaitingSignOff);
        (await StatusAsync(anonymous)).ShouldBe("unknown");
        await SetAsync(CertificationStatus.Certified);
        (await StatusAsync(anonymous)).ShouldBe("valid", "an unknown answer is never kept: the serial may be issued a moment later");

        await SetAsync(CertificationStatus.Revoked);
        (await StatusAsync(anonymous)).ShouldBe("valid", "the valid answer is kept");
        var officer = await app.CreateClientAsync("officer.eatrang");
        (await StatusAsync(officer)).ShouldBe("revoked", "a signed-in reader always reaches the database");
        await SetAsync(CertificationStatus.Certified);

        var revoked = await officer.PostAsJsonAsync($"/api/v1/certificates/{serial}/revoke", new { reason = "Cấp nhầm người." });
        revoked.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await StatusAsync(anonymous)).ShouldBe("revoked", "a revocation saved through the platform evicts at once");
    }
}
