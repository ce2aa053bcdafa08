using HocVuSo.Core.Common;
using HocVuSo.Core.Common.Coordination;
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
/// With several instances only the holder of the <c>rollup</c> lease (<see cref="JobLeases"/>) rolls
/// up; the others skip their passes, and take over when it stops or dies and its lease lapses.
/// </summary>
internal sealed partial class RollupWorker(IServiceScopeFactory scopes, JobLeases leases, PlatformMetrics metrics, IOptions<RollupOptions> options, TimeProvider clock, ILogger<RollupWorker> logger)
    : BackgroundService
{
    public const string Job = "rollup";

    private DateTime? _nextFull;
    private bool _holding;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var settings = options.Value;
        if (!settings.Enabled)
        {
            return;
        }

        try
        {
            while (!stoppingToken.IsCancellationRequested)
            {
                try
                {
                    await PassAsync(settings, stoppingToken);
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
        finally
        {
            await ReleaseAsync();
        }
    }

    private async Task PassAsync(RollupOptions settings, CancellationToken ct)
    {
        await using var lease = await leases.HoldAsync(Job, settings.Lease, ct: ct);
        if (lease is null)
        {
            // Another instance rolls up; should this one take over later, it reads the state afresh.
            _holding = false;
            _nextFull = null;
            return;
        }

        if (!_holding)
        {
            LogTookLease(logger, leases.Holder);
            _holding = true;
        }

        await using var scope = scopes.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<ScopeService>().UseSystemScope();
        var job = scope.ServiceProvider.GetRequiredService<RollupJob>();
        var now = clock.UtcNow();
        _nextFull ??= await LastFullAsync(scope.ServiceProvider.GetRequiredService<AppDbContext>(), ct) is { } last
            ? last + settings.Interval
            : now;
        if (now >= _nextFull)
        {
            var result = await job.RunAsync(settings.Months, ct);
            metrics.RollupFinished("full", result.Elapsed);
            LogRollup(logger, "full", result.Periods, result.Inserted, result.Updated, result.Deleted, (long)result.Elapsed.TotalMilliseconds);
            _nextFull = now + settings.Interval;
        }
        else if (await job.ProcessDirtyAsync(ct) is { } result)
        {
            metrics.RollupFinished("reported", result.Elapsed);
            LogRollup(logger, "reported", result.Periods, result.Inserted, result.Updated, result.Deleted, (long)result.Elapsed.TotalMilliseconds);
        }
    }

    private async Task ReleaseAsync()
    {
        try
        {
            await leases.ReleaseAsync(Job, CancellationToken.None);
        }
#pragma warning disable CA1031 // Best effort on shutdown: an unreleased lease lapses on its own.
        catch (Exception e)
#pragma warning restore CA1031
        {
            LogReleaseFailed(logger, e.GetType().Name);
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

    [LoggerMessage(Level = LogLevel.Information, Message = "This instance ({Holder}) now runs the roll-ups.")]
    private static partial void LogTookLease(ILogger logger, string holder);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not give up the roll-up lease ({Error}); it lapses on its own.")]
    private static partial void LogReleaseFailed(ILogger logger, string error);

    [LoggerMessage(Level = LogLevel.Error, Message = "Roll-up failed; it will be tried again.")]
    private static partial void LogFailed(ILogger logger, Exception exception);
}
