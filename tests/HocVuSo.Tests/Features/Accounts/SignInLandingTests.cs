using System.Net;
using HocVuSo.Core.Features.Accounts;
using HocVuSo.Tests.Infrastructure;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;

namespace HocVuSo.Tests.Features.Accounts;

/// <summary>Each role lands where its work is after signing in, unless a safe local return address says otherwise.</summary>
public class SignInLandingTests
{
    public static TheoryData<string> Providers => TestApp.Providers;

    [Theory]
    [InlineData("TeamMember", "24445-001", "/team/app")]
    [InlineData("CommuneOfficer", "24445", "/units/24445/dashboard")]
    [InlineData("ProvinceOfficer", "66", "/units/66/dashboard")]
    [InlineData("NationalViewer", "VN", "/units/VN/dashboard")]
    [InlineData("ContentAuthor", "VN", "/author")]
    public async Task PasswordSignIn_LandsWhereTheRolesWorkIs(string role, string unit, string landing)
    {
        var app = await TestApp.GetAsync("Sqlite");
        var userName = await CreateStaffAsync(app, role, unit);

        var login = await app.CreateClient().SubmitFormAsync("/Account/Login", new Dictionary<string, string> { ["Input.UserName"] = userName, ["Input.Password"] = TestApp.Password });

        login.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        login.Headers.Location!.OriginalString.ShouldBe(landing);
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task Learner_LandsOnTheirCourses_NotOnTheStaffPage(string provider)
    {
        var app = await TestApp.GetAsync(provider);
        var (_, phone) = await app.CreateLearnerAsync();
        var client = app.CreateClient();

        var login = await client.SubmitFormAsync("/Account/Login", new Dictionary<string, string> { ["Input.UserName"] = phone, ["Input.Password"] = TestApp.Password });

        login.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        login.Headers.Location!.OriginalString.ShouldBe("/learn");
        (await client.GetAsync("/learn")).StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task SafeLocalReturnUrl_IsRespected_AndAForeignOneIsNot()
    {
        var app = await TestApp.GetAsync("Sqlite");
        var userName = await CreateStaffAsync(app, "CommuneOfficer", "24445");

        var back = await app.CreateClient().SubmitFormAsync("/Account/Login?ReturnUrl=%2Funits%2F24445%2Fteams", new Dictionary<string, string> { ["Input.UserName"] = userName, ["Input.Password"] = TestApp.Password });
        var foreign = await app.CreateClient().SubmitFormAsync("/Account/Login?ReturnUrl=https%3A%2F%2Fevil.example%2F", new Dictionary<string, string> { ["Input.UserName"] = userName, ["Input.Password"] = TestApp.Password });

        back.Headers.Location!.OriginalString.ShouldBe("/units/24445/teams");
        foreign.Headers.Location!.OriginalString.ShouldBe("/units/24445/dashboard");
    }

    [Theory]
    [InlineData("ProvinceApprover", "66", "/units/66/dashboard#reports-heading")]
    [InlineData("CommuneApprover", "24445", "/units/24445/dashboard")]
    [InlineData("SystemAdministrator", "VN", "/staff")]
    public async Task TwoFactorSignIn_LandsWhereTheRolesWorkIs(string role, string unit, string landing)
    {
        var app = await TestApp.GetAsync("Sqlite");
        var userName = await CreateStaffAsync(app, role, unit);
        string key;
        await using (var scope = app.Services.CreateAsyncScope())
        {
            var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
            var user = (await users.FindByNameAsync(userName))!;
            await users.ResetAuthenticatorKeyAsync(user);
            key = (await users.GetAuthenticatorKeyAsync(user))!;
            await users.SetTwoFactorEnabledAsync(user, true);
        }

        var client = app.CreateClient();
        var login = await client.SubmitFormAsync("/Account/Login", new Dictionary<string, string> { ["Input.UserName"] = userName, ["Input.Password"] = TestApp.Password });
        login.Headers.Location!.OriginalString.ShouldStartWith("/Account/LoginWith2fa");
        var coded = await client.SubmitFormAsync(login.Headers.Location!.OriginalString, new Dictionary<string, string> { ["Code"] = Totp.Code(key, DateTimeOffset.UtcNow) });

        coded.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        coded.Headers.Location!.OriginalString.ShouldBe(landing);
    }

    private static async Task<string> CreateStaffAsync(TestApp app, string role, string unit)
    {
        var userName = "landing." + Guid.NewGuid().ToString("N")[..8];
        await using var scope = app.Services.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<ScopeService>().UseSystemScope();
        var created = await scope.ServiceProvider.GetRequiredService<CreateStaff.Handler>()
            .HandleAsync(new CreateStaff.Command(userName, "Người thử vai trò", null, null, role, unit, TestApp.Password), CancellationToken.None);
        created.IsSuccess.ShouldBeTrue(string.Join("; ", created.Errors.Select(e => e.Code)));
        return userName;
    }
}
