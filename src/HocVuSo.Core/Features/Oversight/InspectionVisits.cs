using System.Globalization;
using HocVuSo.Core.Common;
using HocVuSo.Core.Data;
using HocVuSo.Core.Features.Accounts;
using HocVuSo.Core.Features.Audit;
using HocVuSo.Core.Features.Geography;
using HocVuSo.Core.Features.Plans;
using Microsoft.EntityFrameworkCore;

namespace HocVuSo.Core.Features.Oversight;

/// <summary>A finding as sent: the criterion's number, the rating (a value of its scale), text and an evidence link.</summary>
public sealed record FindingInput(int? Criterion, string? Rating, string? Text, string? EvidenceUrl);

/// <summary>A follow-up task as sent: text, lead organisation (an organisation of the inspected unit) and deadline (yyyy-MM-dd).</summary>
public sealed record FollowUpInput(string? Text, int? Lead, string? Due);

/// <summary>
/// Records a visit (buổi kiểm tra) of a plan: one of the plan's units on a day not in the future,
/// the inspection team, a finding for every criterion of the plan's checklist with a rating on the
/// criterion's scale, and follow-up tasks led by organisations of the inspected unit, due on or after
/// the visit. A follow-up becomes a task of the inspected unit's plan for the deadline's year when
/// there is one (draft or issued), in its "inspection follow-up" section created on demand; otherwise
/// it is kept with the inspection. A planned plan moves to in progress. All or nothing; audited.
/// </summary>
public static class RecordInspectionVisit
{
    /// <summary>The number of the section that holds follow-up tasks in the inspected unit's plan.</summary>
    public const string FollowUpSectionNumber = "KT";

    /// <summary>The section's title, as stored in the plan (content of the plan, like its other section titles).</summary>
    public const string FollowUpSectionTitle = "Khắc phục sau kiểm tra";

    public sealed record Command(int PlanId, string? Unit, string? Date, string? Members, IReadOnlyList<FindingInput>? Findings, IReadOnlyList<FollowUpInput>? FollowUps);

    public sealed class Handler(AppDbContext db, ScopeService scopes, TimeProvider clock, GetInspectionVisit.Handler viewer)
    {
        public async Task<Result<InspectionVisitDto>> HandleAsync(Command command, CancellationToken ct)
        {
            var scope = await scopes.GetAsync(ct);
            var plan = await db.InspectionPlans.Include(p => p.Units).FirstOrDefaultAsync(p => p.Id == command.PlanId, ct);
            if (InspectionPlanViews.Refuse(scope, plan, command.PlanId) is { } refused)
            {
                return refused;
            }

            var today = clock.TodayInVietnam();
            var errors = new List<Error>();
            var code = (command.Unit ?? string.Empty).Trim();
            var unit = await db.Units.AsNoTracking().Where(u => u.Code == code).ValidOn(today).FirstOrDefaultAsync(ct);
            if (unit is null || !unit.Path.StartsWith(plan!.OwnerUnitPath, StringComparison.Ordinal) || unit.Path == plan.OwnerUnitPath)
            {
                errors.Add(Errors.Invalid("inspections.unit_out_of_scope", "unit", code, string.Empty));
            }
            else if (plan.Units.All(u => u.UnitId != unit.Id))
            {
                errors.Add(Errors.Invalid("inspections.unit_not_in_plan", "unit", code));
            }

            if (!DateOnly.TryParseExact(command.Date?.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
            {
                errors.Add(Errors.Invalid("inspections.date_invalid", "date", command.Date ?? string.Empty));
            }
            else if (date > today)
            {
                errors.Add(Errors.Invalid("inspections.visit_date_future", "date", VietnameseFormat.Date(date)));
            }

            var members = InspectionRules.Required(command.Members, "members", InspectionRules.MaxText, errors);
            var criteria = await db.ChecklistCriteria.AsNoTracking().Where(c => c.TemplateId == plan!.TemplateId).ToDictionaryAsync(c => c.Number, ct);
            var findings = Findings(command.Findings ?? [], criteria, errors);
            var followUps = unit is null ? [] : await FollowUpsAsync(command.FollowUps ?? [], unit, date, errors, ct);
            if (errors.Count > 0)
            {
                return Result<InspectionVisitDto>.Fail(errors);
            }

            var visit = new InspectionVisit
            {
                PlanId = plan!.Id, UnitId = unit!.Id, UnitPath = unit.Path, Date = date, Members = members!, RecordedByUserId = scope.UserId,
                RecordedByName = scope.UserName, RecordedAt = clock.UtcNow(), Findings = findings, FollowUps = followUps,
            };
            await using var transaction = await db.Database.BeginTransactionAsync(ct);
            db.InspectionVisits.Add(visit);
            if (plan.Status == InspectionStatus.Planned)
            {
                plan.Status = InspectionStatus.InProgress;
            }

            await db.SaveChangesAsync(ct);
            var tasks = await PlaceFollowUpsAsync(visit, unit, ct);
            AuditLog.Record(db, scope, visit.RecordedAt, "inspections.visit_recorded", nameof(InspectionVisit), visit.Id.ToString(CultureInfo.InvariantCulture), unit.Path,
                newValue: new
                {
                    plan = plan.Id, unit = unit.Code, date, members,
                    findings = findings.Select(f => new { criterion = criteria.Values.First(c => c.Id == f.CriterionId).Number, f.Rating, f.Text, f.EvidenceUrl }).ToList(),
                    followUps = followUps.Select(f => new { f.Text, lead = f.LeadOrganisationId, due = f.DueOn, task = f.PlanTaskId }).ToList(),
                    planTasks = tasks,
                });
            await db.SaveChangesAsync(ct);
            await transaction.CommitAsync(ct);
            return await viewer.HandleAsync(visit.Id, ct);
        }

        private static List<InspectionFinding> Findings(IReadOnlyList<FindingInput> inputs, Dictionary<int, ChecklistCriterion> criteria, List<Error> errors)
        {
            var findings = new List<InspectionFinding>();
            var seen = new HashSet<int>();
            for (var i = 0; i < inputs.Count; i++)
            {
                var prefix = $"findings[{i}].";
                var input = inputs[i];
                if (input.Criterion is not { } number || !criteria.TryGetValue(number, out var criterion))
                {
                    errors.Add(Errors.Invalid("inspections.criterion_unknown", prefix + "criterion", input.Criterion?.ToString(CultureInfo.InvariantCulture) ?? string.Empty));
                    continue;
                }

                if (!seen.Add(number))
                {
                    errors.Add(Errors.Invalid("inspections.criterion_repeated", prefix + "criterion", number));
                    continue;
                }

                var rating = input.Rating?.Trim();
                if (!InspectionScales.Allows(criterion.Scale, rating))
                {
                    errors.Add(Errors.Invalid("inspections.rating_not_on_scale", prefix + "rating", rating ?? string.Empty, number,
                        string.Join(", ", InspectionScales.AllowedValues(criterion.Scale))));
                }

                var text = InspectionRules.Optional(input.Text, prefix + "text", InspectionRules.MaxText, errors);
                var url = InspectionRules.Clean(input.EvidenceUrl);
                if (url is not null && (url.Length > InspectionRules.MaxUrl || !RecordTaskUpdate.IsWebLink(url)))
                {
                    errors.Add(Errors.Invalid("inspections.evidence_url_invalid", prefix + "evidenceUrl", url));
                }

                findings.Add(new InspectionFinding { CriterionId = criterion.Id, Rating = rating ?? string.Empty, Text = text, EvidenceUrl = url });
            }

            var missing = criteria.Keys.Where(n => !seen.Contains(n)).Order().ToList();
            if (missing.Count > 0)
            {
                errors.Add(Errors.Invalid("inspections.criteria_missing", "findings", string.Join(", ", missing)));
            }

            return findings;
        }

        private async Task<List<InspectionFollowUp>> FollowUpsAsync(IReadOnlyList<FollowUpInput> inputs, Unit unit, DateOnly visitDate, List<Error> errors, CancellationToken ct)
        {
            if (inputs.Count > InspectionRules.MaxFollowUps)
            {
                errors.Add(Errors.Invalid("inspections.follow_ups_count", "followUps", InspectionRules.MaxFollowUps));
                return [];
            }

            var leads = inputs.Where(f => f.Lead is not null).Select(f => f.Lead!.Value).Distinct().ToList();
            var organisations = await db.Organisations.AsNoTracking().Where(o => leads.Contains(o.Id)).ToDictionaryAsync(o => o.Id, o => o.UnitPath, ct);
            var result = new List<InspectionFollowUp>();
            for (var i = 0; i < inputs.Count; i++)
            {
                var prefix = $"followUps[{i}].";
                var text = InspectionRules.Required(inputs[i].Text, prefix + "text", InspectionRules.MaxTitle, errors);
                if (inputs[i].Lead is not { } lead)
                {
                    errors.Add(Errors.Invalid("field.required", prefix + "lead"));
                    lead = 0;
                }
                else if (!organisations.TryGetValue(lead, out var path) || !path.StartsWith(unit.Path, StringComparison.Ordinal))
                {
                    errors.Add(Errors.Invalid("inspections.lead_other_unit", prefix + "lead", lead, unit.FullName));
                }

                if (!DateOnly.TryParseExact(inputs[i].Due?.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var due))
                {
                    errors.Add(Errors.Invalid("inspections.due_invalid", prefix + "due", inputs[i].Due ?? string.Empty));
                }
                else if (due < visitDate)
                {
                    errors.Add(Errors.Invalid("inspections.due_before_visit", prefix + "due", VietnameseFormat.Date(due)));
                }

                result.Add(new InspectionFollowUp { Position = i + 1, Text = text ?? string.Empty, LeadOrganisationId = lead, DueOn = due, State = FollowUpState.Open });
            }

            return result;
        }

        /// <summary>Adds each follow-up to the inspected unit's plan for its deadline's year, if there is one; returns the task ids.</summary>
        private async Task<List<int>> PlaceFollowUpsAsync(InspectionVisit visit, Unit unit, CancellationToken ct)
        {
            var added = new List<int>();
            foreach (var followUp in visit.FollowUps)
            {
                var year = followUp.DueOn.Year;
                var plan = await db.Plans.Where(p => p.UnitId == unit.Id && p.Year == year && p.Status != PlanStatus.Closed)
                    .OrderByDescending(p => p.Status == PlanStatus.Issued).ThenBy(p => p.Id).FirstOrDefaultAsync(ct);
                if (plan is null)
                {
                    continue;
                }

                var section = await db.PlanSections.FirstOrDefaultAsync(s => s.PlanId == plan.Id && s.Number == FollowUpSectionNumber, ct);
                if (section is null)
                {
                    var last = await db.PlanSections.Where(s => s.PlanId == plan.Id).Select(s => (int?)s.Position).MaxAsync(ct) ?? 0;
                    section = new PlanSection { PlanId = plan.Id, Number = FollowUpSectionNumber, Title = FollowUpSectionTitle, Position = last + 1 };
                    db.PlanSections.Add(section);
                    await db.SaveChangesAsync(ct);
                }

                var position = await db.PlanTasks.Where(t => t.SectionId == section.Id).Select(t => (int?)t.Position).MaxAsync(ct) ?? 0;
                var task = new PlanTask
                {
                    PlanId = plan.Id, SectionId = section.Id, Number = string.Create(CultureInfo.InvariantCulture, $"KT.{visit.Id}.{followUp.Position}"),
                    Title = followUp.Text, LeadOrganisationId = followUp.LeadOrganisationId, Schedule = ScheduleKind.ByDate, DueOn = followUp.DueOn, Position = position + 1,
                };
                db.PlanTasks.Add(task);
                await db.SaveChangesAsync(ct);
                followUp.PlanTaskId = task.Id;
                added.Add(task.Id);
            }

            return added;
        }
    }
}
