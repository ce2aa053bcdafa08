using System.Globalization;
using System.Threading.RateLimiting;

namespace HocVuSo.Web.Hosting;

/// <summary>One limit: at most <see cref="PermitLimit"/> requests (per client address, or per account) in <see cref="WindowSeconds"/>.</summary>
public sealed class RateLimit
{
    public int PermitLimit { get; set; }

    public int WindowSeconds { get; set; }
}

/// <summary>
/// The limits of <c>RateLimits:*</c> in the configuration: requests per client address to the
/// doors an attacker knocks on (signing in, two-factor codes, registration, activation codes,
/// public certificate checks). Per account, <see cref="Account"/> bounds attempts at signing in, two-factor
/// codes and activation codes from any number of addresses (<see cref="AccountAttempts"/>), and wrong
/// passwords lock the account (Identity lock-out, <c>Security:Lockout</c>). Generous enough for a
/// commune office whose staff share one address.
/// </summary>
public sealed class RateLimitOptions
{
    public RateLimit SignIn { get; set; } = new() { PermitLimit = 30, WindowSeconds = 60 };

    public RateLimit TwoFactor { get; set; } = new() { PermitLimit = 20, WindowSeconds = 60 };

    public RateLimit Registration { get; set; } = new() { PermitLimit = 20, WindowSeconds = 600 };

    public RateLimit Activation { get; set; } = new() { PermitLimit = 10, WindowSeconds = 600 };

    public RateLimit Verification { get; set; } = new() { PermitLimit = 60, WindowSeconds = 60 };

    /// <summary>Attempts at one account (by the name typed), at each of signing in, two-factor codes and activation codes, from all addresses together.</summary>
    public RateLimit Account { get; set; } = new() { PermitLimit = 10, WindowSeconds = 300 };

    /// <summary>
    /// Where the per-account counts live: <see cref="AttemptStore.Database"/> shares them between
    /// instances; unset, the database on PostgreSQL and memory on SQLite (one instance). The
    /// per-address limits above always count in memory, per instance; in front of several
    /// instances nginx's <c>limit_req</c> bounds an address across all of them (docs/SECURITY.md).
    /// </summary>
    public AttemptStore? AccountStore { get; set; }
}

public enum AttemptStore
{
    Memory,
    Database,
}

public static class RateLimits
{
    public static IServiceCollection AddPlatformRateLimits(this IServiceCollection services, IConfiguration configuration)
    {
        var limits = configuration.GetSection("RateLimits").Get<RateLimitOptions>() ?? new RateLimitOptions();
        services.AddSingleton(limits);
        services.AddSingleton<AccountAttempts>();
        services.AddRateLimiter(o =>
        {
            o.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            o.GlobalLimiter = PartitionedRateLimiter.Create<HttpContext, string>(context =>
            {
                var (name, limit) = Classify(context, limits);
                if (limit is null)
                {
                    return RateLimitPartition.GetNoLimiter(string.Empty);
                }

                var client = context.Connection.RemoteIpAddress?.ToString() ?? "unknown";
                return RateLimitPartition.GetFixedWindowLimiter(name + "|" + client, _ => new FixedWindowRateLimiterOptions
                {
                    PermitLimit = Math.Max(1, limit.PermitLimit),
                    Window = TimeSpan.FromSeconds(Math.Max(1, limit.WindowSeconds)),
                    QueueLimit = 0,
                    AutoReplenishment = true,
                });
            });
            // The status code pages then answer with the Vietnamese 429 page, or a problem for the API.
            o.OnRejected = (context, _) =>
            {
                context.HttpContext.RequestServices.GetRequiredService<PlatformMetrics>().RateLimitRejected(Classify(context.HttpContext, limits).Name);
                var retryAfter = context.Lease.TryGetMetadata(MetadataName.RetryAfter, out var wait) ? wait : TimeSpan.FromSeconds(60);
                context.HttpContext.Response.Headers.RetryAfter = Math.Max(1, (int)Math.Ceiling(retryAfter.TotalSeconds)).ToString(CultureInfo.InvariantCulture);
                return ValueTask.CompletedTask;
            };
        });
        return services;
    }

    /// <summary>Which limit a request falls under, if any.</summary>
    private static (string Name, RateLimit? Limit) Classify(HttpContext context, RateLimitOptions limits)
    {
        var path = context.Request.Path;
        var post = HttpMethods.IsPost(context.Request.Method);
        if (post && (Is(path, "/Account/Login") || Is(path, "/api/v1/auth/token")))
        {
            return ("sign-in", limits.SignIn);
        }

        if (post && (Is(path, "/Account/LoginWith2fa") || Is(path, "/Account/EnableAuthenticator")))
        {
            return ("two-factor", limits.TwoFactor);
        }

        if (post && Is(path, "/Account/Register"))
        {
            return ("registration", limits.Registration);
        }

        // A join code is guessed the way an activation code is: the same limit.
        if (post && (Is(path, "/Account/Activate") || Is(path, "/api/v1/auth/activate") || Is(path, "/Learn/Join") || Is(path, "/api/v1/organisations/join")))
        {
            return ("activation", limits.Activation);
        }

        if (HttpMethods.IsGet(context.Request.Method) && (path.StartsWithSegments("/verify", StringComparison.OrdinalIgnoreCase)
            || (path.StartsWithSegments("/api/v1/certificates", StringComparison.OrdinalIgnoreCase) && path.Value!.EndsWith("/verify", StringComparison.OrdinalIgnoreCase))))
        {
            return ("verification", limits.Verification);
        }

        return (string.Empty, null);
    }

    private static bool Is(PathString path, string page) => path.Equals(page, StringComparison.OrdinalIgnoreCase) || path.Equals(page + "/", StringComparison.OrdinalIgnoreCase);
}
