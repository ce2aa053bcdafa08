using HocVuSo.Core.Features.Messaging;
using HocVuSo.Web.Hosting;

namespace HocVuSo.Web.Api;

/// <summary>The outbox for system administrators: what is waiting, failing or dead, and sending again.</summary>
public static class OutboxApi
{
    public static IEndpointRouteBuilder MapOutboxApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v1/admin/outbox").WithTags("Outbox").RequireAuthorization();

        group.MapGet("/", async (string? status, int? limit, ListOutbox.Handler handler, ErrorMessages messages, CancellationToken ct) =>
                (await handler.HandleAsync(new ListOutbox.Query(status, limit ?? 100), ct)).ToHttp(messages, TypedResults.Ok))
            .WithName("ListOutbox")
            .WithSummary("Counts and messages (never payloads): ?status=pending|dead_letter|delivered, &limit= (at most 200 per status). Administrators only.");

        group.MapPost("/{id:long}/retry", async (long id, DecisionRequest? r, RetryOutboxMessage.Handler handler, ErrorMessages messages, CancellationToken ct) =>
                (await handler.HandleAsync(new RetryOutboxMessage.Command(id, r?.Comment), ct)).ToHttp(messages, TypedResults.Ok))
            .WithName("RetryOutboxMessage")
            .WithSummary("Sends a failed or dead-letter message again now (pending, due immediately); 409 for a delivered one. Audited, with an optional {\"comment\"}.");
        return app;
    }
}
