using Microsoft.Extensions.DependencyInjection;

namespace HocVuSo.Core.Features.Awards;

public static class AwardsServices
{
    public static IServiceCollection AddAwards(this IServiceCollection services)
    {
        services.AddScoped<AwardFigures>();
        services.AddScoped<CreateAwardScheme.Handler>();
        services.AddScoped<ListAwardSchemes.Handler>();
        services.AddScoped<GetAwardScheme.Handler>();
        services.AddScoped<SubmitNomination.Handler>();
        services.AddScoped<GiveConsent.Handler>();
        services.AddScoped<WithdrawNomination.Handler>();
        services.AddScoped<GetNomination.Handler>();
        services.AddScoped<ListNominations.Handler>();
        services.AddScoped<RecordScores.Handler>();
        services.AddScoped<DeclareConflict.Handler>();
        services.AddScoped<EndAppraisal.Handler>();
        services.AddScoped<IssueDecision.Handler>();
        services.AddScoped<ListDecisions.Handler>();
        services.AddScoped<RevokeMeritCertificate.Handler>();
        services.AddScoped<VerifyMeritCertificate.Handler>();
        services.AddScoped<GetMeritCertificate.Handler>();
        services.AddScoped<Recognitions.Handler>();
        services.AddScoped<AddFestivalEvent.Handler>();
        return services;
    }
}
