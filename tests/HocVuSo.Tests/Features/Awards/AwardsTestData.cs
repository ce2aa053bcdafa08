using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using HocVuSo.Core.Features.Accounts;
using HocVuSo.Core.Features.Teams;
using HocVuSo.Tests.Features.Oversight;
using HocVuSo.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace HocVuSo.Tests.Features.Awards;

/// <summary>Apps of the award tests' own (one per provider, shared by the class), with communes of their own.</summary>
public sealed class AwardApps : IAsyncLifetime
{
    private readonly Dictionary<string, Lazy<Task<TestApp>>> _apps = new()
    {
        ["Sqlite"] = new(() => TestApp.StartOwnAsync("Sqlite")),
        ["Postgres"] = new(() => TestApp.StartOwnAsync("Postgres")),
    };

    public Task<TestApp> GetAsync(string provider) => _apps[provider].Value;

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        foreach (var app in _apps.Values.Where(a => a.IsValueCreated))
        {
            await (await app.Value).DisposeAsync();
        }
    }
}

/// <summary>A commune of the award tests with its officer, a village head (team member of village 001) and two more council members.</summary>
public sealed record AwardCommune(string Code, string Officer, string VillageHead, string Member2, string Member3)
{
    public string Village(int n) => $"{Code}-{n:D3}";
}

public static class AwardsTestData
{
    public static DateOnly Today => InspectionTestData.Today;

    public static string Iso(DateOnly day) => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    public static async Task<JsonElement> JsonAsync(HttpResponseMessage response) => await response.Content.ReadFromJsonAsync<JsonElement>();

    public static async Task<AwardCommune> CreateAwardCommuneAsync(this TestApp app)
    {
        var code = await app.CreateCommuneAsync(villages: 3);
        return new AwardCommune(
            code,
            await app.CreateStaffAsync(StaffRole.CommuneOfficer, code),
            await app.CreateStaffAsync(StaffRole.TeamMember, $"{code}-001"),
            await app.CreateStaffAsync(StaffRole.CommuneOfficer, code),
            await app.CreateStaffAsync(StaffRole.CommuneOfficer, code));
    }

    /// <summary>A village scheme: criterion 1 the village's guidance sessions (from records), 2 its VNeID share (from records), 3 attached evidence.</summary>
    public static object VillageScheme(AwardCommune c, DateOnly? opens = null, DateOnly? closes = null, int quorum = 2, string[]? nominee = null, int? scale = null) => new
    {
        unit = c.Code, year = Today.Year, title = "Thôn/Buôn số tiêu biểu", model = "exemplary-digital-village", nominee = nominee ?? ["village"],
        criteria = new object[]
        {
            new { number = 1, title = "Buổi hướng dẫn trực tiếp", weight = 40, scale = scale ?? 10, source = "village-guidance-sessions" },
            new { number = 2, title = "Người trưởng thành được xác nhận trên VNeID", weight = 30, scale = scale ?? 10, source = "village-vneid-share" },
            new { number = 3, title = "Câu chuyện, cách làm hay", weight = 30, scale = scale ?? 10, source = "attached" },
        },
        opens = Iso(opens ?? Today.AddDays(-10)), closes = Iso(closes ?? Today.AddDays(10)), passScore = 60, quorum,
        council = new object[]
        {
            new { userName = c.Officer, role = "chair" },
            new { userName = c.Member2, role = "secretary" },
            new { userName = c.VillageHead, role = "member" },
            new { userName = c.Member3, role = "member" },
        },
    };

    public static async Task<int> CreateSchemeAsync(HttpClient officer, object scheme)
    {
        var response = await officer.PostAsJsonAsync("/api/v1/awards/schemes", scheme);
        response.StatusCode.ShouldBe(HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        return (await JsonAsync(response)).GetProperty("id").GetInt32();
    }

    public static async Task<int> NominateVillageAsync(HttpClient client, int scheme, string village)
    {
        var response = await client.PostAsJsonAsync("/api/v1/awards/nominations", new
        {
            scheme, nominee = new { kind = "village", unit = village }, story = "Cả buôn cùng học dùng VNeID.",
            evidence = new[] { new { criterion = 3, text = "Biên bản họp buôn", url = "https://example.org/bien-ban" } },
        });
        response.StatusCode.ShouldBe(HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        return (await JsonAsync(response)).GetProperty("id").GetInt32();
    }

    public static object Scores(int s1, int s2, int s3, string vote = "for") => new
    {
        scores = new[] { new { criterion = 1, score = s1 }, new { criterion = 2, score = s2 }, new { criterion = 3, score = s3 } }, vote,
    };

    public static async Task AddGuidanceSessionsAsync(this TestApp app, string village, int count) =>
        await app.ExecuteDbAsync(async db =>
        {
            var unit = await db.Units.FirstAsync(u => u.Code == village && u.ValidTo == null);
            var recorder = await db.Users.Select(u => u.Id).FirstAsync();
            for (var i = 0; i < count; i++)
            {
                db.FieldActivities.Add(new FieldActivity
                {
                    Id = Guid.NewGuid(), ClientId = Guid.NewGuid().ToString("N"), RecordedByUserId = recorder, Type = ActivityType.GuidanceSession, UnitId = unit.Id,
                    UnitPath = unit.Path, VillageCode = unit.Code, Date = Today.AddDays(-i), DurationMinutes = 60, Participants = 5, RecordedAt = DateTime.UtcNow, UpdatedAt = DateTime.UtcNow,
                });
            }

            return await db.SaveChangesAsync();
        });
}
