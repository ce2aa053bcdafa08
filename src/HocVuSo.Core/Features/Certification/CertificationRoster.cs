using HocVuSo.Core.Common;
using HocVuSo.Core.Data;
using HocVuSo.Core.Features.Accounts;
using HocVuSo.Core.Features.Geography;
using HocVuSo.Core.Features.Messaging;
using Microsoft.EntityFrameworkCore;

namespace HocVuSo.Core.Features.Certification;

/// <summary>
/// One person's certification in a staff list: masked number only, with the VNeID push's state.
/// <paramref name="UserName"/> addresses the account (a phone learner's is an opaque handle);
/// <paramref name="Login"/> is what the list shows for it (the phone masked, see <see cref="LoginNames.Display"/>).
/// </summary>
public sealed record RosterRow(
    string UserName, string FullName, string MaskedIdNumber, string? UnitName, string Status, DateOnly? CertifiedOn, bool Assisted,
    string? Serial, DateTime? VneidConfirmedAt, string? PushStatus, int PushAttempts, string? PushError, string Login = "");

public sealed record RosterSummary(string UnitCode, string UnitName, int Certified, int ConfirmedOnVneid, int AwaitingSignOff);

public sealed record CertificationRosterView(Unit Unit, IReadOnlyList<RosterSummary> ByUnit, IReadOnlyList<RosterRow> Rows, bool CanManage)
{
    public IEnumerable<RosterRow> Certified => Rows.Where(r => r.Status == "certified");

    public IEnumerable<RosterRow> Awaiting => Rows.Where(r => r.Status == "awaiting-sign-off");

    /// <summary>Certified people whose confirmation VNeID has not acknowledged yet (pending or dead-lettered pushes).</summary>
    public IEnumerable<RosterRow> PendingPushes => Rows.Where(r => r.Status == "certified" && r.VneidConfirmedAt is null);
}

/// <summary>
/// Staff who may view data in a unit see its certifications per village or commune: who, when,
/// under which rule, whether VNeID has acknowledged, and the state of each push in the outbox.
/// </summary>
public static class CertificationRoster
{
    public sealed record Query(string UnitCode);

    public sealed class Handler(AppDbContext db, ScopeService scopes, TimeProvider clock)
    {
        public async Task<Result<CertificationRosterView>> HandleAsync(Query query, CancellationToken ct)
        {
            var scope = await scopes.GetAsync(ct);
            var today = clock.TodayInVietnam();
            var found = await db.UnitInScopeAsync(scope, query.UnitCode, today, Permission.ViewStaffData, ct);
            if (!found.IsSuccess)
            {
                return Result<CertificationRosterView>.Fail(found.Errors);
            }

            var unit = found.Value!;
            // The holder by a join on the key and the latest push's figures as single-value look-ups: a
            // sub-select of a whole object per row is run by EF as a window over the whole table.
            var rows = await (
                from c in db.Certifications.AsNoTracking()
                where c.UnitPath != null && c.UnitPath.StartsWith(unit.Path)
                orderby c.UnitPath, c.CertifiedOn
                join u in db.Users on c.UserId equals u.Id
                select new
                {
                    c.UnitPath,
                    c.Status,
                    c.CertifiedOn,
                    c.Assisted,
                    c.Serial,
                    c.VneidConfirmedAt,
                    c.MaskedIdNumber,
                    User = new { u.UserName, u.FullName, u.PhoneNumber, u.Email },
                    PushStatus = db.OutboxMessages.Where(m => m.Reference == c.Serial && m.Type == VneidConfirmationMessage.Type).OrderByDescending(m => m.Id).Select(m => (OutboxStatus?)m.Status).FirstOrDefault(),
                    PushAttempts = db.OutboxMessages.Where(m => m.Reference == c.Serial && m.Type == VneidConfirmationMessage.Type).OrderByDescending(m => m.Id).Select(m => (int?)m.Attempts).FirstOrDefault(),
                    PushError = db.OutboxMessages.Where(m => m.Reference == c.Serial && m.Type == VneidConfirmationMessage.Type).OrderByDescending(m => m.Id).Select(m => m.LastError).FirstOrDefault(),
                })
                .Take(5000)
                .ToListAsync(ct);
            var units = await db.Units.AsNoTracking().ValidOn(today).Where(u => u.Path.StartsWith(unit.Path) && u.Level > unit.Level)
                .Select(u => new { u.Code, u.FullName, u.Path, u.Level }).ToListAsync(ct);
            string? UnitName(string? path) => units.Where(u => path != null && path.StartsWith(u.Path, StringComparison.Ordinal))
                .OrderByDescending(u => u.Level).Select(u => u.FullName).FirstOrDefault() ?? (path == unit.Path ? unit.FullName : null);

            var list = rows.Select(r => new RosterRow(
                r.User.UserName ?? string.Empty, r.User.FullName, string.IsNullOrEmpty(r.MaskedIdNumber) ? "—" : r.MaskedIdNumber, UnitName(r.UnitPath),
                CertificationView.StatusName(r.Status), r.CertifiedOn, r.Assisted, r.Serial, r.VneidConfirmedAt,
                r.PushStatus?.ToString(), r.PushAttempts ?? 0, r.PushError, LoginNames.Display(r.User.UserName, r.User.PhoneNumber, r.User.Email))).ToList();
            var children = units.Where(u => u.Level == unit.Level + 1).OrderBy(u => u.Code, StringComparer.Ordinal).ToList();
            var byUnit = children.Select(child =>
            {
                var mine = rows.Where(r => r.UnitPath != null && r.UnitPath.StartsWith(child.Path, StringComparison.Ordinal)).ToList();
                return new RosterSummary(child.Code, child.FullName, mine.Count(r => r.Status == CertificationStatus.Certified),
                    mine.Count(r => r.Status == CertificationStatus.Certified && r.VneidConfirmedAt != null), mine.Count(r => r.Status == CertificationStatus.AwaitingSignOff));
            }).ToList();
            byUnit.Add(new RosterSummary(unit.Code, unit.FullName, rows.Count(r => r.Status == CertificationStatus.Certified),
                rows.Count(r => r.Status == CertificationStatus.Certified && r.VneidConfirmedAt != null), rows.Count(r => r.Status == CertificationStatus.AwaitingSignOff)));
            return new CertificationRosterView(unit, byUnit, list, scope.Can(Permission.ManageIdentities, unit.Path));
        }
    }
}
