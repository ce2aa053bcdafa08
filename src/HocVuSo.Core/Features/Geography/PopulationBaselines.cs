using HocVuSo.Core.Common;
using HocVuSo.Core.Data;
using HocVuSo.Core.Features.Accounts;
using HocVuSo.Core.Features.Audit;
using Microsoft.EntityFrameworkCore;

namespace HocVuSo.Core.Features.Geography;

public sealed record BaselineValues(
    int Adults,
    int Officials,
    int StudentsPrimary,
    int StudentsLowerSecondary,
    int StudentsUpperSecondary,
    int StudentsHigherEducation,
    int EnterpriseWorkers,
    int Households);

/// <summary>
/// A change to a baseline: a figure left out (or null) is not given and keeps its stored value;
/// a baseline recorded for the first time needs every figure. Missing is never zero.
/// </summary>
public sealed record BaselineChanges(
    int? Adults = null,
    int? Officials = null,
    int? StudentsPrimary = null,
    int? StudentsLowerSecondary = null,
    int? StudentsUpperSecondary = null,
    int? StudentsHigherEducation = null,
    int? EnterpriseWorkers = null,
    int? Households = null)
{
    public static BaselineChanges From(BaselineValues v) => new(v.Adults, v.Officials, v.StudentsPrimary, v.StudentsLowerSecondary,
        v.StudentsUpperSecondary, v.StudentsHigherEducation, v.EnterpriseWorkers, v.Households);

    /// <summary>The figures as they are after the change: given ones from here, the others from <paramref name="stored"/>; null when one is missing in both.</summary>
    internal (BaselineValues? Values, IReadOnlyList<string> Missing) Over(BaselineValues? stored)
    {
        var fields = new (string Name, int? Given, int? Stored)[]
        {
            ("adults", Adults, stored?.Adults), ("officials", Officials, stored?.Officials), ("studentsPrimary", StudentsPrimary, stored?.StudentsPrimary),
            ("studentsLowerSecondary", StudentsLowerSecondary, stored?.StudentsLowerSecondary), ("studentsUpperSecondary", StudentsUpperSecondary, stored?.StudentsUpperSecondary),
            ("studentsHigherEducation", StudentsHigherEducation, stored?.StudentsHigherEducation), ("enterpriseWorkers", EnterpriseWorkers, stored?.EnterpriseWorkers),
            ("households", Households, stored?.Households),
        };
        var missing = fields.Where(f => (f.Given ?? f.Stored) is null).Select(f => f.Name).ToList();
        if (missing.Count > 0)
        {
            return (null, missing);
        }

        var v = fields.Select(f => (f.Given ?? f.Stored)!.Value).ToArray();
        return (new BaselineValues(v[0], v[1], v[2], v[3], v[4], v[5], v[6], v[7]), missing);
    }
}

public sealed record BaselineDto(int Year, BaselineValues Values, DateTime UpdatedAt);

public sealed record BaselineChange(DateTime At, string? ActorName, int Year, string? OldValue, string? NewValue);

/// <summary>A unit's population baselines per year, and the history of changes to them.</summary>
public static class GetBaselines
{
    public sealed record Query(string UnitCode);

    public sealed record Answer(IReadOnlyList<BaselineDto> Baselines, IReadOnlyList<BaselineChange> History);

    public sealed class Handler(AppDbContext db)
    {
        public async Task<Result<Answer>> HandleAsync(Query query, CancellationToken ct)
        {
            var unitIds = await db.Units.Where(u => u.Code == query.UnitCode).Select(u => u.Id).ToListAsync(ct);
            if (unitIds.Count == 0)
            {
                return Errors.NotFound("units.not_found", query.UnitCode);
            }

            var baselines = await db.PopulationBaselines.AsNoTracking()
                .Where(b => unitIds.Contains(b.UnitId))
                .OrderByDescending(b => b.Year)
                .Select(b => new BaselineDto(b.Year, new BaselineValues(b.Adults, b.Officials, b.StudentsPrimary, b.StudentsLowerSecondary,
                    b.StudentsUpperSecondary, b.StudentsHigherEducation, b.EnterpriseWorkers, b.Households), b.UpdatedAt))
                .ToListAsync(ct);
            var prefix = query.UnitCode + "/";
            var history = await db.AuditEntries.AsNoTracking()
                .Where(a => a.EntityType == nameof(PopulationBaseline) && a.EntityKey.StartsWith(prefix))
                .OrderByDescending(a => a.Id)
                .Take(50)
                .Select(a => new { a.At, a.ActorName, a.EntityKey, a.OldValue, a.NewValue })
                .ToListAsync(ct);
            return new Answer(baselines, history.Select(h => new BaselineChange(h.At, h.ActorName,
                int.Parse(h.EntityKey[prefix.Length..], System.Globalization.CultureInfo.InvariantCulture), h.OldValue, h.NewValue)).ToList());
        }
    }
}

/// <summary>
/// The unit's officers record its population baseline for a year. Figures are whole numbers
/// ≥ 0; officials, students and workers are adults' sub-groups or separate counts and are not
/// checked against each other, but no figure may exceed 10 million for one unit. A save changes
/// only the figures given (the first save of a year needs them all, and names the missing ones).
/// Each save keeps the old and new figures in the audit trail.
/// </summary>
public static class SaveBaseline
{
    public const int MaxValue = 10_000_000;

    public sealed record Command(string UnitCode, int Year, BaselineChanges Changes, string? Reason = null);

    public sealed class Handler(AppDbContext db, ScopeService scopes, TimeProvider clock)
    {
        public async Task<Result<BaselineDto>> HandleAsync(Command command, CancellationToken ct)
        {
            var scope = await scopes.GetAsync(ct);
            var unit = await db.Units.Where(u => u.Code == command.UnitCode && u.ValidTo == null).FirstOrDefaultAsync(ct);
            if (unit is null)
            {
                return Errors.NotFound("units.not_found", command.UnitCode);
            }

            if (scope.Check(Permission.EditBaselines, unit.Path) is { } forbidden)
            {
                return forbidden;
            }

            var thisYear = clock.TodayInVietnam().Year;
            if (command.Year < 2020 || command.Year > thisYear + 5)
            {
                return Errors.Invalid("baseline.bad_year", "year", command.Year);
            }

            var reason = VietnameseText.Check(command.Reason, "reason", TextLimits.Comment, TextShape.MultiLine);
            if (!reason.IsSuccess)
            {
                return reason.FirstError;
            }

            var baseline = await db.PopulationBaselines.FirstOrDefaultAsync(b => b.UnitId == unit.Id && b.Year == command.Year, ct);
            var old = baseline is null ? null : new BaselineValues(baseline.Adults, baseline.Officials, baseline.StudentsPrimary, baseline.StudentsLowerSecondary,
                baseline.StudentsUpperSecondary, baseline.StudentsHigherEducation, baseline.EnterpriseWorkers, baseline.Households);
            var (merged, missing) = (command.Changes ?? new BaselineChanges()).Over(old);
            if (merged is null)
            {
                return Result<BaselineDto>.Fail(missing.Select(f => Errors.Invalid("baseline.value_missing", f)).ToList());
            }

            var v = merged;
            var fields = new (string Name, int Value)[]
            {
                ("adults", v.Adults), ("officials", v.Officials), ("studentsPrimary", v.StudentsPrimary),
                ("studentsLowerSecondary", v.StudentsLowerSecondary), ("studentsUpperSecondary", v.StudentsUpperSecondary),
                ("studentsHigherEducation", v.StudentsHigherEducation), ("enterpriseWorkers", v.EnterpriseWorkers), ("households", v.Households),
            };
            var bad = fields.Where(f => f.Value < 0 || f.Value > MaxValue)
                .Select(f => Errors.Invalid("baseline.bad_value", f.Name, MaxValue)).ToList();
            if (v.Officials > v.Adults && v.Adults > 0)
            {
                bad.Add(Errors.Invalid("baseline.officials_over_adults", "officials"));
            }

            if (bad.Count > 0)
            {
                return Result<BaselineDto>.Fail(bad);
            }

            if (baseline is null)
            {
                baseline = new PopulationBaseline { UnitId = unit.Id, Year = command.Year };
                db.PopulationBaselines.Add(baseline);
            }

            baseline.Adults = v.Adults;
            baseline.Officials = v.Officials;
            baseline.StudentsPrimary = v.StudentsPrimary;
            baseline.StudentsLowerSecondary = v.StudentsLowerSecondary;
            baseline.StudentsUpperSecondary = v.StudentsUpperSecondary;
            baseline.StudentsHigherEducation = v.StudentsHigherEducation;
            baseline.EnterpriseWorkers = v.EnterpriseWorkers;
            baseline.Households = v.Households;
            baseline.UpdatedAt = clock.UtcNow();
            baseline.UpdatedByUserId = scope.UserId;
            if (old != v)
            {
                AuditLog.Record(db, scope, baseline.UpdatedAt, AuditActions.BaselineSaved, nameof(PopulationBaseline),
                    unit.Code + "/" + command.Year.ToString(System.Globalization.CultureInfo.InvariantCulture), unit.Path, old, v, reason.Value!.Length == 0 ? null : reason.Value);
            }

            await db.SaveChangesAsync(ct);
            return new BaselineDto(command.Year, v, baseline.UpdatedAt);
        }
    }
}
