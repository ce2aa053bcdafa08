using HocVuSo.Core.Common;
using HocVuSo.Core.Data;
using HocVuSo.Core.Features.Accounts;
using HocVuSo.Core.Features.Idempotency;

namespace HocVuSo.Web.Hosting;

/// <summary>
/// Idempotent writes answer a retry with exactly the first answer: the first successful response to
/// a request carrying an Idempotency-Key is kept byte for byte (<see cref="StoredResponse"/>) and
/// sent again, unchanged, for the same account, request and key. The use case itself still refuses
/// to do the work twice, so a response lost before it was kept is rebuilt by the use case.
/// </summary>
public static class IdempotentReplay
{
    public const string Header = "Idempotency-Key";

    public static RouteHandlerBuilder WithIdempotentReplay(this RouteHandlerBuilder builder) => builder.AddEndpointFilter(async (context, next) =>
    {
        var http = context.HttpContext;
        var key = http.Request.Headers[Header].ToString().Trim();
        var request = http.Request.Method + " " + http.Request.Path.Value;
        if (key.Length is 0 or > StoredResponses.MaxKeyLength || request.Length > StoredResponses.MaxRequestLength)
        {
            return await next(context);
        }

        var services = http.RequestServices;
        var userId = (await services.GetRequiredService<ScopeService>().GetAsync(http.RequestAborted)).UserId;
        var db = services.GetRequiredService<AppDbContext>();
        if (userId is null)
        {
            return await next(context);
        }

        if (await StoredResponses.FindAsync(db, userId, request, key, http.RequestAborted) is { } stored)
        {
            return new Replay(stored);
        }

        if (await next(context) is not IResult result)
        {
            return Results.Empty;
        }

        // Render the answer into memory first, so that what is sent is what is kept.
        var body = http.Response.Body;
        using var buffer = new MemoryStream();
        http.Response.Body = buffer;
        try
        {
            await result.ExecuteAsync(http);
        }
        finally
        {
            http.Response.Body = body;
        }

        var first = new StoredResponse
        {
            UserId = userId, Request = request, Key = key, StatusCode = http.Response.StatusCode, ContentType = http.Response.ContentType,
            Body = buffer.ToArray(), CreatedAt = services.GetRequiredService<TimeProvider>().UtcNow(),
        };
        if (first.StatusCode is >= 200 and < 300)
        {
            first = await StoredResponses.KeepAsync(db, first, http.RequestAborted);
        }

        return new Replay(first);
    });

    private sealed class Replay(StoredResponse response) : IResult
    {
        public async Task ExecuteAsync(HttpContext httpContext)
        {
            httpContext.Response.StatusCode = response.StatusCode;
            httpContext.Response.ContentType = response.ContentType;
            httpContext.Response.ContentLength = response.Body.Length;
            await httpContext.Response.Body.WriteAsync(response.Body, httpContext.RequestAborted);
        }
    }
}
