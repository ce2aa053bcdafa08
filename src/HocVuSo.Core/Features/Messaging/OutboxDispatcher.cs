using System.Security.Cryptography;
using HocVuSo.Core.Common;
using HocVuSo.Core.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace HocVuSo.Core.Features.Messaging;

/// <summary>What one pass of the dispatcher did.</summary>
public sealed record OutboxDispatchReport(int Delivered, int Failed, int DeadLettered, int Skipped)
{
    public int Handled => Delivered + Failed + DeadLettered;
}

/// <summary>
/// Delivers due outbox messages: the background worker calls <see cref="DispatchDueAsync(CancellationToken)"/>
/// in a loop, tests call it directly. Each message is first claimed by a conditional UPDATE that
/// only one dispatcher can win (it must still be pending, due and not leased), so two instances
/// of the platform never deliver the same message at the same time. The handler runs in a fresh
/// DI scope; on success its changes are saved together with the Delivered state, on failure they
/// are discarded and the message waits an exponentially growing, jittered time, until it becomes
/// a dead letter after <see cref="OutboxOptions.MaxAttempts"/> attempts.
/// </summary>
public sealed partial class OutboxDispatcher(IServiceScopeFactory scopes, TimeProvider clock, IOptionsMonitor<OutboxOptions> options, ILogger<OutboxDispatcher> logger)
{
    public const int MaxErrorLength = 500;

    /// <summary>Delivers the messages that are due now, at most one batch.</summary>
    public Task<OutboxDispatchReport> DispatchDueAsync(CancellationToken ct) => DispatchDueAsync(null, ct);

    /// <summary>Like <see cref="DispatchDueAsync(CancellationToken)"/>, limited to the given message ids (tests on a shared database use it to touch only their own messages).</summary>
    public async Task<OutboxDispatchReport> DispatchDueAsync(IReadOnlyCollection<long>? only, CancellationToken ct)
    {
        var settings = options.CurrentValue;
        List<long> due;
        await using (var scope = scopes.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
            var now = clock.UtcNow();
            var query = db.OutboxMessages.AsNoTracking()
                .Where(m => m.Status == OutboxStatus.Pending && m.NextAttemptAt <= now && (m.LockedUntil == null || m.LockedUntil <= now));
            if (only is not null)
            {
                query = query.Where(m => only.Contains(m.Id));
            }

            due = await query.OrderBy(m => m.NextAttemptAt).ThenBy(m => m.Id).Select(m => m.Id).Take(Math.Max(1, settings.BatchSize)).ToListAsync(ct);
        }

        int delivered = 0, failed = 0, dead = 0, skipped = 0;
        foreach (var id in due)
        {
            ct.ThrowIfCancellationRequested();
            switch (await DeliverAsync(id, settings, ct))
            {
                case Outcome.Delivered: delivered++; break;
                case Outcome.Failed: failed++; break;
                case Outcome.DeadLettered: dead++; break;
                default: skipped++; break;
            }
        }

        return new OutboxDispatchReport(delivered, failed, dead, skipped);
    }

    /// <summary>The wait before attempt <paramref name="attempts"/> + 1: base × 2^(attempts−1), capped, then "equal jitter" (between half and all of it).</summary>
    public static TimeSpan Backoff(int attempts, TimeSpan baseDelay, TimeSpan maxDelay, double random)
    {
        var exponent = Math.Clamp(attempts - 1, 0, 30);
        var full = Math.Min(baseDelay.TotalSeconds * Math.Pow(2, exponent), maxDelay.TotalSeconds);
        return TimeSpan.FromSeconds((full / 2) + (full / 2 * Math.Clamp(random, 0, 1)));
    }

    private enum Outcome
    {
        NotClaimed,
        Delivered,
        Failed,
        DeadLettered,
    }

    private async Task<Outcome> DeliverAsync(long id, OutboxOptions settings, CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var services = scope.ServiceProvider;
        var db = services.GetRequiredService<AppDbContext>();
        var now = clock.UtcNow();
        var token = Guid.NewGuid().ToString("N");
        var leaseEnd = now + settings.Lease;
        var claimed = await db.OutboxMessages
            .Where(m => m.Id == id && m.Status == OutboxStatus.Pending && m.NextAttemptAt <= now && (m.LockedUntil == null || m.LockedUntil <= now))
            .ExecuteUpdateAsync(s => s.SetProperty(m => m.LockedUntil, leaseEnd).SetProperty(m => m.ClaimToken, token), ct);
        if (claimed == 0)
        {
            // Another dispatcher took it, or it was delivered or retried meanwhile.
            return Outcome.NotClaimed;
        }

        var message = await db.OutboxMessages.SingleAsync(m => m.Id == id, ct);
        if (message.ClaimToken != token)
        {
            return Outcome.NotClaimed;
        }

        IOutboxHandler? handler;
        try
        {
            handler = services.GetServices<IOutboxHandler>().FirstOrDefault(h => h.Type == message.Type);
        }
        catch
        {
            // The handlers could not be built (e.g. an adapter's HTTP client during start-up): give the
            // message back at once instead of leaving it leased, then let the pass fail.
            await ReleaseAsync(id, token);
            throw;
        }

        if (handler is null)
        {
            Finish(message, OutboxStatus.DeadLetter, clock.UtcNow(), $"No handler is registered for message type '{message.Type}'.");
            message.Attempts++;
            await db.SaveChangesAsync(CancellationToken.None);
            LogDeadLetter(logger, message.Id, message.Type, message.Attempts);
            return Outcome.DeadLettered;
        }

        string error;
        var notConfigured = false;
        var refused = false;
        try
        {
            await handler.HandleAsync(message, ct);
            var at = clock.UtcNow();
            message.Attempts++;
            message.DeliveredAt = at;
            Finish(message, OutboxStatus.Delivered, at, null);
            await db.SaveChangesAsync(CancellationToken.None);
            LogDelivered(logger, message.Id, message.Type, message.Attempts);
            return Outcome.Delivered;
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            // Shutting down: give the message back untouched, so the next start tries it at once.
            await ReleaseAsync(id, token);
            throw;
        }
        catch (DbUpdateConcurrencyException)
        {
            // The lease lapsed and another dispatcher holds the message now; it decides the outcome.
            return Outcome.NotClaimed;
        }
#pragma warning disable CA1031 // Any failure of a handler is a failed delivery, to be retried later.
        catch (Exception e)
#pragma warning restore CA1031
        {
            error = Describe(e);
            notConfigured = e is OutboxDestinationNotConfiguredException;
            refused = e is OutboxMessageRefusedException;
        }

        // Discard whatever the handler changed, then record the failure on a fresh copy.
        db.ChangeTracker.Clear();
        var failedMessage = await db.OutboxMessages.SingleOrDefaultAsync(m => m.Id == id && m.ClaimToken == token, CancellationToken.None);
        if (failedMessage is null)
        {
            return Outcome.NotClaimed;
        }

        var failedAt = clock.UtcNow();
        failedMessage.Attempts++;
        var giveUp = refused || failedMessage.Attempts >= Math.Max(1, settings.MaxAttempts);
        if (!giveUp)
        {
            failedMessage.NextAttemptAt = failedAt + Backoff(failedMessage.Attempts, settings.BackoffBase, settings.BackoffMax, RandomNumberGenerator.GetInt32(1_000_001) / 1_000_000.0);
        }

        Finish(failedMessage, giveUp ? OutboxStatus.DeadLetter : OutboxStatus.Pending, failedAt, error);
        try
        {
            await db.SaveChangesAsync(CancellationToken.None);
        }
        catch (DbUpdateConcurrencyException)
        {
            return Outcome.NotClaimed;
        }

        if (giveUp)
        {
            LogDeadLetter(logger, failedMessage.Id, failedMessage.Type, failedMessage.Attempts);
            return Outcome.DeadLettered;
        }

        if (notConfigured)
        {
            LogNotConfigured(logger, failedMessage.Id, failedMessage.Type, failedMessage.Attempts, failedMessage.NextAttemptAt, error);
        }
        else
        {
            LogFailed(logger, failedMessage.Id, failedMessage.Type, failedMessage.Attempts, failedMessage.NextAttemptAt, error);
        }

        return Outcome.Failed;
    }

    private static void Finish(OutboxMessage message, OutboxStatus status, DateTime at, string? error)
    {
        message.Status = status;
        message.LastAttemptAt = at;
        message.LastError = error;
        message.LockedUntil = null;
        message.ClaimToken = null;
    }

    private async Task ReleaseAsync(long id, string token)
    {
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
            await db.OutboxMessages.Where(m => m.Id == id && m.ClaimToken == token)
                .ExecuteUpdateAsync(s => s.SetProperty(m => m.LockedUntil, (DateTime?)null).SetProperty(m => m.ClaimToken, (string?)null), CancellationToken.None);
        }
#pragma warning disable CA1031 // Best effort: an unreleased lease simply lapses.
        catch (Exception e)
#pragma warning restore CA1031
        {
            LogReleaseFailed(logger, id, e.GetType().Name);
        }
    }

    /// <summary>
    /// A short description of a failure for staff: the exception type and message, on one line.
    /// The exception a handler throws is the one described; only bare wrappers (an aggregate of one,
    /// a reflection call, a database update) give way to what they wrap. The innermost exception is
    /// not the cause in general: "VNeID calls are paused" carries the circuit breaker's last socket
    /// error inside it, and describing that error instead sent staff looking for a network fault.
    /// Handlers must keep personal data out of their exception messages (the HTTP clients here do).
    /// </summary>
    public static string Describe(Exception e)
    {
        ArgumentNullException.ThrowIfNull(e);
        var inner = e;
        while (inner.InnerException is { } wrapped
            && inner is AggregateException { InnerExceptions.Count: 1 } or System.Reflection.TargetInvocationException or DbUpdateException)
        {
            inner = wrapped;
        }

        var text = $"{inner.GetType().Name}: {inner.Message}".ReplaceLineEndings(" ");
        return text.Length <= MaxErrorLength ? text : text[..(MaxErrorLength - 1)] + "…";
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Outbox message {Id} ({Type}) delivered after {Attempts} attempt(s).")]
    private static partial void LogDelivered(ILogger logger, long id, string type, int attempts);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Outbox message {Id} ({Type}) failed attempt {Attempts}; next attempt at {NextAttemptAt:o}: {Error}")]
    private static partial void LogFailed(ILogger logger, long id, string type, int attempts, DateTime nextAttemptAt, string error);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Outbox message {Id} ({Type}) waits for its destination to be configured (attempt {Attempts}; next at {NextAttemptAt:o}): {Error}")]
    private static partial void LogNotConfigured(ILogger logger, long id, string type, int attempts, DateTime nextAttemptAt, string error);

    [LoggerMessage(Level = LogLevel.Error, Message = "Outbox message {Id} ({Type}) is a dead letter after {Attempts} attempt(s).")]
    private static partial void LogDeadLetter(ILogger logger, long id, string type, int attempts);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not release the lease of outbox message {Id} ({Error}); it lapses on its own.")]
    private static partial void LogReleaseFailed(ILogger logger, long id, string error);
}
