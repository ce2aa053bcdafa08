using System.Linq.Expressions;
using HocVuSo.Core.Common;
using HocVuSo.Core.Data;
using HocVuSo.Core.Features.Geography;
using Microsoft.EntityFrameworkCore;

namespace HocVuSo.Core.Features.Accounts;

/// <summary>Who is acting: the signed-in user on the web, or the operator at the command line.</summary>
public interface ICurrentUser
{
    string? UserId { get; }

    string? UserName { get; }

    /// <summary>True for command-line verbs run by the operator of the installation.</summary>
    bool IsSystem { get; }

    /// <summary>In an assisted session, the community team member guiding this learner on their phone.</summary>
    string? AssistedByUserId => null;

    /// <summary>
    /// True only when the user is known to hold no staff assignment without asking the database:
    /// their sign-in said so and the sign-in's security stamp was checked against the database in
    /// this very request. Granting the first assignment renews the stamp
    /// (<see cref="StaffGrantStamps"/>), so a sign-in that predates a grant fails that check and
    /// never claims this. False means "ask the database".
    /// </summary>
    bool HoldsNoStaffRole => false;
}

public sealed class SystemUser : ICurrentUser
{
    public string? UserId => null;

    public string? UserName => "system";

    public bool IsSystem => true;
}

/// <summary>One assignment as the scope sees it; <paramref name="OrganisationId"/> is set for an organisation officer.</summary>
public sealed record ScopeGrant(StaffRole Role, int UnitId, string UnitPath, int? OrganisationId = null);

/// <summary>
/// What the current user may see and change: the subtrees of their staff assignments. This is
/// the one place where scope is decided (ARCHITECTURE rule 4); pages, the API and CLI verbs ask it,
/// never their own checks.
/// </summary>
public sealed class UserScope
{
    public UserScope(string? userId, string? userName, bool isSystem, IReadOnlyList<ScopeGrant> grants, string? assistedByUserId = null)
    {
        UserId = userId;
        UserName = userName;
        IsSystem = isSystem;
        Grants = grants;
        AssistedByUserId = assistedByUserId;
    }

    /// <summary>Set while a team member guides this learner on the member's phone: what the learner does is marked assisted.</summary>
    public string? AssistedByUserId { get; }

    public string? UserId { get; }

    public string? UserName { get; }

    public bool IsSystem { get; }

    public IReadOnlyList<ScopeGrant> Grants { get; }

    public bool IsStaff => IsSystem || Grants.Count > 0;

    public bool Has(Permission permission) => IsSystem || Grants.Any(g => RolePolicy.Allows(g.Role, permission));

    /// <summary>True when some assignment allows <paramref name="permission"/> on the unit at <paramref name="unitPath"/>.</summary>
    public bool Can(Permission permission, string unitPath) =>
        IsSystem || Grants.Any(g => RolePolicy.Allows(g.Role, permission) && unitPath.StartsWith(g.UnitPath, StringComparison.Ordinal));

    /// <summary>
    /// True when an assignment strictly above the unit at <paramref name="unitPath"/> allows
    /// <paramref name="permission"/>: the province decides on its communes' reports, while the same
    /// right held at the commune itself does not count.
    /// </summary>
    public bool CanAbove(Permission permission, string unitPath) =>
        IsSystem || Grants.Any(g => RolePolicy.Allows(g.Role, permission) && unitPath.StartsWith(g.UnitPath, StringComparison.Ordinal) && g.UnitPath != unitPath);

    /// <summary>
    /// True when an assignment at the unit at <paramref name="unitPath"/> itself allows
    /// <paramref name="permission"/>: the unit speaking for itself (answering an inspection of it),
    /// which staff above it, who may see and change it, cannot do in its place.
    /// </summary>
    public bool HoldsAt(Permission permission, string unitPath) =>
        Grants.Any(g => RolePolicy.Allows(g.Role, permission) && g.UnitPath == unitPath);

    /// <summary>The path prefixes under which <paramref name="permission"/> holds (empty: nowhere).</summary>
    public IReadOnlyList<string> Prefixes(Permission permission) =>
        IsSystem ? ["/"] : Grants.Where(g => RolePolicy.Allows(g.Role, permission)).Select(g => g.UnitPath).Distinct().ToList();

    /// <summary>The role through which the user may grant <paramref name="role"/> at <paramref name="unitPath"/>, if any.</summary>
    public bool CanGrant(StaffRole role, string unitPath) =>
        IsSystem || Grants.Any(g => RolePolicy.Allows(g.Role, Permission.ManageStaff)
            && unitPath.StartsWith(g.UnitPath, StringComparison.Ordinal)
            && RolePolicy.CanGrant(g.Role, role));

    public Error? Check(Permission permission, string unitPath) => Can(permission, unitPath) ? null : Errors.Forbidden();

    /// <summary>True when an assignment names the organisation <paramref name="organisationId"/> and lets its holder act for it.</summary>
    public bool ActsFor(int? organisationId) =>
        organisationId is { } id && Grants.Any(g => g.OrganisationId == id && RolePolicy.Allows(g.Role, Permission.ActForOrganisation));

    /// <summary>
    /// Work done for an organisation (progress on a task it leads, enrolling its people): allowed to
    /// whoever holds <paramref name="permission"/> on <paramref name="unitPath"/> (the commune officer
    /// for their commune's plans), and to the officer of that very organisation, whatever the unit.
    /// An organisation officer acting for another body is refused.
    /// </summary>
    public bool CanForOrganisation(Permission permission, string unitPath, int? organisationId) =>
        Can(permission, unitPath) || ActsFor(organisationId);

    public Error? CheckForOrganisation(Permission permission, string unitPath, int? organisationId) =>
        CanForOrganisation(permission, unitPath, organisationId) ? null : Errors.Forbidden();

    /// <summary>
    /// For people (and their records) looked up by name, phone or id: outside the caller's scope
    /// answers exactly as if nothing were found (<paramref name="notFound"/>), so that no one learns
    /// whether a person exists in another unit.
    /// </summary>
    public Error? CheckHidden(Permission permission, string unitPath, Error notFound) => Can(permission, unitPath) ? null : notFound;
}

/// <summary>Builds the <see cref="UserScope"/> of the current user once per request.</summary>
public sealed class ScopeService(AppDbContext db, ICurrentUser currentUser)
{
    private UserScope? _scope;

    /// <summary>
    /// Makes the rest of this unit of work act as the installation itself: for operator tasks
    /// (migrations, reference data, the demo seed) that no signed-in user triggers.
    /// </summary>
    public void UseSystemScope() => _scope = new UserScope(null, "system", true, []);

    public async Task<UserScope> GetAsync(CancellationToken ct)
    {
        if (_scope is not null)
        {
            return _scope;
        }

        if (currentUser.IsSystem)
        {
            return _scope = new UserScope(null, currentUser.UserName, true, []);
        }

        if (currentUser.UserId is null)
        {
            return _scope = new UserScope(null, null, false, []);
        }

        if (currentUser.HoldsNoStaffRole)
        {
            // A learner: no staff-grants query on each of their requests (see ICurrentUser.HoldsNoStaffRole).
            return _scope = new UserScope(currentUser.UserId, currentUser.UserName, false, [], currentUser.AssistedByUserId);
        }

        var grants = await db.StaffAssignments
            .Where(a => a.UserId == currentUser.UserId)
            .Select(a => new ScopeGrant(a.Role, a.UnitId, a.UnitPath, a.OrganisationId))
            .ToListAsync(ct);
        return _scope = new UserScope(currentUser.UserId, currentUser.UserName, false, grants, currentUser.AssistedByUserId);
    }
}

public static class ScopeQueryExtensions
{
    /// <summary>
    /// The unit with <paramref name="code"/> valid on <paramref name="day"/>, if the user may do
    /// <paramref name="permission"/> there: not found, forbidden, or the unit.
    /// </summary>
    public static Task<Result<Geography.Unit>> UnitInScopeAsync(
        this AppDbContext db, UserScope scope, string code, DateOnly day, Permission permission, CancellationToken ct) =>
        db.UnitInScopeAsync(scope, code, day, permission, hideOutside: false, ct);

    /// <summary>
    /// As above; with <paramref name="hideOutside"/> (lists of data about people, such as their
    /// deletion requests) a unit outside the user's scope answers exactly as an unknown code does.
    /// </summary>
    public static async Task<Result<Geography.Unit>> UnitInScopeAsync(
        this AppDbContext db, UserScope scope, string code, DateOnly day, Permission permission, bool hideOutside, CancellationToken ct)
    {
        var unit = await db.Units.AsNoTracking()
            .Where(u => u.Code == code).ValidOn(day)
            .FirstOrDefaultAsync(ct);
        if (unit is null)
        {
            return Errors.NotFound("units.not_found", code);
        }

        var refused = hideOutside ? scope.CheckHidden(permission, unit.Path, Errors.NotFound("units.not_found", code)) : scope.Check(permission, unit.Path);
        return refused is { } error ? error : unit;
    }

    /// <summary>
    /// The scope filter: keeps only rows whose unit path lies under one of the prefixes where
    /// <paramref name="permission"/> holds for the user. Translates to indexed LIKE 'prefix%' tests.
    /// </summary>
    public static IQueryable<T> WithinScope<T>(this IQueryable<T> query, UserScope scope, Permission permission, Expression<Func<T, string>> path)
    {
        var prefixes = scope.Prefixes(permission);
        if (prefixes.Contains("/"))
        {
            return query;
        }

        if (prefixes.Count == 0)
        {
            return query.Where(_ => false);
        }

        var parameter = path.Parameters[0];
        var startsWith = typeof(string).GetMethod(nameof(string.StartsWith), [typeof(string)])!;
        Expression? body = null;
        foreach (var prefix in prefixes)
        {
            var test = Expression.Call(path.Body, startsWith, Expression.Constant(prefix));
            body = body is null ? test : Expression.OrElse(body, test);
        }

        return query.Where(Expression.Lambda<Func<T, bool>>(body!, parameter));
    }
}
