using Microsoft.Extensions.DependencyInjection;

namespace HocVuSo.Core.Features.Contests;

public static class ContestsServices
{
    /// <summary>The use cases of online contests and the in-memory question pools they share.</summary>
    public static IServiceCollection AddContestsCore(this IServiceCollection services)
    {
        services.AddSingleton<ContestPools>();
        services.AddScoped<CreateContest.Handler>();
        services.AddScoped<AddContestRound.Handler>();
        services.AddScoped<ImportContestQuestions.Handler>();
        services.AddScoped<ListContests.Handler>();
        services.AddScoped<GetContest.Handler>();
        services.AddScoped<StartEntry.Handler>();
        services.AddScoped<SubmitEntry.Handler>();
        services.AddScoped<GetEntryResult.Handler>();
        services.AddScoped<GetEntryQuestions.Handler>();
        services.AddScoped<FindMyEntry.Handler>();
        services.AddScoped<GetRanking.Handler>();
        services.AddScoped<GetParticipation.Handler>();
        services.AddScoped<AwardPrize.Handler>();
        services.AddScoped<ExportRoundResults.Handler>();
        services.AddScoped<GetParticipationCertificate.Handler>();
        return services;
    }
}
