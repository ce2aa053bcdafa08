using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using HocVuSo.Tests.Infrastructure;

namespace HocVuSo.Tests.Web;

/// <summary>Defects of the security review (issue 11), each checked from outside, as an attacker would try it.</summary>
public class SecurityTests
{
    public static TheoryData<string> Providers => TestApp.Providers;

    private static string UniqueName(string prefix) => prefix + " " + Guid.NewGuid().ToString("N")[..6];

    private static async Task<HttpClient> SignedInBrowserAsync(TestApp app, string userName)
    {
        var web = app.CreateClient();
        var login = await web.SubmitFormAsync("/Account/Login", new Dictionary<string, string> { ["Input.UserName"] = userName, ["Input.Password"] = TestApp.Password });
        login.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        return web;
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task Api_RefusesAWriteWithTheSignInCookieAlone_AcceptsItWithTheAntiforgeryTokenOrABearer(string provider)
    {
        var app = await TestApp.GetAsync(provider);
        var browser = await SignedInBrowserAsync(app, "officer.eatrang");

        var cookieOnly = await browser.PostAsJsonAsync("/api/v1/units/24445/villages", new { name = UniqueName("Thôn Giả Mạo"), kind = "thon" });

        cookieOnly.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await cookieOnly.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("code").GetString().ShouldBe("http.antiforgery");

        var antiforgery = await browser.GetFromJsonAsync<JsonElement>("/api/v1/auth/antiforgery");
        using var withToken = new HttpRequestMessage(HttpMethod.Post, "/api/v1/units/24445/villages") { Content = JsonContent.Create(new { name = UniqueName("Thôn Trang"), kind = "thon" }) };
        withToken.Headers.Add(antiforgery.GetProperty("headerName").GetString()!, antiforgery.GetProperty("token").GetString());
        (await browser.SendAsync(withToken)).StatusCode.ShouldBe(HttpStatusCode.Created);

        var bearer = await app.CreateClientAsync("officer.eatrang");
        (await bearer.PostAsJsonAsync("/api/v1/units/24445/villages", new { name = UniqueName("Thôn Bearer"), kind = "thon" })).StatusCode.ShouldBe(HttpStatusCode.Created);
    }
}
