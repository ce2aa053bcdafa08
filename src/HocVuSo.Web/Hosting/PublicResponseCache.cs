using System.Globalization;
using HocVuSo.Core.Common;
using Microsoft.AspNetCore.OutputCaching;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace HocVuSo.Web.Hosting;

/// <summary>Settings of the output cache for public answers (section <c>OutputCache</c>).</summary>
public sealed class PublicResponseCacheOptions
{
    public const string Section = "OutputCache";

    /// <summary>Off keeps nothing: every public read goes to the database.</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>How long a kept answer about the unit tree may be served (seconds). Changes on this instance evict at once; other instances keep theirs for at most this long.</summary>
    public int UnitSeconds { get; set; } = 300;

    /// <summary>How long a kept verification answer may be served (seconds); a revocation on another instance is seen after at most this long.</summary>
    public int CertificateSeconds { get; set; } = 30;

    /// <summary>The memory the kept answers may take on one instance.</summary>
    public int SizeLimitMegabytes { get; set; } = 64;
}

/// <summary>
/// Output caching of public JSON answers (the unit tree, certificate verification). Only anonymous
/// GET and HEAD requests are answered from it (a request with a bearer token or a sign-in cookie
/// always reaches the handler), answers vary by every query value and by the UI language (problem
/// texts are translated), only 200 answers without cookies are kept, and a change to a unit or a
/// certification evicts the kept answers at once (<see cref="PublicContentChangeInterceptor"/>).
/// HTML pages are not kept: every page carries per-visitor antiforgery tokens in its language,
/// text-size and contrast forms.
/// </summary>
public static class PublicResponseCache
{
    public const string UnitsPolicy = "public-units";
    public const string CertificatesPolicy = "public-certificates";
    public const string UnitsTag = "public:units";
    public const string CertificatesTag = "public:certificates";

    public static IServiceCollection AddPublicResponseCache(this IServiceCollection services, IConfiguration configuration)
    {
        var options = configuration.GetSection(PublicResponseCacheOptions.Section).Get<PublicResponseCacheOptions>() ?? new PublicResponseCacheOptions();
        if (options.UnitSeconds < 1 || options.CertificateSeconds < 1 || options.SizeLimitMegabytes < 1)
        {
            throw new OptionsValidationException(PublicResponseCacheOptions.Section, typeof(PublicResponseCacheOptions),
                ["OutputCache:UnitSeconds, OutputCache:CertificateSeconds and OutputCache:SizeLimitMegabytes must be at least 1."]);
        }

        services.AddSingleton(Options.Create(options));
        services.AddOutputCache(o =>
        {
            o.SizeLimit = options.SizeLimitMegabytes * 1024L * 1024L;
            o.AddPolicy(UnitsPolicy, new AnonymousPolicy(options.Enabled, TimeSpan.FromSeconds(options.UnitSeconds), UnitsTag));
            o.AddPolicy(CertificatesPolicy, new AnonymousPolicy(options.Enabled, TimeSpan.FromSeconds(options.CertificateSeconds), CertificatesTag));
        });
        services.Replace(ServiceDescriptor.Singleton<IPublicContentCache, OutputCacheEviction>());
        return services;
    }

    /// <summary>Tells the output cache not to keep this answer (for example a verification of an unknown serial, which may be issued a moment later).</summary>
    public static void DoNotKeep(HttpContext http)
    {
        if (http.Features.Get<IOutputCacheFeature>() is { } feature)
        {
            feature.Context.AllowCacheStorage = false;
        }
    }

    private sealed class OutputCacheEviction(IOutputCacheStore store) : IPublicContentCache
    {
        public async ValueTask EvictAsync(PublicContent content, CancellationToken ct)
        {
            if (content.HasFlag(PublicContent.Units))
            {
                await store.EvictByTagAsync(UnitsTag, ct);
            }

            if (content.HasFlag(PublicContent.Certificates))
            {
                await store.EvictByTagAsync(CertificatesTag, ct);
            }
        }
    }

    private sealed class AnonymousPolicy(bool enabled, TimeSpan lifetime, string tag) : IOutputCachePolicy
    {
        public ValueTask CacheRequestAsync(OutputCacheContext context, CancellationToken cancellation)
        {
            var request = context.HttpContext.Request;
            var anonymous = context.HttpContext.User.Identity?.IsAuthenticated != true
                && !request.Headers.ContainsKey(Microsoft.Net.Http.Headers.HeaderNames.Authorization);
            var readOnly = HttpMethods.IsGet(request.Method) || HttpMethods.IsHead(request.Method);
            var use = enabled && anonymous && readOnly;
            context.EnableOutputCaching = use;
            context.AllowCacheLookup = use;
            context.AllowCacheStorage = use;
            context.AllowLocking = true;
            context.ResponseExpirationTimeSpan = lifetime;
            context.Tags.Add(tag);
            context.CacheVaryByRules.QueryKeys = "*";
            context.CacheVaryByRules.VaryByValues["ui-culture"] = CultureInfo.CurrentUICulture.Name;
            return ValueTask.CompletedTask;
        }

        public ValueTask ServeFromCacheAsync(OutputCacheContext context, CancellationToken cancellation) => ValueTask.CompletedTask;

        public ValueTask ServeResponseAsync(OutputCacheContext context, CancellationToken cancellation)
        {
            var response = context.HttpContext.Response;
            if (response.StatusCode != StatusCodes.Status200OK || response.Headers.ContainsKey(Microsoft.Net.Http.Headers.HeaderNames.SetCookie))
            {
                context.AllowCacheStorage = false;
            }

            return ValueTask.CompletedTask;
        }
    }
}
