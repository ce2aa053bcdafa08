using HocVuSo.Core.Features.Certification;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace HocVuSo.Core.Data;

/// <summary>
/// Columns that hold a person's name, phone number or e-mail address (and outbox payloads, which carry them to the receiver) are encrypted at rest (ARCHITECTURE rule 7)
/// by an EF Core value converter: written as <c>pd1:&lt;keyId&gt;:&lt;base64&gt;</c> (AES-GCM through
/// <see cref="PersonalDataProtector"/>, the key id kept so keys rotate), read back as clear text.
/// A value without the <see cref="Marker"/> is a row written before encryption: it is read as it is,
/// and <see cref="Features.Accounts.PersonalDataAtRest"/> encrypts it once.
/// <para>
/// Value converters are part of the EF model, which EF builds without dependency injection. The
/// protector therefore comes to the model through the context's constructor, and
/// <see cref="PersonalDataModelCacheKeyFactory"/> keys the cached model by the protector: each host
/// (and each test app, with its own keys) gets its own model, which a process-wide static accessor
/// could not give. The EF design-time tools build the context without a protector: migrations
/// only need column types, and such a context refuses to read or write protected columns.
/// </para>
/// </summary>
public static class PersonalDataColumns
{
    public const string Marker = "pd1:";

    /// <summary>Encrypts <paramref name="property"/> (a string column) at rest; <paramref name="purpose"/> is bound to the cipher, so a value copied into another column does not decrypt. Nulls stay null (EF does not pass them to converters).</summary>
    public static PropertyBuilder IsProtectedPersonalData(this PropertyBuilder property, PersonalDataProtector? protector, string purpose) =>
        property.HasConversion(new ValueConverter<string, string>(
            v => Protect(protector, purpose, v),
            v => Unprotect(protector, purpose, v)));

    /// <summary>True for a stored value already encrypted by these columns.</summary>
    public static bool IsProtected(string? stored) => stored is not null && stored.StartsWith(Marker, StringComparison.Ordinal);

    public static string Protect(PersonalDataProtector? protector, string purpose, string value)
    {
        var cipher = Require(protector).Protect(value, Context(purpose));
        return Marker + cipher.KeyId + ":" + Convert.ToBase64String(cipher.Cipher);
    }

    public static string Unprotect(PersonalDataProtector? protector, string purpose, string stored)
    {
        if (!IsProtected(stored))
        {
            return stored;
        }

        var separator = stored.IndexOf(':', Marker.Length);
        if (separator < 0)
        {
            throw new FormatException("A protected personal data column has no key id.");
        }

        var value = new ProtectedValue(stored[Marker.Length..separator], Convert.FromBase64String(stored[(separator + 1)..]));
        return Require(protector).Unprotect(value, Context(purpose));
    }

    private static string Context(string purpose) => "column\n" + purpose;

    private static PersonalDataProtector Require(PersonalDataProtector? protector) =>
        protector ?? throw new InvalidOperationException("This database context was built without the personal data protector (design-time only); it cannot read or write protected columns.");
}

/// <summary>One cached EF model per protector (see <see cref="PersonalDataColumns"/>), besides the usual context type and design-time flag.</summary>
public sealed class PersonalDataModelCacheKeyFactory : IModelCacheKeyFactory
{
    public object Create(DbContext context, bool designTime) =>
        (context.GetType(), (context as AppDbContext)?.Protector, designTime);
}

/// <summary>The purposes bound to each protected column's ciphers, and to the sign-in phone hash.</summary>
public static class PersonalDataPurposes
{
    public const string UserFullName = "AppUser.FullName";
    public const string UserPhone = "AppUser.PhoneNumber";
    public const string TeamMemberFullName = "TeamMember.FullName";
    public const string TeamMemberPhone = "TeamMember.Phone";
    public const string WalkInName = "ClassAttendance.WalkInName";
    public const string OrganisationContactName = "Organisation.ContactName";
    public const string OrganisationContactPhone = "Organisation.ContactPhone";
    public const string OrganisationContactEmail = "Organisation.ContactEmail";
    public const string UserEmail = "AppUser.Email";
    public const string CertificationHolderName = "Certification.HolderName";
    public const string OutboxPayload = "OutboxMessage.Payload";
    public const string SandboxFullName = "VneidSandboxConfirmation.FullName";
    public const string AwardNomineeName = "Nomination.NomineeName";
    public const string AwardRecipientName = "DecisionItem.RecipientName";

    /// <summary>Identity's per-account secrets (<c>AspNetUserTokens.Value</c>): the authenticator app's shared key.</summary>
    public const string UserToken = "IdentityUserToken.Value";

    /// <summary>HMAC purpose of the sign-in handle of a learner who signed up with a phone number.</summary>
    public const string SignInPhone = "sign-in-phone";

    /// <summary>HMAC purpose of the sign-in handle and look-up key of an e-mail address (user name of a learner who signed up with it, <c>NormalizedEmail</c> of everyone).</summary>
    public const string SignInEmail = "sign-in-email";
}
