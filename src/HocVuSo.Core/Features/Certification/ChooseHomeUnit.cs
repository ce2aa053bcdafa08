using HocVuSo.Core.Common;
using HocVuSo.Core.Data;
using HocVuSo.Core.Features.Accounts;
using HocVuSo.Core.Features.Audit;
using HocVuSo.Core.Features.Geography;
using Microsoft.EntityFrameworkCore;

namespace HocVuSo.Core.Features.Certification;

/// <summary>
/// A person whose account has no commune yet (opened through VNeID sign-in) says which commune or
/// village they live in, so their learning counts there. Only once: afterwards an officer moves
/// people between units.
/// </summary>
public static class ChooseHomeUnit
{
    public const string AuditAction = "account.home_unit_chosen";

    public sealed record Command(string? UnitCode);

    public sealed class Handler(AppDbContext db, ScopeService scopes, TimeProvider clock)
    {
        public async Task<Result<UnitDto>> HandleAsync(Command command, CancellationToken ct)
        {
            var scope = await scopes.GetAsync(ct);
            if (scope.UserId is null)
            {
                return Errors.Forbidden();
            }

            var user = await db.Users.FirstAsync(u => u.Id == scope.UserId, ct);
            if (user.HomeUnitId is not null)
            {
                return Errors.Conflict("vneid.home_unit_set", "unitCode");
            }

            var code = VietnameseText.Clean(command.UnitCode);
            var unit = code.Length == 0 ? null : await db.Units.ValidOn(clock.TodayInVietnam())
                .FirstOrDefaultAsync(u => u.Code == code && u.Level >= UnitLevel.Commune, ct);
            if (unit is null)
            {
                return Errors.Invalid("learner.unit_required", "unitCode", code);
            }

            user.HomeUnitId = unit.Id;
            AuditLog.Record(db, scope, clock.UtcNow(), AuditAction, nameof(AppUser), user.Id, unit.Path, newValue: new { unit = unit.Code });
            await db.SaveChangesAsync(ct);
            return unit.ToDto();
        }
    }
}
