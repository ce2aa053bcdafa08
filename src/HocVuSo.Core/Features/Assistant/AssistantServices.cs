using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace HocVuSo.Core.Features.Assistant;

public static class AssistantServices
{
    public static IServiceCollection AddAssistant(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddSingleton(AssistantOptions.From(configuration));
        services.AddSingleton<PassageIndex>();
        services.AddScoped<SearchAssistant.Handler>();
        services.AddScoped<UploadDocument.Handler>();
        services.AddScoped<ListDocuments.Handler>();
        services.AddScoped<GetDocumentFile.Handler>();
        services.AddScoped<ListFaq.Handler>();
        services.AddScoped<SaveFaq.Handler>();
        services.AddScoped<DeleteFaq.Handler>();
        services.AddScoped<DraftMonthlyReport.Handler>();
        services.AddScoped<ExplainFlags.Handler>();
        return services;
    }
}
