using Microsoft.Extensions.DependencyInjection;

namespace HocVuSo.Core.Features.Oversight;

public static class CommunicationServices
{
    /// <summary>The communications log (Oversight area). The .xlsx reader of imports is registered by the web edge (<see cref="ICommunicationSheetReader"/>). Link checks are
    /// delivered by the outbox worker (<see cref="CommunicationLinkCheckHandler"/>), off unless <c>Communications:CheckLinks</c>.</summary>
    public static IServiceCollection AddCommunications(this IServiceCollection services)
    {
        services.AddScoped<RecordCommunication.Handler>();
        services.AddScoped<ChangeCommunication.Handler>();
        services.AddScoped<DeleteCommunication.Handler>();
        services.AddScoped<ListCommunications.Handler>();
        services.AddScoped<AttachCommunicationPhoto.Handler>();
        services.AddScoped<GetCommunicationPhoto.Handler>();
        services.AddScoped<ImportCommunications.Handler>();
        services.AddOptions<CommunicationOptions>().BindConfiguration(CommunicationOptions.Section).ValidateOnStart();
        services.AddSingleton<Microsoft.Extensions.Options.IValidateOptions<CommunicationOptions>, CommunicationOptionsValidator>();
        services.AddSingleton<CommunicationLinkChecker>();
        services.AddScoped<Messaging.IOutboxHandler, CommunicationLinkCheckHandler>();
        return services;
    }
}
