using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using HocVuSo.Core.Features.Learning;
using HocVuSo.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace HocVuSo.Tests.Features.Learning;

/// <summary>The starter curriculum shipped in content/, as the demo seed imports it.</summary>
public class CurriculumTests
{
    public static TheoryData<string> Providers => TestApp.Providers;

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task Curriculum_HasAtLeast8Modules30Lessons150Questions_AllExplainedAndTagged(string provider)
    {
        var app = await TestApp.GetAsync(provider);

        var counts = await app.ExecuteDbAsync(async db =>
        {
            var version = await db.CourseVersions.Where(v => v.Course!.Slug == "ky-nang-so-co-ban" && v.Course.CurrentVersionId == v.Id).SingleAsync();
            var modules = await db.LearningModules.CountAsync(m => m.CourseVersionId == version.Id);
            var lessons = await db.Lessons.CountAsync(l => l.Module!.CourseVersionId == version.Id);
            var questions = await db.Questions.Where(q => q.CourseVersionId == version.Id).ToListAsync();
            return (modules, lessons, questions);
        });

        counts.modules.ShouldBeGreaterThanOrEqualTo(8);
        counts.lessons.ShouldBeGreaterThanOrEqualTo(30);
        counts.questions.Count.ShouldBeGreaterThanOrEqualTo(150);
        counts.questions.ShouldAllBe(q => q.Explanation.Vi.Length > 0 && CompetencyFramework.All.ContainsKey(q.Competency));
        counts.questions.Select(q => q.Type).Distinct().Order().ShouldBe(QuestionTypes.All.Order());
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task DemoLearners_AreInEveryState_AndTheLearnerAccountCanTakeAQuiz(string provider)
    {
        var app = await TestApp.GetAsync(provider);
        var officer = await app.CreateClientAsync("officer.eatrang");

        var progress = await officer.GetFromJsonAsync<JsonElement>("/api/v1/learning/progress?unit=24445");
        var total = progress.GetProperty("total");
        total.GetProperty("learners").GetInt32().ShouldBeGreaterThanOrEqualTo(20);
        total.GetProperty("started").GetInt32().ShouldBeLessThan(total.GetProperty("learners").GetInt32());
        total.GetProperty("passedByModule")[0].GetInt32().ShouldBeGreaterThan(0);
        total.GetProperty("passedByModule")[0].GetInt32().ShouldBeLessThan(total.GetProperty("started").GetInt32());
        progress.GetProperty("rows").GetArrayLength().ShouldBeGreaterThanOrEqualTo(10);

        var learner = await app.CreateClientAsync("learner");
        var courses = await learner.GetFromJsonAsync<JsonElement[]>("/api/v1/learning/courses");
        var modules = courses!.Single(c => c.GetProperty("slug").GetString() == "ky-nang-so-co-ban").GetProperty("modules");
        var locked = await learner.PostAsync($"/api/v1/learning/quizzes/{modules[1].GetProperty("quizId").GetInt32()}/attempts", null);
        locked.StatusCode.ShouldBe(HttpStatusCode.Conflict);
        await LearnerJourney.CompleteLessonsAsync(app, learner, "ky-nang-so-co-ban", "01-dien-thoai-internet");
        var started = await learner.PostAsync($"/api/v1/learning/quizzes/{modules[0].GetProperty("quizId").GetInt32()}/attempts", null);
        started.StatusCode.ShouldBe(HttpStatusCode.Created);
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task Progress_IsScoped(string provider)
    {
        var app = await TestApp.GetAsync(provider);

        (await (await app.CreateClientAsync("officer.bacninh")).GetAsync("/api/v1/learning/progress?unit=24445")).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await (await app.CreateClientAsync("officer.daklak")).GetAsync("/api/v1/learning/progress?unit=66")).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await app.CreateClient().GetAsync("/api/v1/learning/progress?unit=24445")).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
    }
}
