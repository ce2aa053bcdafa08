namespace HocVuSo.Core.Features.Messaging;

/// <summary>
/// A message to another system (VNeID, e-mail, …) written in the same transaction as the change
/// that causes it, so a committed change is never without its message and a rolled-back change
/// never sends one. A background worker delivers it later, at least once; the receiver
/// de-duplicates by <see cref="IdempotencyKey"/>.
/// </summary>
public sealed class OutboxMessage
{
    public long Id { get; set; }

    /// <summary>What the message is, e.g. <c>vneid.confirmation</c>; picks the <see cref="IOutboxHandler"/>.</summary>
    public required string Type { get; set; }

    /// <summary>JSON understood by the handler of <see cref="Type"/>. Never holds personal data in clear.</summary>
    public required string Payload { get; set; }

    /// <summary>Unique per message; sent to the receiver so a repeated delivery changes nothing there.</summary>
    public required string IdempotencyKey { get; set; }

    public OutboxStatus Status { get; set; } = OutboxStatus.Pending;

    /// <summary>Delivery attempts so far.</summary>
    public int Attempts { get; set; }

    public DateTime CreatedAt { get; set; }

    /// <summary>When the worker may try next (back-off after a failure).</summary>
    public DateTime NextAttemptAt { get; set; }

    public DateTime? LastAttemptAt { get; set; }

    public DateTime? DeliveredAt { get; set; }

    /// <summary>The last failure, short and free of personal data.</summary>
    public string? LastError { get; set; }

    /// <summary>Optional link to what caused the message (e.g. a certificate serial), for staff views.</summary>
    public string? Reference { get; set; }

    /// <summary>Notifications: the recipient as staff may see it ("c•••@example.vn", "09••••••78"), for the delivery log.</summary>
    public string? RecipientMasked { get; set; }

    /// <summary>Notifications: the path of the recipient's unit, so the delivery log shows each officer only messages within their scope.</summary>
    public string? UnitPath { get; set; }

    /// <summary>
    /// While set and in the future, one dispatcher holds the message (a lease): no other instance
    /// delivers it at the same time. A dispatcher that dies mid-delivery lets the lease lapse, and
    /// the message is tried again after it.
    /// </summary>
    public DateTime? LockedUntil { get; set; }

    /// <summary>The claim of the dispatcher holding the lease; a concurrency token, so a dispatcher whose lease was taken over cannot overwrite the new holder's outcome.</summary>
    public string? ClaimToken { get; set; }
}

public enum OutboxStatus
{
    /// <summary>Waiting for (another) delivery attempt.</summary>
    Pending,

    /// <summary>Acknowledged by the receiver.</summary>
    Delivered,

    /// <summary>Gave up after the configured number of attempts; an administrator may retry it.</summary>
    DeadLetter,
}
