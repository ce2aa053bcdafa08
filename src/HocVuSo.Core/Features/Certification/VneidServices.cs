using Microsoft.Extensions.DependencyInjection;

namespace HocVuSo.Core.Features.Certification;

public static class VneidServices
{
    /// <summary>The use cases of VNeID sign-in: linking a VNeID identity to an account, choosing the commune afterwards.</summary>
    public static IServiceCollection AddVneidIdentity(this IServiceCollection services)
    {
        services.AddScoped<LinkVneidIdentity.Handler>();
        services.AddScoped<ChooseHomeUnit.Handler>();
        return services;
    }
}
