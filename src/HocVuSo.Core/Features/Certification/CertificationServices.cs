using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace HocVuSo.Core.Features.Certification;

public static class CertificationServices
{
    public static IServiceCollection AddCertification(this IServiceCollection services)
    {
        services.AddOptions<PersonalDataOptions>().BindConfiguration(PersonalDataOptions.Section).ValidateOnStart();
        services.AddSingleton<IPostConfigureOptions<PersonalDataOptions>, GeneratedPersonalDataKeys>();
        services.AddSingleton<IValidateOptions<PersonalDataOptions>, PersonalDataOptionsValidator>();
        services.AddSingleton<PersonalDataProtector>();
        services.AddScoped<ValidatePersonalIdNumber.Handler>();
        services.AddScoped<SetPersonalIdNumber.Handler>();
        services.AddScoped<GetPersonalIdNumber.Handler>();
        services.AddScoped<RevealPersonalIdNumber.Handler>();
        return services;
    }
}
