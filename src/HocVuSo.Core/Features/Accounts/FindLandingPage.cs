using HocVuSo.Core.Common;
using HocVuSo.Core.Data;
using Microsoft.EntityFrameworkCore;

namespace HocVuSo.Core.Features.Accounts;

/// <summary>Where a person's work is, in the unit it concerns: the first thing they see after signing in.</summary>
public enum LandingPlace
{
    /// <summary>Courses and the learner's own progress.</summary>
    Learning,

    /// <summary>The community team's field app.</summary>
    TeamApp,

    /// <summary>The dashboard of the unit the person runs (commune or province).</summary>
    UnitDashboard,

    /// <summary>The reports of the unit's communes that wait for approval.</summary>
    ReportsToApprove,

    /// <summary>The content author's courses.</summary>
    Authoring,

    /// <summary>Staff and accounts of the installation.</summary>
    Administration,

    /// <summary>The plan of the unit an organisation's officer works in: the tasks their organisation leads.</summary>
    UnitPlans,
}

public sealed record Landing(LandingPlace Place, string? UnitCode = null);

/// <summary>
/// Each role lands where its work is: a learner on their courses, a team member on the field app,
/// an officer on their unit's dashboard, a province approver on the reports to approve, an author
/// on their courses, the national viewer on the nation's dashboard, an administrator on staff, an organisation's officer on their unit's plan.
/// Someone holding several roles lands at the most responsible one (approving before running,
/// province before commune, the nation's views before authoring and field work).
/// </summary>
public static class FindLandingPage
{
    public sealed record Query(string UserId);

    private static readonly StaffRole[] Precedence =
    [
        StaffRole.SystemAdministrator,
        StaffRole.ProvinceApprover,
        StaffRole.ProvinceOfficer,
        StaffRole.CommuneApprover,
        StaffRole.CommuneOfficer,
        StaffRole.NationalViewer,
        StaffRole.ContentAuthor,
        StaffRole.TeamMember,
        StaffRole.OrganisationOfficer,
        StaffRole.ServiceCentreStaff,
    ];

    public sealed class Handler(AppDbContext db)
    {
        public async Task<Result<Landing>> HandleAsync(Query query, CancellationToken ct)
        {
            var assignments = await db.StaffAssignments.AsNoTracking()
                .Where(a => a.UserId == query.UserId)
                .Select(a => new { a.Role, a.Unit!.Code })
                .ToListAsync(ct);
            var first = assignments
                .Where(a => Array.IndexOf(Precedence, a.Role) >= 0)
                .OrderBy(a => Array.IndexOf(Precedence, a.Role)).ThenBy(a => a.Code, StringComparer.Ordinal)
                .FirstOrDefault();
            return first?.Role switch
            {
                null => new Landing(LandingPlace.Learning),
                StaffRole.SystemAdministrator => new Landing(LandingPlace.Administration),
                StaffRole.ProvinceApprover => new Landing(LandingPlace.ReportsToApprove, first.Code),
                StaffRole.ContentAuthor => new Landing(LandingPlace.Authoring),
                StaffRole.TeamMember => new Landing(LandingPlace.TeamApp),
                StaffRole.OrganisationOfficer => new Landing(LandingPlace.UnitPlans, first.Code),
                _ => new Landing(LandingPlace.UnitDashboard, first.Code),
            };
        }
    }
}
