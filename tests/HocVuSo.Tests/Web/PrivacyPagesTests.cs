using System.Globalization;
using System.Net;
using AngleSharp.Html.Dom;
using HocVuSo.Core.Common;
using HocVuSo.Core.Features.Privacy;
using HocVuSo.Tests.Features.Privacy;
using HocVuSo.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace HocVuSo.Tests.Web;

/// <summary>The officers' page of deletion requests: the list with deadlines, the Complete button with its confirmation, and scope.</summary>
public class PrivacyPagesTests
{
    public static TheoryData<string> Providers => TestApp.Providers;

    private static async Task<HttpClient> SignInAsync(TestApp app, string userName)
    {
        var client = app.CreateClient();
        var login = await client.SubmitFormAsync("/Account/Login", new Dictionary<string, string> { ["Input.UserName"] = userName, ["Input.Password"] = TestApp.Password });
        login.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        return client;
    }

    private static string Today(int days = 0) => DateOnly.FromDateTime(DateTime.UtcNow.AddHours(7)).AddDays(days).ToString("dd/MM/yyyy", CultureInfo.InvariantCulture);

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task Officer_sees_the_request_with_its_deadline_and_completes_it_from_the_page(string provider)
    {
        var app = await TestApp.GetAsync(provider);
        var village = await DeletionRequestTests.NewVillageAsync(app);
        var (learner, phone) = await app.CreateLearnerAsync(village.Code);
        var requestId = await DeletionRequestTests.AskAsync(learner);
        var officer = await SignInAsync(app, "officer.eatrang");
        var url = $"/units/{village.Code}/privacy";

        (await officer.GetPageAsync($"/units/{village.Code}")).QuerySelector("#privacy-requests-link")!.GetAttribute("href").ShouldBe(url);
        (await officer.GetPageAsync("/staff")).QuerySelectorAll("#privacy-requests-links a").Select(a => a.GetAttribute("href")).ShouldContain("/units/24445/privacy");
        var page = await officer.GetPageAsync(url);
        var row = page.QuerySelector($"#request-{requestId}")!;
        row.TextContent.ShouldContain(Mask.Phone(phone)!);
        row.TextContent.ShouldNotContain(phone);
        row.TextContent.ShouldContain(Today());
        row.TextContent.ShouldContain(Today(30));
        row.TextContent.ShouldContain("Còn 30 ngày");
        row.TextContent.ShouldContain("Đang chờ xử lý");
        row.ClassList.ShouldNotContain("late");
        page.QuerySelector("#privacy-counts")!.TextContent.ShouldContain("Đang chờ: 1");

        var unconfirmed = await officer.SubmitFormAsync(url, new Dictionary<string, string>(), $"request={requestId}");
        unconfirmed.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await unconfirmed.ParseAsync()).QuerySelector(".errors")!.TextContent.ShouldContain($"Hãy đánh dấu ô xác nhận trước khi hoàn tất yêu cầu xóa số {requestId}.");
        (await app.ExecuteDbAsync(db => db.DeletionRequests.Where(r => r.Id == requestId).Select(r => r.Status).SingleAsync())).ShouldBe(DeletionRequestStatus.Open);

        var completed = await officer.SubmitFormAsync(url, new Dictionary<string, string> { ["confirm"] = "true" }, $"request={requestId}");
        completed.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        completed.Headers.Location!.OriginalString.ShouldBe(url);
        var after = await officer.GetPageAsync(url);
        after.QuerySelector("#privacy-notice")!.TextContent.ShouldBe($"Đã hoàn tất yêu cầu xóa số {requestId}: tài khoản đã được ẩn danh.");
        var done = after.QuerySelector($"#request-{requestId}")!;
        done.TextContent.ShouldContain("Đã xóa");
        done.TextContent.ShouldContain("Đã ẩn danh");
        done.TextContent.ShouldContain("officer.eatrang");
        done.QuerySelector("form").ShouldBeNull();
        (await app.ExecuteDbAsync(db => db.DeletionRequests.Where(r => r.Id == requestId).Select(r => r.Status).SingleAsync())).ShouldBe(DeletionRequestStatus.Completed);
        (await app.ExecuteDbAsync(db => db.Certifications.CountAsync(c => c.UserId == db.DeletionRequests.Single(r => r.Id == requestId).UserId && c.HolderName != null))).ShouldBe(0);

        // Completing it again (an old tab) says so, and changes nothing.
        var token = after.QuerySelector("input[name='__RequestVerificationToken']")!.GetAttribute("value")!;
        var again = await officer.PostAsync($"{url}?handler=Complete&request={requestId}",
            new FormUrlEncodedContent(new Dictionary<string, string> { ["confirm"] = "true", ["__RequestVerificationToken"] = token }));
        again.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await again.ParseAsync()).QuerySelector(".errors")!.TextContent.ShouldContain($"Yêu cầu xóa số {requestId} đã được xử lý xong.");
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task An_overdue_request_is_highlighted_with_the_days_past_its_deadline(string provider)
    {
        var app = await TestApp.GetAsync(provider);
        var village = await DeletionRequestTests.NewVillageAsync(app);
        var (learner, _) = await app.CreateLearnerAsync(village.Code);
        var requestId = await DeletionRequestTests.AskAsync(learner);
        await app.ExecuteDbAsync(db => db.DeletionRequests.Where(r => r.Id == requestId)
            .ExecuteUpdateAsync(s => s.SetProperty(r => r.RequestedAt, DateTime.UtcNow.AddDays(-32)).SetProperty(r => r.DueAt, DateTime.UtcNow.AddDays(-2))));
        var officer = await SignInAsync(app, "officer.eatrang");

        var page = await officer.GetPageAsync($"/units/{village.Code}/privacy");

        var row = page.QuerySelector($"#request-{requestId}")!;
        row.ClassList.ShouldContain("late");
        row.QuerySelector(".badge.warn")!.TextContent.ShouldBe("Quá hạn 2 ngày");
        row.TextContent.ShouldContain(Today(-2));
        page.QuerySelector("#privacy-counts")!.TextContent.ShouldBe("Đang chờ: 1 · Quá hạn: 1");
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task Outsiders_find_no_page_and_cannot_complete_a_request(string provider)
    {
        var app = await TestApp.GetAsync(provider);
        var village = await DeletionRequestTests.NewVillageAsync(app);
        var (learner, _) = await app.CreateLearnerAsync(village.Code);
        var requestId = await DeletionRequestTests.AskAsync(learner);
        var outsider = await SignInAsync(app, "officer.bacninh");

        (await outsider.GetAsync($"/units/{village.Code}/privacy")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await outsider.GetAsync("/units/24445/privacy")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await outsider.GetAsync("/units/99999/privacy")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        var own = await outsider.GetPageAsync("/units/24/privacy");
        own.QuerySelector($"#request-{requestId}").ShouldBeNull();
        (await outsider.GetPageAsync("/units/24")).QuerySelector("#privacy-requests-link").ShouldNotBeNull();
        (await outsider.GetPageAsync("/units/24445")).QuerySelector("#privacy-requests-link").ShouldBeNull();

        var token = own.QuerySelectorAll("input[name='__RequestVerificationToken']").OfType<IHtmlInputElement>().First().Value;
        var form = new Dictionary<string, string> { ["confirm"] = "true", ["__RequestVerificationToken"] = token };
        (await outsider.PostAsync($"/units/{village.Code}/privacy?handler=Complete&request={requestId}", new FormUrlEncodedContent(form))).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        var fromOwnPage = await outsider.PostAsync($"/units/24/privacy?handler=Complete&request={requestId}", new FormUrlEncodedContent(form));
        fromOwnPage.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await fromOwnPage.ParseAsync()).QuerySelector(".errors")!.TextContent.ShouldContain($"Không tìm thấy yêu cầu xóa số {requestId}.");

        // A learner has no such page either, not even for their own home.
        var learnerBrowser = await SignInAsync(app, "learner");
        (await learnerBrowser.GetAsync("/units/24445-001/privacy")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await app.ExecuteDbAsync(db => db.DeletionRequests.Where(r => r.Id == requestId).Select(r => r.Status).SingleAsync())).ShouldBe(DeletionRequestStatus.Open);
    }
}
