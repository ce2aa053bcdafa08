using System.Net;
using System.Net.Http.Json;
using HocVuSo.Core.Features.Awards;
using HocVuSo.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using static HocVuSo.Tests.Features.Awards.AwardsTestData;

namespace HocVuSo.Tests.Features.Awards;

/// <summary>The bad input: each refused with an error naming the field, and nothing written.</summary>
public class AwardsBadInputTests(AwardApps apps) : IClassFixture<AwardApps>
{
    public static TheoryData<string> Providers => TestApp.Providers;

    private static async Task ShouldFailAsync(HttpResponseMessage response, HttpStatusCode status, string code, string? field = null)
    {
        var body = await response.Content.ReadAsStringAsync();
        response.StatusCode.ShouldBe(status, body);
        body.ShouldContain(code);
        if (field is not null)
        {
            (await JsonAsync(response)).GetProperty("errors").TryGetProperty(field, out _).ShouldBeTrue(body);
        }
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task NominationsOutsideTheWindowOrOfAKindTheSchemeRefuses_AreRefusedAndNothingIsWritten(string provider)
    {
        var app = await apps.GetAsync(provider);
        var c = await app.CreateAwardCommuneAsync();
        var officer = await app.CreateClientAsync(c.Officer);
        var closed = await CreateSchemeAsync(officer, VillageScheme(c, opens: Today.AddDays(-30), closes: Today.AddDays(-1)));
        var open = await CreateSchemeAsync(officer, VillageScheme(c));
        var head = await app.CreateClientAsync(c.VillageHead);

        await ShouldFailAsync(await head.PostAsJsonAsync("/api/v1/awards/nominations", new { scheme = closed, nominee = new { kind = "village", unit = c.Village(1) } }),
            HttpStatusCode.BadRequest, "awards.outside_window", "scheme");
        await ShouldFailAsync(await head.PostAsJsonAsync("/api/v1/awards/nominations", new { scheme = open, nominee = new { kind = "household", unit = c.Village(1), name = "Gia đình ông A" } }),
            HttpStatusCode.BadRequest, "awards.nominee_not_allowed", "nominee.kind");
        await ShouldFailAsync(await head.PostAsJsonAsync("/api/v1/awards/nominations", new { scheme = open, nominee = new { kind = "village", unit = c.Village(1) }, evidence = new[] { new { criterion = 3, text = "Ảnh", url = "javascript:alert(1)" } } }),
            HttpStatusCode.BadRequest, "awards.url_invalid", "evidence[0].url");
        await ShouldFailAsync(await head.PostAsJsonAsync("/api/v1/awards/nominations", new { scheme = open, nominee = new { kind = "village", unit = "99999-001" } }),
            HttpStatusCode.BadRequest, "awards.village_unknown", "nominee.unit");
        (await app.ExecuteDbAsync(db => db.Set<Nomination>().CountAsync(n => n.SchemeId == closed || n.SchemeId == open))).ShouldBe(0);

        // A second nomination of the same village for the same scheme.
        await NominateVillageAsync(head, open, c.Village(1));
        await ShouldFailAsync(await head.PostAsJsonAsync("/api/v1/awards/nominations", new { scheme = open, nominee = new { kind = "village", unit = c.Village(1) } }),
            HttpStatusCode.Conflict, "awards.already_nominated");
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task ABadScheme_NamesEachField_AndIsNotCreated(string provider)
    {
        var app = await apps.GetAsync(provider);
        var c = await app.CreateAwardCommuneAsync();
        var officer = await app.CreateClientAsync(c.Officer);
        var response = await officer.PostAsJsonAsync("/api/v1/awards/schemes", new
        {
            unit = c.Code, year = Today.Year, title = "", model = "nobody", nominee = new[] { "alien" },
            criteria = new object[] { new { number = 1, title = "Tiêu chí", weight = 0, scale = 0, source = "person-certified" } },
            opens = "2026-13-01", closes = Iso(Today), passScore = 140, quorum = 9, council = new object[] { new { userName = "nobody.at.all", role = "king" } },
        });
        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        var errors = (await JsonAsync(response)).GetProperty("errors");
        foreach (var field in new[] { "title", "model", "nominee", "criteria[0].weight", "criteria[0].scale", "opens", "passScore", "quorum", "council[0].userName", "council[0].role" })
        {
            errors.TryGetProperty(field, out _).ShouldBeTrue(field);
        }

        (await app.ExecuteDbAsync(db => db.Set<AwardScheme>().CountAsync(s => s.UnitPath.Contains(c.Code)))).ShouldBe(0);

        // A team member manages no plans: refused.
        (await (await app.CreateClientAsync(c.VillageHead)).PostAsJsonAsync("/api/v1/awards/schemes", VillageScheme(c))).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task AScoreOutsideTheScaleOrIncomplete_IsRefusedAndNoScoreIsKept(string provider)
    {
        var app = await apps.GetAsync(provider);
        var c = await app.CreateAwardCommuneAsync();
        var officer = await app.CreateClientAsync(c.Officer);
        var scheme = await CreateSchemeAsync(officer, VillageScheme(c));
        var id = await NominateVillageAsync(officer, scheme, c.Village(2));
        var member2 = await app.CreateClientAsync(c.Member2);

        await ShouldFailAsync(await member2.PostAsJsonAsync($"/api/v1/awards/nominations/{id}/scores", Scores(8, 11, 5)), HttpStatusCode.BadRequest, "awards.score_out_of_scale", "scores[1].score");
        await ShouldFailAsync(await member2.PostAsJsonAsync($"/api/v1/awards/nominations/{id}/scores", new { scores = new[] { new { criterion = 1, score = 5 } }, vote = "for" }),
            HttpStatusCode.BadRequest, "awards.scores_incomplete", "scores");
        await ShouldFailAsync(await member2.PostAsJsonAsync($"/api/v1/awards/nominations/{id}/scores", Scores(5, 5, 5, vote: "maybe")), HttpStatusCode.BadRequest, "awards.vote_unknown", "vote");
        (await app.ExecuteDbAsync(db => db.Set<AppraisalScore>().CountAsync(s => s.NominationId == id))).ShouldBe(0);
        (await app.ExecuteDbAsync(db => db.Set<AppraisalVote>().CountAsync(s => s.NominationId == id))).ShouldBe(0);

        // Someone not on the council.
        var outsider = await app.CreateClientAsync(await Oversight.VerificationTestData.CreateStaffAsync(app, Core.Features.Accounts.StaffRole.CommuneOfficer, c.Code));
        await ShouldFailAsync(await outsider.PostAsJsonAsync($"/api/v1/awards/nominations/{id}/scores", Scores(5, 5, 5)), HttpStatusCode.Forbidden, "awards.not_council_member");

        // A member who declared a conflict takes no further part.
        var member3 = await app.CreateClientAsync(c.Member3);
        (await member3.PostAsJsonAsync($"/api/v1/awards/nominations/{id}/conflict", new { reason = "Người nhà ở thôn 2" })).StatusCode.ShouldBe(HttpStatusCode.OK);
        await ShouldFailAsync(await member3.PostAsJsonAsync($"/api/v1/awards/nominations/{id}/scores", Scores(5, 5, 5)), HttpStatusCode.Conflict, "awards.conflict_of_interest", "member");
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task NoQuorumAndTie_AreExplicitStates_AndNeitherCanBeDecided(string provider)
    {
        var app = await apps.GetAsync(provider);
        var c = await app.CreateAwardCommuneAsync();
        var officer = await app.CreateClientAsync(c.Officer);
        var member2 = await app.CreateClientAsync(c.Member2);
        var scheme = await CreateSchemeAsync(officer, VillageScheme(c));
        var head = await app.CreateClientAsync(c.VillageHead);
        var lonely = await NominateVillageAsync(head, scheme, c.Village(1));
        var tied = await NominateVillageAsync(officer, scheme, c.Village(2));
        var rejected = await NominateVillageAsync(officer, scheme, c.Village(3));
        (await officer.PostAsJsonAsync($"/api/v1/awards/nominations/{lonely}/scores", Scores(9, 9, 9))).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await member2.PostAsJsonAsync($"/api/v1/awards/nominations/{tied}/scores", Scores(9, 9, 9, vote: "for"))).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await (await app.CreateClientAsync(c.Member3)).PostAsJsonAsync($"/api/v1/awards/nominations/{tied}/scores", Scores(9, 9, 9, vote: "against"))).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await member2.PostAsJsonAsync($"/api/v1/awards/nominations/{rejected}/scores", Scores(2, 2, 2))).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await (await app.CreateClientAsync(c.Member3)).PostAsJsonAsync($"/api/v1/awards/nominations/{rejected}/scores", Scores(3, 3, 3))).StatusCode.ShouldBe(HttpStatusCode.OK);

        var ended = await JsonAsync(await officer.PostAsync($"/api/v1/awards/schemes/{scheme}/appraisal/end", null));
        ended.GetProperty("results").GetProperty(lonely.ToString(System.Globalization.CultureInfo.InvariantCulture)).GetString().ShouldBe("no-quorum");
        ended.GetProperty("results").GetProperty(tied.ToString(System.Globalization.CultureInfo.InvariantCulture)).GetString().ShouldBe("tie");
        ended.GetProperty("results").GetProperty(rejected.ToString(System.Globalization.CultureInfo.InvariantCulture)).GetString().ShouldBe("not-recommended");

        await ShouldFailAsync(await officer.PostAsJsonAsync("/api/v1/awards/decisions", AwardsApiTests.Decision(c, "30/QĐ-UBND", lonely)), HttpStatusCode.BadRequest, "awards.no_quorum", "items[0]");
        await ShouldFailAsync(await officer.PostAsJsonAsync("/api/v1/awards/decisions", AwardsApiTests.Decision(c, "30/QĐ-UBND", tied)), HttpStatusCode.BadRequest, "awards.tie", "items[0]");
        await ShouldFailAsync(await officer.PostAsJsonAsync("/api/v1/awards/decisions", AwardsApiTests.Decision(c, "30/QĐ-UBND", rejected)), HttpStatusCode.BadRequest, "awards.not_recommended", "items[0]");
        (await app.ExecuteDbAsync(db => db.Set<RecognitionDecision>().CountAsync(d => d.UnitPath.Contains(c.Code)))).ShouldBe(0);
        (await app.ExecuteDbAsync(db => db.Set<DecisionItem>().CountAsync(d => d.UnitPath.Contains(c.Code)))).ShouldBe(0);

        // Scores close when the appraisal ends.
        await ShouldFailAsync(await member2.PostAsJsonAsync($"/api/v1/awards/nominations/{lonely}/scores", Scores(9, 9, 9)), HttpStatusCode.Conflict, "awards.appraisal_ended");
    }
}
