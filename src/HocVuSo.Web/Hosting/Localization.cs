using System.Globalization;
using System.Resources;
using HocVuSo.Core.Common;
using Microsoft.AspNetCore.Localization;

[assembly: NeutralResourcesLanguage("vi")]

namespace HocVuSo.Web.Hosting;

/// <summary>Vietnamese first (vi-VN: 1.234,5 and dd/MM/yyyy), English switchable by a cookie.</summary>
public static class Localization
{
    public const string Vietnamese = "vi-VN";
    public const string English = "en";

    public static IServiceCollection AddPlatformLocalization(this IServiceCollection services)
    {
        services.AddLocalization(o => o.ResourcesPath = "Resources");
        services.AddSingleton<ErrorMessages>();
        return services;
    }

    public static IApplicationBuilder UsePlatformLocalization(this IApplicationBuilder app)
    {
        var english = CultureInfo.GetCultureInfo(English);
        var cultures = new[] { VietnameseFormat.Culture, english };
        var options = new RequestLocalizationOptions
        {
            DefaultRequestCulture = new RequestCulture(VietnameseFormat.Culture, VietnameseFormat.Culture),
            SupportedCultures = cultures,
            SupportedUICultures = cultures,
            FallBackToParentCultures = true,
            FallBackToParentUICultures = true,
        };
        options.RequestCultureProviders =
        [
            new QueryStringRequestCultureProvider(),
            new CookieRequestCultureProvider(),
        ];
        return app.UseRequestLocalization(options);
    }
}
