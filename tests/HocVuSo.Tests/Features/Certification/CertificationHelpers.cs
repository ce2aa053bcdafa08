using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json;
using HocVuSo.Core.Features.Learning;
using HocVuSo.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace HocVuSo.Tests.Features.Certification;

/// <summary>Takes the basic course's final assessment through the real API, answering with the answer key.</summary>
internal static class CertificationHelpers
{
    public static string NewNumber() => "066185" + Random.Shared.Next(0, 1_000_000).ToString("D6", CultureInfo.InvariantCulture);

    public static async Task<int> FinalQuizIdAsync(TestApp app) => await app.ExecuteDbAsync(db => db.Quizzes
        .Where(q => q.Slug == "final" && q.CourseVersion!.Course!.Slug == "ky-nang-so-co-ban" && q.CourseVersion.Course.CurrentVersionId == q.CourseVersionId)
        .Select(q => q.Id).SingleAsync());

    /// <summary>Starts and submits the final assessment; <paramref name="assisted"/> marks the attempt as taken in an assisted session.</summary>
    public static async Task<Guid> PassFinalAsync(TestApp app, HttpClient learner, bool assisted = false, bool pass = true)
    {
        var quizId = await FinalQuizIdAsync(app);
        var started = await learner.PostAsync($"/api/v1/learning/quizzes/{quizId}/attempts", null);
        started.EnsureSuccessStatusCode();
        var attempt = await started.Content.ReadFromJsonAsync<JsonElement>();
        var attemptId = attempt.GetProperty("attemptId").GetGuid();
        if (assisted)
        {
            await app.ExecuteDbAsync(db => db.QuizAttempts.Where(a => a.Id == attemptId).ExecuteUpdateAsync(s => s.SetProperty(a => a.Assisted, true)));
        }

        var ids = attempt.GetProperty("questions").EnumerateArray().Select(q => q.GetProperty("id").GetInt32()).ToList();
        var questions = await app.ExecuteDbAsync(db => db.Questions.AsNoTracking().Where(q => ids.Contains(q.Id)).ToListAsync());
        var answers = questions.Select(q => new
        {
            questionId = q.Id,
            optionIds = pass
                ? (q.Type == QuestionTypes.Ordering ? q.Options.Select(o => o.Id).ToList() : q.Options.Where(o => o.Correct).Select(o => o.Id).ToList())
                : [],
        }).ToList();
        using var request = new HttpRequestMessage(HttpMethod.Post, $"/api/v1/learning/attempts/{attemptId}/submit") { Content = JsonContent.Create(new { answers }) };
        request.Headers.Add("Idempotency-Key", Guid.NewGuid().ToString());
        var submitted = await learner.SendAsync(request);
        submitted.EnsureSuccessStatusCode();
        (await submitted.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("passed").GetBoolean().ShouldBe(pass);
        return attemptId;
    }

    public static async Task<JsonElement> MyCertificationAsync(HttpClient learner) =>
        await learner.GetFromJsonAsync<JsonElement>("/api/v1/certification/me");

    public static Task<string> UserIdAsync(TestApp app, string userName) =>
        app.ExecuteDbAsync(db => db.Users.Where(u => u.UserName == app.StoredUserName(userName)).Select(u => u.Id).SingleAsync());
}
