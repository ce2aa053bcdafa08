using System.Globalization;
using System.Net;
using HocVuSo.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using static HocVuSo.Tests.Features.Awards.AwardsTestData;

namespace HocVuSo.Tests.Features.Awards;

/// <summary>The award pages: a scheme set up, a village nominated, scored with the conflict refused in Vietnamese, decided, and the public honours page.</summary>
public class AwardsPagesTests(AwardApps apps) : IClassFixture<AwardApps>
{
    public static TheoryData<string> Providers => TestApp.Providers;

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task TheFormsSetUpNominateScoreAndDecide_AndTheHonoursPageShowsTheVillage(string provider)
    {
        var app = await apps.GetAsync(provider);
        var c = await app.CreateAwardCommuneAsync();
        var officer = await app.CreateClientAsync(c.Officer);
        var today = Today.ToString("dd/MM/yyyy", CultureInfo.InvariantCulture);
        var bad = await officer.SubmitFormAsync($"/units/{c.Code}/awards", new Dictionary<string, string>
        {
            ["title"] = "Thôn/Buôn số tiêu biểu", ["model"] = "exemplary-digital-village", ["nominee"] = "village", ["criteria"] = "50 | 10 | village-guidance-sessions | Buổi hướng dẫn",
            ["opens"] = today, ["closes"] = "31/02/2026", ["passScore"] = "60", ["quorum"] = "1", ["council"] = $"{c.Officer} | chair\n{c.VillageHead} | member | {c.Village(1)}",
        }, "handler=Scheme");
        bad.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await bad.Content.ReadAsStringAsync()).ShouldContain("Ngày «31/02/2026» không hợp lệ");

        var created = await officer.SubmitFormAsync($"/units/{c.Code}/awards", new Dictionary<string, string>
        {
            ["title"] = "Thôn/Buôn số tiêu biểu", ["model"] = "exemplary-digital-village", ["nominee"] = "village",
            ["criteria"] = "50 | 10 | village-guidance-sessions | Buổi hướng dẫn\n50 | 10 | attached | Câu chuyện",
            ["opens"] = today, ["closes"] = today, ["passScore"] = "60", ["quorum"] = "1", ["council"] = $"{c.Member2} | chair\n{c.VillageHead} | member | {c.Village(1)}",
        }, "handler=Scheme");
        created.StatusCode.ShouldBe(HttpStatusCode.Redirect, await created.Content.ReadAsStringAsync());
        var schemeUrl = created.Headers.Location!.OriginalString;

        var head = await app.CreateClientAsync(c.VillageHead);
        var nominated = await head.SubmitFormAsync(schemeUrl, new Dictionary<string, string> { ["kind"] = "village", ["unit"] = c.Village(1), ["story"] = "Buôn học số" }, "handler=Nominate");
        nominated.StatusCode.ShouldBe(HttpStatusCode.Redirect, await nominated.Content.ReadAsStringAsync());
        var nominationUrl = nominated.Headers.Location!.OriginalString;
        var page = await head.GetPageAsync(nominationUrl);
        page.QuerySelector("#figures tr[data-metric='village-guidance-sessions'] .frozen")!.TextContent.ShouldBe("0");

        var refused = await head.SubmitFormAsync(nominationUrl, new Dictionary<string, string> { ["score1"] = "9", ["score2"] = "9", ["vote"] = "for" }, "handler=Score");
        refused.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await refused.Content.ReadAsStringAsync()).ShouldContain("xung đột lợi ích");

        var member = await app.CreateClientAsync(c.Member2);
        (await member.SubmitFormAsync(nominationUrl, new Dictionary<string, string> { ["score1"] = "8", ["score2"] = "9", ["vote"] = "for" }, "handler=Score"))
            .StatusCode.ShouldBe(HttpStatusCode.Redirect);
        (await officer.SubmitFormAsync(schemeUrl, new Dictionary<string, string>(), "handler=End")).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var id = int.Parse(nominationUrl[(nominationUrl.LastIndexOf('/') + 1)..], CultureInfo.InvariantCulture);
        var decided = await officer.SubmitFormAsync($"/units/{c.Code}/awards", new Dictionary<string, string>
        {
            ["items"] = id.ToString(CultureInfo.InvariantCulture), ["number"] = "07/QĐ-UBND", ["date"] = today, ["signer"] = "Nguyễn Văn Ký",
        }, "handler=Decision");
        decided.StatusCode.ShouldBe(HttpStatusCode.Redirect, await decided.Content.ReadAsStringAsync());
        (await app.ExecuteDbAsync(db => db.Set<Core.Features.Awards.DecisionItem>().CountAsync(i => i.NominationId == id))).ShouldBe(1);

        var honours = await app.CreateClient().GetPageAsync($"/honours/{c.Code}");
        honours.QuerySelector("#recognitions")!.TextContent.ShouldContain("Thôn 1");
        honours.QuerySelector("#recognitions")!.TextContent.ShouldContain("07/QĐ-UBND");

        // Staff of another commune do not open this commune's award pages.
        var stranger = await app.CreateClientAsync((await app.CreateAwardCommuneAsync()).Officer);
        (await stranger.GetAsync($"/units/{c.Code}/awards")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
    }
}
