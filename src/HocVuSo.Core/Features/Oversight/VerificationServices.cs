using Microsoft.Extensions.DependencyInjection;

namespace HocVuSo.Core.Features.Oversight;

public static class VerificationServices
{
    public static IServiceCollection AddVerification(this IServiceCollection services)
    {
        services.AddScoped<GetVerificationSample.Viewer>();
        services.AddScoped<DrawVerificationSample.Handler>();
        services.AddScoped<GetVerificationSample.Handler>();
        services.AddScoped<ListVerificationSamples.Handler>();
        services.AddScoped<RecordVerificationOutcome.Handler>();
        services.AddScoped<ListFormalitySignals.Handler>();
        services.AddScoped<CloseFormalitySignal.Handler>();
        return services;
    }
}
