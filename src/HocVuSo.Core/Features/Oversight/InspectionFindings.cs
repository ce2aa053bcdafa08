using System.Globalization;
using HocVuSo.Core.Common;
using HocVuSo.Core.Common.Uploads;
using HocVuSo.Core.Data;
using HocVuSo.Core.Features.Accounts;
using HocVuSo.Core.Features.Audit;
using HocVuSo.Core.Features.Plans;
using HocVuSo.Core.Features.Teams;
using Microsoft.EntityFrameworkCore;

namespace HocVuSo.Core.Features.Oversight;

public sealed record FindingDto(
    int Id, int Criterion, string CriterionText, string Scale, IReadOnlyList<string> Values, string Rating, string? Text, string? EvidenceUrl,
    string? EvidenceFileName, string? Answer, string? AnsweredBy, DateTime? AnsweredAt);

/// <summary>A follow-up task; <c>State</c> is the plan task's state as the Plans area names it (not_started, on_track, at_risk, late, done) when it is one, else open, late or done.</summary>
public sealed record FollowUpDto(int Id, string Text, int Lead, string LeadName, DateOnly Due, string State, int? PlanId, int? TaskId, string? TaskNumber);

public sealed record InspectionVisitDto(
    int Id, int PlanId, string PlanTitle, string PlanKind, string PlanStatus, string Owner, string OwnerName, string Unit, string UnitName, DateOnly Date,
    string Members, string? RecordedBy, IReadOnlyList<FindingDto> Findings, IReadOnlyList<FollowUpDto> FollowUps, bool CanAnswer, bool CanManage);

/// <summary>
/// A visit with its findings and follow-ups, for staff who see the inspected unit (the inspecting
/// body above it and the unit itself); anyone else gets not found.
/// </summary>
public static class GetInspectionVisit
{
    public sealed class Handler(AppDbContext db, ScopeService scopes, TimeProvider clock)
    {
        public async Task<Result<InspectionVisitDto>> HandleAsync(int id, CancellationToken ct)
        {
            var scope = await scopes.GetAsync(ct);
            var visit = await db.InspectionVisits.AsNoTracking().Include(v => v.Findings).Include(v => v.FollowUps).FirstOrDefaultAsync(v => v.Id == id, ct);
            if (visit is null || !scope.Can(Permission.ViewStaffData, visit.UnitPath))
            {
                return Errors.NotFound("inspections.visit_not_found", id);
            }

            return await InspectionVisitViews.ViewAsync(db, scope, visit, clock.TodayInVietnam(), ct);
        }
    }
}

/// <summary>The visits to a unit, newest first, with their findings: what the inspected unit answers.</summary>
public static class ListUnitFindings
{
    public sealed record Query(string? Unit);

    public sealed class Handler(AppDbContext db, ScopeService scopes, TimeProvider clock)
    {
        public async Task<Result<IReadOnlyList<InspectionVisitDto>>> HandleAsync(Query query, CancellationToken ct)
        {
            var scope = await scopes.GetAsync(ct);
            var today = clock.TodayInVietnam();
            var unit = await db.UnitInScopeAsync(scope, (query.Unit ?? string.Empty).Trim(), today, Permission.ViewStaffData, hideOutside: true, ct);
            if (!unit.IsSuccess)
            {
                return Result<IReadOnlyList<InspectionVisitDto>>.Fail(unit.Errors);
            }

            var visits = await db.InspectionVisits.AsNoTracking().Include(v => v.Findings).Include(v => v.FollowUps)
                .Where(v => v.UnitId == unit.Value!.Id).OrderByDescending(v => v.Date).ThenByDescending(v => v.Id).ToListAsync(ct);
            var result = new List<InspectionVisitDto>();
            foreach (var visit in visits)
            {
                result.Add(await InspectionVisitViews.ViewAsync(db, scope, visit, today, ct));
            }

            return Result<IReadOnlyList<InspectionVisitDto>>.Ok(result);
        }
    }
}

/// <summary>
/// The inspected unit's answer to a finding (ý kiến giải trình): given by staff assigned at the
/// inspected unit itself — not by the inspecting body above it, which sees the finding too. One
/// answer per finding; it may be changed until the plan is done, and every answer or change is
/// audited with the old and new text.
/// </summary>
public static class AnswerFinding
{
    public sealed record Command(int VisitId, int FindingId, string? Text);

    public sealed class Handler(AppDbContext db, ScopeService scopes, TimeProvider clock)
    {
        public async Task<Result<FindingDto>> HandleAsync(Command command, CancellationToken ct)
        {
            var scope = await scopes.GetAsync(ct);
            var visit = await db.InspectionVisits.AsNoTracking().FirstOrDefaultAsync(v => v.Id == command.VisitId, ct);
            if (visit is null || !scope.Can(Permission.ViewStaffData, visit.UnitPath))
            {
                return Errors.NotFound("inspections.visit_not_found", command.VisitId);
            }

            var finding = await db.InspectionFindings.FirstOrDefaultAsync(f => f.Id == command.FindingId && f.VisitId == visit.Id, ct);
            if (finding is null)
            {
                return Errors.NotFound("inspections.finding_not_found", command.FindingId, visit.Id);
            }

            if (!scope.HoldsAt(Permission.ViewStaffData, visit.UnitPath))
            {
                return Errors.Forbidden();
            }

            var status = await db.InspectionPlans.Where(p => p.Id == visit.PlanId).Select(p => p.Status).FirstAsync(ct);
            if (status == InspectionStatus.Done)
            {
                return Errors.Conflict("inspections.answer_locked", "text");
            }

            var errors = new List<Error>();
            var text = InspectionRules.Required(command.Text, "text", InspectionRules.MaxText, errors);
            if (errors.Count > 0)
            {
                return Result<FindingDto>.Fail(errors);
            }

            var old = finding.Answer;
            finding.Answer = text;
            finding.AnsweredByUserId = scope.UserId;
            finding.AnsweredByName = scope.UserName;
            finding.AnsweredAt = clock.UtcNow();
            AuditLog.Record(db, scope, finding.AnsweredAt.Value, old is null ? "inspections.finding_answered" : "inspections.answer_changed", nameof(InspectionFinding),
                finding.Id.ToString(CultureInfo.InvariantCulture), visit.UnitPath, oldValue: old is null ? null : new { answer = old }, newValue: new { answer = text });
            await db.SaveChangesAsync(ct);
            var criterion = await db.ChecklistCriteria.AsNoTracking().FirstAsync(c => c.Id == finding.CriterionId, ct);
            return InspectionVisitViews.Finding(finding, criterion);
        }
    }
}

/// <summary>
/// A file of evidence for a finding, by staff who may change the plan, while it is not done: a PDF,
/// or a JPEG, PNG or WebP image stored re-encoded as JPEG without metadata (as team photos are),
/// within the upload bounds; the caller's right is checked before the file is read. A new file replaces the old. Audited.
/// </summary>
public static class AttachFindingEvidence
{
    public sealed record Command(int VisitId, int FindingId, string? FileName, Upload File);

    public sealed class Handler(AppDbContext db, ScopeService scopes, UploadLimits limits, TimeProvider clock)
    {
        public async Task<Result<FindingDto>> HandleAsync(Command command, CancellationToken ct)
        {
            var scope = await scopes.GetAsync(ct);
            var visit = await db.InspectionVisits.AsNoTracking().FirstOrDefaultAsync(v => v.Id == command.VisitId, ct);
            var plan = visit is null ? null : await db.InspectionPlans.AsNoTracking().FirstOrDefaultAsync(p => p.Id == visit.PlanId, ct);
            if (visit is null || !scope.Can(Permission.ViewStaffData, visit.UnitPath))
            {
                return Errors.NotFound("inspections.visit_not_found", command.VisitId);
            }

            if (InspectionPlanViews.Refuse(scope, plan, visit.PlanId) is { } refused)
            {
                return refused;
            }

            var finding = await db.InspectionFindings.FirstOrDefaultAsync(f => f.Id == command.FindingId && f.VisitId == visit.Id, ct);
            if (finding is null)
            {
                return Errors.NotFound("inspections.finding_not_found", command.FindingId, visit.Id);
            }

            var opened = await command.File.OpenAsync(ct);
            if (!opened.IsSuccess)
            {
                return Result<FindingDto>.Fail(opened.Errors);
            }

            var buffered = await BoundedStream.BufferAsync(opened.Value!, limits.MaxDocumentBytes, ct);
            if (!buffered.IsSuccess)
            {
                return Result<FindingDto>.Fail(buffered.Errors);
            }

            byte[] bytes;
            await using (var buffer = buffered.Value!)
            {
                bytes = buffer.ToArray();
            }

            var name = Path.GetFileName(InspectionRules.Clean(command.FileName) ?? "evidence");
            string type;
            if (bytes.AsSpan().StartsWith("%PDF-"u8))
            {
                type = "application/pdf";
            }
            else
            {
                if (bytes.Length > limits.MaxImageBytes)
                {
                    return UploadErrors.TooLarge(limits.MaxImageBytes);
                }

                var image = PhotoImages.Reencode(bytes, limits, ct);
                if (!image.IsSuccess)
                {
                    return Errors.Invalid("inspections.evidence_file_type", "file");
                }

                bytes = image.Value!;
                type = PhotoImages.StoredType;
                name = Path.ChangeExtension(name, ".jpg");
            }

            finding.EvidenceFile = bytes;
            finding.EvidenceContentType = type;
            finding.EvidenceFileName = name.Length > 200 ? name[^200..] : name;
            AuditLog.Record(db, scope, clock.UtcNow(), "inspections.evidence_attached", nameof(InspectionFinding), finding.Id.ToString(CultureInfo.InvariantCulture), visit.UnitPath,
                newValue: new { file = finding.EvidenceFileName, type, bytes = bytes.Length });
            await db.SaveChangesAsync(ct);
            var criterion = await db.ChecklistCriteria.AsNoTracking().FirstAsync(c => c.Id == finding.CriterionId, ct);
            return InspectionVisitViews.Finding(finding, criterion);
        }
    }
}

/// <summary>A finding's evidence file, for staff who see the inspected unit.</summary>
public static class GetFindingEvidence
{
    public sealed record EvidenceFile(byte[] Bytes, string ContentType, string FileName);

    public sealed class Handler(AppDbContext db, ScopeService scopes)
    {
        public async Task<Result<EvidenceFile>> HandleAsync(int visitId, int findingId, CancellationToken ct)
        {
            var scope = await scopes.GetAsync(ct);
            var file = await db.InspectionFindings.AsNoTracking().Where(f => f.Id == findingId && f.VisitId == visitId && f.EvidenceFile != null)
                .Join(db.InspectionVisits, f => f.VisitId, v => v.Id, (f, v) => new { f.EvidenceFile, f.EvidenceContentType, f.EvidenceFileName, v.UnitPath })
                .FirstOrDefaultAsync(ct);
            return file is null || !scope.Can(Permission.ViewStaffData, file.UnitPath)
                ? Errors.NotFound("inspections.evidence_not_found", findingId)
                : new EvidenceFile(file.EvidenceFile!, file.EvidenceContentType!, file.EvidenceFileName ?? "evidence");
        }
    }
}

internal static class InspectionVisitViews
{
    public static FindingDto Finding(InspectionFinding f, ChecklistCriterion c) => new(
        f.Id, c.Number, c.Text, c.Scale, InspectionScales.AllowedValues(c.Scale), f.Rating, f.Text, f.EvidenceUrl,
        f.EvidenceFile is null ? null : f.EvidenceFileName, f.Answer, f.AnsweredByName, f.AnsweredAt);

    public static async Task<InspectionVisitDto> ViewAsync(AppDbContext db, UserScope scope, InspectionVisit visit, DateOnly today, CancellationToken ct)
    {
        var plan = await db.InspectionPlans.AsNoTracking().FirstAsync(p => p.Id == visit.PlanId, ct);
        var unitIds = new[] { plan.OwnerUnitId, visit.UnitId };
        var units = await db.Units.AsNoTracking().Where(u => unitIds.Contains(u.Id)).ToDictionaryAsync(u => u.Id, ct);
        var criteria = await db.ChecklistCriteria.AsNoTracking().Where(c => c.TemplateId == plan.TemplateId).ToDictionaryAsync(c => c.Id, ct);
        var leadIds = visit.FollowUps.Select(f => f.LeadOrganisationId).Distinct().ToList();
        var leads = await db.Organisations.AsNoTracking().Where(o => leadIds.Contains(o.Id)).ToDictionaryAsync(o => o.Id, o => o.Name, ct);
        var taskIds = visit.FollowUps.Where(f => f.PlanTaskId is not null).Select(f => f.PlanTaskId!.Value).ToList();
        var tasks = await db.PlanTasks.AsNoTracking().Include(t => t.Updates).Where(t => taskIds.Contains(t.Id)).ToDictionaryAsync(t => t.Id, ct);
        var followUps = visit.FollowUps.OrderBy(f => f.Position).Select(f =>
        {
            var task = f.PlanTaskId is { } taskId && tasks.TryGetValue(taskId, out var t) ? t : null;
            var state = task is not null ? StateKey(TaskProgressReader.StateOf(task, [], task.Updates, today))
                : f.State == FollowUpState.Done ? "done" : f.DueOn < today ? "late" : "open";
            return new FollowUpDto(f.Id, f.Text, f.LeadOrganisationId, leads.GetValueOrDefault(f.LeadOrganisationId, string.Empty), f.DueOn, state, task?.PlanId, task?.Id, task?.Number);
        }).ToList();
        var owner = units[plan.OwnerUnitId];
        var unit = units[visit.UnitId];
        return new InspectionVisitDto(
            visit.Id, plan.Id, plan.Title, InspectionKeys.Key(plan.Kind), InspectionKeys.Key(plan.Status), owner.Code, owner.FullName, unit.Code, unit.FullName,
            visit.Date, visit.Members, visit.RecordedByName,
            visit.Findings.Select(f => Finding(f, criteria[f.CriterionId])).OrderBy(f => f.Criterion).ToList(), followUps,
            plan.Status != InspectionStatus.Done && scope.HoldsAt(Permission.ViewStaffData, visit.UnitPath),
            plan.Status != InspectionStatus.Done && scope.Can(Permission.ManagePlans, plan.OwnerUnitPath));
    }

    public static string StateKey(TaskState state) => state switch
    {
        TaskState.NotStarted => "not_started",
        TaskState.OnTrack => "on_track",
        TaskState.AtRisk => "at_risk",
        TaskState.Late => "late",
        _ => "done",
    };
}
