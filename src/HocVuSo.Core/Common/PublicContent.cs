using System.Data.Common;
using System.Runtime.CompilerServices;
using HocVuSo.Core.Data;
using HocVuSo.Core.Features.Certification;
using HocVuSo.Core.Features.Geography;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.Logging;

namespace HocVuSo.Core.Common;

/// <summary>Public content that the web tier may keep as ready answers for anonymous readers.</summary>
[Flags]
public enum PublicContent
{
    None = 0,

    /// <summary>The administrative unit tree (units, their versions and villages).</summary>
    Units = 1,

    /// <summary>Certificate verification answers.</summary>
    Certificates = 2,
}

/// <summary>Forgets kept public answers when what they were built from changes (the web tier's output cache).</summary>
public interface IPublicContentCache
{
    ValueTask EvictAsync(PublicContent content, CancellationToken ct);
}

/// <summary>Used where nothing keeps public answers (the command line, tests of the core).</summary>
public sealed class NoPublicContentCache : IPublicContentCache
{
    public ValueTask EvictAsync(PublicContent content, CancellationToken ct) => ValueTask.CompletedTask;
}

/// <summary>
/// The one place that notices changes to public content, whoever makes them (pages, API, command-line
/// imports, privacy erasure, duplicate-claim resolution): after a save that adds, changes or removes a
/// unit or a certification, the kept answers about it are evicted. Inside an explicit transaction the
/// eviction waits for the commit, so that a reader between the save and the commit cannot keep the old
/// answer again. Eviction reaches this instance only; other instances keep theirs for at most the
/// configured lifetime (docs/OPERATIONS.md, "Output caching").
/// </summary>
public sealed partial class PublicContentChangeInterceptor(IPublicContentCache cache, ILogger<PublicContentChangeInterceptor> logger) : SaveChangesInterceptor, IDbTransactionInterceptor
{
    private sealed class Pending
    {
        public PublicContent Content;
    }

    private readonly ConditionalWeakTable<DbContext, Pending> _pending = new();

    public override InterceptionResult<int> SavingChanges(DbContextEventData eventData, InterceptionResult<int> result)
    {
        Note(eventData.Context);
        return result;
    }

    public override ValueTask<InterceptionResult<int>> SavingChangesAsync(DbContextEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        Note(eventData.Context);
        return ValueTask.FromResult(result);
    }

    public override int SavedChanges(SaveChangesCompletedEventData eventData, int result)
    {
        if (eventData.Context?.Database.CurrentTransaction is null)
        {
            Flush(eventData.Context).AsTask().GetAwaiter().GetResult();
        }

        return result;
    }

    public override async ValueTask<int> SavedChangesAsync(SaveChangesCompletedEventData eventData, int result, CancellationToken cancellationToken = default)
    {
        if (eventData.Context?.Database.CurrentTransaction is null)
        {
            await Flush(eventData.Context);
        }

        return result;
    }

    public override void SaveChangesFailed(DbContextErrorEventData eventData) => Forget(eventData.Context);

    public override Task SaveChangesFailedAsync(DbContextErrorEventData eventData, CancellationToken cancellationToken = default)
    {
        Forget(eventData.Context);
        return Task.CompletedTask;
    }

    public void TransactionCommitted(DbTransaction transaction, TransactionEndEventData eventData) =>
        Flush(eventData.Context).AsTask().GetAwaiter().GetResult();

    public async Task TransactionCommittedAsync(DbTransaction transaction, TransactionEndEventData eventData, CancellationToken cancellationToken = default) =>
        await Flush(eventData.Context);

    public void TransactionRolledBack(DbTransaction transaction, TransactionEndEventData eventData) => Forget(eventData.Context);

    public Task TransactionRolledBackAsync(DbTransaction transaction, TransactionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        Forget(eventData.Context);
        return Task.CompletedTask;
    }

    /// <summary>What a set of tracked changes touches.</summary>
    public static PublicContent Touched(DbContext context)
    {
        var touched = PublicContent.None;
        foreach (var entry in context.ChangeTracker.Entries())
        {
            if (entry.State is not (EntityState.Added or EntityState.Modified or EntityState.Deleted))
            {
                continue;
            }

            touched |= entry.Entity switch
            {
                Unit => PublicContent.Units,
                PersonCertification => PublicContent.Certificates,
                _ => PublicContent.None,
            };
        }

        return touched;
    }

    private void Note(DbContext? context)
    {
        if (context is not AppDbContext)
        {
            return;
        }

        context.ChangeTracker.DetectChanges();
        var touched = Touched(context);
        if (touched != PublicContent.None)
        {
            _pending.GetOrCreateValue(context).Content |= touched;
        }
    }

    private async ValueTask Flush(DbContext? context)
    {
        if (context is null || !_pending.TryGetValue(context, out var pending) || pending.Content == PublicContent.None)
        {
            return;
        }

        var content = pending.Content;
        pending.Content = PublicContent.None;
        // The change is committed: a failure to evict must not turn a saved change into an error for the
        // person who made it; the kept answer then expires by its lifetime.
        try
        {
            await cache.EvictAsync(content, CancellationToken.None);
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            LogEvictionFailed(logger, content, ex.GetType().Name);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Kept public answers about {Content} could not be evicted ({Error}); they expire by their lifetime.")]
    private static partial void LogEvictionFailed(ILogger logger, PublicContent content, string error);

    private void Forget(DbContext? context)
    {
        if (context is not null && _pending.TryGetValue(context, out var pending))
        {
            pending.Content = PublicContent.None;
        }
    }
}
