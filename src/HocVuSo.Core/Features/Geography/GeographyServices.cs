using Microsoft.Extensions.DependencyInjection;

namespace HocVuSo.Core.Features.Geography;

public static class GeographyServices
{
    public static IServiceCollection AddGeography(this IServiceCollection services)
    {
        services.AddScoped<ImportOfficialUnits.Handler>();
        services.AddScoped<ApplyUnitChanges.Handler>();
        services.AddScoped<ReferenceUnits>();
        services.AddScoped<ListUnits.Handler>();
        services.AddScoped<GetUnit.Handler>();
        services.AddScoped<SearchUnits.Handler>();
        services.AddScoped<CreateVillage.Handler>();
        services.AddScoped<ImportVillages.Handler>();
        services.AddScoped<GetBaselines.Handler>();
        services.AddScoped<SaveBaseline.Handler>();
        return services;
    }
}
