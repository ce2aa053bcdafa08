using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using HocVuSo.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

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

    [Theory]
    [InlineData("GET", "/")]
    [InlineData("GET", "/learn")]
    [InlineData("GET", "/api/v1/units?level=1")]
    [InlineData("GET", "/api/v1/units/99999")]
    [InlineData("GET", "/api/v1/staff/nothing-here")]
    [InlineData("GET", "/khong-co-trang-nay")]
    [InlineData("GET", "/css/site.css")]
    [InlineData("GET", "/js/display.js")]
    [InlineData("GET", "/lib/chartjs/chart.umd.min.js")]
    [InlineData("GET", "/favicon.ico")]
    [InlineData("GET", "/health")]
    [InlineData("POST", "/Account/Login")]
    [InlineData("POST", "/api/v1/auth/token")]
    public async Task EveryKindOfResponse_CarriesTheSecurityHeaders(string method, string url)
    {
        var app = await TestApp.GetAsync("Sqlite");
        using var request = new HttpRequestMessage(new HttpMethod(method), url);
        if (method == "POST")
        {
            // A form without its antiforgery token (400 page) and an empty token request (400 problem).
            request.Content = url.StartsWith("/api", StringComparison.Ordinal) ? JsonContent.Create(new { }) : new FormUrlEncodedContent([]);
        }

        var response = await app.CreateClient().SendAsync(request);

        var headers = response.Headers;
        string Header(string name) => string.Join(",", headers.TryGetValues(name, out var values) ? values : []);
        var csp = Header("Content-Security-Policy");
        csp.ShouldContain("default-src 'self'");
        csp.ShouldContain("script-src 'self';");
        csp.Split(';').Single(d => d.Trim().StartsWith("script-src", StringComparison.Ordinal)).Trim().ShouldBe("script-src 'self'");
        csp.Split(';').Single(d => d.Trim().StartsWith("style-src ", StringComparison.Ordinal)).Trim().ShouldBe("style-src 'self'");
        csp.ShouldContain("frame-ancestors 'none'");
        csp.ShouldContain("object-src 'none'");
        Header("X-Content-Type-Options").ShouldBe("nosniff");
        Header("X-Frame-Options").ShouldBe("DENY");
        Header("Referrer-Policy").ShouldBe("strict-origin-when-cross-origin");
        Header("Permissions-Policy").ShouldContain("camera=()");
        Header("Strict-Transport-Security").ShouldBeEmpty("no HSTS over plain HTTP");
    }

    [Fact]
    public async Task ApiAnswersAreDownloads_UploadedFilesRunNothing_AndApiBodiesMustBeJson()
    {
        var app = await TestApp.GetAsync("Sqlite");
        var api = await app.CreateClientAsync("officer.eatrang");

        var units = await api.GetAsync("/api/v1/units/24445");
        units.StatusCode.ShouldBe(HttpStatusCode.OK);
        units.Content.Headers.ContentDisposition!.DispositionType.ShouldBe("attachment");
        var problem = await api.GetAsync("/api/v1/units/99999");
        problem.Content.Headers.ContentDisposition!.DispositionType.ShouldBe("attachment");
        (await app.CreateClient().GetAsync("/learn")).Content.Headers.ContentDisposition.ShouldBeNull("pages are pages");

        // A body that is not JSON is refused before any use case reads it.
        var notJson = await api.PostAsync("/api/v1/units/24445/villages",
            new StringContent("{\"name\":\"Thôn Văn Bản\",\"kind\":\"thon\"}", System.Text.Encoding.UTF8, "text/plain"));
        notJson.StatusCode.ShouldBe(HttpStatusCode.UnsupportedMediaType);
        (await app.ExecuteDbAsync(db => db.Units.CountAsync(v => v.Name == "Thôn Văn Bản"))).ShouldBe(0);

        // Lesson media (an SVG may hold a script) are sandboxed documents that may load nothing.
        await app.ImportFixtureCourseAsync();
        var media = await app.ExecuteDbAsync(db => db.LearningMedia.Where(m => m.ContentType == "image/svg+xml").Select(m => new { m.CourseVersionId, m.Path }).FirstAsync());
        var svg = await app.CreateClient().GetAsync($"/learn/media/{media.CourseVersionId}/{media.Path}");
        svg.StatusCode.ShouldBe(HttpStatusCode.OK);
        var policy = string.Join(",", svg.Headers.GetValues("Content-Security-Policy"));
        policy.ShouldContain("default-src 'none'");
        policy.ShouldContain("sandbox");
        policy.ShouldNotContain("script-src");
        svg.Headers.GetValues("X-Content-Type-Options").Single().ShouldBe("nosniff");
    }

    [Fact]
    public async Task ASession_EndsItsMaximumLifetimeAfterSignIn_HoweverActive()
    {
        await using var app = await TestApp.StartOwnAsync("Sqlite", new Dictionary<string, string?> { ["Security:SessionMaxLifetime"] = "00:00:03" });
        var browser = await SignedInBrowserAsync(app, "officer.eatrang");
        (await browser.GetAsync("/staff")).StatusCode.ShouldBe(HttpStatusCode.OK);

        // Kept busy, the session is renewed, but it still ends three seconds after the sign-in.
        for (var i = 0; i < 4; i++)
        {
            await Task.Delay(TimeSpan.FromSeconds(1));
            await browser.GetAsync("/staff");
        }

        var after = await browser.GetAsync("/staff");
        after.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        after.Headers.Location!.ToString().ShouldContain("/Account/Login");
    }

    [Fact]
    public void SessionLifetime_CountsFromTheSignIn_NotFromTheLastRenewal()
    {
        var now = DateTimeOffset.UtcNow;
        var renewed = new Microsoft.AspNetCore.Authentication.AuthenticationProperties { IssuedUtc = now.AddMinutes(-1) };
        renewed.Items[HocVuSo.Web.Hosting.IdentitySetup.SignedInAtItem] = now.AddHours(-13).ToUnixTimeSeconds().ToString(System.Globalization.CultureInfo.InvariantCulture);
        HocVuSo.Web.Hosting.IdentitySetup.SessionOutlived(renewed, now, TimeSpan.FromHours(12)).ShouldBeTrue();

        var fresh = new Microsoft.AspNetCore.Authentication.AuthenticationProperties { IssuedUtc = now.AddHours(-13) };
        fresh.Items[HocVuSo.Web.Hosting.IdentitySetup.SignedInAtItem] = now.AddHours(-11).ToUnixTimeSeconds().ToString(System.Globalization.CultureInfo.InvariantCulture);
        HocVuSo.Web.Hosting.IdentitySetup.SessionOutlived(fresh, now, TimeSpan.FromHours(12)).ShouldBeFalse();

        HocVuSo.Web.Hosting.IdentitySetup.SessionOutlived(new Microsoft.AspNetCore.Authentication.AuthenticationProperties { IssuedUtc = now.AddHours(-13) }, now, TimeSpan.FromHours(12))
            .ShouldBeTrue("without its sign-in time a session counts from its cookie");
    }

    [Fact]
    public async Task WhatASignedInPersonSees_IsNeverCached_WhilePublicPagesMayBe()
    {
        var app = await TestApp.GetAsync("Sqlite");

        var anonymous = await app.CreateClient().GetAsync("/learn");
        anonymous.Headers.CacheControl?.NoStore.ShouldNotBe(true);

        var browser = await SignedInBrowserAsync(app, "officer.eatrang");
        var page = await browser.GetAsync("/");
        page.StatusCode.ShouldBe(HttpStatusCode.OK);
        page.Headers.CacheControl!.NoStore.ShouldBeTrue();

        var api = await app.CreateClientAsync("officer.eatrang");
        var units = await api.GetAsync("/api/v1/units/24445");
        units.StatusCode.ShouldBe(HttpStatusCode.OK);
        units.Headers.CacheControl!.NoStore.ShouldBeTrue();
    }

    [Fact]
    public async Task OverHttps_HstsIsSent_AndTheAntiforgeryAndSignInCookiesAreSecure()
    {
        var app = await TestApp.GetAsync("Sqlite");
        var client = app.CreateClient();
        client.BaseAddress = new Uri("https://hocvuso.example.vn");

        var loginPage = await client.GetAsync("/Account/Login");

        loginPage.Headers.GetValues("Strict-Transport-Security").Single().ShouldContain("max-age=31536000");
        var antiforgery = loginPage.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith(".AspNetCore.Antiforgery", StringComparison.Ordinal));
        antiforgery.ShouldContain("secure", Case.Insensitive);
        var page = await loginPage.ParseAsync();
        var token = page.QuerySelector("main form input[name='__RequestVerificationToken']")!.GetAttribute("value")!;
        var signedIn = await client.PostAsync("/Account/Login", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["Input.UserName"] = "officer.eatrang", ["Input.Password"] = TestApp.Password, ["__RequestVerificationToken"] = token,
        }));
        signedIn.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        signedIn.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith("hocvuso.auth=", StringComparison.Ordinal)).ShouldContain("secure", Case.Insensitive);
        var language = await client.PostAsync("/Settings?handler=Language", new FormUrlEncodedContent(new Dictionary<string, string> { ["culture"] = "en", ["returnUrl"] = "/" }));
        language.Headers.GetValues("Set-Cookie").Single().ShouldContain("secure", Case.Insensitive);
    }

    [Fact]
    public async Task SignInAndPublicVerification_AreThrottledPerAddress_WithA429ThatSaysWhenToRetry()
    {
        await using var app = await TestApp.StartOwnAsync("Sqlite", new Dictionary<string, string?>
        {
            ["RateLimits:SignIn:PermitLimit"] = "3",
            ["RateLimits:SignIn:WindowSeconds"] = "600",
            ["RateLimits:Verification:PermitLimit"] = "2",
            ["RateLimits:Verification:WindowSeconds"] = "600",
        });
        var client = app.CreateClient();

        // A password spray: one password tried on many accounts from one address.
        var answers = new List<HttpResponseMessage>();
        for (var i = 0; i < 4; i++)
        {
            answers.Add(await client.PostAsJsonAsync("/api/v1/auth/token", new { userName = "spray" + i, password = "Matkhau2026" }));
        }

        answers.Take(3).ShouldAllBe(r => r.StatusCode == HttpStatusCode.Unauthorized);
        var refused = answers[3];
        refused.StatusCode.ShouldBe(HttpStatusCode.TooManyRequests);
        int.Parse(refused.Headers.GetValues("Retry-After").Single(), System.Globalization.CultureInfo.InvariantCulture).ShouldBeInRange(1, 600);
        var problem = await refused.Content.ReadFromJsonAsync<JsonElement>();
        problem.GetProperty("code").GetString().ShouldBe("http.too_many_requests");
        problem.GetProperty("title").GetString().ShouldBe("Quá nhiều yêu cầu");

        // The sign-in page shares the address's allowance, and says it in Vietnamese.
        var page = await client.PostAsync("/Account/Login", new FormUrlEncodedContent(new Dictionary<string, string> { ["Input.UserName"] = "spray9", ["Input.Password"] = "x" }));
        page.StatusCode.ShouldBe(HttpStatusCode.TooManyRequests);
        page.Headers.Contains("Retry-After").ShouldBeTrue();
        (await page.ParseAsync()).QuerySelector("main h1")!.TextContent.ShouldBe("Quá nhiều yêu cầu");

        // Public certificate checks have their own allowance; reading other pages is never limited.
        (await client.GetAsync("/api/v1/certificates/KHONGCO/verify")).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await client.GetAsync("/verify/KHONGCO")).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await client.GetAsync("/api/v1/certificates/KHONGCO/verify")).StatusCode.ShouldBe(HttpStatusCode.TooManyRequests);
        (await client.GetAsync("/")).StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task BearerToken_StopsWorking_AfterAPasswordChange_AndDuringALockOut(string provider)
    {
        var app = await TestApp.GetAsync(provider);
        var (learner, phone) = await app.CreateLearnerAsync();
        (await learner.GetAsync("/api/v1/learning/me/attempts")).StatusCode.ShouldBe(HttpStatusCode.OK);
        var (other, otherPhone) = await app.CreateLearnerAsync();

        await using (var scope = app.Services.CreateAsyncScope())
        {
            var users = scope.ServiceProvider.GetRequiredService<Microsoft.AspNetCore.Identity.UserManager<HocVuSo.Core.Features.Accounts.AppUser>>();
            var user = (await users.FindByNameAsync(app.StoredUserName(phone)))!;
            (await users.ChangePasswordAsync(user, TestApp.Password, "Mat-khau-moi-2026")).Succeeded.ShouldBeTrue();
        }

        var afterChange = await learner.GetAsync("/api/v1/learning/me/attempts");
        afterChange.StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        (await afterChange.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("code").GetString().ShouldBe("account.token_revoked");

        // Someone else types wrong passwords for the other learner until the account locks: its token stops too.
        for (var i = 0; i < 5; i++)
        {
            await app.CreateClient().PostAsJsonAsync("/api/v1/auth/token", new { userName = otherPhone, password = "Sai-mat-khau-1" });
        }

        (await other.GetAsync("/api/v1/learning/me/attempts")).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task PeopleOutsideScope_LookExactlyLikeNobody_OnRevealSignOffAndAssist(string provider)
    {
        var app = await TestApp.GetAsync(provider);
        var (_, phone) = await app.CreateLearnerAsync();
        var outsider = await app.CreateClientAsync("officer.bacninh");
        var nobody = "09" + Random.Shared.NextInt64(10_000_000, 99_999_999).ToString(System.Globalization.CultureInfo.InvariantCulture);

        foreach (var path in new[] { "/api/v1/identity/users/{0}/reveal", "/api/v1/certification/users/{0}/sign-off" })
        {
            var elsewhere = await outsider.PostAsJsonAsync(string.Format(System.Globalization.CultureInfo.InvariantCulture, path, phone), new { });
            var unknown = await outsider.PostAsJsonAsync(string.Format(System.Globalization.CultureInfo.InvariantCulture, path, nobody), new { });
            elsewhere.StatusCode.ShouldBe(HttpStatusCode.NotFound, path);
            unknown.StatusCode.ShouldBe(HttpStatusCode.NotFound, path);
            var a = await elsewhere.Content.ReadFromJsonAsync<JsonElement>();
            var b = await unknown.Content.ReadFromJsonAsync<JsonElement>();
            a.GetProperty("code").GetString().ShouldBe(b.GetProperty("code").GetString(), path);
            a.GetProperty("detail").GetString()!.Replace(phone, "#", StringComparison.Ordinal).ShouldBe(b.GetProperty("detail").GetString()!.Replace(nobody, "#", StringComparison.Ordinal), path);
        }

        // On /assist, a team member of Ea Trang asking for a learner of another commune gets the answer for nobody.
        var (_, farPhone) = await app.CreateLearnerAsync("24193");
        var member = await SignedInBrowserAsync(app, "team.eatrang");
        async Task<string> AssistErrorAsync(string typed)
        {
            var answer = await member.SubmitFormAsync("/assist", new Dictionary<string, string> { ["learner"] = typed }, actionContains: "Start");
            var error = (await answer.ParseAsync()).QuerySelector("#learner + span.error");
            return (error?.TextContent ?? string.Empty).Replace(typed, "#", StringComparison.Ordinal).Trim();
        }

        var far = await AssistErrorAsync(farPhone);
        far.ShouldNotBeEmpty();
        far.ShouldBe(await AssistErrorAsync(nobody));
    }

    [Theory]
    [InlineData("/hoc-tap/bài-học?x=ả", "/hoc-tap/b%C3%A0i-h%E1%BB%8Dc?x=%E1%BA%A3")]
    [InlineData("/learn", "/learn")]
    [InlineData("https://evil.example/", "/")]
    [InlineData("//evil.example/", "/")]
    [InlineData("/\\evil.example/", "/")]
    [InlineData("/\r\nSet-Cookie: a=b", "/")]
    [InlineData("javascript:alert(1)", "/")]
    [InlineData("\ud800", "/")]
    public async Task Settings_WithAnyReturnAddress_GoBackOnlyWithinTheSite_NeverFail(string returnUrl, string expected)
    {
        var app = await TestApp.GetAsync("Sqlite");
        var client = app.CreateClient();
        returnUrl = System.Text.RegularExpressions.Regex.Unescape(returnUrl);

        foreach (var handler in new[] { "TextSize", "Language", "Contrast" })
        {
            var response = await client.PostAsync("/Settings?handler=" + handler, new FormUrlEncodedContent(new Dictionary<string, string> { ["returnUrl"] = returnUrl, ["step"] = "1", ["culture"] = "vi" }));

            response.StatusCode.ShouldBe(HttpStatusCode.Redirect, handler);
            response.Headers.Location!.OriginalString.ShouldBe(expected, handler);
        }
    }
}
