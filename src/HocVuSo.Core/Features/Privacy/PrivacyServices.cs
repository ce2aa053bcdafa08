using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace HocVuSo.Core.Features.Privacy;

public static class PrivacyServices
{
    /// <summary>The retention periods (validated at start) and the job that applies them; consents and the learner's own data.</summary>
    public static IServiceCollection AddPrivacy(this IServiceCollection services)
    {
        services.AddOptions<RetentionOptions>().BindConfiguration(RetentionOptions.Section).ValidateOnStart();
        services.AddSingleton<IValidateOptions<RetentionOptions>, RetentionOptionsValidator>();
        services.AddScoped<ApplyRetention.Handler>();
        services.AddOptions<PrivacyOptions>().BindConfiguration(PrivacyOptions.Section).ValidateOnStart();
        services.AddSingleton<IValidateOptions<PrivacyOptions>, PrivacyOptionsValidator>();
        services.AddScoped<SetConsent.Handler>();
        services.AddScoped<GetMyConsents.Handler>();
        services.AddScoped<ContactLearner.Handler>();
        services.AddScoped<GetMyData.Handler>();
        services.AddScoped<CorrectMyData.Handler>();
        services.AddScoped<RevealMyIdNumber.Handler>();
        services.AddScoped<RequestDeletion.Handler>();
        services.AddScoped<GetMyDeletionRequest.Handler>();
        services.AddScoped<ListDeletionRequests.Handler>();
        services.AddScoped<CompleteDeletion.Handler>();
        return services;
    }
}
