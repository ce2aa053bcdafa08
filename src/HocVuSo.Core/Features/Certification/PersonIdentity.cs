namespace HocVuSo.Core.Features.Certification;

/// <summary>
/// A person's identification number (số định danh cá nhân), at most one per account. Only the
/// AES-GCM cipher (with the id of the key that made it) and a keyed hash are stored, never the
/// number itself (ARCHITECTURE rule 7). The hash is unique: one number belongs to one person.
/// </summary>
public sealed class PersonIdentity
{
    public int Id { get; set; }

    public required string UserId { get; set; }

    public required byte[] IdNumberCipher { get; set; }

    /// <summary>The configured key that encrypted <see cref="IdNumberCipher"/>, so keys can rotate.</summary>
    public required string KeyId { get; set; }

    /// <summary>HMAC-SHA256 of the number, for look-up and de-duplication without decrypting.</summary>
    public required byte[] IdNumberHash { get; set; }

    public int BirthYear { get; set; }

    public PersonGender Gender { get; set; }

    public DateTime RecordedAt { get; set; }

    /// <summary>Who typed it in: the person themselves or an officer.</summary>
    public string? RecordedByUserId { get; set; }

    /// <summary>When VNeID last vouched for this number (the person signed in with VNeID); null if never.</summary>
    public DateTime? VneidVerifiedAt { get; set; }

    /// <summary>The person's stable VNeID subject ("sub" claim), unique; null until they sign in with VNeID.</summary>
    public string? VneidSubject { get; set; }
}
