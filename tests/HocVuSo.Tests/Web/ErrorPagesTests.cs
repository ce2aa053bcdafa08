using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using HocVuSo.Tests.Infrastructure;

namespace HocVuSo.Tests.Web;

/// <summary>Failures reach people as pages in their language with a way back; the API keeps problem details.</summary>
public class ErrorPagesTests
{
    [Theory]
    [InlineData("/khong-co-trang-nay")]
    [InlineData("/learn/lessons/987654")]
    [InlineData("/units/99999")]
    public async Task UnknownPage_ForABrowser_IsAVietnamesePageInTheLayoutWithAWayBack(string url)
    {
        var app = await TestApp.GetAsync("Sqlite");
        var client = app.CreateClient();
        var request = new HttpRequestMessage(HttpMethod.Get, url);
        request.Headers.Accept.ParseAdd("text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8");
        request.Headers.AcceptLanguage.ParseAdd("en-US,en;q=0.9");

        var response = await client.SendAsync(request);

        response.StatusCode.ShouldBe(HttpStatusCode.NotFound);
        await ShouldBeVietnameseErrorPageAsync(response, "Không tìm thấy trang");
    }

    [Theory]
    [InlineData("/units/24445/reports/2031-05")]
    [InlineData("/units/24445/reports/2026-13")]
    [InlineData("/units/99999/dashboard")]
    public async Task UnknownReport_ForASignedInOfficer_IsAnErrorPageInTheLayout(string url)
    {
        var app = await TestApp.GetAsync("Sqlite");
        var client = app.CreateClient();
        (await client.SubmitFormAsync("/Account/Login", new Dictionary<string, string> { ["Input.UserName"] = "officer.eatrang", ["Input.Password"] = TestApp.Password }))
            .StatusCode.ShouldBe(HttpStatusCode.Redirect);

        var response = await client.GetAsync(url);

        ((int)response.StatusCode).ShouldBeOneOf(400, 404);
        await ShouldBeVietnameseErrorPageAsync(response, response.StatusCode == HttpStatusCode.NotFound ? "Không tìm thấy trang" : "Yêu cầu không hợp lệ");
    }

    [Fact]
    public async Task UnknownPage_AfterChoosingEnglish_IsInEnglish()
    {
        var app = await TestApp.GetAsync("Sqlite");
        var client = app.CreateClient();
        await client.SubmitFormAsync("/", new Dictionary<string, string> { ["culture"] = "en" }, actionContains: "Language");

        var response = await client.GetAsync("/learn/lessons/987654");

        response.StatusCode.ShouldBe(HttpStatusCode.NotFound);
        var page = await response.ParseAsync();
        page.DocumentElement.GetAttribute("lang").ShouldBe("en");
        page.QuerySelector("main h1")!.TextContent.ShouldBe("Page not found");
        page.QuerySelector("main a.button")!.TextContent.ShouldBe("Back to the home page");
    }

    [Fact]
    public async Task FormPostedWithoutAntiforgeryToken_IsARefusalPage_NotABlankResponse()
    {
        var app = await TestApp.GetAsync("Sqlite");
        var client = app.CreateClient();

        var response = await client.PostAsync("/Account/Login", new FormUrlEncodedContent(new Dictionary<string, string> { ["Input.UserName"] = "x", ["Input.Password"] = "y" }));

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        var page = await response.ParseAsync();
        page.QuerySelector("main h1")!.TextContent.ShouldBe("Yêu cầu không hợp lệ");
        page.QuerySelector("main p")!.TextContent.ShouldContain("biểu mẫu đã hết hạn");
    }

    [Fact]
    public async Task ApiProblem_HasAHumanTitleAStableCode_AndSpeaksEnglishOnRequest()
    {
        var app = await TestApp.GetAsync("Sqlite");
        var client = app.CreateClient();

        var vietnamese = await client.GetAsync("/api/v1/units/99999");
        var request = new HttpRequestMessage(HttpMethod.Get, "/api/v1/units/99999");
        request.Headers.AcceptLanguage.ParseAdd("en");
        var english = await client.SendAsync(request);

        vietnamese.StatusCode.ShouldBe(HttpStatusCode.NotFound);
        vietnamese.Content.Headers.ContentType!.MediaType.ShouldBe("application/problem+json");
        var vi = await ReadAsync(vietnamese);
        vi.GetProperty("code").GetString().ShouldBe("units.not_found");
        vi.GetProperty("title").GetString().ShouldBe("Không tìm thấy trang");
        vi.GetProperty("detail").GetString().ShouldBe("Không có đơn vị hành chính mã «99999».");
        var en = await ReadAsync(english);
        en.GetProperty("code").GetString().ShouldBe("units.not_found");
        en.GetProperty("title").GetString().ShouldBe("Page not found");
        en.GetProperty("detail").GetString().ShouldBe("There is no administrative unit with code «99999».");
    }

    [Theory]
    [InlineData("GET", "/api/v1/nothing-here", HttpStatusCode.NotFound, "http.not_found")]
    [InlineData("DELETE", "/api/v1/units/24445", HttpStatusCode.MethodNotAllowed, "http.method_not_allowed")]
    [InlineData("GET", "/api/v1/certification/me", HttpStatusCode.Unauthorized, "http.unauthorized")]
    [InlineData("POST", "/api/v1/auth/token", HttpStatusCode.BadRequest, "http.bad_request")]
    public async Task ApiFailuresWithoutAUseCase_AreProblemsWithCodeAndTitle_EvenForABrowser(string method, string url, HttpStatusCode status, string code)
    {
        var app = await TestApp.GetAsync("Sqlite");
        var request = new HttpRequestMessage(new HttpMethod(method), url);
        request.Headers.Accept.ParseAdd("text/html");
        request.Headers.AcceptLanguage.ParseAdd("en");
        if (method == "POST")
        {
            request.Content = new StringContent("{not json", new MediaTypeHeaderValue("application/json"));
        }

        var response = await app.CreateClient().SendAsync(request);

        response.StatusCode.ShouldBe(status);
        response.Content.Headers.ContentType!.MediaType.ShouldBe("application/problem+json");
        var problem = await ReadAsync(response);
        problem.GetProperty("code").GetString().ShouldBe(code);
        problem.GetProperty("title").GetString()!.ShouldNotContain("_");
        problem.GetProperty("detail").GetString().ShouldNotBeNullOrWhiteSpace();
    }

    [Fact]
    public async Task SignedInLearner_OnAStaffOnlyApi_GetsAForbiddenProblem()
    {
        var app = await TestApp.GetAsync("Sqlite");
        var (client, _) = await app.CreateLearnerAsync();

        var response = await client.GetAsync("/api/v1/admin/outbox");

        response.StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        var problem = await ReadAsync(response);
        problem.GetProperty("title").GetString().ShouldBe("Không có quyền truy cập");
        problem.GetProperty("code").GetString()!.ShouldNotBeNullOrWhiteSpace();
    }

    private static async Task ShouldBeVietnameseErrorPageAsync(HttpResponseMessage response, string title)
    {
        response.Content.Headers.ContentType!.MediaType.ShouldBe("text/html");
        var page = await response.ParseAsync();
        page.DocumentElement.GetAttribute("lang").ShouldBe("vi");
        page.QuerySelector("header.site-header").ShouldNotBeNull();
        page.QuerySelector("main h1")!.TextContent.ShouldBe(title);
        page.QuerySelectorAll("main a").Select(a => a.GetAttribute("href")).ShouldContain("/");
    }

    private static async Task<JsonElement> ReadAsync(HttpResponseMessage response) =>
        JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
}
