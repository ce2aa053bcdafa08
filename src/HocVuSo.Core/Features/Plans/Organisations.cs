using HocVuSo.Core.Common;
using HocVuSo.Core.Data;
using HocVuSo.Core.Features.Accounts;
using Microsoft.EntityFrameworkCore;

namespace HocVuSo.Core.Features.Plans;

public sealed record HeadcountDto(int Year, string Group, string Level, int Count);

public sealed record OrganisationDto(int Id, string Unit, string Kind, string Name, string? Grades, string? Contact, string? Phone, string? Email, int Members, IReadOnlyList<HeadcountDto> Headcounts);

/// <summary>The organisations of a unit and the units under it (scoped); contacts masked.</summary>
public static class ListOrganisations
{
    public sealed record Query(string UnitCode);

    public sealed class Handler(AppDbContext db, ScopeService scopes, TimeProvider clock)
    {
        public async Task<Result<IReadOnlyList<OrganisationDto>>> HandleAsync(Query query, CancellationToken ct)
        {
            var scope = await scopes.GetAsync(ct);
            var found = await db.UnitInScopeAsync(scope, query.UnitCode, clock.TodayInVietnam(), Permission.ViewPlans, ct);
            if (!found.IsSuccess)
            {
                return Result<IReadOnlyList<OrganisationDto>>.Fail(found.Errors);
            }

            var unit = found.Value!;
            var rows = await db.Organisations.AsNoTracking().Include(o => o.Headcounts)
                .Where(o => o.UnitPath.StartsWith(unit.Path))
                .WithinScope(scope, Permission.ViewPlans, o => o.UnitPath)
                .Join(db.Units, o => o.UnitId, u => u.Id, (o, u) => new { o, u.Code, Members = db.OrganisationMembers.Count(m => m.OrganisationId == o.Id) })
                .OrderBy(x => x.Code).ThenBy(x => x.o.Id)
                .ToListAsync(ct);
            return rows.Select(x => new OrganisationDto(
                    x.o.Id, x.Code, x.o.Kind.ToString(), x.o.Name, x.o.Grades, Mask.Name(x.o.ContactName), Mask.Phone(x.o.ContactPhone), Mask.Email(x.o.ContactEmail), x.Members,
                    x.o.Headcounts.OrderBy(h => h.Year).ThenBy(h => h.Group).ThenBy(h => h.Level, StringComparer.Ordinal)
                        .Select(h => new HeadcountDto(h.Year, h.Group.ToString(), h.Level, h.Count)).ToList()))
                .ToList();
        }
    }
}

public sealed record TargetInForceDto(string Indicator, decimal Value, string UnitLevel, DateOnly Deadline, string Origin, string SetAt, int PlanId, string Plan, string Task, string? Text);

/// <summary>
/// The targets in force for a unit in a year: for each indicator the one of the unit's own issued
/// plan (origin "own"), else the nearest one above it ("inherited").
/// </summary>
public static class GetTargetsInForce
{
    public sealed record Query(string UnitCode, int Year);

    public sealed class Handler(AppDbContext db, ScopeService scopes, TimeProvider clock)
    {
        public async Task<Result<IReadOnlyList<TargetInForceDto>>> HandleAsync(Query query, CancellationToken ct)
        {
            var scope = await scopes.GetAsync(ct);
            var found = await db.UnitInScopeAsync(scope, query.UnitCode, clock.TodayInVietnam(), Permission.ViewPlans, ct);
            if (!found.IsSuccess)
            {
                return Result<IReadOnlyList<TargetInForceDto>>.Fail(found.Errors);
            }

            var unit = found.Value!;
            var targets = await PlanTargetsInForce.ReadAsync(db, unit.Path, query.Year, null, withChildren: false, ct);
            var paths = targets.Select(t => t.UnitPath).Distinct().ToList();
            var codes = await db.Units.AsNoTracking().Where(u => paths.Contains(u.Path)).Select(u => new { u.Path, u.Code }).ToListAsync(ct);
            var order = await db.Indicators.AsNoTracking().ToDictionaryAsync(i => i.Code, i => i.Position, ct);
            return targets
                .GroupBy(t => t.IndicatorCode)
                .Select(g => g.OrderByDescending(t => t.UnitPath.Length).ThenByDescending(t => t.Value).First())
                .OrderBy(t => order.GetValueOrDefault(t.IndicatorCode))
                .Select(t => new TargetInForceDto(t.IndicatorCode, t.Value, PlanReading.LevelName(t.UnitLevel), t.Deadline, t.UnitPath == unit.Path ? "own" : "inherited",
                    codes.FirstOrDefault(c => c.Path == t.UnitPath)?.Code ?? "?", t.PlanId, t.PlanNumber, t.TaskNumber, t.Text))
                .ToList();
        }
    }
}
