using System.Net.Mail;
using System.Text.RegularExpressions;
using HocVuSo.Core.Common;
using HocVuSo.Core.Data;
using HocVuSo.Core.Features.Certification;

namespace HocVuSo.Core.Features.Accounts;

/// <summary>
/// The one place that turns what a person types as a sign-in name into the stored user name.
/// A learner who signs up with a phone number signs in by typing it (any format
/// <see cref="Normalise"/> accepts), but the phone is not stored in clear: their user name is an
/// opaque handle, <c>tel-</c> and the hex of a keyed hash (HMAC, <see cref="PersonalDataPurposes.SignInPhone"/>)
/// of the normalised phone, and the phone itself is kept encrypted in <c>PhoneNumber</c>. A learner
/// who signs up with an e-mail address likewise gets <c>mail-</c> and the hex of a keyed hash
/// (<see cref="PersonalDataPurposes.SignInEmail"/>) of the lower-cased address, which is kept
/// encrypted in <c>Email</c>; every account's <c>NormalizedEmail</c> holds that hash too
/// (<see cref="PersonalDataLookupNormalizer"/>), so addresses are found and kept unique without
/// being stored in clear. Any other name (staff, demo accounts) is used as typed, lower case.
/// The sign-in page, the token API, look-ups of learners by staff and duplicate checks all resolve
/// typed names here.
/// </summary>
public sealed partial class LoginNames(PersonalDataProtector protector)
{
    public const string PhoneHandlePrefix = "tel-";

    public const string EmailHandlePrefix = "mail-";

    /// <summary>The sign-in claim holding the person's own phone or e-mail when their user name is a handle.</summary>
    public const string SignInPhoneClaim = "hocvuso:sign_in_phone";

    /// <summary>The stored user name for what a person typed: a phone's handle, an e-mail in its stored form, or the name as typed, lower case.</summary>
    public string Resolve(string? typed)
    {
        var normalised = Normalise(typed);
        if (normalised is null)
        {
            return (typed ?? string.Empty).Trim().ToLowerInvariant();
        }

        return IsEmail(normalised) ? EmailHandle(normalised) : PhoneHandle(normalised);
    }

    /// <summary>The handle of a normalised (lower-case) e-mail address; upper-cased, also its <c>NormalizedEmail</c>.</summary>
    public string EmailHandle(string normalisedEmail) =>
        EmailHandlePrefix + Convert.ToHexStringLower(protector.Hash(PersonalDataPurposes.SignInEmail, normalisedEmail).AsSpan(0, 16));

    /// <summary>What <c>NormalizedEmail</c> holds for an address as typed (any case, spaces around it); null for none.</summary>
    public string? EmailKey(string? email) =>
        string.IsNullOrWhiteSpace(email) ? null : EmailHandle(VietnameseText.Clean(email).ToLowerInvariant()).ToUpperInvariant();

    /// <summary>Identity's normalised form of <see cref="Resolve"/> (what <c>NormalizedUserName</c> holds).</summary>
    public string ResolveNormalized(string? typed) => Resolve(typed).ToUpperInvariant();

    /// <summary>
    /// The learners (accounts without a staff assignment) a staff member means by a typed phone or
    /// e-mail: at most one; none when the text is neither.
    /// </summary>
    public IQueryable<AppUser> LearnersTyped(IQueryable<AppUser> users, string? typed)
    {
        if (Normalise(typed) is null)
        {
            return users.Where(u => false);
        }

        var normalized = ResolveNormalized(typed);
        return users.Where(u => u.NormalizedUserName == normalized && !u.Assignments.Any());
    }

    /// <summary>The handle of a normalised phone number ("0912345678").</summary>
    public string PhoneHandle(string normalisedPhone) =>
        PhoneHandlePrefix + Convert.ToHexStringLower(protector.Hash(PersonalDataPurposes.SignInPhone, normalisedPhone).AsSpan(0, 16));

    /// <summary>True for a user name made by <see cref="EmailHandle"/>.</summary>
    public static bool IsEmailHandle(string? userName) =>
        userName is not null && userName.StartsWith(EmailHandlePrefix, StringComparison.OrdinalIgnoreCase);

    /// <summary>True for a user name made by <see cref="PhoneHandle"/> or <see cref="EmailHandle"/>.</summary>
    public static bool IsHandle(string? userName) => IsPhoneHandle(userName) || IsEmailHandle(userName);

    /// <summary>True for a user name made by <see cref="PhoneHandle"/>.</summary>
    public static bool IsPhoneHandle(string? userName) =>
        userName is not null && userName.StartsWith(PhoneHandlePrefix, StringComparison.OrdinalIgnoreCase);

    /// <summary>What a list shows for an account: the masked phone or e-mail for a handle, otherwise the user name.</summary>
    public static string Display(string? userName, string? phoneNumber, string? email = null) =>
        IsPhoneHandle(userName) ? Mask.Phone(phoneNumber) ?? string.Empty
        : IsEmailHandle(userName) ? Mask.Email(email) ?? string.Empty
        : userName ?? string.Empty;

    public static bool IsEmail(string normalised) => normalised.Contains('@', StringComparison.Ordinal);

    /// <summary>"0912 345 678", "+84912345678" → "0912345678"; e-mails lower-cased; anything else → null.</summary>
    public static string? Normalise(string? text)
    {
        var clean = VietnameseText.Clean(text).Replace(" ", string.Empty, StringComparison.Ordinal).Replace(".", string.Empty, StringComparison.Ordinal);
        if (clean.Contains('@', StringComparison.Ordinal))
        {
            var email = VietnameseText.Clean(text).ToLowerInvariant();
            return MailAddress.TryCreate(email, out var parsed) && parsed.Address == email && EmailPattern().IsMatch(email) ? email : null;
        }

        if (clean.StartsWith("+84", StringComparison.Ordinal))
        {
            clean = "0" + clean[3..];
        }

        return PhonePattern().IsMatch(clean) ? clean : null;
    }

    /// <summary>A normalised phone number, or null when <paramref name="text"/> is not one.</summary>
    public static string? NormalisePhone(string? text) => Normalise(text) is { } n && !IsEmail(n) ? n : null;

    [GeneratedRegex("^0[0-9]{9,10}$")]
    private static partial Regex PhonePattern();

    [GeneratedRegex(@"^[a-z0-9._+-]+@[a-z0-9-]+(\.[a-z0-9-]+)+$")]
    private static partial Regex EmailPattern();
}

/// <summary>
/// Identity's look-up keys: names upper-cased as usual; e-mail addresses replaced by their keyed
/// hash (<see cref="LoginNames.EmailKey"/>), so <c>FindByEmailAsync</c> and uniqueness work while
/// <c>NormalizedEmail</c> holds no address.
/// </summary>
public sealed class PersonalDataLookupNormalizer(LoginNames loginNames) : Microsoft.AspNetCore.Identity.ILookupNormalizer
{
    [return: System.Diagnostics.CodeAnalysis.NotNullIfNotNull(nameof(name))]
    public string? NormalizeName(string? name) => name?.Normalize().ToUpperInvariant();

    [return: System.Diagnostics.CodeAnalysis.NotNullIfNotNull(nameof(email))]
    public string? NormalizeEmail(string? email) => email is null ? null : loginNames.EmailKey(email) ?? string.Empty;
}
