using HocVuSo.Core.Features.Accounts;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace HocVuSo.Web.Hosting;

/// <summary>
/// Sign-in by user name and password that takes the same path whether or not the account exists:
/// for an unknown name the password is still verified, against a fixed dummy hash, so the time a
/// refusal takes does not tell whether the name is registered (the web sign-in and the token API
/// both come here). The result is the same <see cref="SignInResult.Failed"/> either way.
/// </summary>
public sealed class UniformSignInManager(
    UserManager<AppUser> users,
    IHttpContextAccessor contextAccessor,
    IUserClaimsPrincipalFactory<AppUser> claimsFactory,
    IOptions<IdentityOptions> optionsAccessor,
    ILogger<SignInManager<AppUser>> logger,
    IAuthenticationSchemeProvider schemes,
    IUserConfirmation<AppUser> confirmation)
    : SignInManager<AppUser>(users, contextAccessor, claimsFactory, optionsAccessor, logger, schemes, confirmation)
{
    private static readonly AppUser Nobody = new();
    private static readonly Lazy<string> DummyHash = new(
        () => new PasswordHasher<AppUser>().HashPassword(Nobody, Convert.ToBase64String(System.Security.Cryptography.RandomNumberGenerator.GetBytes(24))));

    public override async Task<SignInResult> PasswordSignInAsync(string userName, string password, bool isPersistent, bool lockoutOnFailure)
    {
        var user = await UserManager.FindByNameAsync(userName);
        if (user is null)
        {
            // The same work as for a wrong password of a real account, with the hasher the platform uses.
            UserManager.PasswordHasher.VerifyHashedPassword(Nobody, DummyHash.Value, password ?? string.Empty);
            return SignInResult.Failed;
        }

        return await PasswordSignInAsync(user, password, isPersistent, lockoutOnFailure);
    }
}
