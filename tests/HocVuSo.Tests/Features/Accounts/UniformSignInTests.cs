using HocVuSo.Core.Features.Accounts;
using HocVuSo.Tests.Infrastructure;
using HocVuSo.Web.Hosting;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;

namespace HocVuSo.Tests.Features.Accounts;

/// <summary>Sign-in with an unknown user name verifies a password hash like a known one would, so its timing does not reveal whether the account exists.</summary>
public class UniformSignInTests
{
    private sealed class CountingHasher(IPasswordHasher<AppUser> inner) : IPasswordHasher<AppUser>
    {
        public int Verifications { get; private set; }

        public string HashPassword(AppUser user, string password) => inner.HashPassword(user, password);

        public PasswordVerificationResult VerifyHashedPassword(AppUser user, string hashedPassword, string providedPassword)
        {
            Verifications++;
            return inner.VerifyHashedPassword(user, hashedPassword, providedPassword);
        }
    }

    [Fact]
    public async Task UnknownUserName_StillVerifiesAPasswordHash_AndFails()
    {
        var app = await TestApp.GetAsync("Sqlite");
        await using var scope = app.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
        var counting = new CountingHasher(users.PasswordHasher);
        users.PasswordHasher = counting;
        var signIn = scope.ServiceProvider.GetRequiredService<SignInManager<AppUser>>();
        signIn.ShouldBeOfType<UniformSignInManager>();

        var result = await signIn.PasswordSignInAsync("no-such-user-" + Guid.NewGuid().ToString("N")[..8], "Sai-mat-khau-123", isPersistent: false, lockoutOnFailure: true);

        result.Succeeded.ShouldBeFalse();
        result.IsLockedOut.ShouldBeFalse();
        counting.Verifications.ShouldBe(1);
    }
}
