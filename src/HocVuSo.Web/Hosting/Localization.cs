using System.Globalization;
using System.Resources;
using HocVuSo.Core.Common;
using System.Text.Encodings.Web;
using System.Text.Unicode;
using Microsoft.AspNetCore.Localization;
using Microsoft.Extensions.WebEncoders;

[assembly: NeutralResourcesLanguage("vi")]

// The executable is named "hocvuso"; resources are embedded under the code's root namespace.
[assembly: Microsoft.Extensions.Localization.RootNamespace("HocVuSo.Web")]

namespace HocVuSo.Web.Hosting;

/// <summary>Vietnamese first (vi-VN: 1.234,5 and dd/MM/yyyy), English switchable by a cookie.</summary>
public static class Localization
{
    public const string Vietnamese = "vi-VN";
    public const string English = "en";

    public static IServiceCollection AddPlatformLocalization(this IServiceCollection services)
    {
        services.AddLocalization(o => o.ResourcesPath = "Resources");

        // Vietnamese text goes out as characters, not as &#x…; entities: readable and smaller.
        services.Configure<WebEncoderOptions>(o => o.TextEncoderSettings = new TextEncoderSettings(UnicodeRanges.All));
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
        // Pages follow the reader's choice (the language switch's cookie), never the browser's
        // settings: Vietnamese first. API clients, which have no switch, ask with Accept-Language.
        var acceptLanguage = new AcceptLanguageHeaderRequestCultureProvider { Options = options };
        options.RequestCultureProviders =
        [
            new QueryStringRequestCultureProvider(),
            new CookieRequestCultureProvider(),
            new CustomRequestCultureProvider(context => ErrorPages.IsApi(context)
                ? acceptLanguage.DetermineProviderCultureResult(context)
                : Task.FromResult<ProviderCultureResult?>(null)),
        ];
        return app.UseRequestLocalization(options);
    }
}
