using HocVuSo.Core.Data;
using HocVuSo.Core.Features.Learning;
using HocVuSo.Core.Features.Messaging;
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
        services.AddScoped<RotatePersonalDataKeys.Handler>();
        services.AddScoped<PersonalDataKeyUsage.Handler>();
        services.AddScoped<CheckKeyRetirement.Handler>();
        services.AddScoped<ValidatePersonalIdNumber.Handler>();
        services.AddScoped<SetPersonalIdNumber.Handler>();
        services.AddScoped<GetPersonalIdNumber.Handler>();
        services.AddScoped<RevealPersonalIdNumber.Handler>();
        services.AddOptions<CertificateOptions>().BindConfiguration(CertificateOptions.Section);
        services.AddSingleton<IPostConfigureOptions<CertificateOptions>, GeneratedCertificateKey>();
        services.AddSingleton<CertificateSigner>();
        services.AddScoped<CertificateIssuer>();
        services.AddScoped<EvaluateCertification.Handler>();
        services.AddScoped<IPassedAttemptObserver, EvaluateCertification.OnPassedAttempt>();
        services.AddScoped<SignOffCertification.Handler>();
        services.AddScoped<RevokeCertificate.Handler>();
        services.AddScoped<CertificationDecisions.Handler>();
        services.AddScoped<GetMyCertification.Handler>();
        services.AddScoped<VerifyCertificate.Handler>();
        services.AddScoped<GetCertificate.Handler>();
        services.AddScoped<IOutboxHandler, VneidConfirmationHandler>();
        services.AddScoped<ListDuplicateClaims.Handler>();
        services.AddScoped<CertificationRoster.Handler>();
        services.AddScoped<CertificationRuleAdmin.ListHandler>();
        services.AddScoped<CertificationRuleAdmin.AddHandler>();
        services.AddScoped<MergeDuplicateIdentity.Handler>();
        services.AddScoped<SetDigitalIdentityStatus.Handler>();
        services.AddScoped<ImportDigitalIdentityStatuses.Handler>();
        services.AddScoped<ImportNationalConfirmations.Handler>();
        return services;
    }

    /// <summary>Adds the standing certification rule "v1-2026" when the database has none (run with migrations and the demo seed).</summary>
    public static async Task EnsureDefaultRuleAsync(AppDbContext db, TimeProvider clock, CancellationToken ct)
    {
        await CertificationRules.EnsureDefaultAsync(db, clock, ct);
        await CertificationRules.EnsureIndicatorComputationsAsync(db, ct);
    }
}
