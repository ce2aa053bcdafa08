using HocVuSo.Web.Vneid;
using Microsoft.Extensions.Options;

namespace HocVuSo.Web.Hosting;

/// <summary>
/// Headers every response carries, whatever produced it (a page, the API, a static file, an error
/// page, a 404): a Content-Security-Policy allowing only this site's own scripts, styles, fonts and
/// images (no inline script or style, no CDN, no framing), <c>nosniff</c>, no referrer sent to
/// other sites, no framing, no powerful browser features; HSTS over HTTPS outside Development;
/// <c>Cache-Control: no-store</c> on what is answered to a signed-in person.
/// Cookies are <c>Secure</c> over HTTPS (<c>Security:SecureCookies</c> = <c>Always</c> makes them
/// Secure always, for servers behind a TLS proxy).
/// </summary>
public static class SecurityHeaders
{
    public const string PermissionsPolicy =
        "accelerometer=(), camera=(), geolocation=(), gyroscope=(), magnetometer=(), microphone=(), payment=(), usb=(), interest-cohort=()";

    public static IServiceCollection AddSecurityHeaders(this IServiceCollection services, IConfiguration configuration)
    {
        var always = string.Equals(configuration["Security:SecureCookies"], "Always", StringComparison.OrdinalIgnoreCase);
        services.Configure<CookiePolicyOptions>(o => o.Secure = always ? CookieSecurePolicy.Always : CookieSecurePolicy.SameAsRequest);
        services.AddHsts(o =>
        {
            o.MaxAge = TimeSpan.FromDays(365);
            o.IncludeSubDomains = true;
        });
        return services;
    }

    /// <summary>
    /// The policy: the VNeID sign-in page may be a form's destination when VNeID is configured
    /// elsewhere. Style sheets come only from the site; a style attribute (<c>display:none</c>,
    /// applied in Chromium on some form pages and not by the site's own markup) is allowed: it can
    /// load nothing from elsewhere (img-src and font-src are this site only).
    /// </summary>
    public static string ContentSecurityPolicy(VneidOptions vneid)
    {
        var formAction = "'self'";
        if (Uri.TryCreate(vneid.Authority, UriKind.Absolute, out var authority) && authority.Scheme is "https" or "http")
        {
            formAction += " " + authority.GetLeftPart(UriPartial.Authority);
        }

        return "default-src 'self'; script-src 'self'; style-src 'self'; style-src-attr 'unsafe-inline'; img-src 'self' data: blob:; font-src 'self'; "
            + "connect-src 'self'; manifest-src 'self'; worker-src 'self'; media-src 'self'; object-src 'none'; base-uri 'self'; "
            + "form-action " + formAction + "; frame-ancestors 'none'";
    }

    /// <summary>
    /// The policy of a file that came from someone (lesson media, team photos, attempt images):
    /// shown as an image it runs nothing anyway; opened on its own, an SVG with a script or a link
    /// is a sandboxed document that may load and run nothing.
    /// </summary>
    public const string UploadedFilePolicy = "default-src 'none'; img-src 'self' data:; style-src 'unsafe-inline'; sandbox";

    /// <summary>Marks a response as a file someone uploaded: <see cref="UploadedFilePolicy"/> replaces the site's policy.</summary>
    public static void MarkAsUploadedFile(HttpResponse response) => response.Headers.ContentSecurityPolicy = UploadedFilePolicy;

    /// <summary>First in the pipeline; the headers are set as the response starts, so error handlers that clear the response keep them.</summary>
    public static IApplicationBuilder UseSecurityHeaders(this IApplicationBuilder app, IWebHostEnvironment environment)
    {
        var policy = ContentSecurityPolicy(app.ApplicationServices.GetRequiredService<IOptions<VneidOptions>>().Value);
        app.Use((context, next) =>
        {
            context.Response.OnStarting(() =>
            {
                var headers = context.Response.Headers;
                if (headers.ContentSecurityPolicy != UploadedFilePolicy)
                {
                    headers.ContentSecurityPolicy = policy;
                }

                headers.XContentTypeOptions = "nosniff";
                headers.XFrameOptions = "DENY";
                headers["Referrer-Policy"] = "strict-origin-when-cross-origin";
                headers["Permissions-Policy"] = PermissionsPolicy;
                headers["Cross-Origin-Opener-Policy"] = "same-origin";
                if (context.Request.Path.StartsWithSegments("/api", StringComparison.OrdinalIgnoreCase) && !headers.ContainsKey("Content-Disposition")
                    && context.Response.ContentType is { } type
                    && (type.StartsWith("application/json", StringComparison.OrdinalIgnoreCase) || type.StartsWith("application/problem+json", StringComparison.OrdinalIgnoreCase)))
                {
                    // An API answer opened in a browser tab is a download, never a page: nothing in
                    // it can be read as HTML, whatever it holds.
                    headers.ContentDisposition = "attachment; filename=\"api.json\"";
                }

                if (context.User.Identity?.IsAuthenticated == true && !headers.ContainsKey("Cache-Control"))
                {
                    // What a signed-in person sees is theirs: never kept by a shared or browser
                    // cache, unless the endpoint chose otherwise (the offline lesson packages).
                    headers.CacheControl = "no-store";
                }

                return Task.CompletedTask;
            });
            return next(context);
        });
        if (!environment.IsDevelopment())
        {
            app.UseHsts();
        }

        app.UseCookiePolicy();
        return app;
    }
}
