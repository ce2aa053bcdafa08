using HocVuSo.Core.Common;
using HocVuSo.Core.Data;
using HocVuSo.Core.Features.Accounts;
using HocVuSo.Core.Features.Audit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace HocVuSo.Core.Features.Privacy;

public static class DeletionRequests
{
    /// <summary>The revocation reason written on certificates of people deleted at their request (stored data, shown to officers).</summary>
    public const string RevocationReason = "Xóa theo yêu cầu của người được cấp";
}

/// <summary>
/// A learner asks for their account to be deleted, after a confirmation step (the page asks them
/// to tick that they understand; the API requires <c>confirm: true</c>). Asking twice returns the
/// open request. Staff accounts are not deleted this way (their records are the administration's).
/// The request is audited and shown to the officers of the learner's home unit with its deadline
/// (<see cref="PrivacyOptions.DeletionDeadline"/>, the platform's setting).
/// </summary>
public static class RequestDeletion
{
    public sealed record Command(bool Confirm);

    public sealed record Requested(int RequestId, DateTime RequestedAt, DateTime DueAt, string Status);

    public sealed class Handler(AppDbContext db, ScopeService scopes, IOptions<PrivacyOptions> options, TimeProvider clock)
    {
        public async Task<Result<Requested>> HandleAsync(Command command, CancellationToken ct)
        {
            var scope = await scopes.GetAsync(ct);
            if (Learner.RefuseUnlessOwnSession(scope) is { } refused)
            {
                return refused;
            }

            if (scope.IsStaff)
            {
                return Errors.Invalid("privacy.staff_account_not_deleted");
            }

            if (!command.Confirm)
            {
                return Errors.Invalid("privacy.deletion_confirm_required", "confirm");
            }

            var userId = scope.UserId!;
            var open = await db.DeletionRequests.AsNoTracking().FirstOrDefaultAsync(r => r.UserId == userId && r.Status == DeletionRequestStatus.Open, ct);
            if (open is not null)
            {
                return From(open);
            }

            var now = clock.UtcNow();
            var request = new DeletionRequest
            {
                UserId = userId,
                UnitPath = await Learner.HomePathAsync(db, userId, ct) ?? "/",
                RequestedAt = now,
                DueAt = now + options.Value.DeletionDeadline,
                Status = DeletionRequestStatus.Open,
            };
            db.DeletionRequests.Add(request);
            AuditLog.Record(db, scope, now, PrivacyAuditActions.DeletionRequested, nameof(AppUser), userId, request.UnitPath, newValue: new { dueAt = request.DueAt });
            await db.SaveChangesAsync(ct);
            return From(request);
        }

        private static Requested From(DeletionRequest r) => new(r.Id, r.RequestedAt, r.DueAt, r.Status.ToString().ToLowerInvariant());
    }
}

/// <summary>
/// The deletion requests of learners whose home is in a unit's subtree, for officers who manage
/// identities there: open ones first, by deadline, with overdue ones marked; then the completed.
/// A unit outside the officer's scope is not found, as an unknown one.
/// Learners are shown by their masked phone or e-mail only; the officer who completed a request by
/// their sign-in name.
/// </summary>
public static class ListDeletionRequests
{
    public sealed record Query(string? UnitCode, bool IncludeCompleted = true);

    public sealed record Item(int Id, string Learner, string? HomeUnit, DateTime RequestedAt, DateTime DueAt, string Status, bool Overdue, DateTime? CompletedAt, string? CompletedBy);

    public sealed record Listing(string UnitCode, string UnitName, int Open, int Overdue, IReadOnlyList<Item> Requests);

    public sealed class Handler(AppDbContext db, ScopeService scopes, TimeProvider clock)
    {
        public async Task<Result<Listing>> HandleAsync(Query query, CancellationToken ct)
        {
            var scope = await scopes.GetAsync(ct);
            var unit = await db.UnitInScopeAsync(scope, query.UnitCode?.Trim() ?? string.Empty, clock.TodayInVietnam(), Permission.ManageIdentities, hideOutside: true, ct);
            if (!unit.IsSuccess)
            {
                return Result<Listing>.Fail(unit.Errors);
            }

            var path = unit.Value!.Path;
            var now = clock.UtcNow();
            var requests = db.DeletionRequests.AsNoTracking()
                .Where(r => r.UnitPath.StartsWith(path))
                .WithinScope(scope, Permission.ManageIdentities, r => r.UnitPath);
            if (!query.IncludeCompleted)
            {
                requests = requests.Where(r => r.Status == DeletionRequestStatus.Open);
            }

            // The two accounts by left joins on their keys: a sub-select of a whole object per row is
            // run by EF as a window over every account before joining.
            var rows = await (
                from r in requests.OrderBy(r => r.Status == DeletionRequestStatus.Open ? 0 : 1).ThenBy(r => r.DueAt).Take(500)
                from u in db.Users.Where(u => u.Id == r.UserId).DefaultIfEmpty()
                from closer in db.Users.Where(b => b.Id == r.CompletedByUserId).DefaultIfEmpty()
                orderby r.Status == DeletionRequestStatus.Open ? 0 : 1, r.DueAt
                select new
                {
                    r.Id, r.RequestedAt, r.DueAt, r.Status, r.CompletedAt,
                    User = u == null ? null : new { u.UserName, u.PhoneNumber, u.Email, u.HomeUnitId },
                    CompletedBy = closer == null ? null : new { closer.UserName, closer.PhoneNumber, closer.Email },
                })
                .ToListAsync(ct);
            var unitIds = rows.Select(r => r.User?.HomeUnitId).OfType<int>().Distinct().ToList();
            var names = await db.Units.AsNoTracking().Where(u => unitIds.Contains(u.Id)).ToDictionaryAsync(u => u.Id, u => u.FullName, ct);
            var items = rows.Select(r => new Item(
                r.Id,
                LoginNames.Display(r.User?.UserName, r.User?.PhoneNumber, r.User?.Email),
                r.User?.HomeUnitId is { } home && names.TryGetValue(home, out var name) ? name : null,
                r.RequestedAt,
                r.DueAt,
                r.Status.ToString().ToLowerInvariant(),
                r.Status == DeletionRequestStatus.Open && r.DueAt < now,
                r.CompletedAt,
                r.CompletedBy is null ? null : LoginNames.Display(r.CompletedBy.UserName, r.CompletedBy.PhoneNumber, r.CompletedBy.Email))).ToList();
            return new Listing(unit.Value.Code, unit.Value.FullName, items.Count(i => i.Status == "open"), items.Count(i => i.Overdue), items);
        }
    }
}

/// <summary>A learner sees the state of their latest deletion request: open with its deadline, or completed and when.</summary>
public static class GetMyDeletionRequest
{
    public sealed class Handler(AppDbContext db, ScopeService scopes)
    {
        public async Task<Result<RequestDeletion.Requested>> HandleAsync(CancellationToken ct)
        {
            var scope = await scopes.GetAsync(ct);
            if (scope.UserId is null || scope.IsSystem)
            {
                return Errors.Forbidden();
            }

            var request = await db.DeletionRequests.AsNoTracking().Where(r => r.UserId == scope.UserId).OrderByDescending(r => r.Id).FirstOrDefaultAsync(ct);
            return request is null
                ? Errors.NotFound("privacy.no_deletion_request")
                : new RequestDeletion.Requested(request.Id, request.RequestedAt, request.DueAt, request.Status.ToString().ToLowerInvariant());
        }
    }
}
