using System.Net;
using HocVuSo.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace HocVuSo.Tests.Features.Learning;

/// <summary>"Cầm tay chỉ việc": a team member registers and guides a citizen; what happens is marked assisted.</summary>
public class AssistedLearningTests
{
    public static TheoryData<string> Providers => TestApp.Providers;

    private static async Task<HttpClient> SignInAsync(TestApp app, string userName)
    {
        var client = app.CreateClient();
        var login = await client.SubmitFormAsync("/Account/Login", new Dictionary<string, string> { ["Input.UserName"] = userName, ["Input.Password"] = TestApp.Password });
        login.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        return client;
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task TeamMember_RegistersAndGuidesACitizen_AndTheAttemptIsMarkedAssisted(string provider)
    {
        var app = await TestApp.GetAsync(provider);
        await app.ImportFixtureCourseAsync();
        var phone = "07" + Random.Shared.Next(10_000_000, 99_999_999).ToString(System.Globalization.CultureInfo.InvariantCulture);
        var member = await SignInAsync(app, "team.eatrang");

        var assistPage = await member.GetPageAsync("/assist");
        assistPage.QuerySelectorAll("select[name='Input.UnitCode'] option").Select(o => o.GetAttribute("value")).ShouldBe(["24445-001"]);
        var registered = await member.SubmitFormAsync("/assist", new Dictionary<string, string>
        {
            ["Input.UnitCode"] = "24445-001", ["Input.FullName"] = "Y Bih Mlô", ["Input.PhoneOrEmail"] = phone, ["Input.ConsentLearning"] = "true",
        }, actionContains: "Register");
        registered.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await registered.ParseAsync()).QuerySelector("#assist-registered")!.TextContent.ShouldContain(phone[..2] + "••••••" + phone[^2..]);
        var started = await member.SubmitFormAsync("/assist", new Dictionary<string, string> { ["learner"] = phone }, actionContains: "Start");
        started.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        started.Headers.Location!.ToString().ShouldBe("/learn");

        var learn = await member.GetPageAsync("/learn");
        learn.QuerySelector(".assist-banner")!.TextContent.ShouldContain("Y Bih Mlô");
        foreach (var lesson in new[] { "bai-a", "bai-b" })
        {
            var lessonId = await app.ExecuteDbAsync(db => db.Lessons.Where(l => l.Slug == lesson && l.Module!.CourseVersion!.Course!.Slug == "thu-nghiem"
                && l.Module.CourseVersion.Course.CurrentVersionId == l.Module.CourseVersionId).Select(l => l.Id).SingleAsync());
            (await member.SubmitFormAsync($"/learn/lessons/{lessonId}", new Dictionary<string, string>())).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        }

        var quizLink = (await member.GetPageAsync("/learn?group=officials")).QuerySelector("#module-01-mot a[href^='/learn/quizzes/']")!.GetAttribute("href")!;
        var start = await member.SubmitFormAsync(quizLink, new Dictionary<string, string>());
        start.StatusCode.ShouldBe(HttpStatusCode.Redirect);

        var attempt = await app.ExecuteDbAsync(db => db.QuizAttempts.Where(a => db.Users.Any(u => u.Id == a.UserId && u.UserName == app.StoredUserName(phone)))
            .Select(a => new { a.Assisted, Helper = db.Users.Where(u => u.Id == a.AssistedByUserId).Select(u => u.UserName).FirstOrDefault() }).SingleAsync());
        attempt.Assisted.ShouldBeTrue();
        attempt.Helper.ShouldBe("team.eatrang");
        var registeredBy = await app.ExecuteDbAsync(db => db.Users.Where(u => u.UserName == app.StoredUserName(phone))
            .Select(u => db.Users.Where(h => h.Id == u.RegisteredByUserId).Select(h => h.UserName).FirstOrDefault()).SingleAsync());
        registeredBy.ShouldBe("team.eatrang");

        var ended = await member.SubmitFormAsync("/learn", new Dictionary<string, string>(), actionContains: "End");
        ended.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var open = await app.ExecuteDbAsync(db => db.AssistedSessions.CountAsync(s => s.EndedAt == null && db.Users.Any(u => u.Id == s.LearnerUserId && u.UserName == app.StoredUserName(phone))));
        open.ShouldBe(0);
        (await member.GetAsync("/learn/quizzes/1")).StatusCode.ShouldNotBe(HttpStatusCode.InternalServerError);
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task Helpers_CannotRegisterOrGuideOutsideTheirArea(string provider)
    {
        var app = await TestApp.GetAsync(provider);
        var member = await SignInAsync(app, "team.eatrang");

        var elsewhere = await member.SubmitFormAsync("/assist", new Dictionary<string, string>
        {
            ["Input.UnitCode"] = "24445-002", ["Input.FullName"] = "Người Khác", ["Input.PhoneOrEmail"] = "0355512345", ["Input.ConsentLearning"] = "true",
        }, actionContains: "Register");
        elsewhere.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await elsewhere.ParseAsync()).QuerySelector("[data-valmsg-for='Input.UnitCode']")!.TextContent.ShouldContain("ngoài địa bàn");
        (await app.ExecuteDbAsync(db => db.Users.AnyAsync(u => u.UserName == app.StoredUserName("0355512345")))).ShouldBeFalse();

        var bacNinh = await SignInAsync(app, "officer.bacninh");
        var guide = await bacNinh.SubmitFormAsync("/assist", new Dictionary<string, string> { ["learner"] = "hocvien01.eatrang" }, actionContains: "Start");
        guide.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await guide.ParseAsync()).QuerySelector("main .error:not(:empty)")!.TextContent.ShouldNotBeEmpty();
        var learnerSelf = (await app.CreateLearnerAsync()).Client;
        (await learnerSelf.GetAsync("/assist")).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
    }
}
