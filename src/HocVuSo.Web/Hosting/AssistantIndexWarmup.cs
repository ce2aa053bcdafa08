using HocVuSo.Core.Data;
using HocVuSo.Core.Features.Assistant;

namespace HocVuSo.Web.Hosting;

/// <summary>
/// Brings this instance's assistant index up to date shortly after start (rebuilding it from the
/// database when it is missing), so the first question does not wait for it. A failure (the
/// database not migrated yet) is logged; the first search then builds the index.
/// </summary>
internal sealed partial class AssistantIndexWarmup(IServiceScopeFactory scopes, PassageIndex index, ILogger<AssistantIndexWarmup> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            await Task.Delay(TimeSpan.FromSeconds(2), stoppingToken);
            await using var scope = scopes.CreateAsyncScope();
            await index.EnsureCurrentAsync(scope.ServiceProvider.GetRequiredService<AppDbContext>(), stoppingToken);
        }
        catch (OperationCanceledException)
        {
        }
        catch (Exception e) when (e is InvalidOperationException or System.Data.Common.DbException or IOException)
        {
            LogWarmupFailed(logger, e);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "The assistant index could not be brought up to date at start; the first search will.")]
    private static partial void LogWarmupFailed(ILogger logger, Exception exception);
}
