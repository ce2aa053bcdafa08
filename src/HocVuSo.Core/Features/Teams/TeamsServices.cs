using HocVuSo.Core.Data;
using Microsoft.Extensions.DependencyInjection;

namespace HocVuSo.Core.Features.Teams;

public static class TeamsServices
{
    public static IServiceCollection AddTeams(this IServiceCollection services)
    {
        services.AddScoped<SyncActivities.Handler>();
        services.AddScoped<ListActivities.Handler>();
        services.AddScoped<GetTeam.Handler>();
        services.AddScoped<AddTeamMember.Handler>();
        services.AddReadOnlyScoped<GetTeamsDashboard.Handler>();
        services.AddScoped<ScheduleClass.Handler>();
        services.AddScoped<RecordAttendance.Handler>();
        services.AddScoped<ListClasses.Handler>();
        services.AddScoped<AttachActivityPhoto.Handler>();
        services.AddScoped<GetActivityPhoto.Handler>();
        services.AddScoped<ListCaptureVillages.Handler>();
        return services;
    }
}
