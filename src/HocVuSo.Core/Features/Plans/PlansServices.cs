using Microsoft.Extensions.DependencyInjection;

namespace HocVuSo.Core.Features.Plans;

public static class PlansServices
{
    public static IServiceCollection AddPlans(this IServiceCollection services)
    {
        services.AddScoped<TaskProgressReader>();
        services.AddScoped<ListPlans.Handler>();
        services.AddScoped<GetPlan.Handler>();
        services.AddScoped<ListLateTasks.Handler>();
        services.AddScoped<RecordTaskUpdate.Handler>();
        services.AddScoped<GetTaskEvidence.Handler>();
        services.AddScoped<SetTarget.Handler>();
        services.AddScoped<RemoveTarget.Handler>();
        services.AddScoped<CreatePlan.Handler>();
        services.AddScoped<UpdatePlan.Handler>();
        services.AddScoped<IssuePlan.Handler>();
        services.AddScoped<ClosePlan.Handler>();
        services.AddScoped<AddSection.Handler>();
        services.AddScoped<UpdateSection.Handler>();
        services.AddScoped<DeleteSection.Handler>();
        services.AddScoped<AddTask.Handler>();
        services.AddScoped<UpdateTask.Handler>();
        services.AddScoped<DeleteTask.Handler>();
        services.AddScoped<ExportPlan.Handler>();
        services.AddScoped<ImportPlan.Handler>();
        services.AddScoped<ListOrganisations.Handler>();
        services.AddScoped<GetTargetsInForce.Handler>();
        services.AddScoped<GetPlanReport.Handler>();
        services.AddScoped<GetPlanYearSummary.Handler>();
        services.AddScoped<SavePlanYearSummary.Handler>();
        services.AddScoped<IssuePlanYearSummary.Handler>();
        services.AddScoped<ImportOrganisationMembers.Handler>();
        services.AddScoped<SendPlanReminders.Handler>();
        services.AddScoped<JoinCodes>();
        services.AddScoped<IssueJoinCode.Handler>();
        services.AddScoped<ListJoinCodes.Handler>();
        services.AddScoped<RevokeJoinCode.Handler>();
        services.AddScoped<JoinOrganisation.Handler>();
        services.AddScoped<GetTargetGroupFigures.Handler>();
        return services;
    }
}
