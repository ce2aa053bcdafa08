namespace HocVuSo.Core.Features.Accounts;

/// <summary>The roles of the movement; each staff assignment pairs one with a unit.</summary>
public enum StaffRole
{
    /// <summary>Người học — a citizen learning.</summary>
    Learner,

    /// <summary>Thành viên Tổ Công nghệ số cộng đồng — works in one village.</summary>
    TeamMember,

    /// <summary>Cán bộ xã — runs the movement in a commune.</summary>
    CommuneOfficer,

    /// <summary>Lãnh đạo xã phê duyệt — approves the commune's reports.</summary>
    CommuneApprover,

    /// <summary>Cán bộ tỉnh (Sở KH&amp;CN) — runs the movement in a province.</summary>
    ProvinceOfficer,

    /// <summary>Lãnh đạo tỉnh phê duyệt — approves communes' reports, rolls up the province.</summary>
    ProvinceApprover,

    /// <summary>Theo dõi toàn quốc — reads everything, changes nothing.</summary>
    NationalViewer,

    /// <summary>Biên soạn nội dung — writes courses and questions.</summary>
    ContentAuthor,

    /// <summary>Quản trị hệ thống.</summary>
    SystemAdministrator,

    /// <summary>
    /// Cán bộ đầu mối của một cơ quan, đơn vị, tổ chức — the officer of one organisation (a commune
    /// department, the police, a school…): reports progress on the plan tasks it leads and enrols its
    /// people. The assignment names the organisation (<see cref="StaffAssignment.OrganisationId"/>).
    /// </summary>
    OrganisationOfficer,

    /// <summary>
    /// Cán bộ, tình nguyện viên Trung tâm phục vụ hành chính công xã — the staff of a commune's public
    /// administrative service centre and the youth-union volunteers there: record the people they
    /// guide through online public services at the help desk.
    /// </summary>
    ServiceCentreStaff,
}

/// <summary>What a role may do inside the unit subtree it is assigned to.</summary>
public enum Permission
{
    ViewStaffData,
    ManageVillages,
    EditBaselines,
    ManageStaff,
    ApproveReports,
    ViewAudit,
    ManageContent,
    ManageUnits,

    /// <summary>Register citizens and guide them on the helper's own phone ("cầm tay chỉ việc").</summary>
    AssistLearners,

    /// <summary>Record door-to-door visits, guidance and weekly sessions of community teams.</summary>
    RecordActivities,

    /// <summary>Set up community teams and their members.</summary>
    ManageTeams,

    /// <summary>Fill and submit the monthly report.</summary>
    EditReports,

    /// <summary>Record people's identification numbers (số định danh cá nhân) and view them in full; every full view is audited.</summary>
    ManageIdentities,

    /// <summary>See the outbox of messages to other systems (VNeID, notifications) and send failed ones again.</summary>
    ManageOutbox,

    /// <summary>Write and change the unit's plans, tasks, targets and organisations; record task progress.</summary>
    ManagePlans,

    /// <summary>Read the unit's plans, tasks, targets and organisations (contacts masked).</summary>
    ViewPlans,

    /// <summary>
    /// Act for the organisation the assignment names: record progress on the tasks it leads and enrol
    /// its people (CSV, join codes). Never for another organisation, whatever the unit.
    /// </summary>
    ActForOrganisation,

    /// <summary>Draw call-back samples of communes below the assignment and record their outcomes (xác minh số liệu); never for the assigned unit itself.</summary>
    VerifyFigures,

    /// <summary>Record the people helped at the commune's service-centre help desk and read the month's list.</summary>
    RecordDeskVisits,
}

public static class RolePolicy
{
    private static readonly Dictionary<StaffRole, Permission[]> Grants = new()
    {
        [StaffRole.Learner] = [],
        [StaffRole.TeamMember] = [Permission.ViewStaffData, Permission.ViewPlans, Permission.AssistLearners, Permission.RecordActivities],
        [StaffRole.CommuneOfficer] = [Permission.ViewStaffData, Permission.ViewPlans, Permission.ManageVillages, Permission.EditBaselines, Permission.ManageStaff, Permission.ViewAudit, Permission.AssistLearners, Permission.RecordActivities, Permission.ManageTeams, Permission.EditReports, Permission.ManageIdentities, Permission.ManagePlans, Permission.RecordDeskVisits],
        [StaffRole.CommuneApprover] = [Permission.ViewStaffData, Permission.ViewPlans, Permission.ApproveReports, Permission.ViewAudit],
        [StaffRole.ProvinceOfficer] = [Permission.ViewStaffData, Permission.ViewPlans, Permission.ManageVillages, Permission.EditBaselines, Permission.ManageStaff, Permission.ViewAudit, Permission.AssistLearners, Permission.ManageTeams, Permission.EditReports, Permission.ManageIdentities, Permission.ManagePlans, Permission.VerifyFigures],
        [StaffRole.ProvinceApprover] = [Permission.ViewStaffData, Permission.ViewPlans, Permission.ApproveReports, Permission.ViewAudit],
        [StaffRole.NationalViewer] = [Permission.ViewStaffData, Permission.ViewPlans],
        [StaffRole.ContentAuthor] = [Permission.ManageContent],
        [StaffRole.OrganisationOfficer] = [Permission.ViewPlans, Permission.ActForOrganisation],
        [StaffRole.ServiceCentreStaff] = [Permission.ViewStaffData, Permission.RecordDeskVisits],
        [StaffRole.SystemAdministrator] = Enum.GetValues<Permission>(),
    };

    public static bool Allows(StaffRole role, Permission permission) => Grants[role].Contains(permission);

    /// <summary>
    /// The unit level a role is assigned at (a team member works in a village, a commune officer in a
    /// commune…); an organisation officer is assigned at its organisation's unit, whatever its level.
    /// </summary>
    public static int? RequiredLevel(StaffRole role) => role switch
    {
        StaffRole.TeamMember => 3,
        StaffRole.CommuneOfficer or StaffRole.CommuneApprover or StaffRole.ServiceCentreStaff => 2,
        StaffRole.ProvinceOfficer or StaffRole.ProvinceApprover => 1,
        StaffRole.NationalViewer or StaffRole.ContentAuthor or StaffRole.SystemAdministrator => 0,
        _ => null, // learners hold no assignment; an organisation officer sits at its organisation's unit

    };

    /// <summary>Approvers and administrators must use two-factor sign-in.</summary>
    public static bool RequiresTwoFactor(StaffRole role) =>
        role is StaffRole.CommuneApprover or StaffRole.ProvinceApprover or StaffRole.SystemAdministrator;

    /// <summary>
    /// Who may hand out a role: staff managers create roles at their own level or below, never
    /// above it, and only administrators create national roles.
    /// </summary>
    public static bool CanGrant(StaffRole granterRole, StaffRole role) => granterRole switch
    {
        StaffRole.SystemAdministrator => true,
        StaffRole.ProvinceOfficer => role is StaffRole.ProvinceOfficer or StaffRole.ProvinceApprover
            or StaffRole.CommuneOfficer or StaffRole.CommuneApprover or StaffRole.TeamMember or StaffRole.OrganisationOfficer or StaffRole.ServiceCentreStaff,
        StaffRole.CommuneOfficer => role is StaffRole.CommuneOfficer or StaffRole.CommuneApprover or StaffRole.TeamMember or StaffRole.OrganisationOfficer or StaffRole.ServiceCentreStaff,
        _ => false,
    };
}
