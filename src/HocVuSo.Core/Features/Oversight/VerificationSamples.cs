using System.Security.Cryptography;
using HocVuSo.Core.Common;
using HocVuSo.Core.Data;
using HocVuSo.Core.Features.Accounts;
using HocVuSo.Core.Features.Audit;
using HocVuSo.Core.Features.Geography;

namespace HocVuSo.Core.Features.Oversight;

/// <summary>
/// Draws a call-back sample (mẫu xác minh) of a commune's records for a month: village-stratified,
/// reproducible from its seed (<see cref="VerificationSampling"/>). Only staff who verify figures
/// from above the commune — the province's officers, or the nation — draw it; the commune never
/// draws its own. The draw is audited.
/// </summary>
public static class DrawVerificationSample
{
    public const int MaxSize = 500;

    public sealed record Command(string? Unit, string? Period, string? Kind, int? Size, int? Seed);

    public sealed class Handler(AppDbContext db, ScopeService scopes, TimeProvider clock, GetVerificationSample.Viewer viewer)
    {
        public async Task<Result<VerificationSampleView>> HandleAsync(Command command, CancellationToken ct)
        {
            var scope = await scopes.GetAsync(ct);
            var today = clock.TodayInVietnam();
            var found = await VerifiedCommunes.FindAsync(db, scope, command.Unit, today, ct);
            if (!found.IsSuccess)
            {
                return Result<VerificationSampleView>.Fail(found.Errors);
            }

            var unit = found.Value!;

            var errors = new List<Error>();

            if (!VietnameseFormat.TryParsePeriod(command.Period, out var period) || period > new DateOnly(today.Year, today.Month, 1))
            {
                errors.Add(Errors.Invalid("verification.period_invalid", "period", command.Period ?? string.Empty));
            }

            if (!VerificationKeys.TryParseKind(command.Kind, out var kind))
            {
                errors.Add(Errors.Invalid("verification.kind_unknown", "kind", command.Kind ?? string.Empty, string.Join(", ", VerificationKeys.KindKeys)));
            }

            if (command.Size is not { } size || size <= 0 || size > MaxSize)
            {
                errors.Add(Errors.Invalid("verification.size_invalid", "size", MaxSize));
                size = 0;
            }

            if (errors.Count > 0)
            {
                return Result<VerificationSampleView>.Fail(errors);
            }

            var population = await VerificationRecords.PopulationAsync(db, kind, unit.Path, period, ct);
            if (size > population.Count)
            {
                return Errors.Invalid("verification.size_too_large", "size", size, population.Count);
            }

            var seed = command.Seed ?? RandomNumberGenerator.GetInt32(1, int.MaxValue);
            var drawn = VerificationSampling.Draw(population, size, seed);
            var sample = new VerificationSample
            {
                UnitId = unit.Id, UnitPath = unit.Path, CommuneCode = unit.Code, Period = period, Kind = kind, Size = size, Seed = seed,
                Population = population.Count, DrawnByUserId = scope.UserId ?? "system", DrawnByName = scope.UserName, DrawnAt = clock.UtcNow(),
                Items = drawn.Select((c, i) => new VerificationItem { Position = i + 1, SubjectKey = c.Key, VillageCode = c.VillageCode }).ToList(),
            };
            await using var transaction = await db.Database.BeginTransactionAsync(ct);
            db.VerificationSamples.Add(sample);
            await db.SaveChangesAsync(ct);
            AuditLog.Record(db, scope, sample.DrawnAt, "verification.sample_drawn", nameof(VerificationSample), sample.Id.ToString(System.Globalization.CultureInfo.InvariantCulture), unit.Path,
                newValue: new { unit = unit.Code, period = VietnameseFormat.PeriodKey(period), kind = VerificationKeys.Key(kind), size, seed, population = population.Count });
            await db.SaveChangesAsync(ct);
            await transaction.CommitAsync(ct);
            return await viewer.ViewAsync(sample, unit.Name, scope, ct);
        }
    }
}

/// <summary>
/// The commune a sample or a signal is about: a unit the caller sees (outside their scope it is not
/// found, as an unknown code), at commune level, where the caller may verify figures from above.
/// </summary>
internal static class VerifiedCommunes
{
    public static async Task<Result<Unit>> FindAsync(AppDbContext db, UserScope scope, string? unitCode, DateOnly today, CancellationToken ct)
    {
        var code = (unitCode ?? string.Empty).Trim();
        var unit = await db.UnitInScopeAsync(scope, code, today, Permission.ViewStaffData, hideOutside: true, ct);
        if (!unit.IsSuccess)
        {
            return unit;
        }

        if (unit.Value!.Level != UnitLevel.Commune)
        {
            return Errors.Invalid("verification.unit_not_commune", "unit", code);
        }

        return scope.CanAbove(Permission.VerifyFigures, unit.Value.Path) ? unit : Errors.Forbidden();
    }
}
