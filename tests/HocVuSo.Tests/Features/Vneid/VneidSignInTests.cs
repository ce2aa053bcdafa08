using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using HocVuSo.Core.Features.Certification;
using HocVuSo.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace HocVuSo.Tests.Features.Vneid;

/// <summary>Sign-in with VNeID through the sandbox on the test server, redirects followed by hand with a cookie client like a browser's.</summary>
public class VneidSignInTests
{
    public static TheoryData<string> Providers => TestApp.Providers;

    private const string Callback = "http://localhost/signin-vneid";

    private static Uri Absolute(HttpClient client, Uri location) => location.IsAbsoluteUri ? location : new Uri(client.BaseAddress!, location);

    /// <summary>Starts at the sign-in page, picks the citizen at the sandbox, and follows the platform's redirects to wherever it lands.</summary>
    private static async Task<(HttpClient Client, Uri Landing)> SignInAsync(TestApp app, string fullName, string number, int birthYear, string gender, HttpClient? client = null)
    {
        client ??= app.CreateClient();
        var login = await client.GetPageAsync("/Account/Login");
        login.QuerySelector("button.vneid-button")!.TextContent.ShouldBe("Đăng nhập bằng VNeID");

        var challenge = await client.SubmitFormAsync("/Account/Login", new Dictionary<string, string>(), "handler=Vneid");
        challenge.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var authorize = challenge.Headers.Location!;
        authorize.OriginalString.ShouldStartWith("/sandbox/vneid/authorize?");
        authorize.OriginalString.ShouldContain("code_challenge_method=S256");
        authorize.OriginalString.ShouldContain("redirect_uri=" + Uri.EscapeDataString(Callback));

        var back = await client.SubmitFormAsync(authorize.OriginalString, new Dictionary<string, string>
        {
            ["Citizen"] = "-1",
            ["FullName"] = fullName,
            ["PersonalIdNumber"] = number,
            ["BirthYear"] = birthYear.ToString(CultureInfo.InvariantCulture),
            ["Gender"] = gender,
        });
        back.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        back.Headers.Location!.GetLeftPart(UriPartial.Path).ShouldBe(Callback);

        var response = await client.GetAsync(back.Headers.Location);
        var hops = 0;
        while (response.StatusCode == HttpStatusCode.Redirect && hops++ < 5)
        {
            var next = Absolute(client, response.Headers.Location!);
            if (!next.AbsolutePath.StartsWith("/Account/Vneid", StringComparison.Ordinal))
            {
                return (client, next);
            }

            response = await client.GetAsync(next);
        }

        response.StatusCode.ShouldBe(HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        return (client, response.RequestMessage!.RequestUri!);
    }

    private static async Task<string> AuditTextAsync(TestApp app) =>
        string.Join("\n", await app.ExecuteDbAsync(db => db.AuditEntries.Select(a => a.Action + " " + a.OldValue + " " + a.NewValue + " " + a.ActorName).ToListAsync()));

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task NewCitizen_GetsALearnerAccount_ChoosesTheirCommune_AndIsRecognisedNextTime(string provider)
    {
        var app = await TestApp.GetAsync(provider);
        var number = VneidClientTests.NewNumber();

        var (client, landing) = await SignInAsync(app, "Hờ Thị  Mai", number, 1990, "female");

        landing.AbsolutePath.ShouldBe("/Account/VneidCommune");
        var me = await client.GetFromJsonAsync<JsonElement>("/api/v1/identity/me");
        me.GetProperty("masked").GetString().ShouldBe("066•••••••" + number[^2..]);
        var userName = me.GetProperty("userName").GetString()!;
        userName.ShouldStartWith("vneid.");

        var chosen = await client.SubmitFormAsync("/Account/VneidCommune?commune=24445", new Dictionary<string, string> { ["UnitCode"] = "24445-003" });
        chosen.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        chosen.Headers.Location!.OriginalString.ShouldBe("/learn");

        var protector = app.Services.GetRequiredService<PersonalDataProtector>();
        var hash = protector.Hash(PersonalIdNumbers.Purpose, number);
        var stored = await app.ExecuteDbAsync(async db =>
        {
            var identity = await db.PersonIdentities.SingleAsync(p => p.IdNumberHash == hash);
            var user = await db.Users.SingleAsync(u => u.Id == identity.UserId);
            var unit = await db.Units.SingleAsync(u => u.Id == user.HomeUnitId);
            var logins = await db.UserLogins.Where(l => l.UserId == user.Id).Select(l => l.LoginProvider + ":" + l.ProviderKey).ToListAsync();
            return (identity, user, unit.Code, logins);
        });
        stored.user.UserName.ShouldBe(userName);
        stored.user.FullName.ShouldBe("Hờ Thị Mai");
        stored.Code.ShouldBe("24445-003");
        stored.identity.VneidVerifiedAt.ShouldNotBeNull();
        stored.identity.BirthYear.ShouldBe(1990);
        stored.identity.Gender.ShouldBe(PersonGender.Female);
        protector.Unprotect(new ProtectedValue(stored.identity.KeyId, stored.identity.IdNumberCipher), PersonalIdNumbers.Purpose + "\n" + stored.user.Id).ShouldBe(number);
        stored.logins.ShouldBe([$"VNeID:{stored.identity.VneidSubject}"]);

        // Next time the same citizen goes straight in, as the same person.
        var (again, secondLanding) = await SignInAsync(app, "Hờ Thị Mai", number, 1990, "female");
        secondLanding.AbsolutePath.ShouldBe("/learn");
        (await again.GetFromJsonAsync<JsonElement>("/api/v1/identity/me")).GetProperty("userName").GetString().ShouldBe(userName);
        (await app.ExecuteDbAsync(db => db.PersonIdentities.CountAsync(p => p.IdNumberHash == hash))).ShouldBe(1);

        var audit = await AuditTextAsync(app);
        audit.ShouldNotContain(number);
        var entries = await app.ExecuteDbAsync(db => db.AuditEntries.Where(a => a.ActorUserId == stored.user.Id).Select(a => a.Action + " " + a.NewValue).ToListAsync());
        entries.Count(e => e.StartsWith(LinkVneidIdentity.RegisteredAction, StringComparison.Ordinal)).ShouldBe(1);
        entries.Count(e => e.StartsWith(LinkVneidIdentity.LinkedAction, StringComparison.Ordinal)).ShouldBe(2);
        entries.Count(e => e.StartsWith("account.sign_in ", StringComparison.Ordinal) && e.Contains("\"channel\":\"vneid\"", StringComparison.Ordinal)).ShouldBe(2);
        entries.ShouldContain(e => e.StartsWith(ChooseHomeUnit.AuditAction, StringComparison.Ordinal));
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task ExistingLearner_WithTheSameNumber_IsSignedInAsThemselves(string provider)
    {
        var app = await TestApp.GetAsync(provider);
        var (learner, userName) = await app.CreateLearnerAsync();
        var number = VneidClientTests.NewNumber();
        (await learner.PutAsJsonAsync("/api/v1/identity/me", new { cccd = number, birthYear = 1990, gender = "nữ" })).StatusCode.ShouldBe(HttpStatusCode.OK);
        var usersBefore = await app.ExecuteDbAsync(db => db.Users.CountAsync());

        var (client, landing) = await SignInAsync(app, "Tên Trên VNeID", number, 1990, "female");

        landing.AbsolutePath.ShouldBe("/learn");
        (await client.GetFromJsonAsync<JsonElement>("/api/v1/identity/me")).GetProperty("userName").GetString().ShouldBe(app.StoredUserName(userName));
        (await app.ExecuteDbAsync(db => db.Users.CountAsync())).ShouldBeLessThanOrEqualTo(usersBefore + 1); // other tests may register people meanwhile
        // Names are encrypted at rest (no SQL comparison): compared in memory, over the test database's few hundred people.
        (await app.ExecuteDbAsync(db => db.Users.Select(u => u.FullName).ToListAsync())).ShouldNotContain("Tên Trên VNeID");
        (await app.ExecuteDbAsync(db => db.Users.Where(u => u.UserName == app.StoredUserName(userName)).Select(u => u.FullName).SingleAsync())).ShouldBe("Người Học Thử");
        var identity = await app.ExecuteDbAsync(db => db.PersonIdentities.SingleAsync(p => p.UserId == db.Users.Single(u => u.UserName == app.StoredUserName(userName)).Id));
        identity.VneidVerifiedAt.ShouldNotBeNull();
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task InvalidNumberFromVneid_IsRefused_AndNoAccountIsOpened(string provider)
    {
        var app = await TestApp.GetAsync(provider);
        var client = app.CreateClient();
        var challenge = await client.SubmitFormAsync("/Account/Login", new Dictionary<string, string>(), "handler=Vneid");
        // The sandbox itself refuses a number that does not agree with the birth year, naming the problem.
        var refused = await client.SubmitFormAsync(challenge.Headers.Location!.OriginalString, new Dictionary<string, string>
        {
            ["Citizen"] = "-1", ["FullName"] = "Ai Đó", ["PersonalIdNumber"] = "066190123456", ["BirthYear"] = "1985", ["Gender"] = "female",
        });
        refused.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await refused.ParseAsync()).QuerySelector(".error")!.TextContent.ShouldContain("năm sinh 1985");

        // A cancelled sign-in comes back to the sign-in page with a message.
        var denied = await client.SubmitFormAsync(challenge.Headers.Location!.OriginalString, new Dictionary<string, string> { ["deny"] = "1" });
        var failed = await client.GetAsync(denied.Headers.Location);
        failed.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        failed.Headers.Location!.OriginalString.ShouldBe("/Account/Login?vneid=failed");
        var page = await client.GetPageAsync("/Account/Login?vneid=failed");
        page.QuerySelector(".error")!.TextContent.ShouldContain("Không đăng nhập được bằng VNeID");
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task TokenEndpoint_ChecksTheClient_TheVerifier_AndUsesEachCodeOnce(string provider)
    {
        var app = await TestApp.GetAsync(provider);
        var http = app.CreateClient();
        var verifier = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)).TrimEnd('=').Replace('+', '-').Replace('/', '_');
        var challenge = Convert.ToBase64String(SHA256.HashData(Encoding.ASCII.GetBytes(verifier))).TrimEnd('=').Replace('+', '-').Replace('/', '_');

        async Task<string> CodeAsync()
        {
            var url = $"/sandbox/vneid/authorize?response_type=code&client_id=hocvuso-sandbox&redirect_uri={Uri.EscapeDataString(Callback)}&state=s1&code_challenge={challenge}&code_challenge_method=S256";
            var back = await http.SubmitFormAsync(url, new Dictionary<string, string> { ["Citizen"] = "0" });
            var query = Microsoft.AspNetCore.WebUtilities.QueryHelpers.ParseQuery(back.Headers.Location!.Query);
            query["state"].ToString().ShouldBe("s1");
            return query["code"].ToString();
        }

        Task<HttpResponseMessage> ExchangeAsync(string code, string secret, string codeVerifier) =>
            http.PostAsync("/sandbox/vneid/token", new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["grant_type"] = "authorization_code", ["code"] = code, ["redirect_uri"] = Callback,
                ["client_id"] = "hocvuso-sandbox", ["client_secret"] = secret, ["code_verifier"] = codeVerifier,
            }));

        var code = await CodeAsync();
        (await ExchangeAsync(code, "wrong", verifier)).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        var ok = await ExchangeAsync(code, "sandbox-secret-not-for-production", verifier);
        ok.StatusCode.ShouldBe(HttpStatusCode.OK);
        var token = (await ok.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("access_token").GetString();
        var reused = await ExchangeAsync(code, "sandbox-secret-not-for-production", verifier);
        reused.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await reused.Content.ReadAsStringAsync()).ShouldContain("invalid_grant");
        (await ExchangeAsync(await CodeAsync(), "sandbox-secret-not-for-production", verifier + "x")).StatusCode.ShouldBe(HttpStatusCode.BadRequest);

        using var userInfo = new HttpRequestMessage(HttpMethod.Get, "/sandbox/vneid/userinfo");
        userInfo.Headers.Authorization = new("Bearer", token);
        var claims = await (await http.SendAsync(userInfo)).Content.ReadFromJsonAsync<JsonElement>();
        claims.GetProperty("name").GetString().ShouldBe("H'Hen Niê");
        claims.GetProperty("cccd").GetString().ShouldBe("066190001234");
        claims.GetProperty("birth_year").GetInt32().ShouldBe(1990);
        claims.GetProperty("gender").GetString().ShouldBe("female");
        claims.GetProperty("sub").GetString()!.ShouldStartWith("sbx-");
        (await http.GetAsync("/sandbox/vneid/userinfo")).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
    }
}
