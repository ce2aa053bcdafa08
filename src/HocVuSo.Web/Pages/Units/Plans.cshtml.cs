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
    GetUnit.Handler getUnit, ScopeService scopes, ErrorMessages messages, TimeProvider clock) : PageModel
{
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

    public DateOnly Today => clock.TodayInVietnam();

    public string? Saved { get; private set; }

    public async Task<IActionResult> OnGetAsync(string? saved, CancellationToken ct)
    {
        Saved = saved;
        return await LoadAsync(ct) ?? Page();
    }

    /// <summary>The date is typed as people write it (dd/MM/yyyy).</summary>
    public async Task<IActionResult> OnPostUpdateAsync(int planId, int taskId, string? text, string? date, string? evidenceUrl, bool completes, CancellationToken ct)
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

        var result = await record.HandleAsync(new RecordTaskUpdate.Command(planId, taskId, text, day, evidenceUrl, completes), ct);
        if (result.IsSuccess)
        {
            return Redirect($"/units/{Uri.EscapeDataString(Code)}/plans?year={PlanYear}&saved={taskId}#task-{taskId}");
        }

        return await FailAsync(result.Errors, ct);
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

        CanUpdate = (await scopes.GetAsync(ct)).Can(Permission.ManagePlans, unit.Path);
        return null;
    }
}
