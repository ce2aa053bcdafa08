using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;

namespace HocVuSo.Web.Hosting;

/// <summary>
/// How failures reach people: the API (<c>/api/*</c>) answers with RFC 9457 problem details that
/// carry a stable <c>code</c> and a title and detail in the request's language; every other
/// address answers with an error page in the site's layout, in the reader's language, with a way back.
/// </summary>
public static class ErrorPages
{
    /// <summary>The page that renders an HTTP status for people (<c>/Error/404</c>); <c>/Error</c> is an unhandled exception.</summary>
    public const string PagePath = "/Error";

    public static bool IsApi(HttpContext context) => context.Request.Path.StartsWithSegments("/api", StringComparison.OrdinalIgnoreCase);

    public static IServiceCollection AddPlatformProblemDetails(this IServiceCollection services) =>
        services.AddProblemDetails(o => o.CustomizeProblemDetails = context => Complete(context.HttpContext, context.ProblemDetails));

    /// <summary>Exceptions and empty error responses (404, 403, 405, a failed antiforgery check, a bad request body) become problems or pages.</summary>
    public static IApplicationBuilder UsePlatformErrorPages(this IApplicationBuilder app)
    {
        app.UseWhen(IsApi, api =>
        {
            // Problem details whatever the client accepts: an API client that asks for HTML
            // still gets a problem it can read, never a page or a bare status.
            api.UseExceptionHandler(new ExceptionHandlerOptions { ExceptionHandler = context => WriteProblemAsync(context, StatusCodes.Status500InternalServerError) });
            api.UseStatusCodePages(context => WriteProblemAsync(context.HttpContext, context.HttpContext.Response.StatusCode));
        });
        app.UseWhen(context => !IsApi(context), pages =>
        {
            pages.UseExceptionHandler(PagePath);
            pages.UseStatusCodePagesWithReExecute(PagePath + "/{0}");
        });
        return app;
    }

    /// <summary>The stable, language-independent code of a problem that no use case named (<c>http.not_found</c>).</summary>
    public static string Code(int status) => status switch
    {
        StatusCodes.Status400BadRequest => "http.bad_request",
        StatusCodes.Status401Unauthorized => "http.unauthorized",
        StatusCodes.Status403Forbidden => "http.forbidden",
        StatusCodes.Status404NotFound => "http.not_found",
        StatusCodes.Status405MethodNotAllowed => "http.method_not_allowed",
        StatusCodes.Status409Conflict => "http.conflict",
        StatusCodes.Status413PayloadTooLarge => "http.payload_too_large",
        StatusCodes.Status415UnsupportedMediaType => "http.unsupported_media_type",
        StatusCodes.Status422UnprocessableEntity => "http.unprocessable",
        StatusCodes.Status429TooManyRequests => "http.too_many_requests",
        >= 500 => "http.server_error",
        _ => "http." + status.ToString(System.Globalization.CultureInfo.InvariantCulture),
    };

    /// <summary>The human title of a status in the current language ("Không tìm thấy trang").</summary>
    public static string Title(IStringLocalizer localizer, int status) => Text(localizer, status, "title");

    /// <summary>The sentence explaining a status to a reader.</summary>
    public static string Explanation(IStringLocalizer localizer, int status) => Text(localizer, status, "text");

    private static string Text(IStringLocalizer localizer, int status, string part)
    {
        var key = status >= 500 ? "500" : status.ToString(System.Globalization.CultureInfo.InvariantCulture);
        var text = localizer["error.status." + key + "." + part];
        return text.ResourceNotFound ? localizer["error.status.other." + part] : text;
    }

    private static Task WriteProblemAsync(HttpContext context, int status)
    {
        context.Response.StatusCode = status;
        var problem = new ProblemDetails { Status = status };
        Complete(context, problem);
        return Results.Problem(problem).ExecuteAsync(context);
    }

    private static void Complete(HttpContext context, ProblemDetails problem)
    {
        var localizer = context.RequestServices.GetRequiredService<IStringLocalizer<SharedResource>>();
        var status = problem.Status ?? context.Response.StatusCode;
        problem.Title = Title(localizer, status);
        if (!problem.Extensions.ContainsKey("code"))
        {
            problem.Extensions["code"] = Code(status);
        }

        problem.Detail ??= Explanation(localizer, status);
    }
}
