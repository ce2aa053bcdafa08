using Microsoft.EntityFrameworkCore;

namespace HocVuSo.Core.Features.Idempotency;

/// <summary>
/// The first successful answer to a write sent with an Idempotency-Key, byte for byte, so that a
/// retry with the same key (a double tap, a phone on a weak signal) gets exactly the same answer,
/// even after what it describes has moved on. Kept per account, request and key.
/// </summary>
public sealed class StoredResponse
{
    public long Id { get; set; }

    public required string UserId { get; set; }

    /// <summary>The method and path the key was sent to, e.g. "POST /api/v1/learning/attempts/…/submit".</summary>
    public required string Request { get; set; }

    public required string Key { get; set; }

    public int StatusCode { get; set; }

    public string? ContentType { get; set; }

    public required byte[] Body { get; set; }

    public DateTime CreatedAt { get; set; }
}

/// <summary>Finds and keeps <see cref="StoredResponse"/>s; the first one kept for a key wins.</summary>
public static class StoredResponses
{
    public const int MaxKeyLength = 100;
    public const int MaxRequestLength = 300;

    public static Task<StoredResponse?> FindAsync(Data.AppDbContext db, string userId, string request, string key, CancellationToken ct) =>
        db.StoredResponses.AsNoTracking().FirstOrDefaultAsync(r => r.UserId == userId && r.Request == request && r.Key == key, ct);

    /// <summary>Keeps <paramref name="response"/> unless one is already kept for its key; returns the one kept.</summary>
    public static async Task<StoredResponse> KeepAsync(Data.AppDbContext db, StoredResponse response, CancellationToken ct)
    {
        db.StoredResponses.Add(response);
        try
        {
            await db.SaveChangesAsync(ct);
            return response;
        }
        catch (DbUpdateException)
        {
            // A concurrent first request with the same key answered first: its answer is the answer.
            db.Entry(response).State = EntityState.Detached;
            return await FindAsync(db, response.UserId, response.Request, response.Key, ct) ?? response;
        }
    }
}
