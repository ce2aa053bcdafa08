using Microsoft.Extensions.DependencyInjection;

namespace HocVuSo.Core.Features.Accounts;

public static class AccountsServices
{
    public static IServiceCollection AddAccounts(this IServiceCollection services)
    {
        services.AddScoped<ScopeService>();
        services.AddScoped<AccountActivations>();
        services.AddScoped<AccountNotices>();
        services.AddScoped<ActivateAccount.Handler>();
        services.AddScoped<ChangePassword.Handler>();
        services.AddScoped<ResetTwoFactor.Handler>();
        services.AddSingleton<LoginNames>();
        services.AddScoped<CreateStaff.Handler>();
        services.AddScoped<GrantableOrganisations.Handler>();
        services.AddScoped<ImportStaff.Handler>();
        services.AddScoped<ListStaff.Handler>();
        services.AddScoped<FindLandingPage.Handler>();
        return services;
    }
}
