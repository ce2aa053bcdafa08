using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using HocVuSo.Core.Features.Audit;
using HocVuSo.Core.Features.Messaging;
using HocVuSo.Tests.Features.Certification;
using HocVuSo.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace HocVuSo.Tests.Features.Accounts;

/// <summary>
/// A learner registered by a team member: the member never knows a password of theirs; the learner
/// activates the account with a one-time code on their own phone; sign-ins on the member's device
/// are assisted and never certify as unassisted.
/// </summary>
public class ActivationTests
{
    public static TheoryData<string> Providers => TestApp.Providers;

    private const string OwnPassword = "Rieng@2026tu";

    private static string NewPhone() => "08" + Random.Shared.Next(10_000_000, 99_999_999).ToString(System.Globalization.CultureInfo.InvariantCulture);

    private static async Task<HttpClient> SignInAsync(TestApp app, string userName, string password = TestApp.Password, HttpClient? client = null)
    {
        client ??= app.CreateClient();
        var login = await client.SubmitFormAsync("/Account/Login", new Dictionary<string, string> { ["Input.UserName"] = userName, ["Input.Password"] = password });
        login.StatusCode.ShouldBe(HttpStatusCode.Redirect, $"sign-in of {userName}");
        return client;
    }

    /// <summary>The member registers a citizen on the assist page, trying to set a password of their choosing too.</summary>
    private static async Task<string> RegisterByHelperAsync(TestApp app, HttpClient member, string phone)
    {
        var registered = await member.SubmitFormAsync("/assist", new Dictionary<string, string>
        {
            ["Input.UnitCode"] = "24445-001", ["Input.FullName"] = "H'Nhi Êban", ["Input.PhoneOrEmail"] = phone, ["Input.Password"] = TestApp.Password, ["Input.ConsentLearning"] = "true",
        }, actionContains: "Register");
        registered.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await registered.ParseAsync()).QuerySelector("#assist-registered").ShouldNotBeNull();
        return await app.ExecuteDbAsync(db => db.Users.Where(u => u.UserName == app.StoredUserName(phone)).Select(u => u.Id).SingleAsync());
    }

    /// <summary>The code, as the learner's SMS carries it (the outbox message to their phone).</summary>
    private static async Task<string> CodeSentToAsync(TestApp app, string userId, string phone)
    {
        var message = await app.ExecuteDbAsync(db => db.OutboxMessages.AsNoTracking()
            .Where(m => m.Type == Notifications.SmsType && m.IdempotencyKey.StartsWith("account-activation:") && m.Reference == userId)
            .OrderByDescending(m => m.Id).FirstAsync());
        var payload = JsonSerializer.Deserialize<JsonElement>(message.Payload);
        payload.GetProperty("recipient").GetString().ShouldBe(phone);
        return Regex.Match(payload.GetProperty("body").GetString()!, @"\b\d{8}\b").Value;
    }

    private static Task<HttpResponseMessage> TokenAsync(TestApp app, string userName, string password) =>
        app.CreateClient().PostAsJsonAsync("/api/v1/auth/token", new { userName, password });

    private static Task<HttpResponseMessage> ActivateAsync(TestApp app, string phone, string code, string password = OwnPassword) =>
        app.CreateClient().PostAsJsonAsync("/api/v1/auth/activate", new { phoneOrEmail = phone, code, password });

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task HelperCannotSignInAsTheLearner_TheLearnerActivatesOnceWithTheCode_AndSignsIn(string provider)
    {
        var app = await TestApp.GetAsync(provider);
        var phone = NewPhone();
        var member = await SignInAsync(app, "team.eatrang");
        var userId = await RegisterByHelperAsync(app, member, phone);

        (await app.ExecuteDbAsync(db => db.Users.Where(u => u.Id == userId).Select(u => u.PasswordHash).SingleAsync())).ShouldBeNull();
        (await TokenAsync(app, phone, TestApp.Password)).StatusCode.ShouldBe(HttpStatusCode.Unauthorized, "the password the helper typed was never set");
        var web = await app.CreateClient().SubmitFormAsync("/Account/Login", new Dictionary<string, string> { ["Input.UserName"] = phone, ["Input.Password"] = TestApp.Password });
        web.StatusCode.ShouldBe(HttpStatusCode.OK);

        var code = await CodeSentToAsync(app, userId, phone);
        code.Length.ShouldBe(8);
        var stored = await app.ExecuteDbAsync(db => db.AccountActivations.AsNoTracking().SingleAsync(a => a.UserId == userId));
        stored.CodeHash.Length.ShouldBe(32);
        stored.CodeHash.ShouldNotBe(System.Text.Encoding.UTF8.GetBytes(code));
        var wrong = await ActivateAsync(app, phone, code == "12345678" ? "87654321" : "12345678");
        wrong.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await wrong.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("code").GetString().ShouldBe("activation.invalid");
        (await ActivateAsync(app, phone, code, "ngan")).StatusCode.ShouldBe(HttpStatusCode.BadRequest, "a weak password is refused and the code stays usable");

        var activated = await ActivateAsync(app, phone, code);

        activated.StatusCode.ShouldBe(HttpStatusCode.OK, await activated.Content.ReadAsStringAsync());
        (await TokenAsync(app, phone, OwnPassword)).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await TokenAsync(app, phone, TestApp.Password)).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        (await ActivateAsync(app, phone, code, "Khac@2026abc")).StatusCode.ShouldBe(HttpStatusCode.BadRequest, "a code works once");
        (await TokenAsync(app, phone, "Khac@2026abc")).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        (await app.ExecuteDbAsync(db => db.AuditEntries.CountAsync(a => a.Action == AuditActions.AccountActivated && a.EntityKey == userId))).ShouldBe(1);
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task ActivationCode_Expires_AndTheActivatePageTakesTheCodeFromItsLink(string provider)
    {
        var app = await TestApp.GetAsync(provider);
        var phone = NewPhone();
        var member = await SignInAsync(app, "team.eatrang");
        var userId = await RegisterByHelperAsync(app, member, phone);
        var code = await CodeSentToAsync(app, userId, phone);

        var page = await app.CreateClient().GetPageAsync("/Account/Activate?code=" + code);
        page.QuerySelector("input[name='Input.Code']")!.GetAttribute("value").ShouldBe(code);

        await app.ExecuteDbAsync(db => db.AccountActivations.Where(a => a.UserId == userId)
            .ExecuteUpdateAsync(s => s.SetProperty(a => a.ExpiresAt, DateTime.UtcNow.AddMinutes(-1))));
        var expired = await app.CreateClient().SubmitFormAsync("/Account/Activate?code=" + code, new Dictionary<string, string>
        {
            ["Input.PhoneOrEmail"] = phone, ["Input.Code"] = code, ["Input.Password"] = OwnPassword,
        });

        expired.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await expired.ParseAsync()).QuerySelector("[data-valmsg-for='Input.Code']")!.TextContent.ShouldContain("hết hạn");
        (await TokenAsync(app, phone, OwnPassword)).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task LearnerSignInOnTheHelpersDevice_IsAssisted_AndDoesNotCertifyAsUnassisted(string provider)
    {
        var app = await TestApp.GetAsync(provider);
        var phone = NewPhone();
        var member = await SignInAsync(app, "team.eatrang");
        var userId = await RegisterByHelperAsync(app, member, phone);
        (await ActivateAsync(app, phone, await CodeSentToAsync(app, userId, phone))).StatusCode.ShouldBe(HttpStatusCode.OK);
        var helperId = await CertificationHelpers.UserIdAsync(app, "team.eatrang");

        // The learner signs in with their own password, but in the helper's browser while the helper is signed in there.
        await SignInAsync(app, phone, OwnPassword, member);
        await member.UseApiAntiforgeryAsync();
        var finalAttemptId = await CertificationHelpers.PassFinalAsync(app, member);

        // Every attempt on the helper's device (the module quizzes and the final test) is assisted by the helper.
        var attempts = await app.ExecuteDbAsync(db => db.QuizAttempts.AsNoTracking().Where(a => a.UserId == userId).ToListAsync());
        attempts.ShouldContain(a => a.Id == finalAttemptId);
        attempts.ShouldAllBe(a => a.Assisted && a.AssistedByUserId == helperId);
        var signIn = await app.ExecuteDbAsync(db => db.AuditEntries.AsNoTracking().SingleAsync(a => a.Action == AuditActions.AssistedSignIn && a.EntityKey == userId));
        signIn.NewValue!.ShouldContain(helperId);
        var certification = await CertificationHelpers.MyCertificationAsync(member);
        certification.GetProperty("certified").GetBoolean().ShouldBeFalse();
        certification.GetProperty("status").GetString().ShouldBe("awaiting-sign-off");

        // On their own phone the same learner is not assisted.
        await SignInAsync(app, phone, OwnPassword);
        (await app.ExecuteDbAsync(db => db.AuditEntries.CountAsync(a => a.Action == AuditActions.AssistedSignIn && a.EntityKey == userId))).ShouldBe(1);
    }
}
