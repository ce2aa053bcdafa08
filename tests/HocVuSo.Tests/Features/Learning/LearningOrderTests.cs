using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using HocVuSo.Core.Features.Learning;
using HocVuSo.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace HocVuSo.Tests.Features.Learning;

/// <summary>
/// The learning order is the server's: locked lessons give their title and the reason, not their
/// text, and cannot be marked done; quizzes open after their module's lessons, the final
/// assessment after every module; nobody is certified without having learnt.
/// </summary>
public class LearningOrderTests
{
    public static TheoryData<string> Providers => TestApp.Providers;

    private static Task<int> LessonIdAsync(TestApp app, string course, string slug) => app.ExecuteDbAsync(db => db.Lessons
        .Where(l => l.Slug == slug && l.Module!.CourseVersion!.Course!.Slug == course && l.Module.CourseVersion.Course.CurrentVersionId == l.Module.CourseVersionId)
        .Select(l => l.Id).SingleAsync());

    private static Task<int> QuizIdAsync(TestApp app, string course, string slug) => app.ExecuteDbAsync(db => db.Quizzes
        .Where(q => q.Slug == slug && q.CourseVersion!.Course!.Slug == course && q.CourseVersion.Course.CurrentVersionId == q.CourseVersionId)
        .Select(q => q.Id).SingleAsync());

    private static async Task<HttpClient> SignInPagesAsync(TestApp app, string userName)
    {
        var client = app.CreateClient();
        var login = await client.SubmitFormAsync("/Account/Login", new Dictionary<string, string> { ["Input.UserName"] = userName, ["Input.Password"] = TestApp.Password });
        login.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        return client;
    }

    private static async Task<string> DetailAsync(HttpResponseMessage response) =>
        (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("detail").GetString()!;

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task LockedLesson_AnswersItsTitleAndWhy_NeverItsText_AndCannotBeMarkedDone(string provider)
    {
        var app = await TestApp.GetAsync(provider);
        await app.ImportFixtureCourseAsync();
        var (learner, phone) = await app.CreateLearnerAsync();
        var a = await LessonIdAsync(app, "thu-nghiem", "bai-a");
        var b = await LessonIdAsync(app, "thu-nghiem", "bai-b");
        var c = await LessonIdAsync(app, "thu-nghiem", "bai-c");

        var locked = await learner.GetAsync($"/api/v1/learning/lessons/{b}");
        var raw = await locked.Content.ReadAsStringAsync();
        var complete = await learner.PostAsync($"/api/v1/learning/lessons/{c}/complete", null);

        locked.StatusCode.ShouldBe(HttpStatusCode.OK);
        var body = JsonDocument.Parse(raw).RootElement;
        body.GetProperty("locked").GetBoolean().ShouldBeTrue();
        body.GetProperty("title").GetString().ShouldBe("Bài B");
        body.GetProperty("reason").GetString().ShouldBe("Bài này chưa mở. Hãy học xong bài «Bài A» trước.");
        body.GetProperty("doFirst").GetProperty("lessonId").GetInt32().ShouldBe(a);
        body.TryGetProperty("html", out _).ShouldBeFalse();
        raw.ShouldNotContain("Bước");
        complete.StatusCode.ShouldBe(HttpStatusCode.Conflict);
        (await DetailAsync(complete)).ShouldContain("Bài A");
        (await app.ExecuteDbAsync(db => db.LessonProgress.CountAsync(p => p.LessonSlug == "bai-c" && db.Users.Any(u => u.Id == p.UserId && u.UserName == app.StoredUserName(phone)))))
            .ShouldBe(0);
        // A visitor reads freely (nothing is recorded for them).
        (await app.CreateClient().GetFromJsonAsync<JsonElement>($"/api/v1/learning/lessons/{b}")).GetProperty("html").GetString()!.ShouldNotBeEmpty();

        // The page says the same, links to the lesson to do first and refuses "done".
        var pages = await SignInPagesAsync(app, phone);
        var page = await pages.GetPageAsync($"/learn/lessons/{b}");
        page.QuerySelector("h1")!.TextContent.ShouldBe("Bài B");
        page.QuerySelector("#lock-reason")!.TextContent.ShouldContain("Bài A");
        page.QuerySelector("#do-first")!.GetAttribute("href").ShouldBe($"/learn/lessons/{a}");
        page.QuerySelector("#lesson-body").ShouldBeNull();
        var open = await pages.GetPageAsync($"/learn/lessons/{a}");
        var token = open.QuerySelector("input[name='__RequestVerificationToken']")!.GetAttribute("value")!;
        var refused = await pages.PostAsync($"/learn/lessons/{b}", new FormUrlEncodedContent(new Dictionary<string, string> { ["__RequestVerificationToken"] = token }));
        refused.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await refused.ParseAsync()).QuerySelector("#lock-reason").ShouldNotBeNull();

        (await learner.PostAsync($"/api/v1/learning/lessons/{a}/complete", null)).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await learner.GetFromJsonAsync<JsonElement>($"/api/v1/learning/lessons/{b}")).GetProperty("html").GetString()!.ShouldNotBeEmpty();
        (await learner.PostAsync($"/api/v1/learning/lessons/{b}/complete", null)).StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task Quizzes_OpenAfterTheirLessons_AndTheFinalAfterEveryModule(string provider)
    {
        var app = await TestApp.GetAsync(provider);
        await app.ImportFixtureCourseAsync();
        var (learner, _) = await app.CreateLearnerAsync();
        var one = await QuizIdAsync(app, "thu-nghiem", "01-mot");
        var final = await QuizIdAsync(app, "thu-nghiem", "final");

        var moduleLocked = await learner.PostAsync($"/api/v1/learning/quizzes/{one}/attempts", null);
        var finalLocked = await learner.PostAsync($"/api/v1/learning/quizzes/{final}/attempts", null);

        moduleLocked.StatusCode.ShouldBe(HttpStatusCode.Conflict);
        (await DetailAsync(moduleLocked)).ShouldBe("Bài kiểm tra này chưa mở. Hãy học xong các bài của phần này trước, bắt đầu từ bài «Bài A».");
        finalLocked.StatusCode.ShouldBe(HttpStatusCode.Conflict);
        (await DetailAsync(finalLocked)).ShouldContain("«Phần một»");
        var catalogue = (await learner.GetFromJsonAsync<JsonElement[]>("/api/v1/learning/courses"))!.Single(c => c.GetProperty("slug").GetString() == "thu-nghiem");
        catalogue.GetProperty("modules")[0].GetProperty("quizLock").GetProperty("code").GetString().ShouldBe(LearningLock.ModuleQuiz);
        catalogue.GetProperty("finalLock").GetProperty("code").GetString().ShouldBe(LearningLock.FinalAssessment);
        catalogue.GetProperty("testOutAllowed").GetBoolean().ShouldBeFalse();

        await LearnerJourney.CompleteLessonsAsync(app, learner, "thu-nghiem", "01-mot");
        (await learner.PostAsync($"/api/v1/learning/quizzes/{final}/attempts", null)).StatusCode.ShouldBe(HttpStatusCode.Conflict);
        await LearnerJourney.CompleteModulesAsync(app, learner, "thu-nghiem");

        (await learner.PostAsync($"/api/v1/learning/quizzes/{final}/attempts", null)).StatusCode.ShouldBe(HttpStatusCode.Created);
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task ALearnerWithNothingDone_IsCertifiedByNoRoute(string provider)
    {
        var app = await TestApp.GetAsync(provider);
        var final = await QuizIdAsync(app, "ky-nang-so-co-ban", "final");
        var (learner, phone) = await app.CreateLearnerAsync("24445-001");

        // The API.
        var api = await learner.PostAsync($"/api/v1/learning/quizzes/{final}/attempts", null);
        api.StatusCode.ShouldBe(HttpStatusCode.Conflict);
        (await DetailAsync(api)).ShouldContain("Bài kiểm tra cuối khóa chưa mở");

        // The pages: the quiz page says why and offers no start.
        var pages = await SignInPagesAsync(app, phone);
        var quizPage = await pages.GetPageAsync($"/learn/quizzes/{final}");
        quizPage.QuerySelector("#lock-reason")!.TextContent.ShouldContain("Bài kiểm tra cuối khóa chưa mở");
        quizPage.QuerySelector("main form[method='post']").ShouldBeNull();
        var firstLesson = await app.ExecuteDbAsync(db => db.Lessons.Where(l => l.Module!.CourseVersion!.Course!.Slug == "ky-nang-so-co-ban"
            && l.Module.CourseVersion.Course.CurrentVersionId == l.Module.CourseVersionId).OrderBy(l => l.Module!.Position).ThenBy(l => l.Position).Select(l => l.Id).FirstAsync());
        var token = (await pages.GetPageAsync($"/learn/lessons/{firstLesson}")).QuerySelector("input[name='__RequestVerificationToken']")!.GetAttribute("value")!;
        (await pages.PostAsync($"/learn/quizzes/{final}", new FormUrlEncodedContent(new Dictionary<string, string> { ["__RequestVerificationToken"] = token })))
            .StatusCode.ShouldBe(HttpStatusCode.OK);

        // An assisted session on the team member's phone.
        var member = await SignInPagesAsync(app, "team.eatrang");
        (await member.SubmitFormAsync("/assist", new Dictionary<string, string> { ["learner"] = phone }, actionContains: "Start")).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var assisted = await member.GetPageAsync($"/learn/quizzes/{final}");
        assisted.QuerySelector("#lock-reason").ShouldNotBeNull();
        var memberToken = (await member.GetPageAsync($"/learn/lessons/{firstLesson}")).QuerySelector("input[name='__RequestVerificationToken']")!.GetAttribute("value")!;
        (await member.PostAsync($"/learn/quizzes/{final}", new FormUrlEncodedContent(new Dictionary<string, string> { ["__RequestVerificationToken"] = memberToken })))
            .StatusCode.ShouldBe(HttpStatusCode.OK);

        (await app.ExecuteDbAsync(db => db.QuizAttempts.CountAsync(a => db.Users.Any(u => u.Id == a.UserId && u.UserName == app.StoredUserName(phone))))).ShouldBe(0);
        (await learner.PostAsync("/api/v1/certification/me/evaluate", null)).StatusCode.ShouldNotBe(HttpStatusCode.InternalServerError);
        (await app.ExecuteDbAsync(db => db.Certifications.CountAsync(c => db.Users.Any(u => u.Id == c.UserId && u.UserName == app.StoredUserName(phone))))).ShouldBe(0);
    }
}
