using HocVuSo.Core.Common;
using HocVuSo.Core.Common.Uploads;
using HocVuSo.Core.Data;
using HocVuSo.Core.Features.Accounts;
using HocVuSo.Core.Features.Audit;
using Microsoft.EntityFrameworkCore;

namespace HocVuSo.Core.Features.Plans;

/// <summary>
/// A lead body's report on a task (what was done, the date, evidence as an http(s) link and/or a
/// file: PDF, JPEG, PNG or WebP, <see cref="TaskEvidence"/>), recorded by an officer who manages
/// plans in the plan's unit or by the officer of the task's lead organisation; each update is
/// audited. The file is read only once the right is checked; a bad file and nothing is saved.
/// </summary>
public static class RecordTaskUpdate
{
    public sealed record Command(int PlanId, int TaskId, string? Text, DateOnly? Date, string? EvidenceUrl, bool Completes = false,
        Upload? EvidenceFile = null, string? EvidenceFileName = null);

    public sealed class Handler(AppDbContext db, ScopeService scopes, UploadLimits limits, TimeProvider clock)
    {
        public async Task<Result<int>> HandleAsync(Command command, CancellationToken ct)
        {
            var scope = await scopes.GetAsync(ct);
            var task = await db.PlanTasks.FirstOrDefaultAsync(t => t.Id == command.TaskId && t.PlanId == command.PlanId, ct);
            var plan = task is null ? null : await db.Plans.AsNoTracking().FirstOrDefaultAsync(p => p.Id == command.PlanId, ct);
            if (task is null || plan is null)
            {
                return Errors.NotFound("plans.task_not_found", command.TaskId);
            }

            if (scope.CheckForOrganisation(Permission.ManagePlans, plan.UnitPath, task.LeadOrganisationId) is { } forbidden)
            {
                return forbidden;
            }

            var errors = new List<Error>();
            var text = VietnameseText.Clean(command.Text);
            if (text.Length == 0)
            {
                errors.Add(Errors.Invalid("plans.update_text_required", "text"));
            }
            else if (text.Length > 4000)
            {
                errors.Add(Errors.Invalid("plans.update_text_too_long", "text", 4000));
            }

            var today = clock.TodayInVietnam();
            if (command.Date is not { } date)
            {
                errors.Add(Errors.Invalid("plans.update_date_required", "date"));
                date = today;
            }
            else if (date > today || date.Year != plan.Year)
            {
                errors.Add(Errors.Invalid("plans.update_date_invalid", "date", plan.Year));
            }

            var url = string.IsNullOrWhiteSpace(command.EvidenceUrl) ? null : command.EvidenceUrl.Trim();
            if (url is not null && !IsWebLink(url))
            {
                errors.Add(Errors.Invalid("plans.evidence_url_invalid", "evidenceUrl", url));
            }

            TaskEvidence.File? file = null;
            if (command.EvidenceFile is { } upload)
            {
                var read = await TaskEvidence.ReadAsync(upload, command.EvidenceFileName, limits, ct);
                if (read.IsSuccess)
                {
                    file = read.Value;
                }
                else
                {
                    errors.AddRange(read.Errors);
                }
            }

            if (errors.Count > 0)
            {
                return Result<int>.Fail(errors);
            }

            var update = new TaskUpdate
            {
                TaskId = task.Id, Text = text, Date = date, EvidenceUrl = url, Completes = command.Completes,
                EvidenceFileName = file?.FileName, EvidenceContentType = file?.ContentType, EvidenceFile = file?.Bytes, ByUserId = scope.UserId, ByName = scope.UserName, At = clock.UtcNow(),
            };
            db.TaskUpdates.Add(update);
            AuditLog.Record(db, scope, update.At, "plans.task_update", "PlanTask", task.Id.ToString(System.Globalization.CultureInfo.InvariantCulture), plan.UnitPath,
                newValue: new { plan = plan.Number, task = task.Number, text, date = date.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture), evidenceUrl = url, file = update.EvidenceFileName, completes = command.Completes });
            await db.SaveChangesAsync(ct);
            return update.Id;
        }
    }

    /// <summary>Evidence links follow the one link rule (<see cref="WebLinks.IsWebLink"/>).</summary>
    public static bool IsWebLink(string url) => WebLinks.IsWebLink(url);
}
