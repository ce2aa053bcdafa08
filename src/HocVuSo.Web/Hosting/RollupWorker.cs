using HocVuSo.Core.Common;
using HocVuSo.Core.Data;
using HocVuSo.Core.Features.Accounts;
using HocVuSo.Core.Features.Reporting;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace HocVuSo.Web.Hosting;

/// <summary>
/// Keeps the dashboards' pre-aggregated figures fresh: every few seconds it rolls up the reported
/// figures of months whose reports changed (marked in the same transaction as the change), and on
/// an interval it rolls everything up, computed figures included, for the last months. A full
/// roll-up also runs at start-up when the current month's computed figures are older than the interval.
/// </summary>
internal sealed partial class RollupWorker(IServiceScopeFactory scopes, IOptions<RollupOptions> options, TimeProvider clock, ILogger<RollupWorker> logger)
    : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var settings = options.Value;
        if (!settings.Enabled)
        {
            return;
        }

        DateTime? nextFull = null;
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await using var scope = scopes.CreateAsyncScope();
                scope.ServiceProvider.GetRequiredService<ScopeService>().UseSystemScope();
                var job = scope.ServiceProvider.GetRequiredService<RollupJob>();
                var now = clock.UtcNow();
                nextFull ??= await LastFullAsync(scope.ServiceProvider.GetRequiredService<AppDbContext>(), stoppingToken) is { } last
                    ? last + settings.Interval
                    : now;
                if (now >= nextFull)
                {
                    var result = await job.RunAsync(settings.Months, stoppingToken);
                    LogRollup(logger, "full", result.Periods, result.Inserted, result.Updated, result.Deleted, (long)result.Elapsed.TotalMilliseconds);
                    nextFull = now + settings.Interval;
                }
                else if (await job.ProcessDirtyAsync(stoppingToken) is { } result)
                {
                    LogRollup(logger, "reported", result.Periods, result.Inserted, result.Updated, result.Deleted, (long)result.Elapsed.TotalMilliseconds);
                }
            }
#pragma warning disable CA1031 // A failed roll-up must not stop the web server: it is logged and tried again.
            catch (Exception e) when (!stoppingToken.IsCancellationRequested)
#pragma warning restore CA1031
            {
                LogFailed(logger, e);
            }

            try
            {
                await Task.Delay(settings.DirtyPoll, clock, stoppingToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    private async Task<DateTime?> LastFullAsync(AppDbContext db, CancellationToken ct)
    {
        var today = clock.TodayInVietnam();
        var month = new DateOnly(today.Year, today.Month, 1);
        return await db.RollupStates.AsNoTracking().Where(s => s.Period == month).Select(s => s.ComputedAt).FirstOrDefaultAsync(ct);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Roll-up ({Kind}): {Periods} months, {Inserted} rows added, {Updated} changed, {Deleted} removed in {Millis} ms.")]
    private static partial void LogRollup(ILogger logger, string kind, int periods, int inserted, int updated, int deleted, long millis);

    [LoggerMessage(Level = LogLevel.Error, Message = "Roll-up failed; it will be tried again.")]
    private static partial void LogFailed(ILogger logger, Exception exception);
}
