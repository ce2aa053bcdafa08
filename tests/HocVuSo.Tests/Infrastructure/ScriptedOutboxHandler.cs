using System.Collections.Concurrent;
using HocVuSo.Core.Data;
using HocVuSo.Core.Features.Audit;
using HocVuSo.Core.Features.Messaging;

namespace HocVuSo.Tests.Infrastructure;

/// <summary>
/// A test message type, "test.scripted", whose payload says how it behaves: fail while fewer than
/// <c>FailTimes</c> attempts were made, take <c>DelayMs</c> to deliver. Every delivery adds an
/// audit entry in the dispatcher's unit of work (saved only when the delivery counts) and is
/// counted by idempotency key, so tests can see exactly how often a message was delivered.
/// </summary>
public sealed class ScriptedOutboxHandler(AppDbContext db) : IOutboxHandler
{
    public const string MessageType = "test.scripted";
    public const string DeliveredAction = "test.outbox_delivered";

    /// <param name="NotConfigured">Fail as an adapter with nowhere to deliver does.</param>
    public sealed record Script(int FailTimes = 0, int DelayMs = 0, bool NotConfigured = false);

    private static readonly ConcurrentDictionary<string, int> Deliveries = new();
    private static readonly ConcurrentDictionary<string, int> Calls = new();

    public string Type => MessageType;

    public static int DeliveriesOf(string key) => Deliveries.GetValueOrDefault(key);

    public static int CallsOf(string key) => Calls.GetValueOrDefault(key);

    public async Task HandleAsync(OutboxMessage message, CancellationToken cancellationToken)
    {
        Calls.AddOrUpdate(message.IdempotencyKey, 1, (_, n) => n + 1);
        var script = message.ReadPayload<Script>();
        db.AuditEntries.Add(new AuditEntry { At = DateTime.UtcNow, Action = DeliveredAction, EntityType = "OutboxMessage", EntityKey = message.IdempotencyKey });
        if (script.DelayMs > 0)
        {
            await Task.Delay(script.DelayMs, cancellationToken);
        }

        if (message.Attempts < script.FailTimes && script.NotConfigured)
        {
            throw new OutboxDestinationNotConfiguredException("Scripted: nowhere to deliver.");
        }

        if (message.Attempts < script.FailTimes)
        {
            throw new InvalidOperationException($"Scripted failure {message.Attempts + 1} of {script.FailTimes}.");
        }

        Deliveries.AddOrUpdate(message.IdempotencyKey, 1, (_, n) => n + 1);
    }
}
