using System.Net.Mail;
using System.Text.RegularExpressions;
using HocVuSo.Core.Common;
using HocVuSo.Core.Data;
using HocVuSo.Core.Features.Audit;
using HocVuSo.Core.Features.Geography;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace HocVuSo.Core.Features.Accounts;

/// <param name="ActivationCode">For an account imported without a password: the one-time code with which the person sets theirs (24 hours).</param>
public sealed record CreatedStaff(string UserName, StaffRole Role, string UnitCode, string? InitialPassword, string? ActivationCode = null);

/// <summary>
/// An officer creates a staff account for a role in a unit of their own subtree. Commune officers
/// create commune staff and village team members; province officers also create province staff;
/// only administrators create national roles. The role's level must match the unit's (a team
/// member belongs to a village, a commune officer to a commune…). Without a password, a random
/// initial one is generated and returned once. An organisation officer's assignment names the
/// organisation (<see cref="StaffAssignment.OrganisationId"/>) and is held in that organisation's unit.
/// </summary>
public static partial class CreateStaff
{
    public sealed record Command(string? UserName, string? FullName, string? Email, string? Phone, string? Role, string? UnitCode, string? Password = null, int? OrganisationId = null);

    public sealed class Handler(AppDbContext db, ScopeService scopes, UserManager<AppUser> users, TimeProvider clock)
    {
        public async Task<Result<CreatedStaff>> HandleAsync(Command command, CancellationToken ct)
        {
            var scope = await scopes.GetAsync(ct);
            if (!scope.Has(Permission.ManageStaff))
            {
                return Errors.Forbidden();
            }

            var checkedInput = await ValidateAsync(db, scope, clock, command, ct);
            if (!checkedInput.IsSuccess)
            {
                return Result<CreatedStaff>.Fail(checkedInput.Errors);
            }

            var (role, unit, organisationId) = checkedInput.Value;
            var userName = VietnameseText.Clean(command.UserName).ToLowerInvariant();
            var email = VietnameseText.Clean(command.Email);
            var phone = VietnameseText.Clean(command.Phone);
            var password = string.IsNullOrEmpty(command.Password) ? PasswordGenerator.Create() : command.Password;
            var now = clock.UtcNow();
            var user = new AppUser
            {
                UserName = userName,
                FullName = VietnameseText.Check(command.FullName, "fullName", TextLimits.PersonName).Value!,
                Email = email.Length > 0 ? email : null,
                EmailConfirmed = email.Length > 0,
                PhoneNumber = phone.Length > 0 ? phone : null,
                HomeUnitId = unit.Id,
                CreatedAt = now,
                LockoutEnabled = true,
            };

            await using var transaction = await db.Database.BeginTransactionAsync(ct);
            var created = await users.CreateAsync(user, password);
            if (!created.Succeeded)
            {
                return Result<CreatedStaff>.Fail(created.Errors.Select(IdentityErrors.ToError).ToList());
            }

            db.StaffAssignments.Add(new StaffAssignment
            {
                UserId = user.Id,
                Role = role,
                UnitId = unit.Id,
                UnitPath = unit.Path,
                OrganisationId = organisationId,
                CreatedAt = now,
                CreatedByUserId = scope.UserId,
            });
            AuditLog.Record(db, scope, now, AuditActions.UserCreated, nameof(AppUser), userName, unit.Path,
                newValue: new { userName, role = role.ToString(), unit = unit.Code });
            AuditLog.Record(db, scope, now, AuditActions.RoleAssigned, nameof(StaffAssignment), userName, unit.Path,
                newValue: new { role = role.ToString(), unit = unit.Code, organisation = organisationId });
            await db.SaveChangesAsync(ct);
            await transaction.CommitAsync(ct);
            return new CreatedStaff(userName, role, unit.Code, string.IsNullOrEmpty(command.Password) ? password : null);
        }
    }

    internal static async Task<Result<(StaffRole Role, Unit Unit, int? OrganisationId)>> ValidateAsync(
        AppDbContext db, UserScope scope, TimeProvider clock, Command command, CancellationToken ct)
    {
        var errors = new List<Error>();
        var loginNames = new LoginNames(db.Protector!);
        var fields = CheckFields(loginNames, command, errors);
        if (fields.UserNameOk && await db.Users.AnyAsync(u => u.NormalizedUserName == fields.NormalizedUserName, ct))
        {
            errors.Add(Errors.Conflict("staff.user_name_taken", "userName", fields.UserName));
        }

        if (fields.EmailOk && await db.Users.AnyAsync(u => u.NormalizedEmail == fields.EmailKey, ct))
        {
            errors.Add(Errors.Conflict("staff.email_taken", "email", fields.Email));
        }

        var role = fields.Role;
        var roleOk = fields.RoleOk;
        Plans.Organisation? organisation = null;
        if (command.OrganisationId is { } organisationId)
        {
            organisation = await db.Organisations.AsNoTracking().FirstOrDefaultAsync(o => o.Id == organisationId, ct);
            if (organisation is null)
            {
                errors.Add(Errors.NotFound("staff.organisation_not_found", organisationId) with { Field = "organisationId" });
            }
            else if (roleOk && role != StaffRole.OrganisationOfficer)
            {
                errors.Add(Errors.Invalid("staff.organisation_only_for_officer", "organisationId"));
            }
        }
        else if (roleOk && role == StaffRole.OrganisationOfficer)
        {
            errors.Add(Errors.Invalid("staff.organisation_required", "organisationId"));
        }

        var today = clock.TodayInVietnam();
        var unitCode = VietnameseText.Clean(command.UnitCode);
        var unit = unitCode.Length == 0
            ? organisation is null ? null : await db.Units.FirstOrDefaultAsync(u => u.Id == organisation.UnitId, ct)
            : await db.Units.ValidOn(today).FirstOrDefaultAsync(u => u.Code == unitCode, ct);
        if (unit is null)
        {
            if (command.OrganisationId is null || unitCode.Length > 0)
            {
                errors.Add(Errors.NotFound("units.not_found", unitCode) with { Field = "unitCode" });
            }
        }
        else if (organisation is not null && organisation.UnitId != unit.Id)
        {
            var organisationUnit = await db.Units.AsNoTracking().Where(u => u.Id == organisation.UnitId).Select(u => u.FullName).FirstAsync(ct);
            errors.Add(Errors.Invalid("staff.organisation_unit_mismatch", "unitCode", organisation.Name, organisationUnit, unit.Code));
        }
        else
        {
            CheckGrant(scope, role, roleOk, unit, errors);
        }

        return errors.Count > 0 ? Result<(StaffRole, Unit, int?)>.Fail(errors) : (role, unit!, organisation?.Id);
    }

    /// <summary>What a staff row says, cleaned, after the checks that need no database (<see cref="CheckFields"/>).</summary>
    internal sealed record Fields(string UserName, string NormalizedUserName, bool UserNameOk, string FullName, string Email, string? EmailKey, bool EmailOk, string Phone, StaffRole Role, bool RoleOk);

    internal static Fields CheckFields(LoginNames loginNames, Command command, List<Error> errors)
    {
        var userName = VietnameseText.Clean(command.UserName).ToLowerInvariant();
        var userNameOk = false;
        if (userName.Length == 0)
        {
            errors.Add(Errors.Invalid("field.required", "userName"));
        }
        else if (!UserNamePattern().IsMatch(userName))
        {
            errors.Add(Errors.Invalid("staff.bad_user_name", "userName", userName));
        }
        else
        {
            userNameOk = true;
        }

        var fullName = VietnameseText.Check(command.FullName, "fullName", TextLimits.PersonName);
        if (!fullName.IsSuccess)
        {
            errors.AddRange(fullName.Errors);
        }
        else if (fullName.Value!.Length == 0)
        {
            errors.Add(Errors.Invalid("field.required", "fullName"));
        }

        var email = VietnameseText.Clean(command.Email);
        // NormalizedEmail holds a keyed hash of the address, never the address (LoginNames).
        var emailKey = loginNames.EmailKey(email);
        var emailOk = false;
        if (email.Length > 0)
        {
            if (!MailAddress.TryCreate(email, out var parsed) || parsed.Address != email || !email.Contains('.', StringComparison.Ordinal))
            {
                errors.Add(Errors.Invalid("staff.bad_email", "email", email));
            }
            else
            {
                emailOk = true;
            }
        }

        var phone = VietnameseText.Clean(command.Phone).Replace(" ", string.Empty, StringComparison.Ordinal);
        if (phone.Length > 0 && !PhonePattern().IsMatch(phone))
        {
            errors.Add(Errors.Invalid("staff.bad_phone", "phone", phone));
        }

        var roleOk = TryParseRole(command.Role, out var role) && role != StaffRole.Learner;
        if (!roleOk)
        {
            errors.Add(Errors.Invalid("staff.bad_role", "role", command.Role ?? string.Empty));
        }

        return new Fields(userName, userName.ToUpperInvariant(), userNameOk, fullName.Value ?? string.Empty, email, emailKey, emailOk, phone, role, roleOk);
    }

    /// <summary>The role fits the unit's level and the caller may grant it there (<see cref="UserScope.CanGrant"/>).</summary>
    internal static void CheckGrant(UserScope scope, StaffRole role, bool roleOk, Unit unit, List<Error> errors)
    {
        if (roleOk && RolePolicy.RequiredLevel(role) is { } level && level != unit.Level)
        {
            errors.Add(Errors.Invalid("staff.role_level_mismatch", "unitCode", role.ToString(), unit.FullName));
        }
        else if (roleOk && !scope.CanGrant(role, unit.Path))
        {
            errors.Add(Errors.Forbidden() with { Field = "unitCode" });
        }
    }

    /// <summary>Accepts "CommuneOfficer", "commune-officer" or "commune_officer".</summary>
    public static bool TryParseRole(string? text, out StaffRole role)
    {
        var compact = (text ?? string.Empty).Replace("-", string.Empty, StringComparison.Ordinal).Replace("_", string.Empty, StringComparison.Ordinal).Trim();
        return Enum.TryParse(compact, ignoreCase: true, out role) && Enum.IsDefined(role) && !int.TryParse(compact, out _);
    }

    [GeneratedRegex("^[a-z0-9][a-z0-9._-]{2,63}$")]
    private static partial Regex UserNamePattern();

    [GeneratedRegex(@"^(\+84|0)[0-9]{9,10}$")]
    private static partial Regex PhonePattern();
}

/// <summary>Maps Identity's own failures (weak password, taken name) to our message keys.</summary>
public static class IdentityErrors
{
    public static Error ToError(IdentityError error) => error.Code switch
    {
        nameof(IdentityErrorDescriber.DuplicateUserName) => Errors.Conflict("staff.user_name_taken", "userName", string.Empty),
        nameof(IdentityErrorDescriber.DuplicateEmail) => Errors.Conflict("staff.email_taken", "email", string.Empty),
        nameof(IdentityErrorDescriber.InvalidEmail) => Errors.Invalid("staff.bad_email", "email", string.Empty),
        "PasswordTooLong" => Errors.Invalid("password.too_long", "password", PasswordLengthLimit.MaxLength),
        nameof(IdentityErrorDescriber.PasswordMismatch) => Errors.Invalid("password.current_wrong", "currentPassword"),
        _ when error.Code.StartsWith("Password", StringComparison.Ordinal) => Errors.Invalid("password.weak", "password"),
        _ => Errors.Invalid("identity.failed", null, error.Description),
    };
}

/// <summary>
/// The organisations whose officer the current user may appoint: those of the units where they
/// manage staff (for the staff form's list), at most 500, by unit then name.
/// </summary>
public static class GrantableOrganisations
{
    public sealed record Item(int Id, string Name, string UnitCode, string UnitName);

    public sealed class Handler(AppDbContext db, ScopeService scopes)
    {
        public async Task<IReadOnlyList<Item>> HandleAsync(CancellationToken ct)
        {
            var scope = await scopes.GetAsync(ct);
            if (!scope.Has(Permission.ManageStaff))
            {
                return [];
            }

            return await db.Organisations.AsNoTracking()
                .WithinScope(scope, Permission.ManageStaff, o => o.UnitPath)
                .Join(db.Units, o => o.UnitId, u => u.Id, (o, u) => new { o.Id, o.Name, u.Code, u.FullName, o.UnitPath })
                .OrderBy(o => o.UnitPath).ThenBy(o => o.Name)
                .Take(500)
                .Select(o => new Item(o.Id, o.Name, o.Code, o.FullName))
                .ToListAsync(ct);
        }
    }
}
