using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using HocVuSo.Core.Features.Accounts;
using HocVuSo.Core.Features.Audit;
using HocVuSo.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace HocVuSo.Tests.Features.Accounts;

public class AuthTests
{
    public static TheoryData<string> Providers => TestApp.Providers;

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task Token_IsIssuedForGoodCredentials_AndAudited(string provider)
    {
        var app = await TestApp.GetAsync(provider);

        var response = await app.CreateClient().PostAsJsonAsync("/api/v1/auth/token", new { userName = "officer.eatrang", password = TestApp.Password });

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        var token = await response.Content.ReadFromJsonAsync<JsonElement>();
        token.GetProperty("accessToken").GetString()!.Length.ShouldBeGreaterThan(20);
        token.GetProperty("tokenType").GetString().ShouldBe("Bearer");
        var audited = await app.ExecuteDbAsync(db => db.AuditEntries.AnyAsync(a => a.Action == AuditActions.SignIn && a.ActorName == "officer.eatrang"));
        audited.ShouldBeTrue();
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task Token_IsRefusedForAWrongPassword_AndFailuresLockTheAccount(string provider)
    {
        var app = await TestApp.GetAsync(provider);
        var client = await app.CreateClientAsync("officer.daklak");
        var userName = "lock." + Guid.NewGuid().ToString("N")[..8];
        var created = await client.PostAsJsonAsync("/api/v1/staff", new { userName, fullName = "Khóa Thử", role = "CommuneOfficer", unitCode = "24193", password = "Mat-khau-2026" });
        created.StatusCode.ShouldBe(HttpStatusCode.Created);
        var anonymous = app.CreateClient();

        for (var i = 0; i < 5; i++)
        {
            (await anonymous.PostAsJsonAsync("/api/v1/auth/token", new { userName, password = "wrong-password" })).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        }

        var locked = await anonymous.PostAsJsonAsync("/api/v1/auth/token", new { userName, password = "Mat-khau-2026" });
        locked.StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        // Locked, unknown and a wrong password look the same: the answer never says whether the account exists.
        var lockedProblem = await locked.Content.ReadFromJsonAsync<JsonElement>();
        lockedProblem.GetProperty("code").GetString().ShouldBe("account.bad_credentials");
        lockedProblem.GetProperty("detail").GetString()!.ShouldContain("tạm khóa");
        var unknown = await anonymous.PostAsJsonAsync("/api/v1/auth/token", new { userName = "khong.co." + Guid.NewGuid().ToString("N")[..8], password = "Mat-khau-2026" });
        unknown.StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        var unknownProblem = await unknown.Content.ReadFromJsonAsync<JsonElement>();
        unknownProblem.GetProperty("code").GetString().ShouldBe("account.bad_credentials");
        unknownProblem.GetProperty("detail").GetString().ShouldBe(lockedProblem.GetProperty("detail").GetString());
        var failures = await app.ExecuteDbAsync(db => db.AuditEntries.CountAsync(a => a.ActorName == userName && a.Action == AuditActions.SignInFailed));
        failures.ShouldBeGreaterThanOrEqualTo(4);
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task Approver_WithoutTwoFactor_IsSentToEnrol_AndCannotWriteThroughTheApi(string provider)
    {
        var app = await TestApp.GetAsync(provider);
        var web = app.CreateClient();
        var login = await web.SubmitFormAsync("/Account/Login", new Dictionary<string, string> { ["Input.UserName"] = "approver.eatrang", ["Input.Password"] = TestApp.Password });
        login.StatusCode.ShouldBe(HttpStatusCode.Redirect);

        var staffPage = await web.GetAsync("/staff");

        staffPage.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        staffPage.Headers.Location!.ToString().ShouldBe("/Account/EnableAuthenticator");
        // The session lets them enrol and nothing else: not even reading through the API.
        (await web.GetAsync("/api/v1/reporting/status?unit=24445")).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        var token = await app.CreateClient().PostAsJsonAsync("/api/v1/auth/token", new { userName = "approver.eatrang", password = TestApp.Password });
        token.StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await token.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("code").GetString().ShouldBe("account.two_factor_enrolment_required");
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task NewAdministrator_EnrolsTotp_ThenNeedsTheCodeToSignIn(string provider)
    {
        var app = await TestApp.GetAsync(provider);
        var userName = "admin2." + Guid.NewGuid().ToString("N")[..6];
        await using (var scope = app.Services.CreateAsyncScope())
        {
            scope.ServiceProvider.GetRequiredService<ScopeService>().UseSystemScope();
            var created = await scope.ServiceProvider.GetRequiredService<CreateStaff.Handler>()
                .HandleAsync(new CreateStaff.Command(userName, "Quản trị thử", null, null, "SystemAdministrator", "VN", TestApp.Password), CancellationToken.None);
            created.IsSuccess.ShouldBeTrue();
        }

        // Before enrolling, a password alone gets no API token.
        var beforeEnrolment = await app.CreateClient().PostAsJsonAsync("/api/v1/auth/token", new { userName, password = TestApp.Password });
        beforeEnrolment.StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await beforeEnrolment.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("code").GetString().ShouldBe("account.two_factor_enrolment_required");

        var web = app.CreateClient();
        (await web.SubmitFormAsync("/Account/Login", new Dictionary<string, string> { ["Input.UserName"] = userName, ["Input.Password"] = TestApp.Password }))
            .StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var enrol = await web.GetPageAsync("/Account/EnableAuthenticator");
        var key = enrol.QuerySelector("#shared-key")!.TextContent;
        var code = Totp.Code(key, DateTimeOffset.UtcNow);
        var enabled = await web.SubmitFormAsync("/Account/EnableAuthenticator", new Dictionary<string, string> { ["Code"] = code });
        enabled.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        enabled.Headers.Location!.ToString().ShouldBe("/staff");
        (await web.GetAsync("/staff")).StatusCode.ShouldBe(HttpStatusCode.OK);

        var anonymous = app.CreateClient();
        var withoutCode = await anonymous.PostAsJsonAsync("/api/v1/auth/token", new { userName, password = TestApp.Password });
        withoutCode.StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        (await withoutCode.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("code").GetString().ShouldBe("account.two_factor_code_required");
        var withCode = await anonymous.PostAsJsonAsync("/api/v1/auth/token", new { userName, password = TestApp.Password, twoFactorCode = Totp.Code(key, DateTimeOffset.UtcNow) });
        withCode.StatusCode.ShouldBe(HttpStatusCode.OK);
        var twoFactorOn = await app.ExecuteDbAsync(db => db.Users.Where(u => u.UserName == userName).Select(u => u.TwoFactorEnabled).SingleAsync());
        twoFactorOn.ShouldBeTrue();
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task LostAuthenticator_IsResetByAnOfficerInReach_EndingItsTokens_AndIsAudited(string provider)
    {
        var app = await TestApp.GetAsync(provider);
        var userName = "duyet.mat.may." + Guid.NewGuid().ToString("N")[..6];
        var officer = await app.CreateClientAsync("officer.eatrang");
        (await officer.PostAsJsonAsync("/api/v1/staff", new { userName, fullName = "Người Duyệt Mất Máy", phone = "091" + Random.Shared.Next(1_000_000, 9_999_999).ToString(System.Globalization.CultureInfo.InvariantCulture), role = "CommuneApprover", unitCode = "24445", password = TestApp.Password }))
            .StatusCode.ShouldBe(HttpStatusCode.Created);
        var approver = await app.CreateTwoFactorClientAsync(userName);
        (await approver.GetAsync("/api/v1/units/24445")).StatusCode.ShouldBe(HttpStatusCode.OK);

        // Another province's officer cannot reach the account: it looks unknown; a reason is required.
        var elsewhere = await app.CreateClientAsync("officer.bacninh");
        (await elsewhere.PostAsJsonAsync($"/api/v1/staff/{userName}/two-factor/reset", new { reason = "Mất điện thoại" })).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await officer.PostAsJsonAsync($"/api/v1/staff/{userName}/two-factor/reset", new { reason = "" })).StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await approver.GetAsync("/api/v1/units/24445")).StatusCode.ShouldBe(HttpStatusCode.OK);

        var reset = await officer.PostAsJsonAsync($"/api/v1/staff/{userName}/two-factor/reset", new { reason = "Mất điện thoại; đã gặp trực tiếp, đối chiếu CCCD" });
        reset.StatusCode.ShouldBe(HttpStatusCode.NoContent);

        // The token in hand stops, and the password alone is sent to enrol a new app.
        (await approver.GetAsync("/api/v1/units/24445")).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        var again = await app.CreateClient().PostAsJsonAsync("/api/v1/auth/token", new { userName, password = TestApp.Password });
        again.StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await again.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("code").GetString().ShouldBe("account.two_factor_enrolment_required");
        var userId = await app.ExecuteDbAsync(db => db.Users.Where(u => u.UserName == userName).Select(u => u.Id).SingleAsync());
        var audit = await app.ExecuteDbAsync(db => db.AuditEntries.Where(a => a.Action == "account.two_factor_reset" && a.EntityKey == userId).ToListAsync());
        audit.ShouldHaveSingleItem().Reason.ShouldBe("Mất điện thoại; đã gặp trực tiếp, đối chiếu CCCD");
        (await app.ExecuteDbAsync(db => db.OutboxMessages.CountAsync(m => m.Reference == userId && m.IdempotencyKey.StartsWith("account-notice:TwoFactorReset")))).ShouldBe(1);
    }
}
