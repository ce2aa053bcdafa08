using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using HocVuSo.Core.Features.Audit;
using HocVuSo.Core.Features.Geography;
using HocVuSo.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace HocVuSo.Tests.Features.Geography;

public class BaselinesTests
{
    public static TheoryData<string> Providers => TestApp.Providers;

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task Demo_HasEaTrangBaselinesFor2026_ThatAddUpOverItsVillages(string provider)
    {
        var app = await TestApp.GetAsync(provider);
        var baselines = await app.CreateClient().GetFromJsonAsync<JsonElement[]>("/api/v1/units/24445/baselines");

        var commune = baselines!.Single(b => b.GetProperty("year").GetInt32() == 2026).GetProperty("values");
        commune.GetProperty("adults").GetInt32().ShouldBeGreaterThan(5000);
        var villageAdults = await app.ExecuteDbAsync(db => db.PopulationBaselines
            .Where(b => b.Year == 2026 && b.Unit!.ParentCode == "24445").SumAsync(b => b.Adults));
        commune.GetProperty("adults").GetInt32().ShouldBe(villageAdults);
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task Officer_SavesABaseline_AndTheChangeIsKeptInHistory(string provider)
    {
        var app = await TestApp.GetAsync(provider);
        var client = await app.CreateClientAsync("officer.eatrang");
        var values = new BaselineValues(640, 6, 120, 90, 60, 10, 40, 280);

        var first = await client.PutAsJsonAsync("/api/v1/units/24445-004/baselines/2025", values);
        var second = await client.PutAsJsonAsync("/api/v1/units/24445-004/baselines/2025", values with { Adults = 650 });

        first.StatusCode.ShouldBe(HttpStatusCode.OK);
        second.StatusCode.ShouldBe(HttpStatusCode.OK);
        var history = await app.ExecuteDbAsync(db => db.AuditEntries
            .Where(a => a.Action == AuditActions.BaselineSaved && a.EntityKey == "24445-004/2025").OrderBy(a => a.Id).ToListAsync());
        history.Count.ShouldBe(2);
        history[1].OldValue!.ShouldContain("\"Adults\":640");
        history[1].NewValue!.ShouldContain("\"Adults\":650");
        history[1].ActorName.ShouldBe("officer.eatrang");
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task Baselines_OutsideScope_OrInvalid_AreRefused(string provider)
    {
        var app = await TestApp.GetAsync(provider);
        var client = await app.CreateClientAsync("officer.eatrang");
        var values = new BaselineValues(100, 5, 0, 0, 0, 0, 0, 40);

        (await client.PutAsJsonAsync("/api/v1/units/24193/baselines/2026", values)).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        var negative = await client.PutAsJsonAsync("/api/v1/units/24445-005/baselines/2026", values with { Households = -1 });
        negative.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await negative.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").GetProperty("households").GetArrayLength().ShouldBe(1);
        (await client.PutAsJsonAsync("/api/v1/units/24445-005/baselines/1999", values)).StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await client.PutAsJsonAsync("/api/v1/units/24445-005/baselines/2026", values with { Officials = 500 })).StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        var team = await app.CreateClientAsync("team.eatrang");
        (await team.PutAsJsonAsync("/api/v1/units/24445-001/baselines/2026", values)).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task PartialPut_ChangesOnlyTheFiguresGiven_AndAFirstSaveNamesTheMissingOnes(string provider)
    {
        var app = await TestApp.GetAsync(provider);
        var client = await app.CreateClientAsync("officer.eatrang");
        const string url = "/api/v1/units/24445-006/baselines/2024";

        var incomplete = await client.PutAsJsonAsync(url, new { adults = 700, officials = 8 });
        incomplete.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        var missing = (await incomplete.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").EnumerateObject().Select(p => p.Name).ToList();
        missing.ShouldBe(["studentsPrimary", "studentsLowerSecondary", "studentsUpperSecondary", "studentsHigherEducation", "enterpriseWorkers", "households"], ignoreOrder: true);
        (await app.ExecuteDbAsync(db => db.PopulationBaselines.CountAsync(b => b.Unit!.Code == "24445-006" && b.Year == 2024))).ShouldBe(0);

        (await client.PutAsJsonAsync(url, new BaselineValues(700, 8, 120, 90, 60, 10, 40, 280))).StatusCode.ShouldBe(HttpStatusCode.OK);
        var partial = await client.PutAsJsonAsync(url, new { households = 300, officials = (int?)null });

        partial.StatusCode.ShouldBe(HttpStatusCode.OK, await partial.Content.ReadAsStringAsync());
        var stored = await app.ExecuteDbAsync(db => db.PopulationBaselines.AsNoTracking().SingleAsync(b => b.Unit!.Code == "24445-006" && b.Year == 2024));
        (stored.Adults, stored.Officials, stored.StudentsPrimary, stored.StudentsLowerSecondary, stored.StudentsUpperSecondary,
            stored.StudentsHigherEducation, stored.EnterpriseWorkers, stored.Households).ShouldBe((700, 8, 120, 90, 60, 10, 40, 300));
        (await partial.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("values").GetProperty("adults").GetInt32().ShouldBe(700);
    }
}

