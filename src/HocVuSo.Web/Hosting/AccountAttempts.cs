using System.Globalization;
using System.Text;
using System.Threading.RateLimiting;
using HocVuSo.Core.Common.Coordination;
using HocVuSo.Core.Data;
using HocVuSo.Core.Features.Accounts;

namespace HocVuSo.Web.Hosting;

/// <summary>
/// Attempts per account, from whatever address they come (<c>RateLimits:Account</c>): a password
/// spray from many addresses at one account stops here, while <see cref="RateLimits"/> stops one
/// address trying many accounts. The account is named by what was typed, normalised as sign-in
/// resolves it (trimmed, NFC, a phone or e-mail in its stored hashed form, upper case), before
/// anything is looked up: an unknown name is counted and refused exactly like an existing one, so
/// the answer never tells whether the account exists. Each door (password, two-factor code,
/// activation code) counts on its own. The counts live in memory (one instance) or, with
/// <c>RateLimits:AccountStore=Database</c> (the default on PostgreSQL), in the shared database
/// (<see cref="RateCounters"/>), so the limit holds however many instances stand behind the proxy.
/// </summary>
public sealed class AccountAttempts(RateLimitOptions limits, LoginNames loginNames, RateCounters shared, DatabaseOptions database, PlatformMetrics metrics) : IDisposable
{
    public enum Door
    {
        SignIn,
        TwoFactor,
        Activation,
    }

    private readonly TimeSpan _window = TimeSpan.FromSeconds(Math.Max(1, limits.Account.WindowSeconds));

    private readonly PartitionedRateLimiter<string> _limiter = PartitionedRateLimiter.Create<string, string>(key =>
        RateLimitPartition.GetFixedWindowLimiter(key, _ => new FixedWindowRateLimiterOptions
        {
            PermitLimit = Math.Max(1, limits.Account.PermitLimit),
            Window = TimeSpan.FromSeconds(Math.Max(1, limits.Account.WindowSeconds)),
            QueueLimit = 0,
            AutoReplenishment = true,
        }));

    /// <summary>The key of the account a person typed: the same for every way of writing it that sign-in takes as one account.</summary>
    public string Key(string? typed) => loginNames.ResolveNormalized((typed ?? string.Empty).Trim().Normalize(NormalizationForm.FormC));

    /// <summary>Whether the counts are shared through the database.</summary>
    public bool Shared => limits.AccountStore switch
    {
        AttemptStore.Database => true,
        AttemptStore.Memory => false,
        _ => database.Provider == DatabaseProvider.Postgres,
    };

    /// <summary>Counts an attempt at the account typed; null when it may go on, otherwise how long to wait.</summary>
    public async ValueTask<TimeSpan?> AttemptAsync(Door door, string? typed, CancellationToken ct)
    {
        if (Shared)
        {
            var (count, remaining) = await shared.HitAsync("account|" + door.ToString() + "|" + Key(typed), _window, ct);
            return count <= Math.Max(1, limits.Account.PermitLimit) ? null : Refused(remaining);
        }

        using var lease = _limiter.AttemptAcquire(door.ToString() + "|" + Key(typed));
        if (lease.IsAcquired)
        {
            return null;
        }

        return Refused(lease.TryGetMetadata(MetadataName.RetryAfter, out var wait) ? wait : _window);
    }

    private TimeSpan Refused(TimeSpan wait)
    {
        metrics.RateLimitRejected("account");
        return wait;
    }

    /// <summary>
    /// Makes the response the limit's refusal: 429 with <c>Retry-After</c>; the status code pages then
    /// write the Vietnamese 429 page, or the problem <c>http.too_many_requests</c> under <c>/api</c>,
    /// as for the per-address limits.
    /// </summary>
    public static int Refuse(HttpResponse response, TimeSpan wait)
    {
        response.Headers.RetryAfter = Math.Max(1, (int)Math.Ceiling(wait.TotalSeconds)).ToString(CultureInfo.InvariantCulture);
        return StatusCodes.Status429TooManyRequests;
    }

    public void Dispose() => _limiter.Dispose();
}
