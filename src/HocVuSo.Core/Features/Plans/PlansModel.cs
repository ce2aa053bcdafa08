namespace HocVuSo.Core.Features.Plans;

/// <summary>What kind of body an organisation is (cơ quan, đơn vị, tổ chức).</summary>
public enum OrganisationKind
{
    /// <summary>A People's Committee office or department (Văn phòng HĐND &amp; UBND, Phòng Văn hóa – Xã hội, Phòng Kinh tế).</summary>
    Agency,

    /// <summary>The commune police (Công an xã).</summary>
    Police,

    /// <summary>A public service centre (Trung tâm phục vụ hành chính công, Trung tâm cung ứng dịch vụ sự nghiệp công).</summary>
    ServiceCentre,

    /// <summary>A mass organisation (MTTQ, Đoàn Thanh niên, Hội Phụ nữ…).</summary>
    MassOrganisation,

    /// <summary>A community digital technology team (Tổ Công nghệ số cộng đồng) acting as a body.</summary>
    CommunityTeam,

    School,

    Enterprise,

    Cooperative,

    /// <summary>A telecom or postal company.</summary>
    Telecom,
}

/// <summary>The group of people an organisation's headcount and members belong to.</summary>
public enum MemberGroup
{
    Officials,
    Students,
    Workers,
}

/// <summary>
/// A body inside a unit that leads or carries out plan tasks and whose people are counted
/// (cơ quan, đơn vị, tổ chức). Its contact's name, phone and e-mail are personal data: encrypted
/// at rest and masked in lists.
/// </summary>
public sealed class Organisation
{
    public int Id { get; set; }

    public int UnitId { get; set; }

    public required string UnitPath { get; set; }

    public OrganisationKind Kind { get; set; }

    public required string Name { get; set; }

    /// <summary>For schools: the grade levels taught, e.g. "1-5" or "6-9".</summary>
    public string? Grades { get; set; }

    public string? ContactName { get; set; }

    public string? ContactPhone { get; set; }

    public string? ContactEmail { get; set; }

    public List<OrganisationHeadcount> Headcounts { get; set; } = [];
}

/// <summary>How many people of a group an organisation has in a year (the denominators of the target-group indicators).</summary>
public sealed class OrganisationHeadcount
{
    public int Id { get; set; }

    public int OrganisationId { get; set; }

    public int Year { get; set; }

    public MemberGroup Group { get; set; }

    /// <summary>For students: the school level ("primary", "lower_secondary"); otherwise empty.</summary>
    public string Level { get; set; } = string.Empty;

    public int Count { get; set; }
}

/// <summary>
/// A person enrolled as an organisation's official, student or worker. Enrolment admits one
/// organisation per person; the store allows more (organisations of merged communes keep their
/// people), so the computed target-group figures count each person once.
/// </summary>
public sealed class OrganisationMember
{
    public int Id { get; set; }

    public int OrganisationId { get; set; }

    public required string UserId { get; set; }

    public MemberGroup Group { get; set; }

    /// <summary>The person's role or grade as the organisation states it ("công chức", "lớp 7").</summary>
    public string? Role { get; set; }

    public DateOnly JoinedOn { get; set; }
}

/// <summary>
/// A join code (mã tham gia) an organisation's officer issues so that its people enrol themselves:
/// a signed-in learner types it and becomes a member with the group and role the code names. Only
/// a keyed hash of the code is stored; it expires and can be revoked.
/// </summary>
public sealed class OrganisationJoinCode
{
    public int Id { get; set; }

    public int OrganisationId { get; set; }

    public required byte[] CodeHash { get; set; }

    public MemberGroup Group { get; set; }

    /// <summary>The role or grade given to those who join with the code ("công chức", "lớp 7").</summary>
    public string? Role { get; set; }

    public DateTime CreatedAt { get; set; }

    public DateTime ExpiresAt { get; set; }

    public DateTime? RevokedAt { get; set; }

    public string? CreatedByUserId { get; set; }

    public int Uses { get; set; }
}

public enum PlanStatus
{
    Draft,
    Issued,
    Closed,
}

/// <summary>
/// A plan (kế hoạch) as its official document: number and symbol, date, issuing body and signer,
/// the unit and year it covers, the plan above it (the province's), its sections and tasks. An
/// issued plan's targets are the targets in force for its unit.
/// </summary>
public sealed class Plan
{
    public int Id { get; set; }

    public int UnitId { get; set; }

    public required string UnitPath { get; set; }

    public int Year { get; set; }

    /// <summary>Number and symbol, e.g. "76/KH-UBND"; a draft may have only the symbol.</summary>
    public required string Number { get; set; }

    public required string Title { get; set; }

    public DateOnly? IssuedOn { get; set; }

    public required string IssuingBody { get; set; }

    public string? Signer { get; set; }

    public string? SignerTitle { get; set; }

    public int? ParentPlanId { get; set; }

    public PlanStatus Status { get; set; }

    public byte[]? SignedPdf { get; set; }

    public List<PlanSection> Sections { get; set; } = [];

    public List<PlanTask> Tasks { get; set; } = [];

    public List<PlanTarget> Targets { get; set; } = [];
}

public sealed class PlanSection
{
    public int Id { get; set; }

    public int PlanId { get; set; }

    public required string Number { get; set; }

    public required string Title { get; set; }

    public int Position { get; set; }

    public List<PlanTask> Tasks { get; set; } = [];
}

/// <summary>When a task is carried out (thời gian thực hiện).</summary>
public enum ScheduleKind
{
    /// <summary>Thường xuyên: judged month by month.</summary>
    Regular,

    /// <summary>Before a date (trước ngày …).</summary>
    ByDate,

    /// <summary>From one date to another (từ ngày … đến ngày …).</summary>
    BetweenDates,

    /// <summary>Every month (hằng tháng).</summary>
    Monthly,

    /// <summary>In one month (tháng 08/2026).</summary>
    Month,
}

/// <summary>A task (nhiệm vụ) of a plan: who leads it (đơn vị chủ trì), who coordinates (đơn vị phối hợp), when, and its targets.</summary>
public sealed class PlanTask
{
    public int Id { get; set; }

    public int PlanId { get; set; }

    public int SectionId { get; set; }

    public required string Number { get; set; }

    public required string Title { get; set; }

    public string? Purpose { get; set; }

    public string? Form { get; set; }

    public int? LeadOrganisationId { get; set; }

    public Organisation? LeadOrganisation { get; set; }

    public ScheduleKind Schedule { get; set; }

    public DateOnly? StartsOn { get; set; }

    /// <summary>The deadline: the date, the last day of the range or of the month; null for regular and monthly tasks.</summary>
    public DateOnly? DueOn { get; set; }

    /// <summary>The schedule as the document words it ("Trước ngày 30/4/2026").</summary>
    public string? ScheduleText { get; set; }

    public int Position { get; set; }

    public List<PlanTaskCoordinator> Coordinators { get; set; } = [];

    public List<PlanTarget> Targets { get; set; } = [];

    public List<TaskUpdate> Updates { get; set; } = [];
}

public sealed class PlanTaskCoordinator
{
    public int TaskId { get; set; }

    public int OrganisationId { get; set; }

    public Organisation? Organisation { get; set; }
}

/// <summary>At which level a target's value applies: the whole unit, or each village in it.</summary>
public enum TargetLevel
{
    Province,
    Commune,
    Village,
}

/// <summary>
/// A target (chỉ tiêu) of a task, linked to a reporting indicator: "at least 5 classes", "each
/// village at least 10 guidance sessions", "80% of adults confirmed on VNeID by 30/11/2026". A
/// province plan's targets are the defaults for its communes, which may tighten but not loosen them.
/// </summary>
public sealed class PlanTarget
{
    public int Id { get; set; }

    public int TaskId { get; set; }

    public int PlanId { get; set; }

    public required string IndicatorCode { get; set; }

    /// <summary>Percent for percentage indicators, otherwise a count (per village for per-village indicators).</summary>
    public decimal Value { get; set; }

    public TargetLevel UnitLevel { get; set; }

    /// <summary>The target's own deadline when it differs from its task's (5 classes by 30/6 in a task due 30/11).</summary>
    public DateOnly? DueOn { get; set; }

    /// <summary>The target as the document words it ("Tổ chức ít nhất 5 lớp học").</summary>
    public string? Text { get; set; }
}

/// <summary>What a lead body reports it did for a task (cập nhật tiến độ): text, date, evidence; audited.</summary>
public sealed class TaskUpdate
{
    public int Id { get; set; }

    public int TaskId { get; set; }

    public required string Text { get; set; }

    public DateOnly Date { get; set; }

    public string? EvidenceUrl { get; set; }

    public string? EvidenceFileName { get; set; }

    public byte[]? EvidenceFile { get; set; }

    /// <summary>The evidence file's type as checked on upload: application/pdf, or image/jpeg for a photo (re-encoded on upload).</summary>
    public string? EvidenceContentType { get; set; }

    /// <summary>Marks the task done (the lead body says it is complete).</summary>
    public bool Completes { get; set; }

    public string? ByUserId { get; set; }

    public string? ByName { get; set; }

    public DateTime At { get; set; }
}

public enum SummaryStatus
{
    Draft,
    Issued,
}

/// <summary>
/// The year-end summary of a plan (báo cáo tổng kết): pre-filled from the year's figures and the
/// tasks' outcomes, its text sections edited while it is a draft; once issued it is locked and its
/// figures are kept as they stood that day.
/// </summary>
public sealed class PlanSummary
{
    public int Id { get; set; }

    public int PlanId { get; set; }

    public SummaryStatus Status { get; set; }

    /// <summary>Number and symbol of the report, e.g. "15/BC-UBND"; a draft may have only the symbol.</summary>
    public required string Number { get; set; }

    public DateOnly? IssuedOn { get; set; }

    /// <summary>Kết quả đạt được.</summary>
    public string Results { get; set; } = string.Empty;

    /// <summary>Tồn tại, hạn chế.</summary>
    public string? Shortcomings { get; set; }

    /// <summary>Nguyên nhân.</summary>
    public string? Causes { get; set; }

    /// <summary>Bài học kinh nghiệm.</summary>
    public string? Lessons { get; set; }

    /// <summary>Phương hướng, nhiệm vụ năm tới.</summary>
    public string? NextYear { get; set; }

    /// <summary>Kiến nghị, đề xuất.</summary>
    public string? Proposals { get; set; }

    /// <summary>The figures and task outcomes as they stood when the summary was issued (JSON).</summary>
    public string? Snapshot { get; set; }

    public DateTime CreatedAt { get; set; }

    public DateTime UpdatedAt { get; set; }

    public string? IssuedByUserId { get; set; }
}
