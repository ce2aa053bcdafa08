namespace HocVuSo.Core.Features.Certification;

/// <summary>
/// The platform's side of the VNeID confirmation API (docs/VNEID.md): tells VNeID that a person
/// has been confirmed as having universal basic digital skills. Implementations: the HTTP client
/// of the real service and the sandbox used in Development and tests.
/// </summary>
public interface IVneidClient
{
    /// <summary>
    /// Sends one confirmation. Returns the acknowledgement; throws on a timeout, a refused
    /// connection or a server error, so the outbox tries again later. Sending the same
    /// <paramref name="idempotencyKey"/> twice must be acknowledged without a second record.
    /// </summary>
    Task<VneidAcknowledgement> ConfirmAsync(VneidConfirmation confirmation, string idempotencyKey, CancellationToken cancellationToken);
}

/// <summary>What VNeID is told. The identification number travels only here, over TLS, never in logs.</summary>
public sealed record VneidConfirmation(
    string PersonalIdNumber,
    string FullName,
    string CertificateSerial,
    DateOnly CertifiedOn,
    string RuleVersion,
    string CommuneCode);

/// <summary>VNeID's answer: its own id for the record, when it was recorded (UTC), and whether it had it already.</summary>
public sealed record VneidAcknowledgement(string AcknowledgementId, DateTime AcknowledgedAt, bool AlreadyRecorded);
