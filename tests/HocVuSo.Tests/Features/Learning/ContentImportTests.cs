using HocVuSo.Core.Features.Accounts;
using HocVuSo.Core.Features.Learning;
using HocVuSo.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace HocVuSo.Tests.Features.Learning;

public class ContentImportTests
{
    public static TheoryData<string> Providers => TestApp.Providers;

    private static string CopyFixture()
    {
        var target = Path.Combine(Path.GetTempPath(), "hocvuso-content-" + Guid.NewGuid().ToString("N"));
        var source = Path.Combine(AppContext.BaseDirectory, "Fixtures", "courses", "thu-nghiem");
        foreach (var file in Directory.GetFiles(source, "*", SearchOption.AllDirectories))
        {
            var destination = Path.Combine(target, Path.GetRelativePath(source, file));
            Directory.CreateDirectory(Path.GetDirectoryName(destination)!);
            File.Copy(file, destination);
        }

        return target;
    }

    private static async Task<Core.Common.Result<IReadOnlyList<ImportContent.CourseReport>>> ImportAsync(TestApp app, string folder)
    {
        await using var scope = app.Services.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<ScopeService>().UseSystemScope();
        return await scope.ServiceProvider.GetRequiredService<ImportContent.Handler>().HandleAsync(new ImportContent.Command(folder), CancellationToken.None);
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task FixtureCourse_IsImported_WithEveryQuestionTypeAndAFinalAssessment(string provider)
    {
        var app = await TestApp.GetAsync(provider);
        await app.ImportFixtureCourseAsync();

        var again = await app.ImportFixtureCourseAsync();

        again.Single().Changed.ShouldBeFalse();
        var types = await app.ExecuteDbAsync(db => db.Questions.Where(q => q.CourseVersion!.Course!.Slug == "thu-nghiem"
            && q.CourseVersionId == q.CourseVersion.Course.CurrentVersionId).Select(q => q.Type).Distinct().ToListAsync());
        types.Order().ShouldBe(QuestionTypes.All.Order());
        var quizzes = await app.ExecuteDbAsync(db => db.Quizzes.Where(q => q.CourseVersion!.Course!.Slug == "thu-nghiem"
            && q.CourseVersionId == q.CourseVersion.Course.CurrentVersionId).Select(q => q.Slug).ToListAsync());
        quizzes.Order().ShouldBe(["01-mot", "02-hai", "final"]);
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task ChangedContent_IsPublishedAsANewVersion_AndProgressCarriesOver(string provider)
    {
        var app = await TestApp.GetAsync(provider);
        var folder = CopyFixture();
        var slug = "thu-nghiem-" + Guid.NewGuid().ToString("N")[..6];
        var coursePath = Path.Combine(folder, "course.json");
        File.WriteAllText(coursePath, File.ReadAllText(coursePath).Replace("\"thu-nghiem\"", $"\"{slug}\"", StringComparison.Ordinal));
        (await ImportAsync(app, folder)).Value!.Single().Version.ShouldBe(1);
        var (learner, userName) = await app.CreateLearnerAsync();
        var firstLessonId = await app.ExecuteDbAsync(db => db.Lessons.Where(l => l.Slug == "bai-a" && l.Module!.CourseVersion!.Course!.Slug == slug).Select(l => l.Id).SingleAsync());
        (await learner.PostAsync($"/api/v1/learning/lessons/{firstLessonId}/complete", null)).EnsureSuccessStatusCode();

        var lessonPath = Path.Combine(folder, "modules", "01-mot", "lessons", "bai-b.vi.md");
        File.AppendAllText(lessonPath, "\nThêm một câu mới.\n");
        var second = await ImportAsync(app, folder);

        second.Value!.Single().Version.ShouldBe(2);
        second.Value!.Single().Changed.ShouldBeTrue();
        var done = await app.ExecuteDbAsync(db => db.LessonProgress.Where(p => p.CourseSlug == slug && p.CompletedAt != null && db.Users.Any(u => u.Id == p.UserId && u.UserName == app.StoredUserName(userName))).Select(p => p.LessonSlug).ToListAsync());
        done.ShouldBe(["bai-a"]);
        var versions = await app.ExecuteDbAsync(db => db.CourseVersions.CountAsync(v => v.Course!.Slug == slug));
        versions.ShouldBe(2);
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task BadContent_IsRefusedWithTheFileAndItem_AndNothingIsSaved(string provider)
    {
        var app = await TestApp.GetAsync(provider);
        var folder = CopyFixture();
        var slug = "hong-" + Guid.NewGuid().ToString("N")[..6];
        var coursePath = Path.Combine(folder, "course.json");
        File.WriteAllText(coursePath, File.ReadAllText(coursePath).Replace("\"thu-nghiem\"", $"\"{slug}\"", StringComparison.Ordinal));
        var questions = Path.Combine(folder, "modules", "01-mot", "questions.json");
        File.WriteAllText(questions, File.ReadAllText(questions)
            .Replace("\"correct\": true}, {\"id\": \"b\", \"text\": {\"vi\": \"B\"}}, {\"id\": \"c\"", "\"correct\": false}, {\"id\": \"b\", \"text\": {\"vi\": \"B\"}}, {\"id\": \"c\"", StringComparison.Ordinal)
            .Replace("\"Quét mã\"", "\"Mở ứng dụng\"", StringComparison.Ordinal)
            .Replace("\"competency\": \"4.2\", \"lesson\": \"bai-b\", \"text\": {\"vi\": \"Có nên", "\"competency\": \"9.9\", \"lesson\": \"bai-b\", \"text\": {\"vi\": \"Có nên", StringComparison.Ordinal));
        File.AppendAllText(Path.Combine(folder, "modules", "01-mot", "lessons", "bai-a.vi.md"), "\n<script>alert(1)</script>\n");

        var result = await ImportAsync(app, folder);

        result.IsSuccess.ShouldBeFalse();
        var codes = result.Errors.Select(e => (e.Code, e.Field, Item: e.Args.FirstOrDefault()?.ToString())).ToList();
        codes.ShouldContain(("content.question_no_correct", "modules/01-mot/questions.json", "t-q1"));
        codes.ShouldContain(("content.question_duplicate_steps", "modules/01-mot/questions.json", "t-q4"));
        codes.ShouldContain(("content.unknown_competency", "modules/01-mot/questions.json", "t-q3"));
        codes.ShouldContain(e => e.Code == "content.lesson_raw_html" && e.Field == "modules/01-mot/lessons/bai-a.vi.md");
        (await app.ExecuteDbAsync(db => db.Courses.AnyAsync(c => c.Slug == slug))).ShouldBeFalse();
    }

    [Fact]
    public void LessonMarkdown_RendersStepsAndNeutralisesScripts()
    {
        var html = LessonMarkdown.ToHtml("## Một\n\n<script>alert(1)</script>\n\n[x](javascript:alert(1)) ![a](../images/k.svg)\n\n## Hai\n\nText", "/learn/media/7/m1/");

        html.ShouldNotContain("<script");
        html.ShouldNotContain("javascript:");
        html.ShouldContain("src=\"/learn/media/7/m1/images/k.svg\"");
        html.ShouldContain("loading=\"lazy\"");
        html.Split("<section class=\"step\"").Length.ShouldBe(3);
        html.ShouldContain("<section class=\"step\" id=\"step-1\">", customMessage: "each step carries the anchor the assistant links to");
        html.ShouldContain("<section class=\"step\" id=\"step-2\">");
    }
}
