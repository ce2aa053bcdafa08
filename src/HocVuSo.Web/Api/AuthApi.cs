using HocVuSo.Core.Data;
using HocVuSo.Core.Features.Accounts;
using HocVuSo.Web.Hosting;
using Microsoft.AspNetCore.Identity;

namespace HocVuSo.Web.Api;

public sealed record TokenRequest(string? UserName, string? Password, string? TwoFactorCode);

public sealed record ActivationRequest(string? PhoneOrEmail, string? Code, string? Password);

public static class AuthApi
{
    public static IEndpointRouteBuilder MapAuthApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v1/auth").WithTags("Auth");
        group.MapPost("/token", IssueTokenAsync)
            .WithName("IssueToken")
            .WithSummary("Exchanges a user name and password (and a two-factor code when enrolled) for an Identity bearer token.")
            .AllowAnonymous();
        group.MapPost("/activate", async (ActivationRequest r, HttpResponse response, AccountAttempts attempts, ActivateAccount.Handler handler, ErrorMessages messages, CancellationToken ct) =>
                !string.IsNullOrWhiteSpace(r.PhoneOrEmail) && await attempts.AttemptAsync(AccountAttempts.Door.Activation, r.PhoneOrEmail, ct) is { } wait
                    ? Results.StatusCode(AccountAttempts.Refuse(response, wait))
                    : (await handler.HandleAsync(new ActivateAccount.Command(r.PhoneOrEmail, r.Code, r.Password), ct)).ToHttp(messages, a => TypedResults.Ok(new { userName = a.UserName })))
            .WithName("ActivateAccount")
            .WithSummary("A learner registered by a team member sets their own password with the one-time code sent to their phone or e-mail (single use, 24 hours, void after 5 wrong codes); then signs in with /token.")
            .AllowAnonymous();
        return app;
    }

    /// <summary>
    /// Staff and learners get a bearer token for the API with the same credentials as the web.
    /// Failed attempts count towards lock-out; every attempt is audited; attempts at one account are
    /// limited (<see cref="AccountAttempts"/>) before anything about it is looked up.
    /// </summary>
    private static async Task<IResult> IssueTokenAsync(TokenRequest request, HttpResponse response, AccountAttempts attempts, SignInManager<AppUser> signIn, SignInAudit audit, LoginNames loginNames,
        AppDbContext db, ErrorMessages messages, CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(request.UserName) || string.IsNullOrEmpty(request.Password))
        {
            return messages.ToProblem([Core.Common.Errors.Invalid("account.credentials_required", "userName")]);
        }

        if (await attempts.AttemptAsync(AccountAttempts.Door.SignIn, request.UserName, ct) is { } wait)
        {
            return Results.StatusCode(AccountAttempts.Refuse(response, wait));
        }

        var userName = loginNames.Resolve(request.UserName);
        signIn.AuthenticationScheme = IdentityConstants.BearerScheme;
        // A role that must use two-factor sign-in gets no token before its authenticator is enrolled (on the web).
        if (await signIn.UserManager.FindByNameAsync(userName) is { TwoFactorEnabled: false } user && await IdentitySetup.MustUseTwoFactorAsync(db, user, ct))
        {
            var checkedPassword = await signIn.CheckPasswordSignInAsync(user, request.Password, lockoutOnFailure: true);
            await audit.RecordAsync(userName, checkedPassword.Succeeded ? SignInResult.TwoFactorRequired : checkedPassword, "api", ct);
            return checkedPassword.Succeeded
                ? messages.ToProblem([new Core.Common.Error("account.two_factor_enrolment_required", Core.Common.ErrorKind.Forbidden)])
                : messages.ToProblem([new Core.Common.Error("account.bad_credentials")], StatusCodes.Status401Unauthorized);
        }

        var result = await signIn.PasswordSignInAsync(userName, request.Password, isPersistent: false, lockoutOnFailure: true);
        if (result.RequiresTwoFactor && !string.IsNullOrWhiteSpace(request.TwoFactorCode))
        {
            result = await signIn.TwoFactorAuthenticatorSignInAsync(request.TwoFactorCode.Replace(" ", string.Empty, StringComparison.Ordinal), false, false);
        }

        await audit.RecordAsync(userName, result, "api", ct);
        if (result.Succeeded)
        {
            // The bearer handler has written {"tokenType","accessToken","expiresIn","refreshToken"}.
            return Results.Empty;
        }

        // A locked account answers like a wrong password, so that the answer never tells whether an account exists.
        var code = result.RequiresTwoFactor ? "account.two_factor_code_required" : "account.bad_credentials";
        return messages.ToProblem([new Core.Common.Error(code)], StatusCodes.Status401Unauthorized);
    }
}
