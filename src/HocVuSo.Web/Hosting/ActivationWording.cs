using System.Globalization;
using HocVuSo.Core.Features.Accounts;
using Microsoft.Extensions.Localization;

namespace HocVuSo.Web.Hosting;

/// <summary>The activation code's SMS or e-mail in Vietnamese, from the resource files.</summary>
public sealed class ActivationWording(IStringLocalizer<SharedResource> localizer) : IActivationWording
{
    private static readonly CultureInfo Vietnamese = CultureInfo.GetCultureInfo("vi");

    public (string Subject, string Body) ActivationCode(string code, string activateUrl)
    {
        var before = CultureInfo.CurrentUICulture;
        CultureInfo.CurrentUICulture = Vietnamese;
        try
        {
            return (localizer["activation.message_subject"].Value, localizer["activation.message_body", code, activateUrl, (int)AccountActivations.Lifetime.TotalHours].Value);
        }
        finally
        {
            CultureInfo.CurrentUICulture = before;
        }
    }
}
