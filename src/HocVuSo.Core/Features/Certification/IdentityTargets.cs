using HocVuSo.Core.Common;
using HocVuSo.Core.Data;
using HocVuSo.Core.Features.Accounts;
using Microsoft.EntityFrameworkCore;

namespace HocVuSo.Core.Features.Certification;

/// <summary>Whose identification number a use case touches, and the unit whose scope covers it.</summary>
internal sealed record IdentityTarget(string UserId, string UserName, string? UnitPath)
{
    /// <summary>The bound value's context: a cipher made for one person never decrypts as another's.</summary>
    public string CipherContext => ContextFor(UserId);

    /// <summary>The cipher context of <paramref name="userId"/>'s recorded number.</summary>
    public static string ContextFor(string userId) => PersonalIdNumbers.Purpose + "\n" + userId;
}

internal static class IdentityTargets
{
    /// <summary>The number recorded in <paramref name="row"/>, decrypted in its owner's context.</summary>
    public static string UnprotectNumber(this PersonalDataProtector protector, PersonIdentity row) =>
        protector.Unprotect(new ProtectedValue(row.KeyId, row.IdNumberCipher), IdentityTarget.ContextFor(row.UserId));

    /// <summary>
    /// A person may act on their own number (<paramref name="userName"/> null or their own, when
    /// <paramref name="allowSelf"/>); anyone else's needs <see cref="Permission.ManageIdentities"/>
    /// over the person's home unit, decided by the scope service. Someone without that permission
    /// anywhere is refused before any look-up, so user names cannot be probed.
    /// </summary>
    public static async Task<Result<IdentityTarget>> ResolveAsync(AppDbContext db, UserScope scope, string? userName, bool allowSelf, CancellationToken ct)
    {
        // A typed phone number becomes its sign-in handle (LoginNames), with the context's own protector.
        var resolved = userName is null ? null : new LoginNames(db.Protector ?? throw new InvalidOperationException("No personal data protector.")).Resolve(userName);
        var self = allowSelf && scope.UserId is not null
            && (resolved is null || string.Equals(resolved, scope.UserName, StringComparison.OrdinalIgnoreCase));
        if (!self && (userName is null || !scope.Has(Permission.ManageIdentities)))
        {
            return Errors.Forbidden();
        }

        var normalized = resolved?.ToUpperInvariant();
        var users = self ? db.Users.Where(u => u.Id == scope.UserId) : db.Users.Where(u => u.NormalizedUserName == normalized);
        var user = await users
            .Select(u => new { u.Id, u.UserName, Path = db.Units.Where(x => x.Id == u.HomeUnitId).Select(x => x.Path).FirstOrDefault() })
            .FirstOrDefaultAsync(ct);
        if (user is null)
        {
            return Errors.NotFound("identity.user_not_found", userName?.Trim() ?? string.Empty);
        }

        var target = new IdentityTarget(user.Id, user.UserName ?? string.Empty, user.Path);
        if (self)
        {
            return target;
        }

        // A person with no home unit (staff) falls under national scope only.
        return scope.CheckHidden(Permission.ManageIdentities, user.Path ?? "/", Errors.NotFound("identity.user_not_found", userName?.Trim() ?? string.Empty)) is { } hidden ? hidden : target;
    }
}

/// <summary>What a person and the officers managing them see: the number masked ("066•••••••12"), never whole.</summary>
public sealed record PersonalIdNumberView(string UserName, string Masked, int BirthYear, string Gender, DateTime RecordedAt)
{
    internal static PersonalIdNumberView From(PersonIdentity row, string userName, string number) =>
        new(userName, Mask.PersonalIdNumber(number)!, row.BirthYear, GenderName(row.Gender), row.RecordedAt);

    /// <summary>The API's words for genders: "male", "female".</summary>
    public static string GenderName(PersonGender gender) => gender == PersonGender.Female ? "female" : "male";
}

public static class IdentityAuditActions
{
    public const string NumberRecorded = "identity.number_recorded";
    public const string NumberChanged = "identity.number_changed";
    public const string NumberRevealed = "identity.number_revealed";
}
