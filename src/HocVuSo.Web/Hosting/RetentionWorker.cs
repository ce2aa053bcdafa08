using HocVuSo.Core.Common.Coordination;
using HocVuSo.Core.Features.Accounts;
using HocVuSo.Core.Features.Privacy;
using Microsoft.Extensions.Options;

namespace HocVuSo.Web.Hosting;

/// <summary>
/// Runs the retention job (<see cref="ApplyRetention"/>) once per interval across all instances:
/// shortly after start and then every few minutes, each instance asks for the <c>retention</c>
/// lease, which is granted only when no instance has completed a run within the interval
/// (<see cref="JobLeases"/>). A second run would be harmless (it deletes only what is past its
/// period), the lease only spares the work.
/// </summary>
internal sealed partial class RetentionWorker(IServiceScopeFactory scopes, JobLeases leases, IOptions<RetentionOptions> options, TimeProvider clock, ILogger<RetentionWorker> logger)
    : BackgroundService
{
    public const string Job = "retention";

    private static readonly TimeSpan Lease = TimeSpan.FromMinutes(10);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var settings = options.Value;
        if (!settings.WorkerEnabled)
        {
            return;
        }

        // Let the server finish starting (migrations, first requests) before the first run.
        var wait = TimeSpan.FromMinutes(1);
        var poll = settings.Interval < TimeSpan.FromMinutes(5) ? settings.Interval : TimeSpan.FromMinutes(5);
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await Task.Delay(wait, clock, stoppingToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }

            wait = poll;
            try
            {
                await using var lease = await leases.HoldAsync(Job, Lease, notWithin: settings.Interval, ct: stoppingToken);
                if (lease is null)
                {
                    continue;
                }

                await using (var scope = scopes.CreateAsyncScope())
                {
                    scope.ServiceProvider.GetRequiredService<ScopeService>().UseSystemScope();
                    var result = await scope.ServiceProvider.GetRequiredService<ApplyRetention.Handler>().HandleAsync(stoppingToken);
                    if (result.IsSuccess && result.Value!.Total > 0)
                    {
                        var kinds = string.Join(", ", result.Value.Deleted.Where(d => d.Value > 0).Select(d => $"{d.Key} {d.Value}"));
                        LogApplied(logger, result.Value.Total, kinds);
                    }
                }

                await leases.CompleteAsync(Job, stoppingToken);
            }
#pragma warning disable CA1031 // A failed run must not stop the web server: it is logged and tried at the next interval.
            catch (Exception e) when (!stoppingToken.IsCancellationRequested)
#pragma warning restore CA1031
            {
                LogFailed(logger, e);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Retention: deleted {Total} records past their period ({Kinds}).")]
    private static partial void LogApplied(ILogger logger, int total, string kinds);

    [LoggerMessage(Level = LogLevel.Error, Message = "Retention job failed; it runs again at the next interval.")]
    private static partial void LogFailed(ILogger logger, Exception exception);
}
