using System.Net;
using System.Net.Http.Json;
using HocVuSo.Tests.Infrastructure;

namespace HocVuSo.Tests.Features.Contests;

/// <summary>The contest pages as anyone sees them: the demo contest of Đắk Lắk labelled illustrative, its rounds and the public ranking.</summary>
public class ContestPagesTests
{
    public static TheoryData<string> Providers => TestApp.Providers;

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task TheDemoContest_IsListedForEaTrang_WithAnOpenRound_AndItsRankingIsPublic(string provider)
    {
        var app = await TestApp.GetAsync(provider);
        var client = app.CreateClient();
        var list = await client.GetAsync("/contests?unit=24445");
        list.StatusCode.ShouldBe(HttpStatusCode.OK);
        var html = await list.Content.ReadAsStringAsync();
        html.ShouldContain("Tìm hiểu về Chuyển đổi số tỉnh Đắk Lắk năm 2026");
        html.ShouldContain("minh họa");

        var contests = await client.GetFromJsonAsync<List<ContestView>>("/api/v1/contests?unit=24445");
        var demo = contests!.Single(c => c.Title == "Tìm hiểu về Chuyển đổi số tỉnh Đắk Lắk năm 2026");
        demo.Rounds.Select(r => r.State).ShouldBe(["closed", "open", "upcoming"]);
        var open = demo.Rounds[1].Id;
        var round = await client.GetStringAsync($"/contests/rounds/{open}");
        round.ShouldContain("/Account/Login?returnUrl=/contests/rounds/" + open);
        var ranking = await client.GetAsync($"/contests/rounds/{open}/ranking?unit=24445");
        ranking.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await ranking.Content.ReadAsStringAsync()).ShouldContain("id=\"participation\"");
        (await client.GetAsync("/contests/rounds/999999")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
    }

    private sealed record RoundView(int Id, string State);

    private sealed record ContestView(int Id, string Title, List<RoundView> Rounds);
}
