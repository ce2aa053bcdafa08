using System.Text.Json;
using HocVuSo.Core.Data;
using HocVuSo.Core.Features.Accounts;

namespace HocVuSo.Core.Features.Audit;

/// <summary>Adds audit entries to the same unit of work as the change they describe.</summary>
public static class AuditLog
{
    private static readonly JsonSerializerOptions Json = new() { WriteIndented = false };

    public static void Record(
        AppDbContext db,
        UserScope actor,
        DateTime at,
        string action,
        string entityType,
        string entityKey,
        string? unitPath,
        object? oldValue = null,
        object? newValue = null,
        string? reason = null)
    {
        db.AuditEntries.Add(Entry(actor, at, action, entityType, entityKey, unitPath, oldValue, newValue, reason));
    }

    /// <summary>The entry <see cref="Record"/> adds, for callers that write many at once (bulk imports).</summary>
    public static AuditEntry Entry(
        UserScope actor,
        DateTime at,
        string action,
        string entityType,
        string entityKey,
        string? unitPath,
        object? oldValue = null,
        object? newValue = null,
        string? reason = null) => new()
        {
            At = at,
            ActorUserId = actor.UserId,
            ActorName = actor.UserName,
            Action = action,
            EntityType = entityType,
            EntityKey = entityKey,
            UnitPath = unitPath,
            OldValue = oldValue is null ? null : JsonSerializer.Serialize(oldValue, Json),
            NewValue = newValue is null ? null : JsonSerializer.Serialize(newValue, Json),
            Reason = reason,
        };
}
