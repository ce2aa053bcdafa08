namespace HocVuSo.Core.Features.Oversight;

/// <summary>Why an inspection is held (kiểm tra định kỳ hằng tháng, hằng quý, hoặc đột xuất).</summary>
public enum InspectionKind
{
    PeriodicMonthly,
    PeriodicQuarterly,
    Surprise,
}

/// <summary>Where an inspection plan stands: planned, in progress once a visit is recorded, done (closed: answers are locked).</summary>
public enum InspectionStatus
{
    Planned,
    InProgress,
    Done,
}

/// <summary>Where a follow-up task kept with the inspection (not in a plan of the Plans area) stands.</summary>
public enum FollowUpState
{
    Open,
    Done,
}

/// <summary>
/// A checklist template (mẫu phiếu kiểm tra): named criteria, each with its rating scale, owned by a
/// province or commune and reused by its inspection plans and by those of the units under it.
/// </summary>
public sealed class ChecklistTemplate
{
    public int Id { get; set; }

    public int UnitId { get; set; }

    public required string UnitPath { get; set; }

    public required string Name { get; set; }

    public string? CreatedByUserId { get; set; }

    public DateTime CreatedAt { get; set; }

    public List<ChecklistCriterion> Criteria { get; set; } = [];
}

/// <summary>One criterion (tiêu chí) of a checklist: its number in the list, its wording, its scale (<see cref="InspectionScales"/>).</summary>
public sealed class ChecklistCriterion
{
    public int Id { get; set; }

    public int TemplateId { get; set; }

    public int Number { get; set; }

    public required string Text { get; set; }

    /// <summary>The scale's key: <c>1-5</c>, <c>yes-no-partly</c> or <c>yes-no</c>.</summary>
    public required string Scale { get; set; }
}

/// <summary>
/// An inspection plan (kế hoạch kiểm tra) of a province or a commune (the owner) over units strictly
/// under it: periodic monthly or quarterly for a period, or a surprise inspection on a date; it uses
/// one checklist template.
/// </summary>
public sealed class InspectionPlan
{
    public int Id { get; set; }

    public int OwnerUnitId { get; set; }

    public required string OwnerUnitPath { get; set; }

    public InspectionKind Kind { get; set; }

    /// <summary>First day of the month or quarter inspected (periodic plans).</summary>
    public DateOnly? Period { get; set; }

    /// <summary>The day of a surprise inspection.</summary>
    public DateOnly? Date { get; set; }

    public required string Title { get; set; }

    public InspectionStatus Status { get; set; }

    public int TemplateId { get; set; }

    public string? CreatedByUserId { get; set; }

    public DateTime CreatedAt { get; set; }

    public List<InspectionPlanUnit> Units { get; set; } = [];
}

/// <summary>A unit an inspection plan inspects.</summary>
public sealed class InspectionPlanUnit
{
    public int PlanId { get; set; }

    public int UnitId { get; set; }

    public required string UnitPath { get; set; }
}

/// <summary>
/// A visit (buổi kiểm tra): one unit of a plan inspected on a day by named members; it holds a
/// finding per criterion of the plan's checklist and its follow-up tasks. Its minutes (biên bản
/// kiểm tra) are printed from it.
/// </summary>
public sealed class InspectionVisit
{
    public int Id { get; set; }

    public int PlanId { get; set; }

    public int UnitId { get; set; }

    public required string UnitPath { get; set; }

    public DateOnly Date { get; set; }

    /// <summary>The inspection team (thành phần đoàn kiểm tra), one member a line.</summary>
    public required string Members { get; set; }

    public string? RecordedByUserId { get; set; }

    public string? RecordedByName { get; set; }

    public DateTime RecordedAt { get; set; }

    public List<InspectionFinding> Findings { get; set; } = [];

    public List<InspectionFollowUp> FollowUps { get; set; } = [];
}

/// <summary>
/// What a visit found on one criterion: a rating on the criterion's scale, the finding's text,
/// evidence (an http(s) link and/or a checked file), and the inspected unit's answer (ý kiến giải
/// trình), given once and editable until the plan is done.
/// </summary>
public sealed class InspectionFinding
{
    public int Id { get; set; }

    public int VisitId { get; set; }

    public int CriterionId { get; set; }

    public required string Rating { get; set; }

    public string? Text { get; set; }

    public string? EvidenceUrl { get; set; }

    public string? EvidenceFileName { get; set; }

    public byte[]? EvidenceFile { get; set; }

    /// <summary>application/pdf or image/jpeg (images are stored re-encoded).</summary>
    public string? EvidenceContentType { get; set; }

    public string? Answer { get; set; }

    public string? AnsweredByUserId { get; set; }

    public string? AnsweredByName { get; set; }

    public DateTime? AnsweredAt { get; set; }
}

/// <summary>
/// A follow-up task (kiến nghị, yêu cầu khắc phục) a visit sets the inspected unit: text, lead
/// organisation of that unit, deadline. When the unit has a plan for the deadline's year it is a
/// task of that plan (<see cref="PlanTaskId"/>) and its state is the task's; otherwise its state is kept here.
/// </summary>
public sealed class InspectionFollowUp
{
    public int Id { get; set; }

    public int VisitId { get; set; }

    public int Position { get; set; }

    public required string Text { get; set; }

    public int LeadOrganisationId { get; set; }

    public DateOnly DueOn { get; set; }

    public int? PlanTaskId { get; set; }

    public FollowUpState State { get; set; }
}
