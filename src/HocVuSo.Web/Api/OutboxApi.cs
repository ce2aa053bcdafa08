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

        var messaging = app.MapGroup("/api/v1/messaging").WithTags("Messaging").RequireAuthorization();
        messaging.MapGet("/deliveries", async (string? channel, string? status, int? limit, ListDeliveries.Handler handler, ErrorMessages messages, CancellationToken ct) =>
                (await handler.HandleAsync(new ListDeliveries.Query(channel, status, limit ?? 100), ct)).ToHttp(messages, TypedResults.Ok))
            .WithName("ListDeliveries")
            .WithSummary("The delivery log of notifications within the caller's scope, newest first (recipient masked, never the text): ?channel=email|sms|zalo, &status=, &limit= (at most 200).");
        messaging.MapGet("/preferences", async (GetNotificationPreferences.Handler handler, ErrorMessages messages, CancellationToken ct) =>
                (await handler.HandleAsync(new GetNotificationPreferences.Query(), ct)).ToHttp(messages, TypedResults.Ok))
            .WithName("GetNotificationPreferences")
            .WithSummary("The signed-in person's notification channels.");
        messaging.MapPut("/preferences", async (SetNotificationPreferences.Command command, SetNotificationPreferences.Handler handler, ErrorMessages messages, CancellationToken ct) =>
                (await handler.HandleAsync(command, ct)).ToHttp(messages, TypedResults.Ok))
            .WithName("SetNotificationPreferences")
            .WithSummary("Sets the signed-in person's notification channels: {\"email\":true,\"sms\":false,\"zalo\":true}; 400 notifications.no_email / no_phone when the account lacks the address.");
        return app;
    }
}
