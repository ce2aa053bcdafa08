using HocVuSo.Core.Features.Accounts;
using Microsoft.AspNetCore.Mvc;

namespace HocVuSo.Web.Hosting;

/// <summary>
/// Where a sign-in ends (password, two-factor code or VNeID): the safe local address the person
/// was on their way to, otherwise the page where the work of their role is.
/// </summary>
public sealed class SignInLanding(FindLandingPage.Handler find)
{
    public async Task<string> UrlAsync(IUrlHelper url, string userId, string? returnUrl, CancellationToken ct)
    {
        if (LocalUrls.Normalise(returnUrl) is { } local)
        {
            return local;
        }

        var landing = await find.HandleAsync(new FindLandingPage.Query(userId), ct);
        return Url(landing.Value ?? new Landing(LandingPlace.Learning));
    }

    public static string Url(Landing landing) => landing.Place switch
    {
        LandingPlace.TeamApp => "/team/app",
        LandingPlace.UnitDashboard => $"/units/{Uri.EscapeDataString(landing.UnitCode!)}/dashboard",
        LandingPlace.ReportsToApprove => $"/units/{Uri.EscapeDataString(landing.UnitCode!)}/dashboard#reports-heading",
        LandingPlace.Authoring => "/author",
        LandingPlace.Administration => "/staff",
        LandingPlace.UnitPlans => $"/units/{Uri.EscapeDataString(landing.UnitCode!)}/plans",
        _ => "/learn",
    };
}
