using System.Net;
using System.Text.RegularExpressions;
using HocVuSo.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace HocVuSo.Tests.Web;

/// <summary>The small things a first visitor notices: the site's icon, validation text in their language, the team form without JavaScript.</summary>
public partial class SmallThingsTests
{
    [Fact]
    public async Task Favicon_IsServed_AndTheLayoutLinksIt()
    {
        var app = await TestApp.GetAsync("Sqlite");
        var client = app.CreateClient();

        var icon = await client.GetAsync("/favicon.ico");
        var home = await client.GetPageAsync("/");

        icon.StatusCode.ShouldBe(HttpStatusCode.OK);
        icon.Content.Headers.ContentType!.MediaType.ShouldBe("image/x-icon");
        (await icon.Content.ReadAsByteArrayAsync()).Take(4).ShouldBe(new byte[] { 0, 0, 1, 0 });
        home.QuerySelector("link[rel='icon']")!.GetAttribute("href").ShouldBe("/favicon.ico");
    }

    [Theory]
    [InlineData(null, "/Account/Login")]
    [InlineData(null, "/Account/Register")]
    [InlineData("officer.eatrang", "/staff/create")]
    [InlineData("officer.eatrang", "/units/24445/classes")]
    [InlineData("officer.eatrang", "/units/24445/baseline")]
    [InlineData("author", "/author")]
    [InlineData("author", "LESSON")]
    [InlineData("team.eatrang", "/team/app")]
    public async Task FormMarkup_HasNoEnglishValidationText(string? userName, string url)
    {
        var app = await TestApp.GetAsync("Sqlite");
        var client = userName is null ? app.CreateClient() : await app.CreateClientAsync(userName);
        if (url == "LESSON")
        {
            var lessonId = await app.ExecuteDbAsync(db => db.Lessons.Select(l => l.Id).FirstAsync());
            url = $"/author/lessons/{lessonId}";
        }

        var response = await client.GetAsync(url);
        response.StatusCode.ShouldBe(HttpStatusCode.OK, url);
        var html = await response.Content.ReadAsStringAsync();

        EnglishValidation().Matches(html).Select(m => m.Value).ShouldBeEmpty(url);
        if (html.Contains("data-val-required", StringComparison.Ordinal))
        {
            html.ShouldContain("data-val-required=\"Cần điền mục này.\"");
        }
    }

    [Fact]
    public async Task ValidationText_FollowsTheReadersLanguage()
    {
        var app = await TestApp.GetAsync("Sqlite");
        var client = app.CreateClient();
        await client.SubmitFormAsync("/", new Dictionary<string, string> { ["culture"] = "en" }, actionContains: "Language");

        var html = await (await client.GetAsync("/Account/Login")).Content.ReadAsStringAsync();

        html.ShouldContain("data-val-required=\"This field is required.\"");
        html.ShouldNotContain("The UserName field");
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task TeamForm_WithoutJavaScript_IsPostedAndRecorded_OnceEvenIfSentTwice(string provider)
    {
        var app = await TestApp.GetAsync(provider);
        var client = app.CreateClient();
        (await client.SubmitFormAsync("/Account/Login", new Dictionary<string, string> { ["Input.UserName"] = "team.eatrang", ["Input.Password"] = TestApp.Password }))
            .StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var notes = "Không JavaScript " + Guid.NewGuid().ToString("N")[..8];
        var page = await client.GetPageAsync("/team/app");
        var form = page.QuerySelector("form#capture-form")!;
        form.GetAttribute("method").ShouldBe("post");
        page.QuerySelector("#h-install-vneid")!.GetAttribute("name").ShouldBe("helped[install-vneid]");
        var today = page.QuerySelector("#f-date")!.GetAttribute("value")!;
        today.ShouldMatch(@"^\d{2}/\d{2}/\d{4}$");
        var fields = new Dictionary<string, string>
        {
            ["type"] = "guidance-session", ["villageCode"] = "24445-001", ["date"] = today, ["topics"] = "install-vneid",
            ["helped[install-vneid]"] = "4", ["participants"] = "6", ["place"] = "Nhà văn hóa", ["durationMinutes"] = "60", ["notes"] = notes,
        };

        foreach (var hidden in form.QuerySelectorAll("input[type='hidden']"))
        {
            fields[hidden.GetAttribute("name")!] = hidden.GetAttribute("value")!;
        }

        // A slow network: the same form is sent twice.
        var posted = await client.PostAsync(form.GetAttribute("action"), new FormUrlEncodedContent(fields));
        var again = await client.PostAsync(form.GetAttribute("action"), new FormUrlEncodedContent(fields));

        posted.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        again.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var after = await client.GetPageAsync(posted.Headers.Location!.OriginalString);
        after.QuerySelector("#recorded")!.TextContent.ShouldBe("Đã ghi nhận hoạt động lên hệ thống.");
        var saved = await app.ExecuteDbAsync(db => db.FieldActivities.Where(a => a.Notes == notes).ToListAsync());
        saved.Count.ShouldBe(1);
        saved[0].Participants.ShouldBe(6);
        saved[0].Type.ShouldBe(HocVuSo.Core.Features.Teams.ActivityType.GuidanceSession);

        var wrong = await client.SubmitFormAsync("/team/app", new Dictionary<string, string>(fields) { ["date"] = "32/13/2026" }, actionContains: "Record");
        wrong.StatusCode.ShouldBe(HttpStatusCode.OK);
        var shown = await wrong.ParseAsync();
        shown.QuerySelector(".error")!.TextContent.ShouldContain("Ngày «32/13/2026» không đọc được");
        shown.QuerySelector("#f-notes")!.TextContent.ShouldBe(notes);
    }

    public static TheoryData<string> Providers => TestApp.Providers;

    [GeneratedRegex(@"The \w+ field|field \w+ must|must be a number|is not valid for|A value (for|is required)", RegexOptions.None)]
    private static partial Regex EnglishValidation();
}
