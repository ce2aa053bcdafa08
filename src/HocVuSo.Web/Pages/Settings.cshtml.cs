using HocVuSo.Web.Hosting;
using Microsoft.AspNetCore.Localization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace HocVuSo.Web.Pages;

/// <summary>Language, text size and contrast: plain form posts that set a cookie and return to the page.</summary>
[IgnoreAntiforgeryToken]
public sealed class SettingsModel : PageModel
{
    public IActionResult OnGet() => LocalRedirect("/");

    public IActionResult OnPostLanguage(string? culture, string? returnUrl)
    {
        var chosen = culture == Localization.English ? Localization.English : Localization.Vietnamese;
        Response.Cookies.Append(CookieRequestCultureProvider.DefaultCookieName,
            CookieRequestCultureProvider.MakeCookieValue(new RequestCulture(chosen)),
            new CookieOptions { MaxAge = TimeSpan.FromDays(365), IsEssential = true, SameSite = SameSiteMode.Lax });
        return Back(returnUrl);
    }

    public IActionResult OnPostTextSize(int step, string? returnUrl)
    {
        DisplayPreferences.From(HttpContext).Step(Math.Sign(step)).Save(HttpContext);
        return Back(returnUrl);
    }

    public IActionResult OnPostContrast(string? returnUrl)
    {
        var current = DisplayPreferences.From(HttpContext);
        (current with { HighContrast = !current.HighContrast }).Save(HttpContext);
        return Back(returnUrl);
    }

    private IActionResult Back(string? returnUrl) => LocalRedirect(LocalUrls.Safe(returnUrl, "/"));
}
