using System.Text.Json;
using HocVuSo.Core.Data;
using HocVuSo.Core.Features.Messaging;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;

namespace HocVuSo.Web.Hosting;

/// <summary>How old the oldest message still waiting in the outbox may be before the instance reports itself not ready.</summary>
public sealed class HealthOptions
{
    public TimeSpan OutboxMaxPendingAge { get; set; } = TimeSpan.FromHours(1);
}

/// <summary>
/// Three doors for the operator and the load balancer: <c>/health/live</c> answers while the
/// process runs (nothing else is checked), <c>/health/ready</c> only when the database answers,
/// every migration is applied and the outbox is not stuck, and <c>/health</c> (kept as before)
/// when the database answers. Readiness lists each check by name and never shows data.
/// </summary>
public static class HealthEndpoints
{
    private const string Ready = "ready";

    public static IServiceCollection AddPlatformHealthChecks(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<HealthOptions>().Bind(configuration.GetSection("Health"))
            .Validate(o => o.OutboxMaxPendingAge > TimeSpan.Zero, "Health:OutboxMaxPendingAge must be positive.")
            .ValidateOnStart();
        services.AddHealthChecks()
            .AddDbContextCheck<AppDbContext>("database", tags: [Ready])
            .AddCheck<MigrationsAppliedCheck>("migrations", tags: [Ready])
            .AddCheck<OutboxNotStuckCheck>("outbox", tags: [Ready]);
        return services;
    }

    public static void MapPlatformHealthChecks(this IEndpointRouteBuilder app)
    {
        app.MapHealthChecks("/health", new HealthCheckOptions { Predicate = check => check.Name == "database" });
        app.MapHealthChecks("/health/live", new HealthCheckOptions { Predicate = _ => false });
        app.MapHealthChecks("/health/ready", new HealthCheckOptions
        {
            Predicate = check => check.Tags.Contains(Ready),
            ResponseWriter = WriteReportAsync,
        });
    }

    private static Task WriteReportAsync(HttpContext context, HealthReport report)
    {
        context.Response.ContentType = "application/json";
        var body = new
        {
            status = report.Status.ToString(),
            checks = report.Entries.ToDictionary(
                entry => entry.Key,
                entry => new { status = entry.Value.Status.ToString(), description = entry.Value.Description }),
        };
        return context.Response.WriteAsync(JsonSerializer.Serialize(body), context.RequestAborted);
    }

    /// <summary>Not ready while the database lacks a migration this build knows (run <c>hocvuso migrate</c>).</summary>
    private sealed class MigrationsAppliedCheck(AppDbContext db) : IHealthCheck
    {
        public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
        {
            var pending = (await db.Database.GetPendingMigrationsAsync(cancellationToken)).Count();
            return pending == 0
                ? HealthCheckResult.Healthy("All migrations applied.")
                : HealthCheckResult.Unhealthy($"{pending} migration(s) not applied; run 'hocvuso migrate'.");
        }
    }

    /// <summary>Not ready while a message has waited for delivery longer than Health:OutboxMaxPendingAge.</summary>
    private sealed class OutboxNotStuckCheck(AppDbContext db, TimeProvider clock, IOptions<HealthOptions> options) : IHealthCheck
    {
        public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
        {
            var oldest = await db.OutboxMessages.AsNoTracking()
                .Where(m => m.Status == OutboxStatus.Pending)
                .OrderBy(m => m.CreatedAt)
                .Select(m => (DateTime?)m.CreatedAt)
                .FirstOrDefaultAsync(cancellationToken);
            if (oldest is null)
            {
                return HealthCheckResult.Healthy("No message waiting.");
            }

            var age = clock.GetUtcNow().UtcDateTime - oldest.Value;
            var limit = options.Value.OutboxMaxPendingAge;
            var seconds = Math.Max(0, (long)age.TotalSeconds);
            return age <= limit
                ? HealthCheckResult.Healthy($"Oldest waiting message: {seconds} s.")
                : HealthCheckResult.Unhealthy($"Oldest waiting message: {seconds} s, more than the {(long)limit.TotalSeconds} s allowed.");
        }
    }
}
