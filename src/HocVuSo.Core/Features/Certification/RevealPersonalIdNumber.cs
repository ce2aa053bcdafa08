using HocVuSo.Core.Common;
using HocVuSo.Core.Data;
using HocVuSo.Core.Features.Accounts;
using HocVuSo.Core.Features.Audit;
using Microsoft.EntityFrameworkCore;

namespace HocVuSo.Core.Features.Certification;

/// <summary>
/// An officer who manages identities in a person's home unit sees the whole identification
/// number, e.g. to check it against the card. Every full view is recorded in the audit trail
/// (who, when, whose, why) before the number is returned; outside the officer's scope nothing is shown.
/// </summary>
public static class RevealPersonalIdNumber
{
    public sealed record Command(string? UserName, string? Reason);

    public sealed record Revealed(string UserName, string Number, string Masked, int BirthYear, string Gender);

    public sealed class Handler(AppDbContext db, ScopeService scopes, PersonalDataProtector protector, TimeProvider clock)
    {
        public async Task<Result<Revealed>> HandleAsync(Command command, CancellationToken ct)
        {
            var scope = await scopes.GetAsync(ct);
            if (string.IsNullOrWhiteSpace(command.UserName))
            {
                return Errors.NotFound("identity.user_not_found", string.Empty);
            }

            var resolved = await IdentityTargets.ResolveAsync(db, scope, command.UserName, allowSelf: false, ct);
            if (!resolved.IsSuccess)
            {
                return Result<Revealed>.Fail(resolved.Errors);
            }

            var target = resolved.Value!;
            var row = await db.PersonIdentities.AsNoTracking().FirstOrDefaultAsync(p => p.UserId == target.UserId, ct);
            if (row is null)
            {
                return Errors.NotFound("identity.not_recorded", target.UserName);
            }

            var number = protector.UnprotectNumber(row);
            var masked = Mask.PersonalIdNumber(number)!;
            var reasonChecked = VietnameseText.Check(command.Reason, "reason", TextLimits.Comment, TextShape.MultiLine);
            if (!reasonChecked.IsSuccess)
            {
                return reasonChecked.FirstError;
            }

            var reason = reasonChecked.Value!;
            AuditLog.Record(
                db, scope, clock.UtcNow(), IdentityAuditActions.NumberRevealed, nameof(PersonIdentity), target.UserId, target.UnitPath,
                newValue: new { number = masked }, reason: reason.Length == 0 ? null : reason);
            await db.SaveChangesAsync(ct);
            return new Revealed(target.UserName, number, masked, row.BirthYear, PersonalIdNumberView.GenderName(row.Gender));
        }
    }
}
