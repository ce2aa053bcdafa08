using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using HocVuSo.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace HocVuSo.Tests.Web;

/// <summary>Every idempotent endpoint answers a retry with the same key with exactly the first response body.</summary>
public class IdempotentReplayTests
{
    public static TheoryData<string> Providers => TestApp.Providers;

    private static async Task<(HttpResponseMessage Response, byte[] Body)> SendAsync(HttpClient client, HttpMethod method, string url, object? body, string key)
    {
        using var request = new HttpRequestMessage(method, url) { Content = body is null ? null : JsonContent.Create(body) };
        request.Headers.Add("Idempotency-Key", key);
        var response = await client.SendAsync(request);
        return (response, await response.Content.ReadAsByteArrayAsync());
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task QuizSubmission_Replayed_IsByteIdentical(string provider)
    {
        var app = await TestApp.GetAsync(provider);
        await app.ImportFixtureCourseAsync();
        var (learner, _) = await app.CreateLearnerAsync();
        await LearnerJourney.CompleteLessonsAsync(app, learner, "thu-nghiem", "01-mot");
        var quizId = await app.ExecuteDbAsync(db => db.Quizzes.Where(q => q.Slug == "01-mot" && q.CourseVersion!.Course!.Slug == "thu-nghiem"
            && q.CourseVersion.Course.CurrentVersionId == q.CourseVersionId).Select(q => q.Id).SingleAsync());
        var attempt = await (await learner.PostAsync($"/api/v1/learning/quizzes/{quizId}/attempts", null)).Content.ReadFromJsonAsync<System.Text.Json.JsonElement>();
        var answers = (await LearnerJourney.RightAnswersAsync(app, attempt)).Take(1).ToArray();
        var url = $"/api/v1/learning/attempts/{attempt.GetProperty("attemptId").GetGuid()}/submit";

        var first = await SendAsync(learner, HttpMethod.Post, url, new { answers }, "replay-1");
        var replay = await SendAsync(learner, HttpMethod.Post, url, new { answers }, "replay-1");
        var again = await SendAsync(learner, HttpMethod.Post, url, new { answers = Array.Empty<object>() }, "replay-1");

        first.Response.StatusCode.ShouldBe(HttpStatusCode.OK);
        System.Text.Encoding.UTF8.GetString(first.Body).ShouldContain("\"score\":25");
        replay.Response.StatusCode.ShouldBe(HttpStatusCode.OK);
        replay.Body.ShouldBe(first.Body);
        again.Body.ShouldBe(first.Body);
        replay.Response.Content.Headers.ContentType!.MediaType.ShouldBe("application/json");
        (await SendAsync(learner, HttpMethod.Post, url, new { answers }, "replay-2")).Response.StatusCode.ShouldBe(HttpStatusCode.Conflict);
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task ReportSubmission_Replayed_IsByteIdentical(string provider)
    {
        var app = await TestApp.GetAsync(provider);
        var officer = await app.CreateClientAsync("officer.eatrang");
        // A month of its own, before the demo's reports.
        var period = DateTime.UtcNow.AddHours(7).AddMonths(-9).ToString("yyyy-MM", CultureInfo.InvariantCulture);
        var url = $"/api/v1/reporting/reports/24445/{period}";
        (await officer.PutAsJsonAsync(url, new { values = new Dictionary<string, decimal> { ["posts_per_month"] = 3 } })).StatusCode.ShouldBe(HttpStatusCode.OK);
        var key = Guid.NewGuid().ToString("N");

        var first = await SendAsync(officer, HttpMethod.Post, url + "/submit", null, key);
        var replay = await SendAsync(officer, HttpMethod.Post, url + "/submit", null, key);

        first.Response.StatusCode.ShouldBe(HttpStatusCode.OK, System.Text.Encoding.UTF8.GetString(first.Body));
        replay.Response.StatusCode.ShouldBe(HttpStatusCode.OK);
        replay.Body.ShouldBe(first.Body);
        (await SendAsync(officer, HttpMethod.Post, url + "/submit", null, "other-" + key)).Response.StatusCode.ShouldBe(HttpStatusCode.Conflict);
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task ActivitySync_Replayed_IsByteIdentical_AndSavesOnce(string provider)
    {
        var app = await TestApp.GetAsync(provider);
        var member = await app.CreateClientAsync("team.eatrang");
        var clientId = "replay-" + Guid.NewGuid().ToString("N")[..8];
        var today = DateOnly.FromDateTime(DateTime.UtcNow.AddHours(7)).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        var batch = new
        {
            items = new[]
            {
                new { clientId, type = "guidance-session", villageCode = "24445-001", date = today, topics = new[] { "install-vneid" }, participants = 4, revision = 1 },
            },
        };
        var key = Guid.NewGuid().ToString("N");

        var first = await SendAsync(member, HttpMethod.Post, "/api/v1/teams/activities/sync", batch, key);
        var replay = await SendAsync(member, HttpMethod.Post, "/api/v1/teams/activities/sync", batch, key);

        first.Response.StatusCode.ShouldBe(HttpStatusCode.OK);
        System.Text.Encoding.UTF8.GetString(first.Body).ShouldContain("\"accepted\"");
        replay.Body.ShouldBe(first.Body);
        (await app.ExecuteDbAsync(db => db.FieldActivities.CountAsync(a => a.ClientId == clientId))).ShouldBe(1);
        // Without a key, a batch sent again still creates nothing and says so per item.
        var plain = await member.PostAsJsonAsync("/api/v1/teams/activities/sync", batch);
        (await plain.Content.ReadAsStringAsync()).ShouldContain("\"duplicate\"");
    }
}
