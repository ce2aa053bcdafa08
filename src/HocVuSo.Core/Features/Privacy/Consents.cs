using HocVuSo.Core.Common;
using HocVuSo.Core.Data;
using HocVuSo.Core.Features.Accounts;
using HocVuSo.Core.Features.Audit;
using Microsoft.EntityFrameworkCore;

namespace HocVuSo.Core.Features.Privacy;

/// <summary>The one place that reads and writes consents; processing that needs a consent asks <see cref="HasAsync"/>.</summary>
public static class Consents
{
    /// <summary>
    /// The version of the consent wording the pages show (resource keys <c>privacy.consent.*</c>).
    /// Change it whenever that wording changes, so each record says what the person agreed to.
    /// </summary>
    public const string WordingVersion = "2026-12-v1";

    /// <summary>
    /// True when the person's latest record for <paramref name="purpose"/> gives consent. No
    /// record at all is no consent: accounts made before consents were recorded, or through a
    /// path without a consent step, are treated as not having consented to optional purposes.
    /// </summary>
    public static async Task<bool> HasAsync(AppDbContext db, string userId, ConsentPurpose purpose, CancellationToken ct) =>
        await LatestAsync(db, userId, purpose, ct) == true;

    /// <summary>
    /// True when the person's latest record for <paramref name="purpose"/> declines or withdraws it.
    /// Confirmation to VNeID follows this rule, like learning: it is what a certificate of the
    /// movement is for, so an account that was never asked (made before consents, or signed up
    /// through VNeID, which has no consent step) is confirmed, and one that said no is not.
    /// </summary>
    public static async Task<bool> RefusedAsync(AppDbContext db, string userId, ConsentPurpose purpose, CancellationToken ct) =>
        await LatestAsync(db, userId, purpose, ct) == false;

    /// <summary>
    /// The error that refuses learning (starting or submitting a quiz, completing a lesson) when
    /// the person withdrew or declined consent to learning; null when they may learn. Accounts
    /// with no learning record at all (made before consents were recorded, or enrolled in bulk by
    /// their organisation) are not refused: their enrolment is the basis, and they can record or
    /// withdraw consent on their privacy page at any time.
    /// </summary>
    public static async Task<Error?> RefuseLearningAsync(AppDbContext db, string userId, CancellationToken ct) =>
        await RefusedAsync(db, userId, ConsentPurpose.Learning, ct) ? new Error(LearningNotGiven, ErrorKind.Forbidden) : null;

    /// <summary>The person's latest answer for <paramref name="purpose"/>: given, refused, or null when never asked.</summary>
    private static async Task<bool?> LatestAsync(AppDbContext db, string userId, ConsentPurpose purpose, CancellationToken ct) =>
        await db.ConsentRecords.AsNoTracking()
            .Where(c => c.UserId == userId && c.Purpose == purpose)
            .OrderByDescending(c => c.Id)
            .Select(c => (bool?)c.Granted)
            .FirstOrDefaultAsync(ct);

    /// <summary>Stable codes of the refusals for want of consent.</summary>
    public const string LearningNotGiven = "consent.learning_not_given";

    public const string VneidNotGiven = "consent.vneid_not_given";

    public const string ContactNotGiven = "consent.contact_not_given";

    /// <summary>The consent in force for each purpose (null: never asked), latest first per purpose.</summary>
    public static async Task<IReadOnlyDictionary<ConsentPurpose, ConsentRecord?>> CurrentAsync(AppDbContext db, string userId, CancellationToken ct)
    {
        var rows = await db.ConsentRecords.AsNoTracking().Where(c => c.UserId == userId).OrderByDescending(c => c.Id).ToListAsync(ct);
        return Enum.GetValues<ConsentPurpose>().ToDictionary(p => p, p => rows.FirstOrDefault(r => r.Purpose == p));
    }

    /// <summary>Adds a consent record and its audit entry to the unit of work (saved by the caller).</summary>
    public static ConsentRecord Record(AppDbContext db, UserScope actor, DateTime at, string userId, string? unitPath, ConsentPurpose purpose, bool granted,
        ConsentChannel channel, string? recordedByUserId = null)
    {
        var record = new ConsentRecord
        {
            UserId = userId, Purpose = purpose, Granted = granted, At = at, WordingVersion = WordingVersion, Channel = channel, RecordedByUserId = recordedByUserId,
        };
        db.ConsentRecords.Add(record);
        AuditLog.Record(db, actor, at, granted ? PrivacyAuditActions.ConsentGiven : PrivacyAuditActions.ConsentWithdrawn, nameof(AppUser), userId, unitPath,
            newValue: new { purpose = Name(purpose), granted, channel = channel.ToString(), wording = WordingVersion });
        return record;
    }

    /// <summary>The purpose as the API and audit trail spell it.</summary>
    public static string Name(ConsentPurpose purpose) => purpose switch
    {
        ConsentPurpose.Learning => "learning",
        ConsentPurpose.VneidConfirmation => "vneid",
        _ => "team-contact",
    };

    public static ConsentPurpose? Parse(string? name) => name?.Trim().ToLowerInvariant() switch
    {
        "learning" => ConsentPurpose.Learning,
        "vneid" => ConsentPurpose.VneidConfirmation,
        "team-contact" => ConsentPurpose.TeamContact,
        _ => null,
    };
}

/// <summary>What a person chose at sign-up: learning is required to have an account, the other two are optional.</summary>
public sealed record ConsentChoice(bool Learning, bool VneidConfirmation, bool TeamContact);
