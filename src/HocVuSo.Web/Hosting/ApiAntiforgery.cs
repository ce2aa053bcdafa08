using HocVuSo.Core.Common;
using Microsoft.AspNetCore.Antiforgery;

namespace HocVuSo.Web.Hosting;

/// <summary>
/// The JSON API accepts the sign-in cookie for unsafe requests (POST, PUT, PATCH, DELETE) only with
/// an antiforgery token in the <see cref="HeaderName"/> header, so another site cannot make a
/// signed-in browser write through the API. Bearer-token requests carry no ambient authority and
/// need no token. Pages of the site that call the API with the cookie first read a token from
/// <c>GET /api/v1/auth/antiforgery</c>.
/// </summary>
public static class ApiAntiforgery
{
    public const string HeaderName = "RequestVerificationToken";

    public static IServiceCollection AddApiAntiforgery(this IServiceCollection services) =>
        services.AddAntiforgery(o =>
        {
            o.HeaderName = HeaderName;
            o.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
        });

    /// <summary>After authentication: refuses a cookie-authenticated unsafe API request without a valid token (400, <c>http.antiforgery</c>).</summary>
    public static IApplicationBuilder UseApiAntiforgery(this IApplicationBuilder app) => app.Use(async (context, next) =>
    {
        if (NeedsToken(context))
        {
            var antiforgery = context.RequestServices.GetRequiredService<IAntiforgery>();
            if (!await antiforgery.IsRequestValidAsync(context))
            {
                await context.RequestServices.GetRequiredService<ErrorMessages>()
                    .ToProblem([new Error("http.antiforgery")], StatusCodes.Status400BadRequest).ExecuteAsync(context);
                return;
            }
        }

        await next();
    });

    /// <summary>The token for a page's script to send in <see cref="HeaderName"/> with the cookie (it also sets the antiforgery cookie).</summary>
    public static IEndpointRouteBuilder MapApiAntiforgery(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/v1/auth/antiforgery", (HttpContext context, IAntiforgery antiforgery) =>
            {
                var tokens = antiforgery.GetAndStoreTokens(context);
                context.Response.Headers.CacheControl = "no-store";
                return TypedResults.Ok(new { headerName = HeaderName, token = tokens.RequestToken });
            })
            .RequireAuthorization()
            .WithTags("Auth")
            .WithName("GetAntiforgeryToken")
            .WithSummary("For the site's own scripts signed in with the cookie: the token to send in the RequestVerificationToken header with unsafe API requests. Bearer clients do not need it.");
        return app;
    }

    private static bool NeedsToken(HttpContext context) =>
        ErrorPages.IsApi(context)
        // Signing in and activating take their credentials from the body, not from the cookie.
        && !context.Request.Path.StartsWithSegments("/api/v1/auth", StringComparison.OrdinalIgnoreCase)
        && !(HttpMethods.IsGet(context.Request.Method) || HttpMethods.IsHead(context.Request.Method) || HttpMethods.IsOptions(context.Request.Method) || HttpMethods.IsTrace(context.Request.Method))
        && !context.Request.Headers.Authorization.ToString().StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase)
        && context.User.Identity?.IsAuthenticated == true;
}
