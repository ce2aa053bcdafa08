using System.Globalization;
using System.Security.Cryptography;
using HocVuSo.Core.Common;
using HocVuSo.Core.Data;
using HocVuSo.Core.Features.Accounts;
using HocVuSo.Core.Features.Audit;
using HocVuSo.Core.Features.Certification;
using Microsoft.EntityFrameworkCore;

namespace HocVuSo.Core.Features.Plans;

/// <summary>How join codes are made and recognised: ten characters without look-alikes, stored only as a keyed hash.</summary>
public sealed class JoinCodes(PersonalDataProtector protector)
{
    public const string Purpose = "organisation-join-code";
    public const int DefaultDays = 30;
    public const int MaxDays = 365;

    // No 0/O, 1/I/L: read aloud or copied from a board without mistakes.
    private const string Alphabet = "ABCDEFGHJKMNPQRSTUVWXYZ23456789";

    public static string NewCode()
    {
        Span<char> chars = stackalloc char[10];
        for (var i = 0; i < chars.Length; i++)
        {
            chars[i] = Alphabet[RandomNumberGenerator.GetInt32(Alphabet.Length)];
        }

        return new string(chars);
    }

    /// <summary>The code as typed, without spaces or dashes and in capitals, so "abcd-efgh 23" is "ABCDEFGH23".</summary>
    public static string Normalise(string? typed) =>
        new((typed ?? string.Empty).Where(c => !char.IsWhiteSpace(c) && c != '-').Select(char.ToUpperInvariant).ToArray());

    public byte[] HashOf(string code) => protector.Hash(Purpose, Normalise(code));
}

public sealed record JoinCodeIssued(int Id, string Code, string Group, string? Role, DateTime ExpiresAt);

public sealed record JoinCodeDto(int Id, string Group, string? Role, DateTime CreatedAt, DateTime ExpiresAt, DateTime? RevokedAt, int Uses, bool Active);

/// <summary>
/// An organisation's officer (who manages plans in its unit) issues a join code for the
/// organisation's people, naming the group and role they join as; the code is shown once and
/// lasts the days given (30 by default, at most 365). Audited without the code.
/// </summary>
public static class IssueJoinCode
{
    public sealed record Command(int OrganisationId, string? Group, string? Role, int? Days);

    public sealed class Handler(AppDbContext db, ScopeService scopes, JoinCodes codes, TimeProvider clock)
    {
        public async Task<Result<JoinCodeIssued>> HandleAsync(Command command, CancellationToken ct)
        {
            var scope = await scopes.GetAsync(ct);
            var organisation = await db.Organisations.AsNoTracking().FirstOrDefaultAsync(o => o.Id == command.OrganisationId, ct);
            if (organisation is null)
            {
                return Errors.NotFound("plans.organisation_not_found", command.OrganisationId);
            }

            if (scope.CheckForOrganisation(Permission.ManagePlans, organisation.UnitPath, organisation.Id) is { } forbidden)
            {
                return forbidden;
            }

            var errors = new List<Error>();
            var group = ImportOrganisationMembers.DefaultGroup(organisation.Kind);
            if (!string.IsNullOrWhiteSpace(command.Group) && !Enum.TryParse(command.Group.Trim(), ignoreCase: true, out group))
            {
                errors.Add(Errors.Invalid("plans.member_group_invalid", "group", command.Group));
            }

            var role = VietnameseText.Clean(command.Role);
            if (role.Length > 100)
            {
                errors.Add(Errors.Invalid("plans.member_role_too_long", "role", 100));
            }

            var days = command.Days ?? JoinCodes.DefaultDays;
            if (days is < 1 or > JoinCodes.MaxDays)
            {
                errors.Add(Errors.Invalid("plans.join_code_days_invalid", "days", JoinCodes.MaxDays));
            }

            if (errors.Count > 0)
            {
                return Result<JoinCodeIssued>.Fail(errors);
            }

            var now = clock.UtcNow();
            var code = JoinCodes.NewCode();
            var row = new OrganisationJoinCode
            {
                OrganisationId = organisation.Id, CodeHash = codes.HashOf(code), Group = group, Role = role.Length == 0 ? null : role,
                CreatedAt = now, ExpiresAt = now.AddDays(days), CreatedByUserId = scope.UserId,
            };
            db.OrganisationJoinCodes.Add(row);
            await db.SaveChangesAsync(ct);
            AuditLog.Record(db, scope, now, "plans.join_code_issued", nameof(OrganisationJoinCode), row.Id.ToString(CultureInfo.InvariantCulture), organisation.UnitPath,
                newValue: new { organisation = organisation.Name, group = group.ToString(), role = row.Role, expiresAt = row.ExpiresAt });
            await db.SaveChangesAsync(ct);
            return new JoinCodeIssued(row.Id, code, group.ToString(), row.Role, row.ExpiresAt);
        }
    }
}

/// <summary>The join codes of an organisation (never the codes themselves), for its officers.</summary>
public static class ListJoinCodes
{
    public sealed record Query(int OrganisationId);

    public sealed class Handler(AppDbContext db, ScopeService scopes, TimeProvider clock)
    {
        public async Task<Result<IReadOnlyList<JoinCodeDto>>> HandleAsync(Query query, CancellationToken ct)
        {
            var scope = await scopes.GetAsync(ct);
            var organisation = await db.Organisations.AsNoTracking().FirstOrDefaultAsync(o => o.Id == query.OrganisationId, ct);
            if (organisation is null)
            {
                return Errors.NotFound("plans.organisation_not_found", query.OrganisationId);
            }

            if (scope.CheckForOrganisation(Permission.ManagePlans, organisation.UnitPath, organisation.Id) is { } forbidden)
            {
                return forbidden;
            }

            var now = clock.UtcNow();
            var rows = await db.OrganisationJoinCodes.AsNoTracking().Where(c => c.OrganisationId == organisation.Id).OrderByDescending(c => c.Id).ToListAsync(ct);
            return rows.Select(c => new JoinCodeDto(c.Id, c.Group.ToString(), c.Role, c.CreatedAt, c.ExpiresAt, c.RevokedAt, c.Uses, c.RevokedAt is null && c.ExpiresAt > now)).ToList();
        }
    }
}

/// <summary>Revokes a join code: nobody can join with it any more; those who joined stay members. Audited.</summary>
public static class RevokeJoinCode
{
    public sealed record Command(int OrganisationId, int CodeId);

    public sealed class Handler(AppDbContext db, ScopeService scopes, TimeProvider clock)
    {
        public async Task<Result<bool>> HandleAsync(Command command, CancellationToken ct)
        {
            var scope = await scopes.GetAsync(ct);
            var organisation = await db.Organisations.AsNoTracking().FirstOrDefaultAsync(o => o.Id == command.OrganisationId, ct);
            var code = organisation is null ? null : await db.OrganisationJoinCodes.FirstOrDefaultAsync(c => c.Id == command.CodeId && c.OrganisationId == organisation.Id, ct);
            if (organisation is null || code is null)
            {
                return Errors.NotFound("plans.join_code_not_found", command.CodeId);
            }

            if (scope.CheckForOrganisation(Permission.ManagePlans, organisation.UnitPath, organisation.Id) is { } forbidden)
            {
                return forbidden;
            }

            if (code.RevokedAt is not null)
            {
                return true;
            }

            code.RevokedAt = clock.UtcNow();
            AuditLog.Record(db, scope, code.RevokedAt.Value, "plans.join_code_revoked", nameof(OrganisationJoinCode), code.Id.ToString(CultureInfo.InvariantCulture), organisation.UnitPath,
                newValue: new { organisation = organisation.Name });
            await db.SaveChangesAsync(ct);
            return true;
        }
    }
}

/// <summary>
/// A signed-in person joins an organisation with the code its officer gave them, as the group and
/// role the code names. A wrong, expired or revoked code is refused (each with its own message); a
/// person already enrolled in another organisation is refused, as in the CSV enrolment; joining
/// again the same organisation changes nothing. Audited.
/// </summary>
public static class JoinOrganisation
{
    public sealed record Command(string? Code);

    public sealed record Joined(int OrganisationId, string Organisation, string Group, string? Role, bool AlreadyMember);

    public sealed class Handler(AppDbContext db, ScopeService scopes, JoinCodes codes, TimeProvider clock)
    {
        public async Task<Result<Joined>> HandleAsync(Command command, CancellationToken ct)
        {
            var scope = await scopes.GetAsync(ct);
            if (scope.UserId is null || scope.IsSystem)
            {
                return Errors.Forbidden();
            }

            var typed = JoinCodes.Normalise(command.Code);
            if (typed.Length == 0)
            {
                return Errors.Invalid("plans.join_code_required", "code");
            }

            var hash = codes.HashOf(typed);
            var code = await db.OrganisationJoinCodes.FirstOrDefaultAsync(c => c.CodeHash == hash, ct);
            var now = clock.UtcNow();
            if (code is null)
            {
                return Errors.Invalid("plans.join_code_invalid", "code");
            }

            if (code.RevokedAt is not null)
            {
                return Errors.Invalid("plans.join_code_revoked", "code");
            }

            if (code.ExpiresAt <= now)
            {
                return Errors.Invalid("plans.join_code_expired", "code", VietnameseFormat.Date(DateOnly.FromDateTime(code.ExpiresAt.AddHours(7))));
            }

            var organisation = await db.Organisations.AsNoTracking().FirstAsync(o => o.Id == code.OrganisationId, ct);
            var memberships = await db.OrganisationMembers.Where(m => m.UserId == scope.UserId).ToListAsync(ct);
            var own = memberships.FirstOrDefault(m => m.OrganisationId == organisation.Id);
            if (own is null && memberships.Count > 0)
            {
                var elsewhere = await db.Organisations.AsNoTracking().Where(o => o.Id == memberships[0].OrganisationId).Select(o => o.Name).FirstAsync(ct);
                return Errors.Conflict("plans.join_enrolled_elsewhere", "code", elsewhere);
            }

            if (own is null)
            {
                db.OrganisationMembers.Add(new OrganisationMember
                {
                    OrganisationId = organisation.Id, UserId = scope.UserId, Group = code.Group, Role = code.Role, JoinedOn = clock.TodayInVietnam(),
                });
                code.Uses++;
                AuditLog.Record(db, scope, now, "plans.member_joined", nameof(Organisation), organisation.Id.ToString(CultureInfo.InvariantCulture), organisation.UnitPath,
                    newValue: new { organisation = organisation.Name, group = code.Group.ToString(), role = code.Role, joinCode = code.Id });
                await db.SaveChangesAsync(ct);
            }

            return new Joined(organisation.Id, organisation.Name, (own?.Group ?? code.Group).ToString(), own?.Role ?? code.Role, own is not null);
        }
    }
}
