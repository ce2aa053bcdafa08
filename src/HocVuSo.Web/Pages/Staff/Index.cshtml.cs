using HocVuSo.Core.Data;
using HocVuSo.Core.Features.Accounts;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace HocVuSo.Web.Pages.Staff;

/// <summary>A staff member's start page: their assignments and the staff of the units they oversee.</summary>
public sealed class IndexModel(AppDbContext db, ScopeService scopes, ListStaff.Handler listStaff) : PageModel
{
    public sealed record AssignmentView(StaffRole Role, string UnitCode, string UnitName);

    public IReadOnlyList<AssignmentView> Assignments { get; private set; } = [];

    public bool CanManageStaff { get; private set; }

    public bool CanManageOutbox { get; private set; }

    public bool CanViewDeliveries { get; private set; }

    /// <summary>The units whose learners' deletion requests the staff member handles (Permission.ManageIdentities).</summary>
    public IReadOnlyList<AssignmentView> PrivacyUnits { get; private set; } = [];

    public Dictionary<string, IReadOnlyList<StaffDto>> StaffByUnit { get; } = [];

    public async Task OnGetAsync(CancellationToken ct)
    {
        var scope = await scopes.GetAsync(ct);
        var unitIds = scope.Grants.Select(g => g.UnitId).ToList();
        var units = await db.Units.Where(u => unitIds.Contains(u.Id)).ToDictionaryAsync(u => u.Id, u => new { u.Code, u.FullName }, ct);
        Assignments = scope.Grants.Select(g => new AssignmentView(g.Role, units[g.UnitId].Code, units[g.UnitId].FullName)).ToList();
        CanManageStaff = scope.Has(Permission.ManageStaff);
        CanManageOutbox = scope.Has(Permission.ManageOutbox);
        CanViewDeliveries = scope.Has(Permission.ViewAudit);
        PrivacyUnits = Assignments.Where(a => RolePolicy.Allows(a.Role, Permission.ManageIdentities)).DistinctBy(a => a.UnitCode).ToList();
        foreach (var grant in scope.Grants.Where(g => RolePolicy.Allows(g.Role, Permission.ViewStaffData)).DistinctBy(g => g.UnitId))
        {
            var staff = await listStaff.HandleAsync(new ListStaff.Query(units[grant.UnitId].Code), ct);
            if (staff.IsSuccess)
            {
                StaffByUnit[units[grant.UnitId].FullName] = staff.Value!;
            }
        }
    }
}
