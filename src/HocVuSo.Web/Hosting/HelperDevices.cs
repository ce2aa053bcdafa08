using System.Globalization;
using System.Security.Claims;
using HocVuSo.Core.Common;
using HocVuSo.Core.Data;
using HocVuSo.Core.Features.Accounts;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;

namespace HocVuSo.Web.Hosting;

/// <summary>
/// Which accounts signed in on this browser lately, in a protected cookie (it cannot be read or
/// forged, only deleted). A learner who signs in on the device of a team member who registered or
/// guided them — while that member is signed in there, or within <see cref="HelperWindow"/> of the
/// member's sign-in there — is signed in as assisted by that member: their attempts are marked
/// assisted and the sign-in is audited as such, so certification never counts them as unassisted.
/// </summary>
public sealed class HelperDevices(IHttpContextAccessor http, IDataProtectionProvider protection, AppDbContext db, TimeProvider clock)
{
    public const string CookieName = "hocvuso.device";
    public static readonly TimeSpan HelperWindow = TimeSpan.FromHours(12);
    private const string ItemKey = "hocvuso:device_helper";
    private const int MaxAccounts = 20;
    private static readonly TimeSpan Memory = TimeSpan.FromDays(30);

    private readonly IDataProtector _protector = protection.CreateProtector("HocVuSo.HelperDevices.v1");

    /// <summary>The helper found by <see cref="FindHelperAsync"/> during this request's sign-in, if any.</summary>
    public string? FoundHelper => http.HttpContext?.Items[ItemKey] as string;

    /// <summary>The team member who registered or guided <paramref name="user"/> and is present on this browser, if any.</summary>
    public async Task<string?> FindHelperAsync(AppUser user)
    {
        var context = http.HttpContext;
        if (context is null)
        {
            return null;
        }

        var since = clock.UtcNow() - HelperWindow;
        var present = Read(context).Where(e => e.At >= since).Select(e => e.UserId).ToHashSet(StringComparer.Ordinal);
        if (context.User.Identity?.IsAuthenticated == true)
        {
            // Whoever is signed in on this browser right now, and whoever they are being helped by.
            present.UnionWith(context.User.FindAll(ClaimTypes.NameIdentifier).Concat(context.User.FindAll(HttpCurrentUser.AssistedByClaim)).Select(c => c.Value));
        }

        present.Remove(user.Id);
        if (present.Count == 0)
        {
            return null;
        }

        var helpers = await db.AssistedSessions.Where(s => s.LearnerUserId == user.Id).Select(s => s.HelperUserId).Distinct().ToListAsync();
        if (user.RegisteredByUserId is { } registeredBy)
        {
            helpers.Insert(0, registeredBy);
        }

        var helper = helpers.FirstOrDefault(present.Contains);
        if (helper is not null)
        {
            context.Items[ItemKey] = helper;
        }

        return helper;
    }

    /// <summary>Notes that <paramref name="userId"/> signed in on this browser.</summary>
    public void Remember(string userId)
    {
        var context = http.HttpContext;
        if (context is null || context.Response.HasStarted)
        {
            return;
        }

        var now = clock.UtcNow();
        var entries = Read(context).Where(e => e.UserId != userId && e.At >= now - Memory).Take(MaxAccounts - 1).Prepend((UserId: userId, At: now));
        var text = string.Join(';', entries.Select(e => e.UserId + "|" + e.At.Ticks.ToString(CultureInfo.InvariantCulture)));
        context.Response.Cookies.Append(CookieName, _protector.Protect(text), new CookieOptions
        {
            HttpOnly = true,
            Secure = context.Request.IsHttps,
            SameSite = SameSiteMode.Lax,
            IsEssential = true,
            MaxAge = Memory,
        });
    }

    private List<(string UserId, DateTime At)> Read(HttpContext context)
    {
        if (!context.Request.Cookies.TryGetValue(CookieName, out var value) || string.IsNullOrEmpty(value))
        {
            return [];
        }

        try
        {
            return _protector.Unprotect(value).Split(';', StringSplitOptions.RemoveEmptyEntries)
                .Select(e => e.Split('|'))
                .Where(p => p.Length == 2 && long.TryParse(p[1], NumberStyles.None, CultureInfo.InvariantCulture, out _))
                .Select(p => (p[0], new DateTime(long.Parse(p[1], CultureInfo.InvariantCulture), DateTimeKind.Utc)))
                .ToList();
        }
        catch (System.Security.Cryptography.CryptographicException)
        {
            // Altered, or from another key ring: as if there were none.
            return [];
        }
    }
}
