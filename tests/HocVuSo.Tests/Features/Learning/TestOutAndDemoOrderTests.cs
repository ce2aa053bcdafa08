using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using HocVuSo.Core.Features.Accounts;
using HocVuSo.Core.Features.Learning;
using HocVuSo.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace HocVuSo.Tests.Features.Learning;

/// <summary>"Test-out allowed" per course version, set in course.json or by an author; the demo's learners followed the order.</summary>
public class TestOutAndDemoOrderTests
{
    public static TheoryData<string> Providers => TestApp.Providers;

    /// <summary>A copy of the fixture course under a slug of its own, imported; <paramref name="testOut"/> sets course.json's "testOut".</summary>
    private static async Task<string> ImportCopyAsync(TestApp app, bool testOut)
    {
        var slug = "thu-nghiem-" + Guid.NewGuid().ToString("N")[..6];
        var target = Path.Combine(Path.GetTempPath(), "hocvuso-testout-" + Guid.NewGuid().ToString("N"), slug);
        var source = Path.Combine(AppContext.BaseDirectory, "Fixtures", "courses", "thu-nghiem");
        foreach (var file in Directory.GetFiles(source, "*", SearchOption.AllDirectories))
        {
            var destination = Path.Combine(target, Path.GetRelativePath(source, file));
            Directory.CreateDirectory(Path.GetDirectoryName(destination)!);
            File.Copy(file, destination);
        }

        var course = Path.Combine(target, "course.json");
        var json = File.ReadAllText(course).Replace("\"thu-nghiem\"", $"\"{slug}\"", StringComparison.Ordinal);
        File.WriteAllText(course, testOut ? json.Replace("\"targetGroups\"", "\"testOut\": true, \"targetGroups\"", StringComparison.Ordinal) : json);
        await using var scope = app.Services.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<ScopeService>().UseSystemScope();
        var result = await scope.ServiceProvider.GetRequiredService<ImportContent.Handler>().HandleAsync(new ImportContent.Command(target), CancellationToken.None);
        result.IsSuccess.ShouldBeTrue(string.Join("; ", result.Errors.Select(e => e.Code)));
        return slug;
    }

    private static Task<int> FinalIdAsync(TestApp app, string slug) => app.ExecuteDbAsync(db => db.Quizzes
        .Where(q => q.Slug == "final" && q.CourseVersion!.Course!.Slug == slug && q.CourseVersion.Course.CurrentVersionId == q.CourseVersionId).Select(q => q.Id).SingleAsync());

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task CourseJsonTestOut_OpensTheQuizzesWithoutLessons(string provider)
    {
        var app = await TestApp.GetAsync(provider);
        var slug = await ImportCopyAsync(app, testOut: true);
        var (learner, _) = await app.CreateLearnerAsync();

        var started = await learner.PostAsync($"/api/v1/learning/quizzes/{await FinalIdAsync(app, slug)}/attempts", null);

        started.StatusCode.ShouldBe(HttpStatusCode.Created);
        var course = (await learner.GetFromJsonAsync<JsonElement[]>("/api/v1/learning/courses"))!.Single(c => c.GetProperty("slug").GetString() == slug);
        course.GetProperty("testOutAllowed").GetBoolean().ShouldBeTrue();
        course.GetProperty("finalLock").ValueKind.ShouldBe(JsonValueKind.Null);
        // Lessons still open in order.
        course.GetProperty("modules")[0].GetProperty("lessons")[1].GetProperty("unlocked").GetBoolean().ShouldBeFalse();
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task AuthorToggle_PublishesAVersionWithTestOut_AndOnlyAuthorsMayToggle(string provider)
    {
        var app = await TestApp.GetAsync(provider);
        var slug = await ImportCopyAsync(app, testOut: false);
        var author = await app.CreateClientAsync("author");
        var (learner, _) = await app.CreateLearnerAsync();
        (await learner.PostAsync($"/api/v1/learning/quizzes/{await FinalIdAsync(app, slug)}/attempts", null)).StatusCode.ShouldBe(HttpStatusCode.Conflict);

        var missing = await author.PutAsJsonAsync($"/api/v1/learning/courses/{slug}/test-out", new { });
        var forbidden = await learner.PutAsJsonAsync($"/api/v1/learning/courses/{slug}/test-out", new { allowed = true });
        var allowed = await author.PutAsJsonAsync($"/api/v1/learning/courses/{slug}/test-out", new { allowed = true });

        missing.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        forbidden.StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        allowed.StatusCode.ShouldBe(HttpStatusCode.OK);
        var versions = await app.ExecuteDbAsync(db => db.CourseVersions.Where(v => v.Course!.Slug == slug).OrderBy(v => v.Number)
            .Select(v => new { v.Number, v.TestOutAllowed, Current = v.Course!.CurrentVersionId == v.Id }).ToListAsync());
        versions.Select(v => (v.Number, v.TestOutAllowed, v.Current)).ShouldBe([(1, false, false), (2, true, true)]);
        (await learner.PostAsync($"/api/v1/learning/quizzes/{await FinalIdAsync(app, slug)}/attempts", null)).StatusCode.ShouldBe(HttpStatusCode.Created);

        // The author page shows the state and turns it off again.
        var pages = app.CreateClient();
        await pages.SubmitFormAsync("/Account/Login", new Dictionary<string, string> { ["Input.UserName"] = "author", ["Input.Password"] = TestApp.Password });
        var off = await pages.SubmitFormAsync("/author", new Dictionary<string, string> { ["course"] = slug, ["allowed"] = "false" }, actionContains: "TestOut");
        off.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        (await app.ExecuteDbAsync(db => db.Courses.Where(c => c.Slug == slug).Select(c => c.CurrentVersion!.TestOutAllowed).SingleAsync())).ShouldBeFalse();
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task Demo_CourseDoesNotAllowTestOut_AndCertifiedLearnersLearntEverythingFirst(string provider)
    {
        var app = await TestApp.GetAsync(provider);

        var testOut = await app.ExecuteDbAsync(db => db.Courses.Where(c => c.Slug == "ky-nang-so-co-ban").Select(c => c.CurrentVersion!.TestOutAllowed).SingleAsync());
        var lessons = await app.ExecuteDbAsync(db => db.Lessons.CountAsync(l => l.Module!.CourseVersion!.Course!.Slug == "ky-nang-so-co-ban"
            && l.Module.CourseVersion.Course.CurrentVersionId == l.Module.CourseVersionId));
        var demo = new[] { "certified", "hocvien03.eatrang", "hocvien06.eatrang", "hocvien09.eatrang", "hocvien12.eatrang", "hocvien15.eatrang", "hocvien18.eatrang" };
        var certified = await app.ExecuteDbAsync(db => db.Certifications.Where(c => db.Users.Any(u => u.Id == c.UserId && demo.Contains(u.UserName!)))
            .Select(c => new
            {
                c.UserId,
                FinalAt = db.QuizAttempts.Where(a => a.UserId == c.UserId && a.Quiz!.Slug == "final" && a.Passed == true).Min(a => a.SubmittedAt),
                LessonsDone = db.LessonProgress.Where(p => p.UserId == c.UserId && p.CourseSlug == "ky-nang-so-co-ban" && p.CompletedAt != null).Select(p => p.CompletedAt).ToList(),
                ModulesPassed = db.QuizAttempts.Where(a => a.UserId == c.UserId && a.Quiz!.ModuleId != null && a.Passed == true).Select(a => new { a.Quiz!.Slug, a.SubmittedAt }).ToList(),
            }).ToListAsync());

        testOut.ShouldBeFalse();
        certified.Count.ShouldBe(demo.Length);
        foreach (var learner in certified)
        {
            learner.LessonsDone.Count.ShouldBe(lessons);
            learner.ModulesPassed.Select(m => m.Slug).Distinct().Count().ShouldBe(8);
            learner.LessonsDone.ShouldAllBe(at => at < learner.FinalAt);
            learner.ModulesPassed.ShouldAllBe(m => m.SubmittedAt < learner.FinalAt);
        }
    }
}
