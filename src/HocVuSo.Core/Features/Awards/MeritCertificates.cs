using HocVuSo.Core.Common;
using HocVuSo.Core.Data;
using HocVuSo.Core.Features.Accounts;
using HocVuSo.Core.Features.Certification;
using Microsoft.EntityFrameworkCore;

namespace HocVuSo.Core.Features.Awards;

/// <summary>What the public check of a certificate of merit answers: valid, revoked or unknown, and the minimum facts.</summary>
public sealed record MeritVerification(string Status, string Serial, string? Recipient, string? Title, string? Unit, string? DecisionNumber, DateOnly? DecisionDate, DateTime? RevokedAt, bool Illustrative = false)
{
    public const string Valid = "valid";
    public const string Revoked = "revoked";
    public const string Unknown = "unknown";
}

/// <summary>Everything printed on a certificate of merit (giấy khen).</summary>
public sealed record MeritCertificateDocument(
    string Serial, string Recipient, string Title, int Year, string DecisionNumber, DateOnly DecisionDate, string Signer,
    string IssuingBody, string? GoverningBody, string Place, string Signature, string SigningKeyId, bool Revoked);

/// <summary>
/// Anyone checks a certificate of merit by its serial (and, from the QR code, the short signature):
/// a serial not issued, or whose stored fields no longer match their signature, is unknown; a
/// person's name shows as initials unless they consented to their full name being published.
/// </summary>
public static class VerifyMeritCertificate
{
    public sealed class Handler(AppDbContext db, CertificateSigner signer)
    {
        public async Task<MeritVerification> HandleAsync(string? serialText, string? signature, CancellationToken ct)
        {
            var serial = (serialText ?? string.Empty).Trim().ToUpperInvariant();
            var unknown = new MeritVerification(MeritVerification.Unknown, serial.Length > 40 ? serial[..40] : serial, null, null, null, null, null, null);
            if (!CertificateSerials.IsWellFormed(serial))
            {
                return unknown;
            }

            var item = await db.Set<DecisionItem>().AsNoTracking().FirstOrDefaultAsync(i => i.Serial == serial, ct);
            if (item is null)
            {
                return unknown;
            }

            var decision = await db.Set<RecognitionDecision>().AsNoTracking().FirstAsync(d => d.Id == item.DecisionId, ct);
            var unit = await db.Units.AsNoTracking().FirstAsync(u => u.Id == decision.UnitId, ct);
            var genuine = signer.Verify(MeritSignature.Fields(item.Serial, item.RecipientName, unit.Code, decision.Date, decision.Number), item.SigningKeyId, item.Signature);
            if (!genuine || (signature is not null && !CertificateSigner.MatchesShort(item.Signature, signature)))
            {
                return unknown;
            }

            var nomination = await db.Set<Nomination>().AsNoTracking().FirstAsync(n => n.Id == item.NominationId, ct);
            var scheme = await db.Set<AwardScheme>().AsNoTracking().FirstAsync(s => s.Id == nomination.SchemeId, ct);
            return new MeritVerification(
                item.RevokedAt is null ? MeritVerification.Valid : MeritVerification.Revoked, serial, Recognitions.PublicName(nomination, item.RecipientName),
                scheme.Title, unit.FullName, decision.Number, decision.Date, item.RevokedAt, decision.Illustrative);
        }
    }
}

/// <summary>A certificate of merit's contents for its PDF: for the recognised person, or staff who see the decision's unit; to anyone else it does not exist.</summary>
public static class GetMeritCertificate
{
    public sealed class Handler(AppDbContext db, ScopeService scopes)
    {
        public async Task<Result<MeritCertificateDocument>> HandleAsync(string? serialText, CancellationToken ct)
        {
            var scope = await scopes.GetAsync(ct);
            var serial = (serialText ?? string.Empty).Trim().ToUpperInvariant();
            var item = await db.Set<DecisionItem>().AsNoTracking().FirstOrDefaultAsync(i => i.Serial == serial, ct);
            var decision = item is null ? null : await db.Set<RecognitionDecision>().AsNoTracking().FirstAsync(d => d.Id == item.DecisionId, ct);
            var nomination = item is null ? null : await db.Set<Nomination>().AsNoTracking().FirstAsync(n => n.Id == item.NominationId, ct);
            if (item is null || decision is null || nomination is null
                || !(scope.Can(Permission.ViewStaffData, decision.UnitPath) || (scope.UserId is not null && nomination.NomineeUserId == scope.UserId)))
            {
                return Errors.NotFound("awards.certificate_not_found", serial);
            }

            var scheme = await db.Set<AwardScheme>().AsNoTracking().FirstAsync(s => s.Id == nomination.SchemeId, ct);
            var unit = await db.Units.AsNoTracking().FirstAsync(u => u.Id == decision.UnitId, ct);
            var parent = unit.ParentId is { } parentId ? await db.Units.AsNoTracking().Where(u => u.Id == parentId).Select(u => u.FullName).FirstOrDefaultAsync(ct) : null;
            return new MeritCertificateDocument(
                item.Serial, item.RecipientName, scheme.Title, scheme.Year, decision.Number, decision.Date, decision.Signer,
                "UBND " + LowerFirst(unit.FullName), parent is null || unit.Level <= 1 ? null : "UBND " + LowerFirst(parent), unit.Name,
                item.Signature, item.SigningKeyId, item.RevokedAt is not null);
        }
    }

    private static string LowerFirst(string name) => name.Length == 0 ? name : char.ToLowerInvariant(name[0]) + name[1..];
}
