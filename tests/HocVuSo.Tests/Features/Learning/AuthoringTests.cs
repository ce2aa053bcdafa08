using System.IO.Compression;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using HocVuSo.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace HocVuSo.Tests.Features.Learning;

/// <summary>Content authors edit, preview, publish, export and import; every change is a new version.</summary>
public class AuthoringTests
{
    public static TheoryData<string> Providers => TestApp.Providers;

    /// <summary>A private copy of the fixture course, so edits here never outdate quizzes other tests are using.</summary>
    private static async Task<string> PrivateCourseAsync(TestApp app)
    {
        var slug = "soan-" + Guid.NewGuid().ToString("N")[..8];
        var source = Path.Combine(AppContext.BaseDirectory, "Fixtures", "courses", "thu-nghiem");
        var target = Path.Combine(Path.GetTempPath(), "hocvuso-author-" + slug);
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

    private static async Task<HttpClient> AuthorAsync(TestApp app)
    {
        var client = app.CreateClient();
        (await client.SubmitFormAsync("/Account/Login", new Dictionary<string, string> { ["Input.UserName"] = "author", ["Input.Password"] = TestApp.Password }))
            .StatusCode.ShouldBe(HttpStatusCode.Redirect);
        return client;
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task Author_PreviewsAndPublishesALessonEdit_AsANewVersion(string provider)
    {
        var app = await TestApp.GetAsync(provider);
        var slug = await PrivateCourseAsync(app);
        var author = await AuthorAsync(app);
        var lessonId = await app.ExecuteDbAsync(db => db.Lessons.Where(l => l.Slug == "bai-b" && l.Module!.CourseVersion!.Course!.Slug == slug).Select(l => l.Id).SingleAsync());
        var url = $"/author/lessons/{lessonId}?lang=vi";

        var bad = await author.SubmitFormAsync(url, new Dictionary<string, string> { ["markdown"] = "## Bước\n\n<iframe src=x></iframe>" }, actionContains: null);
        (await author.GetPageAsync(url)).QuerySelector("#markdown")!.TextContent.ShouldContain("Không đọc mã OTP");
        var preview = await author.PostAsync(url.Replace("?", "?handler=Preview&", StringComparison.Ordinal), await FormAsync(author, url, "## Bước mới\n\n**Luôn** kiểm tra."));
        (await preview.ParseAsync()).QuerySelector("#preview strong")!.TextContent.ShouldBe("Luôn");
        var published = await author.PostAsync(url.Replace("?", "?handler=Publish&", StringComparison.Ordinal), await FormAsync(author, url, "## Bước mới\n\n**Luôn** kiểm tra."));

        published.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var versions = await app.ExecuteDbAsync(db => db.CourseVersions.Where(v => v.Course!.Slug == slug).Select(v => v.Number).ToListAsync());
        versions.Order().ShouldBe([1, 2]);
        var body = await app.ExecuteDbAsync(db => db.Lessons.Where(l => l.Slug == "bai-b" && l.Module!.CourseVersion!.Course!.Slug == slug
            && l.Module.CourseVersion.Course.CurrentVersionId == l.Module.CourseVersionId).Select(l => l.Body).SingleAsync());
        body.Vi.ShouldContain("**Luôn** kiểm tra.");
        bad.StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    private static async Task<FormUrlEncodedContent> FormAsync(HttpClient client, string url, string markdown)
    {
        var page = await client.GetPageAsync(url);
        var token = page.QuerySelector("main form input[name='__RequestVerificationToken']")!.GetAttribute("value")!;
        return new FormUrlEncodedContent(new Dictionary<string, string> { ["__RequestVerificationToken"] = token, ["lang"] = "vi", ["markdown"] = markdown });
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task QuestionBank_RoundTripsThroughCsv_AndABadRowChangesNothing(string provider)
    {
        var app = await TestApp.GetAsync(provider);
        var slug = await PrivateCourseAsync(app);
        var author = await AuthorAsync(app);

        var csv = await author.GetStringAsync($"/author?handler=Bank&course={slug}");
        csv.ShouldContain("t-q1;01-mot;single;1.1;bai-a;Câu một lựa chọn?;Đúng là A;B;C;;;;1;Vì A.");
        var edited = csv.Replace("Câu một lựa chọn?", "Câu đã sửa?", StringComparison.Ordinal)
            + "t-q9;01-mot;true-false;1.1;bai-a;Câu mới?;Đúng;Sai;;;;;2;Giải thích mới.\r\n";
        var page = await UploadAsync(author, slug, edited);
        page.QuerySelector("#author-report")!.TextContent.ShouldContain("phiên bản 2");
        var texts = await app.ExecuteDbAsync(db => db.Questions.Where(q => q.CourseVersion!.Course!.Slug == slug && q.CourseVersion.Course.CurrentVersionId == q.CourseVersionId)
            .Select(q => new { q.Slug, q.Text }).ToListAsync());
        texts.Single(t => t.Slug == "t-q1").Text.Vi.ShouldBe("Câu đã sửa?");
        texts.Single(t => t.Slug == "t-q1").Text["en"].ShouldBe("Single choice?");
        texts.Select(t => t.Slug).ShouldContain("t-q9");

        var broken = edited.Replace(";1;Vì A.", ";7;Vì A.", StringComparison.Ordinal);
        var refused = await UploadAsync(author, slug, broken);
        refused.QuerySelector(".error")!.TextContent.ShouldContain("Dòng 2");
        (await app.ExecuteDbAsync(db => db.CourseVersions.CountAsync(v => v.Course!.Slug == slug))).ShouldBe(2);
        var latin1 = await UploadAsync(author, slug, null, Encoding.Latin1.GetBytes("id;module;type;competency;lesson;text\nx;01-mot;single;1.1;;Câu ñ\n"));
        latin1.QuerySelector(".error")!.TextContent.ShouldContain("UTF-8");
    }

    private static async Task<AngleSharp.Html.Dom.IHtmlDocument> UploadAsync(HttpClient author, string slug, string? csv, byte[]? raw = null)
    {
        var page = await author.GetPageAsync("/author");
        var form = page.QuerySelector($"#course-{slug} form[enctype='multipart/form-data']")!;
        using var content = new MultipartFormDataContent
        {
            { new StringContent(form.QuerySelector("input[name='__RequestVerificationToken']")!.GetAttribute("value")!), "__RequestVerificationToken" },
            { new StringContent(slug), "course" },
        };
        var file = new ByteArrayContent(raw ?? Encoding.UTF8.GetBytes(csv!));
        file.Headers.ContentType = new MediaTypeHeaderValue("text/csv");
        content.Add(file, "file", "bank.csv");
        var response = await author.PostAsync(form.GetAttribute("action"), content);
        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        return await response.ParseAsync();
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task CourseFolder_ExportsAsZip_AndImportsBackUnchanged(string provider)
    {
        var app = await TestApp.GetAsync(provider);
        var slug = await PrivateCourseAsync(app);
        var author = await AuthorAsync(app);

        var zipBytes = await author.GetByteArrayAsync($"/author?handler=Folder&course={slug}");
        using (var zip = new ZipArchive(new MemoryStream(zipBytes)))
        {
            zip.Entries.Select(e => e.FullName.Replace('\\', '/')).ShouldContain($"{slug}/modules/02-hai/images/khoa.svg");
        }

        var page = await author.GetPageAsync("/author");
        var forms = page.QuerySelectorAll("form[enctype='multipart/form-data']");
        var form = forms[forms.Length - 1];
        using var content = new MultipartFormDataContent
        {
            { new StringContent(form.QuerySelector("input[name='__RequestVerificationToken']")!.GetAttribute("value")!), "__RequestVerificationToken" },
            { new ByteArrayContent(zipBytes), "file", slug + ".zip" },
        };
        var imported = await (await author.PostAsync(form.GetAttribute("action"), content)).ParseAsync();

        imported.QuerySelector("#author-report")!.TextContent.ShouldContain("không thay đổi");
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task Retiring_HidesTheCourseFromLearners_AndOnlyAuthorsMayAuthor(string provider)
    {
        var app = await TestApp.GetAsync(provider);
        var slug = await PrivateCourseAsync(app);
        var author = await AuthorAsync(app);

        await author.SubmitFormAsync("/author", new Dictionary<string, string> { ["course"] = slug, ["status"] = "Retired" }, actionContains: "Status");
        var catalogue = await app.CreateClient().GetStringAsync("/api/v1/learning/courses");
        catalogue.ShouldNotContain(slug);

        var officer = app.CreateClient();
        await officer.SubmitFormAsync("/Account/Login", new Dictionary<string, string> { ["Input.UserName"] = "officer.eatrang", ["Input.Password"] = TestApp.Password });
        (await officer.GetAsync("/author")).StatusCode.ShouldNotBe(HttpStatusCode.OK);
        (await officer.GetAsync($"/author?handler=Bank&course={slug}")).StatusCode.ShouldNotBe(HttpStatusCode.OK);
    }
}
