using Microsoft.Extensions.DependencyInjection;

namespace HocVuSo.Core.Features.Oversight;

public static class InspectionServices
{
    public static IServiceCollection AddInspections(this IServiceCollection services)
    {
        services.AddScoped<CreateChecklistTemplate.Handler>();
        services.AddScoped<ListChecklistTemplates.Handler>();
        services.AddScoped<GetChecklistTemplate.Handler>();
        services.AddScoped<CreateInspectionPlan.Handler>();
        services.AddScoped<ListInspectionPlans.Handler>();
        services.AddScoped<GetInspectionPlan.Handler>();
        services.AddScoped<SetInspectionStatus.Handler>();
        services.AddScoped<RecordInspectionVisit.Handler>();
        services.AddScoped<GetInspectionVisit.Handler>();
        services.AddScoped<ListUnitFindings.Handler>();
        services.AddScoped<AnswerFinding.Handler>();
        services.AddScoped<AttachFindingEvidence.Handler>();
        services.AddScoped<GetFindingEvidence.Handler>();
        services.AddScoped<GetInspectionMinutes.Handler>();
        return services;
    }
}
