using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using HocVuSo.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace HocVuSo.Tests.Features.Teams;

/// <summary>Offline capture syncing: valid items accepted, bad ones rejected with reasons, nothing duplicated.</summary>
public class ActivitySyncTests
{
    public static TheoryData<string> Providers => TestApp.Providers;

    private static string Today => DateOnly.FromDateTime(DateTime.UtcNow.AddHours(7)).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static object Item(string clientId, string village = "24445-001", string? date = null, int participants = 12, string type = "guidance-session", int revision = 1, string place = "Nhà văn hóa") => new
    {
        clientId, type, villageCode = village, date = date ?? Today, topics = new[] { "install-vneid", "vneid-level2" }, participants,
        place, durationMinutes = 90, helpedByTopic = new Dictionary<string, int> { ["install-vneid"] = 7, ["vneid-level2"] = 5 }, revision,
    };

    private static async Task<JsonElement[]> SyncAsync(HttpClient client, params object[] items)
    {
        var response = await client.PostAsJsonAsync("/api/v1/teams/activities/sync", new { items });
        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("results").EnumerateArray().ToArray();
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task Batch_AcceptsValidItems_RejectsBadOnes_AndTheSameBatchAgainCreatesNothing(string provider)
    {
        var app = await TestApp.GetAsync(provider);
        var member = await app.CreateClientAsync("team.eatrang");
        var tag = Guid.NewGuid().ToString("N")[..8];
        object[] batch =
        [
            Item($"{tag}-1"),
            Item($"{tag}-2", village: "24445-002"),
            Item($"{tag}-3", date: "2099-01-01"),
            Item($"{tag}-4", participants: 0),
            Item($"{tag}-5", participants: 100000),
            Item($"{tag}-6", type: "party"),
            Item($"{tag}-7", type: "door-to-door-visit", participants: 8),
        ];
        var before = await app.ExecuteDbAsync(db => db.FieldActivities.CountAsync());

        var first = await SyncAsync(member, batch);
        var second = await SyncAsync(member, batch);

        first.Select(r => r.GetProperty("status").GetString()).ShouldBe(["accepted", "rejected", "rejected", "rejected", "rejected", "rejected", "accepted"]);
        first[1].GetProperty("reason").GetString().ShouldBe("scope.forbidden");
        first[2].GetProperty("message").GetString()!.ShouldContain("không được sau hôm nay");
        first[3].GetProperty("reason").GetString().ShouldBe("teams.bad_participants");
        second.Select(r => r.GetProperty("status").GetString()).ShouldBe(["duplicate", "rejected", "rejected", "rejected", "rejected", "rejected", "duplicate"]);
        second[0].GetProperty("id").GetString().ShouldBe(first[0].GetProperty("id").GetString());
        (await app.ExecuteDbAsync(db => db.FieldActivities.CountAsync())).ShouldBe(before + 2);
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task Edits_HigherRevisionWins_AndAStaleEditIsAConflictShowingTheServerCopy(string provider)
    {
        var app = await TestApp.GetAsync(provider);
        var member = await app.CreateClientAsync("team.eatrang");
        var id = "edit-" + Guid.NewGuid().ToString("N")[..8];
        (await SyncAsync(member, Item(id)))[0].GetProperty("status").GetString().ShouldBe("accepted");

        var newer = await SyncAsync(member, Item(id, participants: 15, revision: 2));
        var stale = await SyncAsync(member, Item(id, participants: 20, revision: 2, place: "Sân bóng"));

        newer[0].GetProperty("status").GetString().ShouldBe("accepted");
        stale[0].GetProperty("status").GetString().ShouldBe("conflict");
        stale[0].GetProperty("server").GetProperty("participants").GetInt32().ShouldBe(15);
        stale[0].GetProperty("message").GetString()!.ShouldContain("máy khác");
        var saved = await app.ExecuteDbAsync(db => db.FieldActivities.Where(a => a.ClientId == id).Select(a => new { a.Participants, a.Revision }).SingleAsync());
        saved.Participants.ShouldBe(15);
        saved.Revision.ShouldBe(2);
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task Activities_AreListedInScope_AndFeedTheVillagesGuidanceCount(string provider)
    {
        var app = await TestApp.GetAsync(provider);
        var officer = await app.CreateClientAsync("officer.eatrang");
        var member = await app.CreateClientAsync("team.eatrang");
        int Guidance(JsonElement dashboard) => dashboard.GetProperty("villages").EnumerateArray()
            .Single(v => v.GetProperty("villageCode").GetString() == "24445-001").GetProperty("guidanceSessionsThisYear").GetInt32();
        var before = Guidance(await officer.GetFromJsonAsync<JsonElement>("/api/v1/teams/dashboard?unit=24445"));

        (await SyncAsync(member, Item("count-" + Guid.NewGuid().ToString("N")[..8])))[0].GetProperty("status").GetString().ShouldBe("accepted");

        var dashboard = await officer.GetFromJsonAsync<JsonElement>("/api/v1/teams/dashboard?unit=24445");
        Guidance(dashboard).ShouldBe(before + 1);
        dashboard.GetProperty("villages").GetArrayLength().ShouldBeGreaterThanOrEqualTo(10);
        dashboard.GetProperty("quietVillages").GetInt32().ShouldBeGreaterThanOrEqualTo(1);
        var listed = await officer.GetFromJsonAsync<JsonElement[]>($"/api/v1/teams/activities?village=24445-001&from={Today}&to={Today}");
        listed!.ShouldNotBeEmpty();
        listed.ShouldAllBe(a => a.GetProperty("villageCode").GetString() == "24445-001");
        (await (await app.CreateClientAsync("officer.bacninh")).GetAsync("/api/v1/teams/activities?village=24445-001")).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await member.GetAsync("/api/v1/teams/activities?village=24445-002")).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        var (learner, _) = await app.CreateLearnerAsync();
        (await learner.PostAsJsonAsync("/api/v1/teams/activities/sync", new { items = new[] { Item("x") } })).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task Demo_HasATeamInEveryEaTrangVillage(string provider)
    {
        var app = await TestApp.GetAsync(provider);
        var officer = await app.CreateClientAsync("officer.eatrang");

        var dashboard = await officer.GetFromJsonAsync<JsonElement>("/api/v1/teams/dashboard?unit=24445");

        dashboard.GetProperty("villages").EnumerateArray().Where(v => string.CompareOrdinal(v.GetProperty("villageCode").GetString(), "24445-010") <= 0)
            .ShouldAllBe(v => v.GetProperty("activeMembers").GetInt32() >= 3);
        dashboard.GetProperty("membersByOrganisation").GetProperty("CommunePolice").GetInt32().ShouldBeGreaterThan(0);
        dashboard.GetProperty("membersAddedThisYearByOrganisation").EnumerateObject().Sum(p => p.Value.GetInt32()).ShouldBeGreaterThan(0);
        dashboard.GetProperty("villagesReinforced").GetInt32().ShouldBeGreaterThan(0);
        var team = await officer.GetFromJsonAsync<JsonElement>("/api/v1/teams/24445-003");
        team.GetProperty("members").GetArrayLength().ShouldBeGreaterThanOrEqualTo(3);
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task Officer_AddsMembers_InScopeOnly(string provider)
    {
        var app = await TestApp.GetAsync(provider);
        var officer = await app.CreateClientAsync("officer.eatrang");

        var added = await officer.PostAsJsonAsync("/api/v1/teams/24445-004/members", new { fullName = "Đinh Thị Hằng", role = "Member", organisation = "Telecom", phone = "0987654321" });
        var bad = await officer.PostAsJsonAsync("/api/v1/teams/24445-004/members", new { fullName = "", role = "Boss", organisation = "Club" });
        var outside = await officer.PostAsJsonAsync("/api/v1/teams/24193/members", new { fullName = "Người Ngoài", role = "Member", organisation = "Other" });
        var team = await app.CreateClientAsync("team.eatrang");

        added.StatusCode.ShouldBe(HttpStatusCode.Created);
        (await added.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("phone").GetString().ShouldBe("09••••••21");
        bad.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await bad.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").EnumerateObject().Select(p => p.Name).ShouldBe(["fullName", "role", "organisation"], ignoreOrder: true);
        outside.StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await team.PostAsJsonAsync("/api/v1/teams/24445-001/members", new { fullName = "X", role = "Member", organisation = "Other" })).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
    }
}
