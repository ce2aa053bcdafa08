using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using HocVuSo.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace HocVuSo.Tests.Features.Learning;

/// <summary>Quizzes through the API: no answer key leaves the server, grading is idempotent, bad answers are refused.</summary>
public class AttemptsApiTests
{
    public static TheoryData<string> Providers => TestApp.Providers;

    private static async Task<int> FixtureQuizAsync(TestApp app, string slug)
    {
        await app.ImportFixtureCourseAsync();
        var courses = await app.CreateClient().GetFromJsonAsync<JsonElement[]>("/api/v1/learning/courses?group=officials");
        var course = courses!.Single(c => c.GetProperty("slug").GetString() == "thu-nghiem");
        return slug == "final"
            ? course.GetProperty("finalQuizId").GetInt32()
            : course.GetProperty("modules").EnumerateArray().Single(m => m.GetProperty("slug").GetString() == slug).GetProperty("quizId").GetInt32();
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task Catalogue_ListsCoursesModulesLessonsAndQuizzes(string provider)
    {
        var app = await TestApp.GetAsync(provider);
        await app.ImportFixtureCourseAsync();

        var courses = await app.CreateClient().GetFromJsonAsync<JsonElement[]>("/api/v1/learning/courses");

        var course = courses!.Single(c => c.GetProperty("slug").GetString() == "thu-nghiem");
        course.GetProperty("id").GetInt32().ShouldBeGreaterThan(0);
        course.GetProperty("title").GetString().ShouldBe("Khóa học thử nghiệm");
        var module = course.GetProperty("modules")[0];
        module.GetProperty("title").GetString().ShouldBe("Phần một");
        module.GetProperty("quizId").GetInt32().ShouldBeGreaterThan(0);
        module.GetProperty("lessons").EnumerateArray().Select(l => l.GetProperty("title").GetString()).ShouldBe(["Bài A", "Bài B"]);
        var citizens = await app.CreateClient().GetFromJsonAsync<JsonElement[]>("/api/v1/learning/courses?group=citizens");
        citizens!.Select(c => c.GetProperty("slug").GetString()).ShouldNotContain("thu-nghiem");
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task Lesson_IsRenderedSafely_InTheChosenLanguage_OrFallsBack(string provider)
    {
        var app = await TestApp.GetAsync(provider);
        await app.ImportFixtureCourseAsync();
        var id = await app.ExecuteDbAsync(db => db.Lessons.Where(l => l.Slug == "bai-a" && l.Module!.CourseVersion!.Course!.CurrentVersionId == l.Module.CourseVersionId && l.Module.CourseVersion.Course.Slug == "thu-nghiem").Select(l => l.Id).SingleAsync());
        var idB = await app.ExecuteDbAsync(db => db.Lessons.Where(l => l.Slug == "bai-b" && l.Module!.CourseVersion!.Course!.CurrentVersionId == l.Module.CourseVersionId && l.Module.CourseVersion.Course.Slug == "thu-nghiem").Select(l => l.Id).SingleAsync());
        var client = app.CreateClient();

        var vi = await client.GetFromJsonAsync<JsonElement>($"/api/v1/learning/lessons/{id}");
        var en = await client.GetFromJsonAsync<JsonElement>($"/api/v1/learning/lessons/{id}?lang=en");
        var fallback = await client.GetFromJsonAsync<JsonElement>($"/api/v1/learning/lessons/{idB}?lang=en");

        vi.GetProperty("html").GetString()!.ShouldContain("<strong>Cài đặt</strong>");
        vi.GetProperty("html").GetString()!.ShouldContain("rel=\"noopener noreferrer\"");
        en.GetProperty("html").GetString()!.ShouldContain("Settings");
        en.GetProperty("fallback").GetBoolean().ShouldBeFalse();
        fallback.GetProperty("language").GetString().ShouldBe("vi");
        fallback.GetProperty("fallback").GetBoolean().ShouldBeTrue();
        (await client.GetAsync("/api/v1/learning/lessons/999999")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task Attempt_CarriesNoAnswerKey_AndARetriedSubmissionIsGradedOnce(string provider)
    {
        var app = await TestApp.GetAsync(provider);
        var quizId = await FixtureQuizAsync(app, "01-mot");
        var (learner, userName) = await app.CreateLearnerAsync();
        await LearnerJourney.CompleteLessonsAsync(app, learner, "thu-nghiem", "01-mot");

        var started = await learner.PostAsync($"/api/v1/learning/quizzes/{quizId}/attempts", null);

        started.StatusCode.ShouldBe(HttpStatusCode.Created);
        var raw = await started.Content.ReadAsStringAsync();
        raw.ShouldNotContain("correct", Case.Insensitive);
        raw.ShouldNotContain("explanation", Case.Insensitive);
        var attempt = JsonDocument.Parse(raw).RootElement;
        var attemptId = attempt.GetProperty("attemptId").GetString();
        attempt.GetProperty("questions").GetArrayLength().ShouldBe(4);
        var answers = await LearnerJourney.RightAnswersAsync(app, attempt);

        using var first = new HttpRequestMessage(HttpMethod.Post, $"/api/v1/learning/attempts/{attemptId}/submit") { Content = JsonContent.Create(new { answers }) };
        first.Headers.Add("Idempotency-Key", "key-1");
        var graded = await learner.SendAsync(first);
        using var retry = new HttpRequestMessage(HttpMethod.Post, $"/api/v1/learning/attempts/{attemptId}/submit") { Content = JsonContent.Create(new { answers = Array.Empty<object>() }) };
        retry.Headers.Add("Idempotency-Key", "key-1");
        var replayed = await learner.SendAsync(retry);
        using var other = new HttpRequestMessage(HttpMethod.Post, $"/api/v1/learning/attempts/{attemptId}/submit") { Content = JsonContent.Create(new { answers }) };
        other.Headers.Add("Idempotency-Key", "key-2");
        var conflict = await learner.SendAsync(other);

        graded.StatusCode.ShouldBe(HttpStatusCode.OK);
        var result = await graded.Content.ReadFromJsonAsync<JsonElement>();
        result.GetProperty("attemptId").GetString().ShouldBe(attemptId);
        result.GetProperty("score").GetDecimal().ShouldBe(100m);
        result.GetProperty("passed").GetBoolean().ShouldBeTrue();
        result.GetProperty("domains").GetArrayLength().ShouldBe(2);
        replayed.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await replayed.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("score").GetDecimal().ShouldBe(100m);
        conflict.StatusCode.ShouldBe(HttpStatusCode.Conflict);
        var mine = await learner.GetFromJsonAsync<JsonElement[]>("/api/v1/learning/me/attempts");
        mine!.Length.ShouldBe(1);
        mine[0].GetProperty("passed").GetBoolean().ShouldBeTrue();
        var stored = await app.ExecuteDbAsync(db => db.QuizAttempts.CountAsync(a => db.Users.Any(u => u.Id == a.UserId && u.UserName == app.StoredUserName(userName))));
        stored.ShouldBe(1);
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task Submission_WithBadAnswers_IsRefused_AndTheAttemptStaysOpen(string provider)
    {
        var app = await TestApp.GetAsync(provider);
        var quizId = await FixtureQuizAsync(app, "01-mot");
        var (learner, _) = await app.CreateLearnerAsync();
        await LearnerJourney.CompleteLessonsAsync(app, learner, "thu-nghiem", "01-mot");
        var attempt = await (await learner.PostAsync($"/api/v1/learning/quizzes/{quizId}/attempts", null)).Content.ReadFromJsonAsync<JsonElement>();
        var attemptId = attempt.GetProperty("attemptId").GetString();
        var question = attempt.GetProperty("questions")[0].GetProperty("id").GetInt32();

        async Task<HttpResponseMessage> SubmitAsync(object body, string? key)
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, $"/api/v1/learning/attempts/{attemptId}/submit") { Content = JsonContent.Create(body) };
            if (key is not null)
            {
                request.Headers.Add("Idempotency-Key", key);
            }

            return await learner.SendAsync(request);
        }

        (await SubmitAsync(new { answers = Array.Empty<object>() }, null)).StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        var unknownQuestion = await SubmitAsync(new { answers = new[] { new { questionId = 123456789, optionIds = new[] { "a" } } } }, "k1");
        unknownQuestion.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await unknownQuestion.Content.ReadAsStringAsync()).ShouldContain("không thuộc lượt làm bài này");
        (await SubmitAsync(new { answers = new[] { new { questionId = question, optionIds = new[] { "zz" } } } }, "k2")).StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        using var missing = new HttpRequestMessage(HttpMethod.Post, $"/api/v1/learning/attempts/{Guid.NewGuid()}/submit") { Content = JsonContent.Create(new { answers = Array.Empty<object>() }) };
        missing.Headers.Add("Idempotency-Key", "k3");
        (await learner.SendAsync(missing)).StatusCode.ShouldBe(HttpStatusCode.NotFound);

        var resumed = await (await learner.PostAsync($"/api/v1/learning/quizzes/{quizId}/attempts", null)).Content.ReadFromJsonAsync<JsonElement>();
        resumed.GetProperty("attemptId").GetString().ShouldBe(attemptId);
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task FailedAttempt_StartsACooldown(string provider)
    {
        var app = await TestApp.GetAsync(provider);
        var quizId = await FixtureQuizAsync(app, "02-hai");
        var (learner, _) = await app.CreateLearnerAsync();
        await LearnerJourney.CompleteLessonsAsync(app, learner, "thu-nghiem", "02-hai");
        var attempt = await (await learner.PostAsync($"/api/v1/learning/quizzes/{quizId}/attempts", null)).Content.ReadFromJsonAsync<JsonElement>();
        using var submit = new HttpRequestMessage(HttpMethod.Post, $"/api/v1/learning/attempts/{attempt.GetProperty("attemptId").GetString()}/submit")
        {
            Content = JsonContent.Create(new { answers = Array.Empty<object>() }),
        };
        submit.Headers.Add("Idempotency-Key", Guid.NewGuid().ToString());
        var result = await (await learner.SendAsync(submit)).Content.ReadFromJsonAsync<JsonElement>();
        result.GetProperty("passed").GetBoolean().ShouldBeFalse();

        var again = await learner.PostAsync($"/api/v1/learning/quizzes/{quizId}/attempts", null);

        again.StatusCode.ShouldBe(HttpStatusCode.Conflict);
        (await again.Content.ReadAsStringAsync()).ShouldContain("phút nữa");
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task QuestionBank_IsForContentAuthorsOnly(string provider)
    {
        var app = await TestApp.GetAsync(provider);
        await app.ImportFixtureCourseAsync();
        var author = await app.CreateClientAsync("author");
        var (learner, _) = await app.CreateLearnerAsync();

        var page = await author.GetFromJsonAsync<JsonElement>("/api/v1/learning/questions?page=1");

        page.GetProperty("total").GetInt32().ShouldBeGreaterThanOrEqualTo(5);
        page.GetProperty("items").GetArrayLength().ShouldBeGreaterThan(0);
        (await learner.GetAsync("/api/v1/learning/questions?page=1")).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await app.CreateClient().GetAsync("/api/v1/learning/questions?page=1")).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
    }
}
