using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace HocVuSo.Core.Features.Privacy;

public static class PrivacyServices
{
    /// <summary>The retention periods (validated at start) and the job that applies them.</summary>
    public static IServiceCollection AddPrivacy(this IServiceCollection services)
    {
        services.AddOptions<RetentionOptions>().BindConfiguration(RetentionOptions.Section).ValidateOnStart();
        services.AddSingleton<IValidateOptions<RetentionOptions>, RetentionOptionsValidator>();
        services.AddScoped<ApplyRetention.Handler>();
        return services;
    }
}
