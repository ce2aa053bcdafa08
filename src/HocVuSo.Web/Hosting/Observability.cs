using System.Diagnostics.Metrics;
using HocVuSo.Core.Data;
using HocVuSo.Core.Features.Messaging;
using HocVuSo.Web.Vneid;
using Microsoft.EntityFrameworkCore;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;

namespace HocVuSo.Web.Hosting;

/// <summary>
/// Metrics with OpenTelemetry, scraped by Prometheus at <c>/metrics</c>: requests and their
/// latency (ASP.NET Core's own meters), rate-limit rejections, database connections (Npgsql's
/// meter) and EF contexts, the outbox backlog and the age of its oldest pending message, roll-up
/// durations, and the VNeID circuit breaker. <c>/metrics</c> answers only the networks of
/// <c>Metrics:AllowedNetworks</c> (loopback by default) or a request carrying
/// <c>Authorization: Bearer</c> with <c>Metrics:Token</c>; anyone else gets 404.
/// </summary>
public static class Observability
{
    public const string MetricsPath = "/metrics";

    public static WebApplicationBuilder AddObservability(this WebApplicationBuilder builder)
    {
        // One JSON object per line outside Development (or with Logging:Format=json), with the
        // request's scope (RequestId, TraceId) on every line written while serving a request.
        var format = builder.Configuration["Logging:Format"] ?? (builder.Environment.IsDevelopment() ? "simple" : "json");
        if (string.Equals(format, "json", StringComparison.OrdinalIgnoreCase) && string.IsNullOrEmpty(builder.Configuration["Logging:Console:FormatterName"]))
        {
            // A value that holds a line break or a quote cannot forge another entry.
            builder.Logging.AddJsonConsole(o =>
            {
                o.UseUtcTimestamp = true;
                o.TimestampFormat = "yyyy-MM-ddTHH:mm:ss.fffZ";
                o.IncludeScopes = true;
            });
        }

        builder.Services.AddSingleton<PlatformMetrics>();
        if (!builder.Configuration.GetValue("Metrics:Enabled", true))
        {
            return builder;
        }

        builder.Services.AddHostedService<OutboxSampler>();
        builder.Services.AddOpenTelemetry()
            .ConfigureResource(r => r.AddService("hocvuso", serviceInstanceId: Environment.MachineName + ":" + Environment.ProcessId))
            .WithMetrics(m => m
                .AddMeter(
                    "Microsoft.AspNetCore.Hosting",
                    "Microsoft.AspNetCore.Server.Kestrel",
                    "Microsoft.AspNetCore.RateLimiting",
                    "Microsoft.EntityFrameworkCore",
                    "Npgsql",
                    PlatformMetrics.MeterName,
                    VneidResilience.MeterName)
                .AddPrometheusExporter());
        return builder;
    }

    /// <summary>The guard in front of <c>/metrics</c>; put it before routing.</summary>
    public static IApplicationBuilder UseMetricsGuard(this WebApplication app)
    {
        if (!app.Configuration.GetValue("Metrics:Enabled", true))
        {
            return app;
        }

        var networks = app.Configuration.GetSection("Metrics:AllowedNetworks") switch
        {
            { Value: { } single } => single.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries),
            var section => section.GetChildren().Select(c => c.Value ?? string.Empty).Where(v => v.Length > 0).ToArray(),
        };
        var allowed = (networks.Length > 0 ? networks : ["127.0.0.0/8", "::1/128"])
            .Select(n => System.Net.IPNetwork.TryParse(n, out var network) ? network : throw new InvalidOperationException($"Metrics:AllowedNetworks: '{n}' is not a network in CIDR notation."))
            .ToList();
        var token = app.Configuration["Metrics:Token"];
        app.UseWhen(context => context.Request.Path.StartsWithSegments(MetricsPath, StringComparison.OrdinalIgnoreCase), guarded => guarded.Use(async (context, next) =>
        {
            var address = context.Connection.RemoteIpAddress;
            var fromAllowed = address is not null && allowed.Any(n => n.Contains(address.IsIPv4MappedToIPv6 ? address.MapToIPv4() : address));
            var withToken = !string.IsNullOrEmpty(token) && string.Equals(context.Request.Headers.Authorization.ToString(), "Bearer " + token, StringComparison.Ordinal);
            if (!fromAllowed && !withToken)
            {
                context.Response.StatusCode = StatusCodes.Status404NotFound;
                return;
            }

            await next(context);
        }));
        return app;
    }

    public static WebApplication MapMetrics(this WebApplication app)
    {
        if (app.Configuration.GetValue("Metrics:Enabled", true))
        {
            // The VNeID breaker's gauge exists once its pipeline does.
            app.Services.GetService<VneidResilience>();
            app.MapPrometheusScrapingEndpoint(MetricsPath);
        }

        return app;
    }
}

/// <summary>The platform's own instruments (meter <c>HocVuSo</c>).</summary>
public sealed class PlatformMetrics
{
    public const string MeterName = "HocVuSo";

    private readonly Counter<long> _rejections;
    private readonly Histogram<double> _rollup;
    private long _backlog;
    private double _oldestAge;

    public PlatformMetrics(IMeterFactory meters)
    {
        var meter = meters.Create(MeterName);
        _rejections = meter.CreateCounter<long>("hocvuso.rate_limit.rejections", description: "Requests refused by a rate limit, by limit (sign-in, two-factor, registration, activation, verification, account).");
        _rollup = meter.CreateHistogram<double>("hocvuso.rollup.duration", unit: "s", description: "How long a roll-up of the dashboards' figures took, by kind (full, reported).");
        meter.CreateObservableGauge("hocvuso.outbox.backlog", () => Interlocked.Read(ref _backlog), description: "Outbox messages waiting for delivery (pending).");
        meter.CreateObservableGauge("hocvuso.outbox.oldest_pending_age", () => Volatile.Read(ref _oldestAge), unit: "s", description: "Age of the oldest pending outbox message; 0 when none waits.");
    }

    public void RateLimitRejected(string limit) => _rejections.Add(1, new KeyValuePair<string, object?>("limit", limit));

    public void RollupFinished(string kind, TimeSpan elapsed) => _rollup.Record(elapsed.TotalSeconds, new KeyValuePair<string, object?>("kind", kind));

    internal void Outbox(long backlog, double oldestAgeSeconds)
    {
        Interlocked.Exchange(ref _backlog, backlog);
        Volatile.Write(ref _oldestAge, oldestAgeSeconds);
    }
}

/// <summary>Samples the outbox backlog for the gauges every <c>Metrics:OutboxSampleSeconds</c> (15 by default); on each instance, one indexed count.</summary>
internal sealed partial class OutboxSampler(IServiceScopeFactory scopes, PlatformMetrics metrics, IConfiguration configuration, TimeProvider clock, ILogger<OutboxSampler> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var every = TimeSpan.FromSeconds(Math.Max(1, configuration.GetValue("Metrics:OutboxSampleSeconds", 15)));
        await Task.Yield();
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await using var scope = scopes.CreateAsyncScope();
                var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
                var pending = db.OutboxMessages.AsNoTracking().Where(m => m.Status == OutboxStatus.Pending);
                var count = await pending.LongCountAsync(stoppingToken);
                var oldest = count == 0 ? (DateTime?)null : await pending.MinAsync(m => (DateTime?)m.CreatedAt, stoppingToken);
                var now = clock.GetUtcNow().UtcDateTime;
                metrics.Outbox(count, oldest is { } at ? Math.Max(0, (now - at).TotalSeconds) : 0);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
#pragma warning disable CA1031 // A failed sample keeps the last values; the next one tries again.
            catch (Exception e)
#pragma warning restore CA1031
            {
                LogFailed(logger, e.GetType().Name);
            }

            try
            {
                await Task.Delay(every, clock, stoppingToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Sampling the outbox for metrics failed ({Error}).")]
    private static partial void LogFailed(ILogger logger, string error);
}
