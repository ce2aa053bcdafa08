using HocVuSo.Core.Features.Accounts;
using HocVuSo.Core.Features.Privacy;
using Microsoft.Extensions.Options;

namespace HocVuSo.Web.Hosting;

/// <summary>
/// Runs the retention job (<see cref="ApplyRetention"/>) shortly after start and then once per
/// interval. Running on several instances at once is harmless: each run deletes only what is past
/// its period, so the second finds nothing.
/// </summary>
internal sealed partial class RetentionWorker(IServiceScopeFactory scopes, IOptions<RetentionOptions> options, TimeProvider clock, ILogger<RetentionWorker> logger)
    : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var settings = options.Value;
        if (!settings.WorkerEnabled)
        {
            return;
        }

        // Let the server finish starting (migrations, first requests) before the first run.
        var wait = TimeSpan.FromMinutes(1);
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

            try
            {
                await using var scope = scopes.CreateAsyncScope();
                scope.ServiceProvider.GetRequiredService<ScopeService>().UseSystemScope();
                var result = await scope.ServiceProvider.GetRequiredService<ApplyRetention.Handler>().HandleAsync(stoppingToken);
                if (result.IsSuccess && result.Value!.Total > 0)
                {
                    var kinds = string.Join(", ", result.Value.Deleted.Where(d => d.Value > 0).Select(d => $"{d.Key} {d.Value}"));
                    LogApplied(logger, result.Value.Total, kinds);
                }
            }
#pragma warning disable CA1031 // A failed run must not stop the web server: it is logged and tried at the next interval.
            catch (Exception e) when (!stoppingToken.IsCancellationRequested)
#pragma warning restore CA1031
            {
                LogFailed(logger, e);
            }

            wait = settings.Interval;
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Retention: deleted {Total} records past their period ({Kinds}).")]
    private static partial void LogApplied(ILogger logger, int total, string kinds);

    [LoggerMessage(Level = LogLevel.Error, Message = "Retention job failed; it runs again at the next interval.")]
    private static partial void LogFailed(ILogger logger, Exception exception);
}
