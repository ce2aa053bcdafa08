using HocVuSo.Core.Data;
using HocVuSo.Core.Features.Messaging;

namespace HocVuSo.Core.Features.Accounts;

/// <summary>Changes to how a person signs in that they are told about, in case it was not them.</summary>
public enum AccountNotice
{
    PasswordChanged,
    AuthenticatorEnrolled,
    TwoFactorReset,
}

/// <summary>The wording of an account notice, in Vietnamese (the Web project's resources).</summary>
public interface IAccountNoticeWording
{
    (string Subject, string Body) Notice(AccountNotice notice, DateTimeOffset at);
}

/// <summary>
/// Tells a person, on their own phone or e-mail through the outbox, that their password or
/// authenticator app changed, with the time and what to do if it was not them. The message holds
/// no code, password or link. Added to the caller's unit of work, so it goes out only when the
/// change is saved.
/// </summary>
public sealed class AccountNotices(AppDbContext db, IAccountNoticeWording wording, TimeProvider clock)
{
    public const string NotificationKind = "account-notice";

    /// <summary>Adds the notice without saving; false when the account has neither phone nor e-mail.</summary>
    public bool Add(AppUser user, AccountNotice notice)
    {
        var now = clock.GetUtcNow();
        var (subject, body) = wording.Notice(notice, now);
        return db.EnqueueToOwnAddress(clock, user.PhoneNumber, user.Email, subject, body, $"{NotificationKind}:{notice}:{user.Id}:{now.UtcTicks}", reference: user.Id) is not null;
    }
}
