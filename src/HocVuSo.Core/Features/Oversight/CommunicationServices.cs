using Microsoft.Extensions.DependencyInjection;

namespace HocVuSo.Core.Features.Oversight;

public static class CommunicationServices
{
    /// <summary>The communications log (Oversight area). The .xlsx reader of imports is registered by the web edge (<see cref="ICommunicationSheetReader"/>).</summary>
    public static IServiceCollection AddCommunications(this IServiceCollection services)
    {
        services.AddScoped<RecordCommunication.Handler>();
        services.AddScoped<ChangeCommunication.Handler>();
        services.AddScoped<DeleteCommunication.Handler>();
        services.AddScoped<ListCommunications.Handler>();
        services.AddScoped<AttachCommunicationPhoto.Handler>();
        services.AddScoped<GetCommunicationPhoto.Handler>();
        services.AddScoped<ImportCommunications.Handler>();
        return services;
    }
}
