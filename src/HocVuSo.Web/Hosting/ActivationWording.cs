using HocVuSo.Core.Features.Accounts;
using Microsoft.Extensions.Localization;

namespace HocVuSo.Web.Hosting;

/// <summary>The activation code's SMS or e-mail in Vietnamese, from the resource files.</summary>
public sealed class ActivationWording(IStringLocalizer<SharedResource> localizer) : IActivationWording
{
    public (string Subject, string Body) ActivationCode(string code, string activateUrl)
    {
        return InVietnamese.Read(() => (localizer["activation.message_subject"].Value, localizer["activation.message_body", code, activateUrl, (int)AccountActivations.Lifetime.TotalHours].Value));
    }
}
