using HocVuSo.Core.Common;
using HocVuSo.Core.Data;
using HocVuSo.Core.Features.Accounts;
using HocVuSo.Core.Features.Messaging;
using Microsoft.EntityFrameworkCore;

namespace HocVuSo.Core.Features.Certification;

/// <summary>What a public check of a certificate answers: the state and the minimum facts, never the identification number.</summary>
/// <remarks>
/// <see cref="Status"/> is only ever valid, revoked or unknown (the public contract);
/// <see cref="Reason"/> says why an existing serial is unknown: its signature does not match.
/// </remarks>
public sealed record VerificationOutcome(string Status, string Serial, string? Holder, string? Commune, string? Province, DateOnly? CertifiedOn, string? RuleVersion, DateTime? RevokedAt,
    string? Reason = null)
{
    public const string Valid = "valid";
    public const string Revoked = "revoked";
    public const string Unknown = "unknown";
    public const string InvalidSignature = "invalid-signature";

    /// <summary>Revoked because the holder asked for their data to be deleted; the holder's details are gone.</summary>
    public const string HolderRequest = "holder-request";
}

/// <summary>
/// Anyone checks a certificate by its serial and, from the QR code, the short signature. A serial
/// of the wrong shape or not issued is "unknown"; one whose stored fields no longer match their
/// signature, or whose link carries a wrong signature, is "unknown" too, with the reason
/// "invalid-signature" (an altered document or a guessed link). Only a
/// genuine certificate shows its facts: the holder's initials and given name, commune, date and rule.
/// </summary>
public static class VerifyCertificate
{
    public sealed record Query(string? Serial, string? Signature);

    public sealed class Handler(AppDbContext db, CertificateSigner signer)
    {
        public async Task<VerificationOutcome> HandleAsync(Query query, CancellationToken ct)
        {
            var serial = (query.Serial ?? string.Empty).Trim().ToUpperInvariant();
            var unknown = new VerificationOutcome(VerificationOutcome.Unknown, serial.Length > 40 ? serial[..40] : serial, null, null, null, null, null, null);
            if (!CertificateSerials.MayHaveBeenIssued(serial))
            {
                return unknown;
            }

            var row = await db.Certifications.AsNoTracking().FirstOrDefaultAsync(c => c.Serial == serial, ct);
            if (row is null || row.Signature is null || row.Status == CertificationStatus.AwaitingSignOff)
            {
                return unknown;
            }

            if (row.ErasedAtHolderRequest)
            {
                // The signed fields (name, number) were erased at the holder's request, so there is nothing left to check the signature against.
                var erasedUnits = await CertificateUnits.NamesAsync(db, row.CommuneCode, ct);
                return new VerificationOutcome(VerificationOutcome.Revoked, serial, null, erasedUnits.Commune, erasedUnits.Province, row.CertifiedOn, row.RuleVersion, row.RevokedAt,
                    VerificationOutcome.HolderRequest);
            }

            var genuine = signer.Verify(CertificateFields.Of(row), row.SigningKeyId, row.Signature);
            var linkOk = query.Signature is null || CertificateSigner.MatchesShort(row.Signature, query.Signature);
            if (!genuine || !linkOk)
            {
                return unknown with { Reason = VerificationOutcome.InvalidSignature };
            }

            var units = await CertificateUnits.NamesAsync(db, row.CommuneCode, ct);
            return new VerificationOutcome(
                row.Status == CertificationStatus.Revoked ? VerificationOutcome.Revoked : VerificationOutcome.Valid,
                serial,
                Initials(row.HolderName),
                units.Commune,
                units.Province,
                row.CertifiedOn,
                row.RuleVersion,
                row.RevokedAt);
        }
    }

    /// <summary>"Nguyễn Thị Lan" → "N. T. Lan": enough to match the paper, not to identify a stranger.</summary>
    public static string Initials(string? name)
    {
        var words = VietnameseText.Clean(name).Split(' ', StringSplitOptions.RemoveEmptyEntries);
        if (words.Length == 0)
        {
            return string.Empty;
        }

        return string.Join(' ', words[..^1].Select(w => char.ToUpperInvariant(w[0]) + ".").Append(words[^1]));
    }
}

internal static class CertificateUnits
{
    /// <summary>The commune's full name, its short name (for "Ea Trang, ngày …") and its province's full name.</summary>
    public static async Task<(string? Commune, string? Province, string? Place)> NamesAsync(AppDbContext db, string? communeCode, CancellationToken ct)
    {
        if (communeCode is null)
        {
            return (null, null, null);
        }

        var commune = await db.Units.AsNoTracking().Where(u => u.Code == communeCode).OrderByDescending(u => u.ValidFrom)
            .Select(u => new { u.FullName, u.Name, u.ParentCode }).FirstOrDefaultAsync(ct);
        var province = commune?.ParentCode is null ? null : await db.Units.AsNoTracking().Where(u => u.Code == commune.ParentCode)
            .OrderByDescending(u => u.ValidFrom).Select(u => u.FullName).FirstOrDefaultAsync(ct);
        return (commune?.FullName, province, commune?.Name);
    }
}

/// <summary>Everything printed on a certificate.</summary>
public sealed record CertificateDocument(
    string Serial, string HolderName, string MaskedIdNumber, string CommuneCode, string? Commune, string? Province, string? Place,
    DateOnly CertifiedOn, string RuleVersion, string Signature, string SigningKeyId, bool Assisted);

/// <summary>
/// The certificate's contents for its PDF: for its holder, or for staff who may view data in the
/// unit where it was issued. To anyone else it does not exist (404), so serials cannot be probed.
/// </summary>
public static class GetCertificate
{
    public sealed record Query(string? Serial);

    public sealed class Handler(AppDbContext db, ScopeService scopes)
    {
        public async Task<Result<CertificateDocument>> HandleAsync(Query query, CancellationToken ct)
        {
            var scope = await scopes.GetAsync(ct);
            var serial = (query.Serial ?? string.Empty).Trim().ToUpperInvariant();
            var row = CertificateSerials.MayHaveBeenIssued(serial) ? await db.Certifications.AsNoTracking().FirstOrDefaultAsync(c => c.Serial == serial, ct) : null;
            if (row is null || row.Signature is null || scope.UserId is null && !scope.IsSystem)
            {
                return Errors.NotFound("certificate.not_found", serial);
            }

            if (row.UserId != scope.UserId)
            {
                if (!scope.IsStaff)
                {
                    return Errors.NotFound("certificate.not_found", serial);
                }

                if (scope.CheckHidden(Permission.ViewStaffData, row.UnitPath ?? "/", Errors.NotFound("certificate.not_found", serial)) is { } hidden)
                {
                    return hidden;
                }
            }

            if (row.Status == CertificationStatus.Revoked)
            {
                return Errors.Conflict("certificate.revoked", null, serial);
            }

            var units = await CertificateUnits.NamesAsync(db, row.CommuneCode, ct);
            return new CertificateDocument(row.Serial!, row.HolderName ?? string.Empty, row.MaskedIdNumber ?? string.Empty, row.CommuneCode ?? string.Empty,
                units.Commune, units.Province, units.Place, row.CertifiedOn!.Value, row.RuleVersion, row.Signature, row.SigningKeyId ?? string.Empty, row.Assisted);
        }
    }
}

/// <summary>
/// Delivers <see cref="VneidConfirmationMessage"/>: reads the certification and the person's
/// identification number (decrypted only now, for this call), sends the confirmation with the
/// message's idempotency key, and records VNeID's acknowledgement on the certification once — a
/// repeated acknowledgement changes nothing. Without the holder's consent to VNeID confirmation
/// (withdrawn after the message was queued) nothing is sent: the message is refused with that reason. The changes are saved by the outbox worker with the
/// message's delivered state.
/// </summary>
public sealed class VneidConfirmationHandler(AppDbContext db, PersonalDataProtector protector, IVneidClient client) : IOutboxHandler
{
    public string Type => VneidConfirmationMessage.Type;

    public async Task HandleAsync(OutboxMessage message, CancellationToken cancellationToken)
    {
        var payload = message.ReadPayload<VneidConfirmationMessage.Payload>();
        var certification = await db.Certifications.FirstOrDefaultAsync(c => c.Id == payload.CertificationId && c.Serial == payload.Serial, cancellationToken)
            ?? throw new InvalidOperationException($"Certification {payload.CertificationId} with serial {payload.Serial} does not exist.");
        if (certification.VneidConfirmedAt is not null)
        {
            return;
        }

        if (certification.Status != CertificationStatus.Certified)
        {
            throw new InvalidOperationException($"Certification {certification.Id} is {certification.Status}; only certified learners are confirmed on VNeID.");
        }

        await Privacy.OutboxConsent.ThrowIfRefusedAsync(db, message, cancellationToken);

        var identity = await db.PersonIdentities.AsNoTracking().FirstOrDefaultAsync(p => p.UserId == certification.UserId, cancellationToken)
            ?? throw new InvalidOperationException($"The holder of certificate {certification.Serial} has not recorded an identification number yet; the confirmation waits until they do.");
        var number = protector.UnprotectNumber(identity);
        var acknowledgement = await client.ConfirmAsync(
            new VneidConfirmation(number, certification.HolderName ?? string.Empty, certification.Serial!, certification.CertifiedOn!.Value, certification.RuleVersion, certification.CommuneCode ?? string.Empty),
            message.IdempotencyKey,
            cancellationToken);
        // Unconfirmed when loaded above; a delivery racing this one is stopped by the Revision concurrency token.
        certification.VneidConfirmedAt = acknowledgement.AcknowledgedAt;
        certification.VneidAcknowledgementId = acknowledgement.AcknowledgementId.Length > 100 ? acknowledgement.AcknowledgementId[..100] : acknowledgement.AcknowledgementId;
        certification.Revision++;
    }
}
