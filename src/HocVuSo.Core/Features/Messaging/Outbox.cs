using System.Text.Json;
using HocVuSo.Core.Common;
using HocVuSo.Core.Data;

namespace HocVuSo.Core.Features.Messaging;

/// <summary>Writes outbox messages into the caller's unit of work (they are saved with it).</summary>
public static class Outbox
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    /// <summary>
    /// Adds a message to <paramref name="db"/> without saving: the caller's SaveChanges commits it
    /// together with the change it reports.
    /// </summary>
    public static OutboxMessage Enqueue<TPayload>(this AppDbContext db, TimeProvider clock, string type, TPayload payload, string idempotencyKey, string? reference = null)
    {
        var now = clock.UtcNow();
        var message = new OutboxMessage
        {
            Type = type,
            Payload = JsonSerializer.Serialize(payload, Json),
            IdempotencyKey = idempotencyKey,
            CreatedAt = now,
            NextAttemptAt = now,
            Reference = reference,
        };
        db.OutboxMessages.Add(message);
        return message;
    }

    public static TPayload ReadPayload<TPayload>(this OutboxMessage message) =>
        JsonSerializer.Deserialize<TPayload>(message.Payload, Json)
        ?? throw new InvalidOperationException($"Outbox message {message.Id} has an empty payload.");
}

/// <summary>
/// Delivers one type of outbox message. Return normally when the receiver acknowledged it (the
/// handler may change the database in the same scope: the worker saves it with the message's
/// Delivered state); throw to have it retried later.
/// </summary>
/// <summary>
/// A handler has nowhere to deliver (its adapter is not configured). The adapter says so once at
/// start; each failed attempt is still recorded on the message for administrators, but not logged
/// again as a warning.
/// </summary>
public sealed class OutboxDestinationNotConfiguredException(string message) : InvalidOperationException(message);

/// <summary>
/// The message must not be delivered at all (e.g. the person withdrew the consent it needs), or
/// the receiver refused it for good (a gateway's 4xx answer, an SMTP 5xx reply): the worker
/// dead-letters it at once with this reason instead of retrying. Giving the consent again puts it
/// back in the queue; an administrator may send a refused one again after mending its cause.
/// </summary>
public sealed class OutboxMessageRefusedException(string message) : InvalidOperationException(message);

public interface IOutboxHandler
{
    string Type { get; }

    Task HandleAsync(OutboxMessage message, CancellationToken cancellationToken);
}
