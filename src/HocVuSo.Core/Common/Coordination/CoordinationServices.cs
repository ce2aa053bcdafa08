using Microsoft.Extensions.DependencyInjection;

namespace HocVuSo.Core.Common.Coordination;

public static class CoordinationServices
{
    /// <summary>What instances share through the database: job leases and attempt counters.</summary>
    public static IServiceCollection AddCoordination(this IServiceCollection services)
    {
        services.AddSingleton<InstanceIdentity>();
        services.AddSingleton<JobLeases>();
        services.AddSingleton<RateCounters>();
        return services;
    }
}
