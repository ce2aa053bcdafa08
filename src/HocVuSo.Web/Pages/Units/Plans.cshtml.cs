using HocVuSo.Core.Common;
using HocVuSo.Core.Features.Accounts;
using HocVuSo.Core.Features.Geography;
using HocVuSo.Core.Features.Plans;
using HocVuSo.Web.Hosting;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace HocVuSo.Web.Pages.Units;

/// <summary>
/// A unit's plan for a year as its working document: tasks by state and by lead body, each with its
/// targets and their progress and its updates, a form to record an update; for a unit with communes
/// under it, each commune's late tasks.
/// </summary>
[Authorize]
public sealed class PlansModel(ListPlans.Handler list, GetPlan.Handler get, ListLateTasks.Handler late, RecordTaskUpdate.Handler record,
    GetUnit.Handler getUnit, ScopeService scopes, ErrorMessages messages, TimeProvider clock, ListOrganisations.Handler organisations,
    GetPlanYearSummary.Handler summaries, HocVuSo.Core.Features.Reporting.ListIndicators.Handler indicators, HocVuSo.Core.Common.Uploads.UploadLimits uploadLimits) : PageModel
{
    /// <summary>The schedules a task may have, as the forms send them.</summary>
    public static readonly string[] Schedules = ["by_date", "between_dates", "month", "monthly", "regular"];

    /// <summary>The order tasks are listed in: what needs attention first.</summary>
    public static readonly string[] StateOrder = ["late", "at_risk", "on_track", "not_started", "done"];

    [FromRoute]
    public string Code { get; set; } = string.Empty;

    [FromQuery]
    public int? Year { get; set; }

    public int PlanYear => Year ?? clock.TodayInVietnam().Year;

    public string UnitName { get; private set; } = string.Empty;

    public PlanDto? Plan { get; private set; }

    public IReadOnlyList<ListLateTasks.CommuneLateTasks> LateByCommune { get; private set; } = [];

    public bool CanUpdate { get; private set; }

    private UserScope? _scope;

    /// <summary>The commune officer records progress on every task; an organisation's officer on the tasks their organisation leads.</summary>
    public bool CanUpdateTask(PlanTaskDto task) => CanUpdate || (_scope?.ActsFor(task.LeadId) ?? false);

    /// <summary>The indicators a target may name, for the target forms.</summary>
    public IReadOnlyList<HocVuSo.Core.Features.Reporting.IndicatorDto> Indicators { get; private set; } = [];

    /// <summary>The plan's year-end summary (draft or issued).</summary>
    public PlanYearSummaryDto? Summary { get; private set; }

    /// <summary>What the plan form sent when it was refused, shown again.</summary>
    public PlanForm? PostedPlan { get; private set; }

    public sealed class PlanForm
    {
        public string? Number { get; set; }

        public string? Title { get; set; }

        public string? IssuingBody { get; set; }

        public string? Signer { get; set; }

        public string? SignerTitle { get; set; }

        public string? IssuedOn { get; set; }
    }

    /// <summary>The year-end summary's sections as the form sends them.</summary>
    public sealed class SummaryForm
    {
        public string? Number { get; set; }

        public string? Results { get; set; }

        public string? Shortcomings { get; set; }

        public string? Causes { get; set; }

        public string? Lessons { get; set; }

        public string? NextYear { get; set; }

        public string? Proposals { get; set; }
    }

    public SummaryForm? PostedSummary { get; private set; }

    /// <summary>The evidence file bound, in whole megabytes, as the form states it.</summary>
    public long EvidenceMegabytes { get; private set; }

    public DateOnly Today => clock.TodayInVietnam();

    public string? Saved { get; private set; }

    /// <summary>Officers who manage plans in the unit edit the sections and tasks of its plan while it is a draft.</summary>
    public bool CanEdit => CanUpdate && Plan?.Status == "draft";

    /// <summary>The organisations of the plan's unit and the units under it, for the lead and coordinating lists.</summary>
    public IReadOnlyList<OrganisationDto> Organisations { get; private set; } = [];

    /// <summary>The form that was sent and refused ("section-new", "task-12"…), shown open with what was typed.</summary>
    public string? FailedForm { get; private set; }

    public SectionForm? PostedSection { get; private set; }

    public TaskForm? PostedTask { get; private set; }

    public sealed record SectionForm(string? Number, string? Title);

    /// <summary>A task as its form sends it: dates typed as people write them (dd/MM/yyyy).</summary>
    public sealed class TaskForm
    {
        public int? SectionId { get; set; }

        public string? Number { get; set; }

        public string? Title { get; set; }

        public string? Purpose { get; set; }

        public string? Form { get; set; }

        public int? Lead { get; set; }

        public List<int> Coordinating { get; set; } = [];

        public string? Schedule { get; set; }

        public string? Starts { get; set; }

        public string? Due { get; set; }

        public string? ScheduleText { get; set; }
    }

    /// <summary>The error shown next to <paramref name="field"/> of form <paramref name="form"/>, if it was refused.</summary>
    public string? ErrorOf(string form, string field) =>
        ModelState.TryGetValue(form + "." + char.ToUpperInvariant(field[0]) + field[1..], out var entry) && entry.Errors.Count > 0 ? string.Join(" ", entry.Errors.Select(e => e.ErrorMessage)) : null;

    public async Task<IActionResult> OnGetAsync(string? saved, CancellationToken ct)
    {
        Saved = saved;
        return await LoadAsync(ct) ?? Page();
    }

    /// <summary>The date is typed as people write it (dd/MM/yyyy).</summary>
    public async Task<IActionResult> OnPostUpdateAsync(int planId, int taskId, string? text, string? date, string? evidenceUrl, bool completes, IFormFile? evidenceFile, CancellationToken ct)
    {
        DateOnly? day = null;
        if (!string.IsNullOrWhiteSpace(date))
        {
            if (!VietnameseFormat.TryParseDate(date, out var parsed))
            {
                return await FailAsync([Errors.Invalid("field.bad_day", "date", date)], ct);
            }

            day = parsed;
        }

        var file = evidenceFile is { Length: > 0 } ? UploadRequests.FileOf(evidenceFile, uploadLimits.MaxDocumentBytes) : null;
        var result = await record.HandleAsync(new RecordTaskUpdate.Command(planId, taskId, text, day, evidenceUrl, completes, file, evidenceFile?.FileName), ct);
        if (result.IsSuccess)
        {
            return Redirect($"/units/{Uri.EscapeDataString(Code)}/plans?year={PlanYear}&saved={taskId}#task-{taskId}");
        }

        return await FailAsync(result.Errors, ct);
    }

    public Task<IActionResult> OnPostAddSectionAsync(int planId, string? number, string? title, [FromServices] AddSection.Handler add, CancellationToken ct) =>
        SectionAsync("section-new", new SectionForm(number, title), () => add.HandleAsync(new AddSection.Command(planId, new SectionInput(number, title)), ct), ct);

    public Task<IActionResult> OnPostEditSectionAsync(int planId, int sectionId, string? number, string? title, [FromServices] UpdateSection.Handler update, CancellationToken ct) =>
        SectionAsync($"section-{sectionId}", new SectionForm(number, title), () => update.HandleAsync(new UpdateSection.Command(planId, sectionId, new SectionInput(number, title)), ct), ct);

    public Task<IActionResult> OnPostDeleteSectionAsync(int planId, int sectionId, [FromServices] DeleteSection.Handler delete, CancellationToken ct) =>
        SectionAsync($"section-{sectionId}", null, () => delete.HandleAsync(new DeleteSection.Command(planId, sectionId), ct), ct);

    public Task<IActionResult> OnPostAddTaskAsync(int planId, TaskForm task, [FromServices] AddTask.Handler add, CancellationToken ct) =>
        TaskAsync("task-new", task, content => add.HandleAsync(new AddTask.Command(planId, content), ct), ct);

    public Task<IActionResult> OnPostEditTaskAsync(int planId, int taskId, TaskForm task, [FromServices] UpdateTask.Handler update, CancellationToken ct) =>
        TaskAsync($"task-{taskId}", task, content => update.HandleAsync(new UpdateTask.Command(planId, taskId, content), ct), ct);

    public async Task<IActionResult> OnPostDeleteTaskAsync(int planId, int taskId, [FromServices] DeleteTask.Handler delete, CancellationToken ct)
    {
        var result = await delete.HandleAsync(new DeleteTask.Command(planId, taskId), ct);
        return result.IsSuccess ? Redirect(EditorUrl()) : await FormFailedAsync($"task-{taskId}", result.Errors, [], ct);
    }

    /// <summary>A YAML plan file becomes the unit's draft plan for the year; the errors name their lines.</summary>
    public async Task<IActionResult> OnPostImportAsync(IFormFile? file, [FromServices] ImportPlan.Handler import, [FromServices] HocVuSo.Core.Common.Uploads.UploadLimits limits, CancellationToken ct)
    {
        var result = await import.HandleAsync(new ImportPlan.Command(Code, PlanYear, UploadRequests.FileOf(file, limits.MaxCsvBytes)), ct);
        return result.IsSuccess ? Redirect(EditorUrl()) : await FormFailedAsync("import", result.Errors, [], ct);
    }

    public Task<IActionResult> OnPostCreatePlanAsync(PlanForm plan, [FromServices] CreatePlan.Handler create, CancellationToken ct) =>
        PlanAsync("plan-new", plan, input => create.HandleAsync(new CreatePlan.Command(Code, PlanYear, input), ct), ct);

    public Task<IActionResult> OnPostEditPlanAsync(int planId, PlanForm plan, [FromServices] UpdatePlan.Handler update, CancellationToken ct) =>
        PlanAsync("plan-identity", plan, input => update.HandleAsync(new UpdatePlan.Command(planId, input), ct), ct);

    public async Task<IActionResult> OnPostIssuePlanAsync(int planId, string? number, string? issuedOn, [FromServices] IssuePlan.Handler issue, CancellationToken ct)
    {
        var errors = new List<Error>();
        var day = Day(issuedOn, "issuedOn", errors);
        var result = errors.Count > 0 ? Result<int>.Fail(errors) : await issue.HandleAsync(new IssuePlan.Command(planId, number, day), ct);
        return result.IsSuccess ? Redirect(PlanUrl("plan")) : await FormFailedAsync("plan-issue", result.Errors, ["number", "issuedOn"], ct);
    }

    public async Task<IActionResult> OnPostClosePlanAsync(int planId, string? reason, [FromServices] ClosePlan.Handler close, CancellationToken ct)
    {
        var result = await close.HandleAsync(new ClosePlan.Command(planId, reason), ct);
        return result.IsSuccess ? Redirect(PlanUrl("plan")) : await FormFailedAsync("plan-close", result.Errors, ["reason"], ct);
    }

    /// <summary>Adds or changes a task's target; the value is typed the Vietnamese way (80 or 80,5).</summary>
    public async Task<IActionResult> OnPostSetTargetAsync(int planId, int taskId, string? indicator, string? value, string? unitLevel, string? due, string? text, string? reason,
        [FromServices] SetTarget.Handler set, CancellationToken ct)
    {
        var form = $"target-{taskId}-{indicator}";
        var errors = new List<Error>();
        decimal? number = null;
        if (!string.IsNullOrWhiteSpace(value))
        {
            if (decimal.TryParse(value.Trim(), System.Globalization.NumberStyles.Number, VietnameseFormat.Culture, out var parsed))
            {
                number = parsed;
            }
            else
            {
                errors.Add(Errors.Invalid("plans.target_value_format", "value", value));
            }
        }

        var day = Day(due, "due", errors);
        var result = errors.Count > 0 ? Result<int>.Fail(errors) : await set.HandleAsync(new SetTarget.Command(planId, taskId, indicator, number, unitLevel, day, text, reason), ct);
        return result.IsSuccess ? Redirect(PlanUrl($"targets-{taskId}")) : await FormFailedAsync(form, result.Errors, ["indicator", "value", "unitLevel", "due", "text", "reason"], ct);
    }

    public async Task<IActionResult> OnPostRemoveTargetAsync(int planId, int taskId, string? indicator, string? reason, [FromServices] RemoveTarget.Handler remove, CancellationToken ct)
    {
        var result = await remove.HandleAsync(new RemoveTarget.Command(planId, taskId, indicator, reason), ct);
        return result.IsSuccess ? Redirect(PlanUrl($"targets-{taskId}")) : await FormFailedAsync($"target-{taskId}-{indicator}", result.Errors, ["indicator", "reason"], ct);
    }

    public async Task<IActionResult> OnPostSaveSummaryAsync(int planId, SummaryForm summary, [FromServices] SavePlanYearSummary.Handler save, CancellationToken ct)
    {
        PostedSummary = summary;
        var result = await save.HandleAsync(new SavePlanYearSummary.Command(planId,
            new SummaryText(summary.Number, summary.Results, summary.Shortcomings, summary.Causes, summary.Lessons, summary.NextYear, summary.Proposals)), ct);
        return result.IsSuccess
            ? Redirect(PlanUrl("summary"))
            : await FormFailedAsync("summary", result.Errors, ["number", "results", "shortcomings", "causes", "lessons", "nextYear", "proposals"], ct);
    }

    public async Task<IActionResult> OnPostIssueSummaryAsync(int planId, string? number, string? issuedOn, [FromServices] IssuePlanYearSummary.Handler issue, CancellationToken ct)
    {
        var errors = new List<Error>();
        var day = Day(issuedOn, "issuedOn", errors);
        var result = errors.Count > 0 ? Result<int>.Fail(errors) : await issue.HandleAsync(new IssuePlanYearSummary.Command(planId, number, day), ct);
        return result.IsSuccess ? Redirect(PlanUrl("summary")) : await FormFailedAsync("summary-issue", result.Errors, ["number", "issuedOn", "results"], ct);
    }

    private async Task<IActionResult> PlanAsync(string form, PlanForm plan, Func<PlanInput, Task<Result<int>>> send, CancellationToken ct)
    {
        PostedPlan = plan;
        var errors = new List<Error>();
        var issuedOn = Day(plan.IssuedOn, "issuedOn", errors);
        var result = errors.Count > 0 ? Result<int>.Fail(errors)
            : await send(new PlanInput(plan.Number, plan.Title, plan.IssuingBody, plan.Signer, plan.SignerTitle, issuedOn));
        return result.IsSuccess
            ? Redirect(PlanUrl("plan"))
            : await FormFailedAsync(form, result.Errors, ["number", "title", "issuingBody", "signer", "signerTitle", "issuedOn"], ct);
    }

    private string PlanUrl(string anchor) => $"/units/{Uri.EscapeDataString(Code)}/plans?year={PlanYear}#{anchor}";

    private async Task<IActionResult> SectionAsync(string form, SectionForm? posted, Func<Task<Result<int>>> send, CancellationToken ct)
    {
        var result = await send();
        if (result.IsSuccess)
        {
            return Redirect(EditorUrl());
        }

        PostedSection = posted;
        return await FormFailedAsync(form, result.Errors, posted is null ? [] : ["number", "title"], ct);
    }

    private async Task<IActionResult> TaskAsync(string form, TaskForm task, Func<TaskContent, Task<Result<int>>> send, CancellationToken ct)
    {
        PostedTask = task;
        var errors = new List<Error>();
        var starts = Day(task.Starts, "starts", errors);
        var due = Day(task.Due, "due", errors);
        var result = errors.Count > 0 ? Result<int>.Fail(errors) : await send(new TaskContent(task.SectionId,
            new TaskInput(task.Number, task.Title, task.Purpose, task.Form, task.Lead, task.Coordinating, task.Schedule, starts, due, task.ScheduleText), null));
        return result.IsSuccess
            ? Redirect(EditorUrl())
            : await FormFailedAsync(form, result.Errors, ["sectionId", "number", "title", "purpose", "form", "lead", "coordinating", "schedule", "starts", "due", "scheduleText"], ct);
    }

    private static DateOnly? Day(string? typed, string field, List<Error> errors)
    {
        if (string.IsNullOrWhiteSpace(typed))
        {
            return null;
        }

        if (VietnameseFormat.TryParseDate(typed, out var day))
        {
            return day;
        }

        errors.Add(Errors.Invalid("field.bad_day", field, typed));
        return null;
    }

    private string EditorUrl() => $"/units/{Uri.EscapeDataString(Code)}/plans?year={PlanYear}#plan-editor";

    /// <summary>Errors of the form's own fields are shown next to them; the others (the plan is no longer a draft…) above the page.</summary>
    private async Task<IActionResult> FormFailedAsync(string form, IReadOnlyList<Error> errors, IReadOnlyList<string> fields, CancellationToken ct)
    {
        if (errors[0].Kind == ErrorKind.Forbidden && errors[0].Field is null)
        {
            return Forbid();
        }

        if (errors[0].Kind == ErrorKind.NotFound)
        {
            return NotFound();
        }

        FailedForm = form;
        messages.AddTo(ModelState, errors.Where(e => e.Field is { } f && fields.Contains(f)), form + ".");
        messages.AddTo(ModelState, errors.Where(e => e.Field is not { } f || !fields.Contains(f)).Select(e => e with { Field = null }));
        return await LoadAsync(ct) ?? Page();
    }

    private async Task<IActionResult> FailAsync(IReadOnlyList<Error> errors, CancellationToken ct)
    {
        if (errors[0].Kind == ErrorKind.Forbidden && errors[0].Field is null)
        {
            return Forbid();
        }

        messages.AddTo(ModelState, errors.Select(e => e with { Field = null }));
        return await LoadAsync(ct) ?? Page();
    }

    private async Task<IActionResult?> LoadAsync(CancellationToken ct)
    {
        var plans = await list.HandleAsync(new ListPlans.Query(Code, PlanYear), ct);
        if (!plans.IsSuccess)
        {
            return plans.FirstError.Kind == ErrorKind.Forbidden ? Forbid() : NotFound();
        }

        var unit = (await getUnit.HandleAsync(new GetUnit.Query(Code), ct)).Value!.Unit;
        UnitName = unit.FullName;
        if (plans.Value!.FirstOrDefault(p => p.Unit == Code) is { } own)
        {
            Plan = (await get.HandleAsync(new GetPlan.Query(own.Id), ct)).Value;
        }

        if (plans.Value!.Any(p => p.Unit != Code))
        {
            var lateTasks = await late.HandleAsync(new ListLateTasks.Query(Code, PlanYear), ct);
            LateByCommune = lateTasks.IsSuccess ? lateTasks.Value! : [];
        }

        _scope = await scopes.GetAsync(ct);
        CanUpdate = _scope.Can(Permission.ManagePlans, unit.Path);
        EvidenceMegabytes = HocVuSo.Core.Common.Uploads.UploadErrors.Megabytes(uploadLimits.MaxDocumentBytes);
        if (CanEdit && await organisations.HandleAsync(new ListOrganisations.Query(Code), ct) is { IsSuccess: true } found)
        {
            Organisations = found.Value!;
        }

        if (Plan is not null)
        {
            Summary = (await summaries.HandleAsync(new GetPlanYearSummary.Query(Plan.Id), ct)).Value;
            if (CanUpdate && Plan.Status != "closed" && await indicators.HandleAsync(false, ct) is { IsSuccess: true } catalogue)
            {
                Indicators = catalogue.Value!;
            }
        }

        return null;
    }
}
