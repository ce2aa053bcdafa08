using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json;
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

    /// <summary>
    /// Learns the course as the learning order demands (every lesson, every module's quiz), then
    /// starts and submits the final assessment; <paramref name="assisted"/> marks the attempt as
    /// taken in an assisted session.
    /// </summary>
    public static async Task<Guid> PassFinalAsync(TestApp app, HttpClient learner, bool assisted = false, bool pass = true)
    {
        await LearnerJourney.CompleteModulesAsync(app, learner);
        var quizId = await FinalQuizIdAsync(app);
        var (attemptId, result) = await LearnerJourney.TakeQuizAsync(app, learner, quizId, pass, assisted
            ? id => app.ExecuteDbAsync(db => db.QuizAttempts.Where(a => a.Id == id).ExecuteUpdateAsync(s => s.SetProperty(a => a.Assisted, true)))
            : null);
        result.GetProperty("passed").GetBoolean().ShouldBe(pass);
        return attemptId;
    }

    public static async Task<JsonElement> MyCertificationAsync(HttpClient learner) =>
        await learner.GetFromJsonAsync<JsonElement>("/api/v1/certification/me");

    public static Task<string> UserIdAsync(TestApp app, string userName) =>
        app.ExecuteDbAsync(db => db.Users.Where(u => u.UserName == app.StoredUserName(userName)).Select(u => u.Id).SingleAsync());
}
