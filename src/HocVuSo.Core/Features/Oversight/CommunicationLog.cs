using System.Globalization;
using HocVuSo.Core.Common;
using HocVuSo.Core.Data;
using HocVuSo.Core.Features.Accounts;
using HocVuSo.Core.Features.Audit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace HocVuSo.Core.Features.Oversight;

/// <summary>
/// Records one item of a commune's or village's communications log; a link already logged in the
/// commune that month is kept and flagged as a duplicate. With link checks on, its link is queued
/// for a reachability check.
/// </summary>
public static class RecordCommunication
{
    public sealed class Handler(AppDbContext db, ScopeService scopes, TimeProvider clock, IOptionsMonitor<CommunicationOptions> options)
    {
        public async Task<Result<CommunicationDto>> HandleAsync(CommunicationInput input, CancellationToken ct)
        {
            var scope = await scopes.GetAsync(ct);
            var valid = await CommunicationRules.CheckAsync(db, scope, input, clock.TodayInVietnam(), ct);
            if (!valid.IsSuccess)
            {
                return Result<CommunicationDto>.Fail(valid.Errors);
            }

            var now = clock.UtcNow();
            var item = new CommunicationItem { Id = Guid.CreateVersion7(), Kind = string.Empty, Channel = string.Empty, Title = string.Empty, UnitPath = string.Empty, Language = string.Empty, RecordedByUserId = scope.UserId!, RecordedAt = now };
            CommunicationRules.Apply(item, valid.Value!);
            var group = await CommunicationDuplicates.GroupsAsync(db, [item], ct);
            CommunicationDuplicates.Settle([.. group, item]);
            db.CommunicationItems.Add(item);
            CommunicationLinkChecks.Enqueue(db, clock, options.CurrentValue, item);
            AuditLog.Record(db, scope, now, "communications.item_recorded", nameof(CommunicationItem), item.Id.ToString(), item.UnitPath, newValue: CommunicationRules.Audited(item));
            await db.SaveChangesAsync(ct);
            return (await CommunicationQueries.DescribeAsync(db, scope, db.CommunicationItems.Where(i => i.Id == item.Id), ct))[0];
        }
    }
}

/// <summary>Changes an item (its recorder, or the commune's officers); the old and new values go to the audit trail and duplicates are settled again; a changed link is checked again (when link checks are on).</summary>
public static class ChangeCommunication
{
    public sealed class Handler(AppDbContext db, ScopeService scopes, TimeProvider clock, IOptionsMonitor<CommunicationOptions> options)
    {
        public async Task<Result<CommunicationDto>> HandleAsync(Guid id, CommunicationInput input, CancellationToken ct)
        {
            var scope = await scopes.GetAsync(ct);
            var item = await db.CommunicationItems.FirstOrDefaultAsync(i => i.Id == id, ct);
            if (CommunicationQueries.Refuse(scope, item, id) is { } refused)
            {
                return refused;
            }

            var valid = await CommunicationRules.CheckAsync(db, scope, input, clock.TodayInVietnam(), ct);
            if (!valid.IsSuccess)
            {
                return Result<CommunicationDto>.Fail(valid.Errors);
            }

            var old = CommunicationRules.Audited(item!);
            var oldUrl = item!.Url;
            var before = await CommunicationDuplicates.GroupsAsync(db, [item!], ct);
            CommunicationRules.Apply(item!, valid.Value!);
            var after = await CommunicationDuplicates.GroupsAsync(db, [item!], ct);
            var now = clock.UtcNow();
            item!.ChangedAt = now;
            if (item.Url != oldUrl)
            {
                CommunicationLinkChecks.Enqueue(db, clock, options.CurrentValue, item);
            }

            CommunicationDuplicates.Settle(before.Where(i => i.Id != item.Id).Concat(after.Where(i => i.Id != item.Id)).Append(item));
            AuditLog.Record(db, scope, now, "communications.item_changed", nameof(CommunicationItem), item.Id.ToString(), item.UnitPath, old, CommunicationRules.Audited(item));
            await db.SaveChangesAsync(ct);
            return (await CommunicationQueries.DescribeAsync(db, scope, db.CommunicationItems.Where(i => i.Id == item.Id), ct))[0];
        }
    }
}

/// <summary>Removes an item (its recorder, or the commune's officers), kept in the audit trail; a duplicate of it then counts in its place.</summary>
public static class DeleteCommunication
{
    public sealed class Handler(AppDbContext db, ScopeService scopes, TimeProvider clock)
    {
        public async Task<Result<Guid>> HandleAsync(Guid id, CancellationToken ct)
        {
            var scope = await scopes.GetAsync(ct);
            var item = await db.CommunicationItems.FirstOrDefaultAsync(i => i.Id == id, ct);
            if (CommunicationQueries.Refuse(scope, item, id) is { } refused)
            {
                return refused;
            }

            var group = await CommunicationDuplicates.GroupsAsync(db, [item!], ct);
            CommunicationDuplicates.Settle(group.Where(i => i.Id != id));
            await db.CommunicationPhotos.Where(p => p.ItemId == id).ExecuteDeleteAsync(ct);
            db.CommunicationItems.Remove(item!);
            AuditLog.Record(db, scope, clock.UtcNow(), "communications.item_deleted", nameof(CommunicationItem), id.ToString(), item!.UnitPath, oldValue: CommunicationRules.Audited(item));
            await db.SaveChangesAsync(ct);
            return id;
        }
    }
}

/// <summary>The log of a unit's subtree for a month, newest first, for anyone who may see the unit's staff data.</summary>
public static class ListCommunications
{
    public sealed record Query(string UnitCode, string? Month);

    public sealed record Page(string Unit, string UnitName, string Month, bool CanRecord, IReadOnlyList<CommunicationDto> Items)
    {
        /// <summary>The unit's path, for what the page computes from the same log.</summary>
        public string Path { get; init; } = "/";
    }

    public sealed class Handler(AppDbContext db, ScopeService scopes, TimeProvider clock)
    {
        public async Task<Result<Page>> HandleAsync(Query query, CancellationToken ct)
        {
            var scope = await scopes.GetAsync(ct);
            var today = clock.TodayInVietnam();
            var month = new DateOnly(today.Year, today.Month, 1);
            if (!string.IsNullOrWhiteSpace(query.Month) && !VietnameseFormat.TryParseMonth(query.Month, out month))
            {
                return Errors.Invalid("communications.bad_month", "month", query.Month);
            }

            var unit = await db.UnitInScopeAsync(scope, query.UnitCode, today, Permission.ViewStaffData, ct);
            if (!unit.IsSuccess)
            {
                return Result<Page>.Fail(unit.Errors);
            }

            var path = unit.Value!.Path;
            var items = await CommunicationQueries.DescribeAsync(db, scope,
                db.CommunicationItems.Where(i => i.Period == month && i.UnitPath.StartsWith(path)).WithinScope(scope, Permission.ViewStaffData, i => i.UnitPath), ct);
            return new Page(unit.Value.Code, unit.Value.FullName, month.ToString("yyyy-MM", CultureInfo.InvariantCulture),
                unit.Value.Level >= Geography.UnitLevel.Commune && scope.UserId is not null && scope.Can(Permission.RecordActivities, path), items)
            {
                Path = path,
            };
        }
    }
}

/// <summary>Reading items for people: the shape the API and page show, and the one answer for an item the caller may not change.</summary>
public static class CommunicationQueries
{
    /// <summary>Not found when the item does not exist or lies outside what the caller may see; forbidden when they see it but may not change it.</summary>
    public static Error? Refuse(UserScope scope, CommunicationItem? item, Guid id)
    {
        if (item is null || !scope.Can(Permission.ViewStaffData, item.UnitPath))
        {
            return Errors.NotFound("communications.not_found", id);
        }

        return CommunicationRules.MayChange(scope, item) ? null : Errors.Forbidden();
    }

    public static async Task<List<CommunicationDto>> DescribeAsync(AppDbContext db, UserScope scope, IQueryable<CommunicationItem> items, CancellationToken ct)
    {
        var rows = await (from i in items.AsNoTracking()
                          join u in db.Units on i.UnitId equals u.Id
                          join r in db.Users on i.RecordedByUserId equals r.Id into recorders
                          from r in recorders.DefaultIfEmpty()
                          orderby i.Date descending, i.RecordedAt descending
                          select new { Item = i, u.Code, u.FullName, Recorder = r == null ? null : r.FullName, HasPhoto = db.CommunicationPhotos.Any(p => p.ItemId == i.Id) })
            .ToListAsync(ct);
        return rows.Select(r => new CommunicationDto(r.Item.Id, r.Item.Kind, r.Item.Channel, r.Item.Title, r.Item.Date, r.Code, r.FullName, r.Item.Language,
                r.Item.Url, r.Item.Topic, r.Item.Reach, r.Item.DuplicateOfId is not null, r.Item.DuplicateOfId, r.HasPhoto, Mask.Name(r.Recorder), r.Item.RecordedAt,
                CommunicationRules.MayChange(scope, r.Item))
            {
                LinkCheck = r.Item.LinkCheckedAt is { } at ? new LinkCheckDto(r.Item.LinkReachable == true, r.Item.LinkStatus, at, r.Item.LinkError) : null,
            })
            .ToList();
    }
}
