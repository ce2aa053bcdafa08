using HocVuSo.Core.Common;
using HocVuSo.Core.Data;
using HocVuSo.Core.Features.Accounts;
using Microsoft.EntityFrameworkCore;

namespace HocVuSo.Core.Features.Certification;

/// <summary>A person sees their recorded identification number masked ("066•••••••12"); so do officers who manage identities in their unit.</summary>
public static class GetPersonalIdNumber
{
    /// <param name="UserName">Whose number; null for the signed-in person's own.</param>
    public sealed record Query(string? UserName);

    public sealed class Handler(AppDbContext db, ScopeService scopes, PersonalDataProtector protector)
    {
        public async Task<Result<PersonalIdNumberView>> HandleAsync(Query query, CancellationToken ct)
        {
            var scope = await scopes.GetAsync(ct);
            var resolved = await IdentityTargets.ResolveAsync(db, scope, query.UserName, allowSelf: true, ct);
            if (!resolved.IsSuccess)
            {
                return Result<PersonalIdNumberView>.Fail(resolved.Errors);
            }

            var target = resolved.Value!;
            var row = await db.PersonIdentities.AsNoTracking().FirstOrDefaultAsync(p => p.UserId == target.UserId, ct);
            if (row is null)
            {
                return Errors.NotFound("identity.not_recorded", target.UserName);
            }

            return PersonalIdNumberView.From(row, target.UserName, protector.UnprotectNumber(row));
        }
    }
}
