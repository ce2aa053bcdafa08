using System.Net.Http.Json;
using HocVuSo.Core.Features.Accounts;
using HocVuSo.Core.Features.Certification;
using HocVuSo.Tests.Infrastructure;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace HocVuSo.Tests.Features.Vneid;

/// <summary>Linking a VNeID identity to an account, straight through the use case.</summary>
public class LinkVneidIdentityTests
{
    public static TheoryData<string> Providers => TestApp.Providers;

    private static async Task<Core.Common.Result<LinkVneidIdentity.Linked>> LinkAsync(TestApp app, string subject, string number, int birthYear = 1990, string gender = "female")
    {
        await using var scope = app.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<LinkVneidIdentity.Handler>()
            .HandleAsync(new LinkVneidIdentity.Command(subject, "Người Thử VNeID", number, birthYear, gender), CancellationToken.None);
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task ANumberLinkedToAnotherVneidSubject_IsRefused(string provider)
    {
        var app = await TestApp.GetAsync(provider);
        var number = VneidClientTests.NewNumber();

        var first = await LinkAsync(app, "subject-a-" + Guid.NewGuid().ToString("N"), number);
        var other = await LinkAsync(app, "subject-b-" + Guid.NewGuid().ToString("N"), number);

        first.IsSuccess.ShouldBeTrue();
        first.Value!.Created.ShouldBeTrue();
        other.IsSuccess.ShouldBeFalse();
        other.FirstError.Code.ShouldBe("vneid.subject_mismatch");
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task BadClaims_AreRefused_NamingEachProblem_AndNothingIsCreated(string provider)
    {
        var app = await TestApp.GetAsync(provider);
        var subject = "s-" + Guid.NewGuid().ToString("N");

        var wrongYear = await LinkAsync(app, subject, VneidClientTests.NewNumber(), birthYear: 1985);
        var noSubject = await LinkAsync(app, " ", VneidClientTests.NewNumber());

        wrongYear.Errors.Select(e => e.Code).ShouldBe(["identity.year_mismatch"]);
        noSubject.Errors.Select(e => e.Code).ShouldBe(["vneid.claims_missing"]);
        noSubject.FirstError.Field.ShouldBe("sub");
        (await app.ExecuteDbAsync(db => db.Users.AnyAsync(u => u.UserName == LinkVneidIdentity.UserNameFor(subject)))).ShouldBeFalse();
        (await app.ExecuteDbAsync(db => db.PersonIdentities.AnyAsync(p => p.VneidSubject == subject))).ShouldBeFalse();
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task TwoFirstSignInsAtOnce_OpenOneAccount(string provider)
    {
        var app = await TestApp.GetAsync(provider);
        var number = VneidClientTests.NewNumber();
        var subject = "s-" + Guid.NewGuid().ToString("N");

        var results = await Task.WhenAll(Enumerable.Range(0, 3).Select(_ => LinkAsync(app, subject, number)));

        results.ShouldAllBe(r => r.IsSuccess);
        results.Select(r => r.Value!.UserId).Distinct().ShouldHaveSingleItem();
        results.Count(r => r.Value!.Created).ShouldBe(1);
        (await app.ExecuteDbAsync(db => db.Users.CountAsync(u => u.UserName == LinkVneidIdentity.UserNameFor(subject)))).ShouldBe(1);
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task AnAccountWithTwoFactorSignIn_StillAsksForTheCode(string provider)
    {
        var app = await TestApp.GetAsync(provider);
        var (learner, userName) = await app.CreateLearnerAsync();
        var number = VneidClientTests.NewNumber();
        (await learner.PutAsJsonAsync("/api/v1/identity/me", new { cccd = number, birthYear = 1990, gender = "female" })).EnsureSuccessStatusCode();
        await using (var scope = app.Services.CreateAsyncScope())
        {
            var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
            var user = (await users.FindByNameAsync(app.StoredUserName(userName)))!;
            await users.ResetAuthenticatorKeyAsync(user);
            await users.SetTwoFactorEnabledAsync(user, true);
        }

        var client = app.CreateClient();
        var challenge = await client.SubmitFormAsync("/Account/Login", new Dictionary<string, string>(), "handler=Vneid");
        var back = await client.SubmitFormAsync(challenge.Headers.Location!.OriginalString, new Dictionary<string, string>
        {
            ["Citizen"] = "-1", ["FullName"] = "Người Có Mã", ["PersonalIdNumber"] = number, ["BirthYear"] = "1990", ["Gender"] = "female",
        });
        var callback = await client.GetAsync(back.Headers.Location);
        var signedIn = await client.GetAsync(callback.Headers.Location);

        signedIn.StatusCode.ShouldBe(System.Net.HttpStatusCode.Redirect);
        signedIn.Headers.Location!.OriginalString.ShouldStartWith("/Account/LoginWith2fa");
        (await client.GetAsync("/api/v1/identity/me")).StatusCode.ShouldBe(System.Net.HttpStatusCode.Unauthorized);
    }
}
