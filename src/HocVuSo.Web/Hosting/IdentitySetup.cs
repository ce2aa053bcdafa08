using System.Security.Claims;
using HocVuSo.Core.Data;
using HocVuSo.Core.Features.Accounts;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace HocVuSo.Web.Hosting;

public static class IdentitySetup
{
    /// <summary>Set on the principal of a user whose role needs two-factor sign-in but who has not enrolled yet.</summary>
    public const string TwoFactorRequiredClaim = "hocvuso:2fa_required";

    private const string SmartScheme = "CookieOrBearer";

    /// <summary>The authentication property holding the sign-in time (Unix seconds), kept through renewals.</summary>
    public const string SignedInAtItem = "hocvuso.signed_in_at";

    /// <summary>A session lasts at most this long after its sign-in, however active (<c>Security:SessionMaxLifetime</c>).</summary>
    public static readonly TimeSpan DefaultSessionMaxLifetime = TimeSpan.FromHours(12);

    /// <summary>Whether a session signed in longer than <paramref name="maxLifetime"/> ago; a session without its sign-in time counts from when its cookie was issued.</summary>
    public static bool SessionOutlived(Microsoft.AspNetCore.Authentication.AuthenticationProperties properties, DateTimeOffset now, TimeSpan maxLifetime)
    {
        var signedIn = properties.Items.TryGetValue(SignedInAtItem, out var text)
            && long.TryParse(text, System.Globalization.NumberStyles.Integer, System.Globalization.CultureInfo.InvariantCulture, out var seconds)
                ? DateTimeOffset.FromUnixTimeSeconds(seconds)
                : properties.IssuedUtc;
        return signedIn is { } at && now - at > maxLifetime;
    }

    /// <summary>Pages a user who must enrol may still reach: signing in and out, enrolling, assets, display settings.</summary>
    private static readonly string[] EnrolmentExempt = ["/Account", "/lib", "/css", "/js", "/Settings", "/health"];

    /// <summary>
    /// ASP.NET Core Identity with cookies for the web and Identity bearer tokens for the API,
    /// chosen per request by the Authorization header. Passwords of 10+ characters with upper and
    /// lower case and a digit; five wrong passwords lock the account for 15 minutes.
    /// </summary>
    public static IServiceCollection AddPlatformIdentity(this IServiceCollection services, IConfiguration configuration)
    {
        var lockout = configuration.GetSection("Security:Lockout").Get<LockoutSettings>() ?? new LockoutSettings();
        services.Configure<SecurityStampValidatorOptions>(o => o.ValidationInterval = TimeSpan.FromMinutes(5));
        var sessionMaxLifetime = configuration.GetValue("Security:SessionMaxLifetime", DefaultSessionMaxLifetime);
        if (sessionMaxLifetime <= TimeSpan.Zero)
        {
            throw new InvalidOperationException("Security:SessionMaxLifetime must be a positive duration (d.hh:mm:ss).");
        }

        services.AddAuthentication(o =>
            {
                o.DefaultScheme = SmartScheme;
                o.DefaultChallengeScheme = SmartScheme;
            })
            .AddPolicyScheme(SmartScheme, SmartScheme, o => o.ForwardDefaultSelector = context =>
                context.Request.Headers.Authorization.ToString().StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase)
                    ? IdentityConstants.BearerScheme
                    : IdentityConstants.ApplicationScheme)
            .AddBearerToken(IdentityConstants.BearerScheme, o => o.BearerTokenExpiration = TimeSpan.FromHours(8))
            .AddIdentityCookies(cookies => cookies.ApplicationCookie?.Configure(o =>
            {
                o.LoginPath = "/Account/Login";
                o.LogoutPath = "/Account/Logout";
                o.AccessDeniedPath = "/Account/AccessDenied";
                o.Cookie.Name = "hocvuso.auth";
                o.SlidingExpiration = true;
                o.ExpireTimeSpan = TimeSpan.FromHours(8);
                // However active, a session ends SessionMaxLifetime after its sign-in (sliding
                // renewals and security-stamp refreshes keep the time of the sign-in itself).
                o.Events.OnSigningIn = context =>
                {
                    var clock = context.HttpContext.RequestServices.GetRequiredService<TimeProvider>();
                    context.Properties.Items.TryAdd(SignedInAtItem, clock.GetUtcNow().ToUnixTimeSeconds().ToString(System.Globalization.CultureInfo.InvariantCulture));
                    return Task.CompletedTask;
                };
                var validateStamp = o.Events.OnValidatePrincipal;
                o.Events.OnValidatePrincipal = async context =>
                {
                    var clock = context.HttpContext.RequestServices.GetRequiredService<TimeProvider>();
                    if (SessionOutlived(context.Properties, clock.GetUtcNow(), sessionMaxLifetime))
                    {
                        context.RejectPrincipal();
                        await context.HttpContext.SignOutAsync(IdentityConstants.ApplicationScheme);
                        return;
                    }

                    await validateStamp(context);
                };
                o.Events.OnRedirectToLogin = context => ApiAware(context, StatusCodes.Status401Unauthorized);
                o.Events.OnRedirectToAccessDenied = context => ApiAware(context, StatusCodes.Status403Forbidden);
            }));
        services.AddAuthorization();

        // E-mail look-up keys are keyed hashes (LoginNames); registered before Identity, which only adds its default when none is.
        services.AddSingleton<Microsoft.AspNetCore.Identity.ILookupNormalizer, PersonalDataLookupNormalizer>();
        services.AddIdentityCore<AppUser>(o =>
            {
                o.Password.RequiredLength = 10;
                o.Password.RequireDigit = true;
                o.Password.RequireLowercase = true;
                o.Password.RequireUppercase = true;
                o.Password.RequireNonAlphanumeric = false;
                o.Lockout.MaxFailedAccessAttempts = lockout.MaxFailedAccessAttempts;
                o.Lockout.DefaultLockoutTimeSpan = TimeSpan.FromMinutes(lockout.LockoutMinutes);
                o.Lockout.AllowedForNewUsers = true;
                o.User.RequireUniqueEmail = false;
                o.User.AllowedUserNameCharacters = "abcdefghijklmnopqrstuvwxyz0123456789._-@+";
                o.SignIn.RequireConfirmedAccount = false;
            })
            .AddEntityFrameworkStores<AppDbContext>()
            .AddSignInManager<UniformSignInManager>()
            .AddPasswordValidator<PasswordLengthLimit>()
            .AddDefaultTokenProviders()
            .AddClaimsPrincipalFactory<PlatformClaimsFactory>();
        services.AddScoped<SignInAudit>();
        services.AddScoped<SignInLanding>();
        services.AddScoped<IActivationWording, ActivationWording>();
        services.AddScoped<IAccountNoticeWording, AccountNoticeWording>();
        services.AddScoped<HelperDevices>();
        return services;
    }

    private static Task ApiAware(Microsoft.AspNetCore.Authentication.RedirectContext<Microsoft.AspNetCore.Authentication.Cookies.CookieAuthenticationOptions> context, int status)
    {
        if (context.Request.Path.StartsWithSegments("/api", StringComparison.OrdinalIgnoreCase))
        {
            context.Response.StatusCode = status;
        }
        else
        {
            context.Response.Redirect(context.RedirectUri);
        }

        return Task.CompletedTask;
    }

    /// <summary>
    /// Approvers and administrators who have not enrolled an authenticator are sent to enrol before
    /// any other page; the API refuses them everything but signing in until they do.
    /// </summary>
    /// <summary>Whether one of the person's roles requires two-factor sign-in (approvers, administrators).</summary>
    public static async Task<bool> MustUseTwoFactorAsync(AppDbContext db, AppUser user, CancellationToken ct)
    {
        var roles = await db.StaffAssignments.Where(a => a.UserId == user.Id).Select(a => a.Role).ToListAsync(ct);
        return roles.Any(RolePolicy.RequiresTwoFactor);
    }

    /// <summary>
    /// A bearer token stops working once its account's security stamp changes (a new password, a
    /// new authenticator) or while the account is locked out: checked on every API request (cookies
    /// are checked by Identity's security stamp validator every few minutes).
    /// </summary>
    public static IApplicationBuilder UseBearerRevocation(this IApplicationBuilder app) => app.Use(async (context, next) =>
    {
        if (context.User.Identity?.IsAuthenticated == true
            && context.Request.Headers.Authorization.ToString().StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
        {
            var signIn = context.RequestServices.GetRequiredService<SignInManager<AppUser>>();
            var user = await signIn.ValidateSecurityStampAsync(context.User);
            if (user is null || await signIn.UserManager.IsLockedOutAsync(user))
            {
                await context.RequestServices.GetRequiredService<ErrorMessages>()
                    .ToProblem([new Core.Common.Error("account.token_revoked")], StatusCodes.Status401Unauthorized).ExecuteAsync(context);
                return;
            }

            context.Items[HttpCurrentUser.StampCheckedItem] = true;
        }

        await next();
    });

    public static IApplicationBuilder UseTwoFactorEnrolment(this IApplicationBuilder app) => app.Use(async (context, next) =>
    {
        if (context.User.HasClaim(TwoFactorRequiredClaim, "true"))
        {
            var path = context.Request.Path;
            if (path.StartsWithSegments("/api", StringComparison.OrdinalIgnoreCase))
            {
                // Not even reading: the second factor guards the data, not only the writes.
                if (!path.StartsWithSegments("/api/v1/auth", StringComparison.OrdinalIgnoreCase))
                {
                    await context.RequestServices.GetRequiredService<ErrorMessages>()
                        .ToProblem([new Core.Common.Error("account.two_factor_required", Core.Common.ErrorKind.Forbidden)]).ExecuteAsync(context);
                    return;
                }
            }
            else if (!EnrolmentExempt.Any(prefix => path.StartsWithSegments(prefix, StringComparison.OrdinalIgnoreCase)))
            {
                context.Response.Redirect("/Account/EnableAuthenticator");
                return;
            }
        }

        await next();
    });
}

/// <summary>Per account: this many wrong passwords in a row lock the account for this many minutes (<c>Security:Lockout</c>).</summary>
public sealed class LockoutSettings
{
    public int MaxFailedAccessAttempts { get; set; } = 5;

    public int LockoutMinutes { get; set; } = 15;
}

/// <summary>
/// Adds the two-factor-required flag to the sign-in principal, so no request needs to look it up;
/// marks a learner's sign-in on their helper's device as assisted (<see cref="HelperDevices"/>).
/// </summary>
public sealed class PlatformClaimsFactory(UserManager<AppUser> users, IOptions<IdentityOptions> options, AppDbContext db, HelperDevices devices)
    : UserClaimsPrincipalFactory<AppUser>(users, options)
{
    protected override async Task<ClaimsIdentity> GenerateClaimsAsync(AppUser user)
    {
        var identity = await base.GenerateClaimsAsync(user);
        identity.AddClaim(new Claim("hocvuso:full_name", user.FullName));
        if ((LoginNames.IsPhoneHandle(user.UserName) ? user.PhoneNumber : LoginNames.IsEmailHandle(user.UserName) ? user.Email : null) is { } signInWith)
        {
            // The person's own phone or e-mail, to show them what they sign in with (their user name is an opaque handle).
            identity.AddClaim(new Claim(LoginNames.SignInPhoneClaim, signInWith));
        }

        if (await devices.FindHelperAsync(user) is { } helper)
        {
            identity.AddClaim(new Claim(HttpCurrentUser.AssistedByClaim, helper));
        }

        devices.Remember(user.Id);
        var roles = await db.StaffAssignments.Where(a => a.UserId == user.Id).Select(a => a.Role).ToListAsync();
        if (!user.TwoFactorEnabled && roles.Any(RolePolicy.RequiresTwoFactor))
        {
            identity.AddClaim(new Claim(IdentitySetup.TwoFactorRequiredClaim, "true"));
        }

        if (roles.Count == 0)
        {
            // Lets a learner's requests skip the staff-grants query while the stamp stays valid (StaffGrantStamps).
            identity.AddClaim(new Claim(StaffGrantStamps.NoStaffClaim, "true"));
        }

        return identity;
    }
}
