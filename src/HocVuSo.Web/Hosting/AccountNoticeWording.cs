using HocVuSo.Core.Common;
using HocVuSo.Core.Features.Accounts;
using Microsoft.Extensions.Localization;

namespace HocVuSo.Web.Hosting;

/// <summary>Account notices in Vietnamese, from the resource files, with the time in Viet Nam (dd/MM/yyyy HH:mm).</summary>
public sealed class AccountNoticeWording(IStringLocalizer<SharedResource> localizer) : IAccountNoticeWording
{
    public (string Subject, string Body) Notice(AccountNotice notice, DateTimeOffset at)
    {
        var key = notice switch
        {
            AccountNotice.PasswordChanged => "account.notice.password_changed",
            AccountNotice.AuthenticatorEnrolled => "account.notice.authenticator_enrolled",
            AccountNotice.TwoFactorReset => "account.notice.two_factor_reset",
            _ => throw new ArgumentOutOfRangeException(nameof(notice), notice, null),
        };
        return InVietnamese.Read(() => (localizer[key + ".subject"].Value, localizer[key + ".body", VietnameseFormat.DateTime(at)].Value));
    }
}
