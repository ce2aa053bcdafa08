using HocVuSo.Core.Common;
using HocVuSo.Core.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace HocVuSo.Core.Features.Reporting;

/// <summary>
/// Whenever a monthly report is added or changed (saved, submitted, approved, returned, unlocked),
/// marks its month for the roll-up in the same transaction, so that the background worker rolls
/// the reported figures up within seconds and no change is forgotten if the process stops; on the
/// asynchronous path (the one the application uses) it also updates the commune's, province's and
/// nation's reported figures in that transaction (<see cref="ReportedFigures"/>).
/// </summary>
public sealed class ReportChangeInterceptor(TimeProvider clock) : SaveChangesInterceptor
{
    public override InterceptionResult<int> SavingChanges(DbContextEventData eventData, InterceptionResult<int> result)
    {
        Mark(eventData.Context);
        return result;
    }

    /// <summary>Also brings the commune's, its province's and the nation's reported figures up to date in the same transaction.</summary>
    public override async ValueTask<InterceptionResult<int>> SavingChangesAsync(DbContextEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        foreach (var report in Mark(eventData.Context))
        {
            await ReportedFigures.RefreshAsync((AppDbContext)eventData.Context!, report, clock.UtcNow(), clock.TodayInVietnam(), cancellationToken);
        }

        return result;
    }

    private List<MonthlyReport> Mark(DbContext? context)
    {
        if (context is not AppDbContext db)
        {
            return [];
        }

        db.ChangeTracker.DetectChanges();
        var entries = db.ChangeTracker.Entries<MonthlyReport>()
            .Where(e => e.State is EntityState.Added or EntityState.Modified or EntityState.Deleted)
            .ToList();
        foreach (var (period, path) in entries.Select(e => (e.Entity.Period, e.Entity.UnitPath)).Distinct())
        {
            db.AggregateDirtyMarks.Add(new AggregateDirtyMark { Period = period, UnitPath = path, At = clock.UtcNow() });
        }

        return entries.Where(e => e.State != EntityState.Deleted).Select(e => e.Entity).ToList();
    }
}
