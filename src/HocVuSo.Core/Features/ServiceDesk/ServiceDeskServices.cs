using Microsoft.Extensions.DependencyInjection;

namespace HocVuSo.Core.Features.ServiceDesk;

public static class ServiceDeskServices
{
    public static IServiceCollection AddServiceDesk(this IServiceCollection services)
    {
        services.AddScoped<RecordDeskVisit.Handler>();
        services.AddScoped<ListDeskVisits.Handler>();
        services.AddScoped<DeskServiceList.ListHandler>();
        services.AddScoped<DeskServiceList.SaveHandler>();
        return services;
    }
}
