using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using HocVuSo.Core.Features.Geography;
using HocVuSo.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace HocVuSo.Tests.Features.Geography;

/// <summary>The official unit tree, read through the public API on each database provider.</summary>
public class UnitsApiTests
{
    public static TheoryData<string> Providers => TestApp.Providers;

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task Provinces_AreTheOfficial34(string provider)
    {
        var app = await TestApp.GetAsync(provider);
        var units = await app.CreateClient().GetFromJsonAsync<JsonElement[]>("/api/v1/units?level=1");

        units!.Length.ShouldBe(34);
        units.ShouldAllBe(u => u.GetProperty("level").GetInt32() == 1 && u.GetProperty("parentCode").GetString() == "VN");
        units.Select(u => u.GetProperty("code").GetString()).ShouldContain("66");
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task Communes_AreTheOfficial3321_WithTheirCodes(string provider)
    {
        var app = await TestApp.GetAsync(provider);
        var communes = await app.CreateClient().GetFromJsonAsync<JsonElement[]>("/api/v1/units?level=2");

        communes!.Length.ShouldBe(3321);
        communes.Select(c => c.GetProperty("code").GetString()).Distinct().Count().ShouldBe(3321);
        var count = await app.ExecuteDbAsync(db => db.Units.CountAsync(u => u.Level == UnitLevel.Commune && u.ValidTo == null));
        count.ShouldBe(3321);
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task DakLakCommunes_AreListedByParent(string provider)
    {
        var app = await TestApp.GetAsync(provider);
        var communes = await app.CreateClient().GetFromJsonAsync<JsonElement[]>("/api/v1/units?parent=66");

        communes!.Length.ShouldBe(102);
        var eaTrang = communes.Single(c => c.GetProperty("code").GetString() == "24445");
        eaTrang.GetProperty("name").GetString().ShouldBe("Ea Trang");
        eaTrang.GetProperty("kind").GetString().ShouldBe("xa");
        eaTrang.GetProperty("parentCode").GetString().ShouldBe("66");
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task UnknownParent_IsNotFound_WithAVietnameseMessage(string provider)
    {
        var app = await TestApp.GetAsync(provider);
        var response = await app.CreateClient().GetAsync("/api/v1/units?parent=99999");

        response.StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await response.Content.ReadAsStringAsync()).ShouldContain("Không có đơn vị hành chính mã «99999»");
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task Search_IgnoresDiacriticsAndCase(string provider)
    {
        var app = await TestApp.GetAsync(provider);
        var client = app.CreateClient();
        foreach (var (query, code) in new[] { ("ea trang", "24445"), ("Ea Trang", "24445"), ("EA TRANG", "24445"), ("ea wy", "24193"), ("mang den", "23473"), ("Măng Đen", "23473") })
        {
            var hits = await client.GetFromJsonAsync<JsonElement[]>("/api/v1/units/search?q=" + Uri.EscapeDataString(query));
            hits!.ShouldNotBeEmpty(query);
            hits![0].GetProperty("code").GetString().ShouldBe(code, query);
        }
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task Unit_ShowsItsChildrenAndAncestors(string provider)
    {
        var app = await TestApp.GetAsync(provider);
        var unit = await app.CreateClient().GetFromJsonAsync<JsonElement>("/api/v1/units/24445");

        unit.GetProperty("fullName").GetString().ShouldBe("Xã Ea Trang");
        unit.GetProperty("level").GetInt32().ShouldBe(2);
        unit.GetProperty("children").GetArrayLength().ShouldBeGreaterThanOrEqualTo(10);
        unit.GetProperty("ancestors").EnumerateArray().Select(a => a.GetProperty("code").GetString()).ShouldBe(["VN", "66"]);
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task DongNaiChange_KeepsBothStatesQueryable(string provider)
    {
        var app = await TestApp.GetAsync(provider);
        var client = app.CreateClient();

        var before = await client.GetFromJsonAsync<JsonElement>("/api/v1/units/25270?asOf=2026-01-15");
        var after = await client.GetFromJsonAsync<JsonElement>("/api/v1/units/25270?asOf=2026-05-01");
        var province = await client.GetFromJsonAsync<JsonElement>("/api/v1/units/75?asOf=2026-05-01");

        before.GetProperty("kind").GetString().ShouldBe("xa");
        before.GetProperty("fullName").GetString().ShouldBe("Xã Lộc Ninh");
        after.GetProperty("kind").GetString().ShouldBe("phuong");
        after.GetProperty("fullName").GetString().ShouldBe("Phường Lộc Ninh");
        after.GetProperty("versions").GetArrayLength().ShouldBe(2);
        province.GetProperty("kind").GetString().ShouldBe("thanh_pho");
        var wardsBefore = (await client.GetFromJsonAsync<JsonElement[]>("/api/v1/units?parent=75&asOf=2026-01-15"))!;
        var wardsAfter = (await client.GetFromJsonAsync<JsonElement[]>("/api/v1/units?parent=75&asOf=2026-05-01"))!;
        wardsAfter.Count(w => w.GetProperty("kind").GetString() == "phuong")
            .ShouldBe(wardsBefore.Count(w => w.GetProperty("kind").GetString() == "phuong") + 10);
        wardsAfter.Length.ShouldBe(wardsBefore.Length);
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task ReImportingTheReferenceData_ChangesNothing(string provider)
    {
        var app = await TestApp.GetAsync(provider);
        var before = await app.ExecuteDbAsync(db => db.Units.CountAsync(u => u.Level <= UnitLevel.Commune));

        await using var scope = app.Services.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<HocVuSo.Core.Features.Accounts.ScopeService>().UseSystemScope();
        var result = await scope.ServiceProvider.GetRequiredService<ReferenceUnits>().EnsureAsync(CancellationToken.None);

        result.IsSuccess.ShouldBeTrue();
        result.Value.Changes.Saved.ShouldBe(0);
        (await app.ExecuteDbAsync(db => db.Units.CountAsync(u => u.Level <= UnitLevel.Commune))).ShouldBe(before);
    }
}
