using HocVuSo.Core.Features.Messaging;
using Microsoft.Extensions.Options;

namespace HocVuSo.Web.Hosting;

/// <summary>
/// Runs the <see cref="OutboxDispatcher"/> in the background of <c>hocvuso serve</c>: a pass every
/// <see cref="OutboxOptions.PollInterval"/>, straight away again while full batches keep coming.
/// Off when <c>Outbox:WorkerEnabled</c> is false (tests drive the dispatcher themselves).
/// Several instances may run it side by side: the dispatcher's claims keep them apart.
/// </summary>
public sealed partial class OutboxWorker(OutboxDispatcher dispatcher, IOptionsMonitor<OutboxOptions> options, TimeProvider clock, ILogger<OutboxWorker> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!options.CurrentValue.WorkerEnabled)
        {
            LogDisabled(logger);
            return;
        }

        // Let the application finish starting before the first pass.
        await Task.Yield();
        while (!stoppingToken.IsCancellationRequested)
        {
            var busy = false;
            try
            {
                var report = await dispatcher.DispatchDueAsync(stoppingToken);
                busy = report.Handled >= options.CurrentValue.BatchSize;
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
#pragma warning disable CA1031 // The worker must outlive a database hiccup; it tries again at the next poll.
            catch (Exception e)
#pragma warning restore CA1031
            {
                LogPassFailed(logger, e);
            }

            if (!busy)
            {
                try
                {
                    await Task.Delay(options.CurrentValue.PollInterval, clock, stoppingToken);
                }
                catch (OperationCanceledException)
                {
                    return;
                }
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "The outbox worker is disabled (Outbox:WorkerEnabled=false).")]
    private static partial void LogDisabled(ILogger logger);

    [LoggerMessage(Level = LogLevel.Error, Message = "An outbox pass failed; trying again at the next poll.")]
    private static partial void LogPassFailed(ILogger logger, Exception exception);
}
