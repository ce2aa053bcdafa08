using System.Globalization;
using HocVuSo.Core.Common;
using HocVuSo.Core.Common.Uploads;
using HocVuSo.Core.Data;
using HocVuSo.Core.Features.Accounts;
using HocVuSo.Core.Features.Audit;
using Microsoft.EntityFrameworkCore;

namespace HocVuSo.Core.Features.Plans;

/// <summary>
/// Creates a unit's plan for a year as a draft from a YAML plan file (the format <see cref="ExportPlan"/>
/// writes, docs/PLANS.md). The lead and coordinating bodies are named as the unit's organisations
/// are; every rule of the editing commands holds (numbers unique, dates inside the year, known
/// indicators, targets not looser than above). All or nothing: each error names its line and key.
/// A unit that already has a plan for the year is refused. Audited.
/// </summary>
public static class ImportPlan
{
    public sealed record Command(string UnitCode, int? Year, Upload File);

    public sealed class Handler(AppDbContext db, ScopeService scopes, UploadLimits limits, TimeProvider clock)
    {
        public async Task<Result<int>> HandleAsync(Command command, CancellationToken ct)
        {
            var scope = await scopes.GetAsync(ct);
            var found = await db.UnitInScopeAsync(scope, command.UnitCode, clock.TodayInVietnam(), Permission.ManagePlans, ct);
            if (!found.IsSuccess)
            {
                return Result<int>.Fail(found.Errors);
            }

            var unit = found.Value!;
            var read = await PlanFile.ReadAsync(command.File, limits, ct);
            if (!read.IsSuccess)
            {
                return Result<int>.Fail(read.Errors);
            }

            var file = read.Value!;
            var errors = new List<Error>();
            var year = command.Year;
            if (year is null && PlanFile.Text(file.Plan, "year") is { } typed)
            {
                year = int.TryParse(typed, NumberStyles.None, CultureInfo.InvariantCulture, out var y) ? y : 0;
            }

            if (year is not (>= 2000 and <= 2100))
            {
                return Errors.Invalid("plans.year_invalid", "year");
            }

            if (await db.Plans.AnyAsync(p => p.UnitId == unit.Id && p.Year == year, ct))
            {
                return Errors.Conflict("plans.year_taken", "year", unit.FullName, year.Value);
            }

            var plan = new Plan
            {
                UnitId = unit.Id, UnitPath = unit.Path, Year = year.Value, Number = string.Empty, Title = string.Empty, IssuingBody = string.Empty,
                Status = PlanStatus.Draft, ParentPlanId = await PlanIdentity.ParentAsync(db, unit.Path, year.Value, ct),
            };
            var identity = new PlanInput(PlanFile.Text(file.Plan, "number"), PlanFile.Text(file.Plan, "title"), PlanFile.Text(file.Plan, "issuingBody"),
                PlanFile.Text(file.Plan, "signer"), PlanFile.Text(file.Plan, "signerTitle"), PlanFile.Day(file.Plan, "issuedOn", errors));
            var identityErrors = new List<Error>();
            PlanIdentity.Check(identity, identityErrors);
            errors.AddRange(identityErrors.Select(e => e.AtRow(PlanFile.LineOf(file.Plan, e.Field!, 1))));

            var organisations = await PlanRules.OrganisationsOfAsync(db, plan, ct);
            var indicators = await PlanRules.IndicatorsAsync(db, ct);
            var sectionNumbers = new HashSet<string>(StringComparer.Ordinal);
            var taskNumbers = new HashSet<string>(StringComparer.Ordinal);
            for (var s = 0; s < file.Sections.Count; s++)
            {
                var fileSection = file.Sections[s];
                var sectionErrors = new List<Error>();
                PlanRules.Number(PlanFile.Text(fileSection.Fields, "number"), "number", sectionErrors);
                PlanRules.Title(PlanFile.Text(fileSection.Fields, "title"), "title", sectionErrors);
                errors.AddRange(sectionErrors.Select(e => e.AtRow(PlanFile.LineOf(fileSection.Fields, e.Field!, fileSection.Line))));
                var number = PlanRules.Clean(PlanFile.Text(fileSection.Fields, "number"));
                if (number is not null && !sectionNumbers.Add(number))
                {
                    errors.Add(Errors.Invalid("plans.section_number_taken", "number", number).AtRow(PlanFile.LineOf(fileSection.Fields, "number", fileSection.Line)));
                }

                var section = new PlanSection { Number = number ?? string.Empty, Title = PlanRules.Clean(PlanFile.Text(fileSection.Fields, "title")) ?? string.Empty, Position = s + 1 };
                plan.Sections.Add(section);
                for (var t = 0; t < fileSection.Tasks.Count; t++)
                {
                    if (await TaskOfAsync(fileSection.Tasks[t], plan, organisations, indicators, taskNumbers, errors, ct) is { } task)
                    {
                        task.Position = t + 1;
                        section.Tasks.Add(task);
                    }
                }
            }

            if (errors.Count > 0)
            {
                return Result<int>.Fail(errors.OrderBy(e => e.Row ?? 0).ToList());
            }

            PlanIdentity.Apply(plan, identity);
            plan.Tasks.AddRange(plan.Sections.SelectMany(s => s.Tasks));
            plan.Targets.AddRange(plan.Tasks.SelectMany(t => t.Targets));

            db.Plans.Add(plan);
            await db.SaveChangesAsync(ct);
            AuditLog.Record(db, scope, clock.UtcNow(), "plans.plan_imported", nameof(Plan), plan.Id.ToString(CultureInfo.InvariantCulture), plan.UnitPath,
                newValue: new { plan.Number, plan.Title, plan.Year, sections = plan.Sections.Count, tasks = plan.Sections.Sum(s => s.Tasks.Count) });
            await db.SaveChangesAsync(ct);
            return plan.Id;
        }

        /// <summary>A task of the file checked by the plan rules, with its lines; null when it has errors (added to <paramref name="errors"/>).</summary>
        private async Task<PlanTask?> TaskOfAsync(FileTask file, Plan plan, Dictionary<int, Organisation> organisations, HashSet<string> indicators,
            HashSet<string> taskNumbers, List<Error> errors, CancellationToken ct)
        {
            var before = errors.Count;
            var local = new List<Error>();
            var lead = OrganisationOf(PlanFile.Text(file.Fields, "lead"), PlanFile.LineOf(file.Fields, "lead", file.Line), "lead", plan, organisations, errors);
            var coordinating = file.Coordinating.Select(c => OrganisationOf(c.Text, c.Line, "coordinating", plan, organisations, errors)).OfType<int>().ToList();
            var input = new TaskInput(PlanFile.Text(file.Fields, "number"), PlanFile.Text(file.Fields, "title"), PlanFile.Text(file.Fields, "purpose"),
                PlanFile.Text(file.Fields, "form"), lead, coordinating, PlanFile.Text(file.Fields, "schedule"),
                PlanFile.Day(file.Fields, "starts", errors), PlanFile.Day(file.Fields, "due", errors), PlanFile.Text(file.Fields, "scheduleText"));
            var schedule = PlanRules.Task(input, plan, organisations, local);
            errors.AddRange(local.Select(e => e.AtRow(PlanFile.LineOf(file.Fields, e.Field!, file.Line))));
            if (PlanRules.Clean(input.Number) is { } number && !taskNumbers.Add(number))
            {
                errors.Add(Errors.Invalid("plans.task_number_taken", "number", number).AtRow(PlanFile.LineOf(file.Fields, "number", file.Line)));
            }

            var task = new PlanTask { Number = string.Empty, Title = string.Empty };
            var seen = new HashSet<string>(StringComparer.Ordinal);
            foreach (var fileTarget in file.Targets)
            {
                var targetErrors = new List<Error>();
                var value = PlanFile.Text(fileTarget.Fields, "value");
                decimal? parsed = decimal.TryParse(value, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var v) ? v : null;
                var target = new TargetInput(PlanFile.Text(fileTarget.Fields, "indicator"), parsed, PlanFile.Text(fileTarget.Fields, "unitLevel"),
                    PlanFile.Day(fileTarget.Fields, "due", errors), PlanFile.Text(fileTarget.Fields, "text"));
                var level = PlanRules.Target(target, plan, indicators, targetErrors);
                var code = target.Indicator?.Trim() ?? string.Empty;
                if (targetErrors.Count == 0 && !seen.Add(code))
                {
                    targetErrors.Add(Errors.Invalid("plans.target_repeated", "indicator", code));
                }
                else if (targetErrors.Count == 0 && await TargetRules.LooserThanAboveAsync(db, plan, code, parsed!.Value, ct) is { } looser)
                {
                    targetErrors.Add(looser);
                }

                errors.AddRange(targetErrors.Select(e => e.AtRow(PlanFile.LineOf(fileTarget.Fields, e.Field!, fileTarget.Line))));
                task.Targets.Add(new PlanTarget { IndicatorCode = code, Value = parsed ?? 0, UnitLevel = level, DueOn = target.Due, Text = PlanRules.Clean(target.Text) });
            }

            if (errors.Count > before)
            {
                return null;
            }

            PlanRules.Apply(task, input, schedule);
            return task;
        }

        /// <summary>The organisation named <paramref name="name"/> among the plan's unit's (the unit's own first when a name is also used under it).</summary>
        private static int? OrganisationOf(string? name, int line, string field, Plan plan, Dictionary<int, Organisation> organisations, List<Error> errors)
        {
            var wanted = PlanRules.Clean(name);
            if (wanted is null)
            {
                return null;
            }

            var matches = organisations.Values.Where(o => string.Equals(VietnameseText.Clean(o.Name), wanted, StringComparison.Ordinal)).ToList();
            var own = matches.Where(o => o.UnitPath == plan.UnitPath).ToList();
            var chosen = own.Count == 1 ? own : matches;
            if (chosen.Count == 1)
            {
                return chosen[0].Id;
            }

            errors.Add(Errors.Invalid(chosen.Count == 0 ? "plans.organisation_unknown" : "plans.organisation_ambiguous", field, wanted).AtRow(line));
            return null;
        }
    }
}
