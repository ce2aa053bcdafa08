using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using HocVuSo.Core.Features.Accounts;
using HocVuSo.Core.Features.Learning;
using HocVuSo.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace HocVuSo.Tests.Features.Learning;

/// <summary>
/// The learner's step served from the published course versions held in memory: another instance
/// sees a publication at once, the cache stays within its bound, and the learner shortcut of the
/// scope never outlives a grant.
/// </summary>
public class HotPathTests
{
    public static TheoryData<string> Providers => TestApp.Providers;

    /// <summary>A private copy of the fixture course, so that publishing here never outdates quizzes other tests are using.</summary>
    private static async Task<string> PrivateCourseAsync(TestApp app)
    {
        var slug = "nong-" + Guid.NewGuid().ToString("N")[..8];
        var source = Path.Combine(AppContext.BaseDirectory, "Fixtures", "courses", "thu-nghiem");
        var target = Path.Combine(Path.GetTempPath(), "hocvuso-hot-" + slug);
        foreach (var file in Directory.GetFiles(source, "*", SearchOption.AllDirectories))
        {
            var destination = Path.Combine(target, Path.GetRelativePath(source, file));
            Directory.CreateDirectory(Path.GetDirectoryName(destination)!);
            File.Copy(file, destination);
        }

        var course = Path.Combine(target, "course.json");
        File.WriteAllText(course, File.ReadAllText(course).Replace("\"thu-nghiem\"", $"\"{slug}\"", StringComparison.Ordinal));
        await app.ImportFixtureCourseAsync(target);
        return slug;
    }

    private static Task<int> CurrentLessonAsync(TestApp app, string slug, string lesson) =>
        app.ExecuteDbAsync(db => db.Lessons.Where(l => l.Slug == lesson && l.Module!.CourseVersion!.Course!.Slug == slug
            && l.Module.CourseVersion.Course.CurrentVersionId == l.Module.CourseVersionId).Select(l => l.Id).SingleAsync());

    private static async Task<string> LessonHtmlAsync(HttpClient client, int lessonId)
    {
        var response = await client.GetAsync(new Uri($"/api/v1/learning/lessons/{lessonId}", UriKind.Relative));
        response.StatusCode.ShouldBe(HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("html").GetString()!;
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task PublicationOnOneInstance_IsServedAtOnceByAnother(string provider)
    {
        var app = await TestApp.GetAsync(provider);
        var slug = await PrivateCourseAsync(app);
        await using var second = await app.StartSiblingAsync();
        var reader = second.CreateClient();
        var lessonId = await CurrentLessonAsync(app, slug, "bai-b");
        var oldQuiz = await app.ExecuteDbAsync(db => db.Quizzes.Where(q => q.Slug == "final" && q.CourseVersion!.Course!.Slug == slug).Select(q => q.Id).SingleAsync());
        var before = await LessonHtmlAsync(reader, lessonId);
        second.Services.GetRequiredService<PublishedCourses>().Count.ShouldBeGreaterThan(0);

        // The first instance publishes an edit: a new version, the course's current version moves.
        var text = "Nội dung mới " + Guid.NewGuid().ToString("N")[..6];
        await using (var scope = app.Services.CreateAsyncScope())
        {
            scope.ServiceProvider.GetRequiredService<ScopeService>().UseSystemScope();
            var edited = await scope.ServiceProvider.GetRequiredService<PublishLessonEdit.Handler>()
                .HandleAsync(new PublishLessonEdit.Command(lessonId, "vi", "## Bước\n\n" + text), CancellationToken.None);
            edited.IsSuccess.ShouldBeTrue(string.Join("; ", edited.Errors.Select(e => e.Code)));
        }

        // The second instance, which holds the old version in memory, serves the new one on its next request...
        var newLesson = await CurrentLessonAsync(app, slug, "bai-b");
        newLesson.ShouldNotBe(lessonId);
        (await LessonHtmlAsync(reader, newLesson)).ShouldContain(text);
        before.ShouldNotContain(text);
        // ...and no longer starts attempts at the old version's quiz.
        var (learner, _) = await second.CreateLearnerAsync();
        var outdated = await learner.PostAsync(new Uri($"/api/v1/learning/quizzes/{oldQuiz}/attempts", UriKind.Relative), null);
        outdated.StatusCode.ShouldBe(HttpStatusCode.Conflict);

        // A version changed in place (an operator's repair, with its content hash) is loaded again, not served from memory.
        // (Read by a signed-in learner: an anonymous read may come from the output cache, LessonOutputCache.)
        var repaired = "Sửa tại chỗ " + Guid.NewGuid().ToString("N")[..6];
        var firstLesson = await CurrentLessonAsync(app, slug, "bai-a");
        var versionId = await app.ExecuteDbAsync(db => db.Lessons.Where(l => l.Id == firstLesson).Select(l => l.Module!.CourseVersionId).SingleAsync());
        (await LessonHtmlAsync(learner, firstLesson)).ShouldNotContain(repaired);
        await app.ExecuteDbAsync(async db =>
        {
            var lesson = await db.Lessons.SingleAsync(l => l.Id == firstLesson);
            lesson.Body = new Variants(new Dictionary<string, string> { ["vi"] = "## Bước\n\n" + repaired });
            var version = await db.CourseVersions.SingleAsync(v => v.Id == versionId);
            version.ContentHash = "repaired-" + Guid.NewGuid().ToString("N");
            return await db.SaveChangesAsync();
        });
        (await LessonHtmlAsync(learner, firstLesson)).ShouldContain(repaired);
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task ContentCache_HoldsNoMoreVersionsThanItsBound(string provider)
    {
        var app = await TestApp.GetAsync(provider);
        await PrivateCourseAsync(app);
        await PrivateCourseAsync(app);
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { ["Learning:ContentCache:MaxVersions"] = "2" }).Build();
        using var cache = new PublishedCourses(configuration);
        var versions = await app.ExecuteDbAsync(db => db.CourseVersions.AsNoTracking().Select(v => new { v.Id, v.ContentHash }).ToListAsync());
        versions.Count.ShouldBeGreaterThan(2);

        foreach (var version in versions)
        {
            var snapshot = await app.ExecuteDbAsync(db => cache.GetAsync(db, version.Id, version.ContentHash, CancellationToken.None));
            snapshot!.Version.Id.ShouldBe(version.Id);
            cache.Count.ShouldBeLessThanOrEqualTo(2);
        }

        // What was pushed out is loaded again when asked for; the bank never carries the answer key.
        var first = await app.ExecuteDbAsync(db => cache.GetAsync(db, versions[0].Id, versions[0].ContentHash, CancellationToken.None));
        first!.Version.Id.ShouldBe(versions[0].Id);
        first.Bank.SelectMany(q => q.Options).ShouldAllBe(o => !o.Correct);
        first.Bank.ShouldAllBe(q => q.Explanation.Count == 0);
        cache.Count.ShouldBeLessThanOrEqualTo(2);
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task LearnerShortcut_AGrantTakesEffectAtOnce(string provider)
    {
        var app = await TestApp.GetAsync(provider);
        var (learner, phone) = await app.CreateLearnerAsync();
        var report = new Uri("/api/v1/learning/progress?unit=24445", UriKind.Relative);
        (await learner.GetAsync(report)).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await learner.GetAsync(new Uri("/api/v1/learning/me/attempts", UriKind.Relative))).StatusCode.ShouldBe(HttpStatusCode.OK);

        // An assignment added to the existing account, by whatever code path: the old sign-in ends at once.
        await app.ExecuteDbAsync(async db =>
        {
            var userName = app.StoredUserName(phone);
            var user = await db.Users.SingleAsync(u => u.UserName == userName);
            var commune = await db.Units.Where(u => u.Code == "24445").Select(u => new { u.Id, u.Path }).FirstAsync();
            db.StaffAssignments.Add(new StaffAssignment { UserId = user.Id, Role = StaffRole.CommuneOfficer, UnitId = commune.Id, UnitPath = commune.Path, CreatedAt = DateTime.UtcNow });
            return await db.SaveChangesAsync();
        });
        (await learner.GetAsync(report)).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);

        // Signed in again, the person has the role's scope.
        var again = app.CreateClient();
        var token = await again.PostAsJsonAsync("/api/v1/auth/token", new { userName = phone, password = TestApp.Password });
        token.EnsureSuccessStatusCode();
        again.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer",
            (await token.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("accessToken").GetString());
        (await again.GetAsync(report)).StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task AnonymousLessonReads_AreServedFromTheOutputCache_UntilAPublication(string provider)
    {
        var app = await TestApp.GetAsync(provider);
        var slug = await PrivateCourseAsync(app);
        var lessonId = await CurrentLessonAsync(app, slug, "bai-a");
        var visitor = app.CreateClient();
        var url = new Uri($"/api/v1/learning/lessons/{lessonId}?lang=vi", UriKind.Relative);

        var first = await visitor.GetAsync(url);
        var second = await visitor.GetAsync(url);
        first.StatusCode.ShouldBe(HttpStatusCode.OK);
        second.Headers.Age.ShouldNotBeNull("the second anonymous read comes from the output cache");
        (await second.Content.ReadAsStringAsync()).ShouldBe(await first.Content.ReadAsStringAsync());

        // A signed-in learner's read is never cached: it records their progress.
        var (learner, _) = await app.CreateLearnerAsync();
        (await learner.GetAsync(url)).Headers.Age.ShouldBeNull();
        (await learner.GetAsync(url)).Headers.Age.ShouldBeNull();

        // Publishing evicts the cached lessons on this instance.
        await PrivateCourseAsync(app);
        (await visitor.GetAsync(url)).Headers.Age.ShouldBeNull();
    }

    /// <summary>
    /// The SQL statements one learner's step sends (a lesson opened again, a quiz started, submitted
    /// and passed), counted from EF Core's command log on an instance of its own once its caches
    /// are warm: 3 security-stamp checks of the bearer token (one per request), 3 for the lesson,
    /// 4 for the start, 4 for the grading (the last one the look-up that finds no certification
    /// rule naming a module quiz) and 2 for the stored answer of the Idempotency-Key (look-up and
    /// insert). It was 29 before the hot-path work (docs/BENCHMARKS.md).
    /// </summary>
    [Theory]
    [MemberData(nameof(Providers))]
    public async Task LearnerStep_SendsAtMostSixteenStatements(string provider)
    {
        var app = await TestApp.GetAsync(provider);
        var slug = await PrivateCourseAsync(app);
        await using var own = await app.StartSiblingAsync(new Dictionary<string, string?> { ["Reporting:Rollup:Enabled"] = "false" });
        var (learner, _) = await own.CreateLearnerAsync();
        var lessons = await own.ExecuteDbAsync(db => db.Lessons.Where(l => l.Module!.CourseVersion!.Course!.Slug == slug && l.Module.Position == 1)
            .OrderBy(l => l.Position).Select(l => l.Id).ToListAsync());
        var quizId = await own.ExecuteDbAsync(db => db.Quizzes.Where(q => q.CourseVersion!.Course!.Slug == slug && q.Module!.Position == 1).Select(q => q.Id).SingleAsync());
        foreach (var id in lessons)
        {
            (await learner.PostAsync(new Uri($"/api/v1/learning/lessons/{id}/complete", UriKind.Relative), null)).StatusCode.ShouldBe(HttpStatusCode.OK);
        }

        async Task StepAsync()
        {
            (await learner.GetAsync(new Uri($"/api/v1/learning/lessons/{lessons[0]}", UriKind.Relative))).StatusCode.ShouldBe(HttpStatusCode.OK);
            // The right answers are read through the first instance: its queries are not in this instance's log.
            var (_, result) = await LearnerJourney.TakeQuizAsync(LearnerJourney.AnswerKey(app), learner, quizId);
            result.GetProperty("passed").GetBoolean().ShouldBeTrue();
        }

        await StepAsync();
        var log = LogCapture.For(own);
        log.Entries.Clear();
        await StepAsync();

        var step = log.Entries.Where(e => e.Category == "Microsoft.EntityFrameworkCore.Database.Command" && e.Message.Contains("Executed DbCommand", StringComparison.Ordinal))
            .Select(e => e.Message).ToList();
        step.Count.ShouldBeLessThanOrEqualTo(16, string.Join("\n---\n", step));
    }
}
