namespace HocVuSo.Core.Features.Certification;

/// <summary>
/// A confirmation received by the in-process VNeID sandbox (docs/VNEID.md), one row per
/// idempotency key however often it was sent, so tests and the demo can check that VNeID was
/// told exactly once — also across restarts. The identification number is kept only as a keyed
/// hash and masked, never in clear.
/// </summary>
public sealed class VneidSandboxConfirmation
{
    public long Id { get; set; }

    public required string IdempotencyKey { get; set; }

    /// <summary>The sandbox's id for the record, returned again on every repeat.</summary>
    public required string AcknowledgementId { get; set; }

    /// <summary>How many requests carried this key (1 = sent once).</summary>
    public int ReceivedCount { get; set; }

    public DateTime FirstReceivedAt { get; set; }

    public DateTime LastReceivedAt { get; set; }

    /// <summary>HMAC-SHA256 of the number (purpose "vneid-sandbox"), hex.</summary>
    public required string PersonalIdHash { get; set; }

    /// <summary>"066•••••••12".</summary>
    public required string PersonalIdMasked { get; set; }

    public required string FullName { get; set; }

    public required string CertificateSerial { get; set; }

    public DateOnly CertifiedOn { get; set; }

    public required string RuleVersion { get; set; }

    public required string CommuneCode { get; set; }

    /// <summary>SHA-256 of the first request's body, to refuse the same key with different content.</summary>
    public required string PayloadHash { get; set; }
}
