using HocVuSo.Core.Common;
using HocVuSo.Core.Features.Accounts;
using HocVuSo.Core.Features.Geography;
using HocVuSo.Core.Features.Teams;
using HocVuSo.Web.Hosting;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace HocVuSo.Web.Pages.Units;

/// <summary>Classes of an area: schedule one, mark attendance, and see how many attendees went on to learn.</summary>
[Authorize]
public sealed class ClassesModel(ListClasses.Handler list, ScheduleClass.Handler schedule, RecordAttendance.Handler attend, GetUnit.Handler getUnit,
    ScopeService scopes, ErrorMessages messages, TimeProvider clock) : PageModel
{
    [FromRoute]
    public string Code { get; set; } = string.Empty;

    public string UnitName { get; private set; } = string.Empty;

    public IReadOnlyList<ClassDto> Classes { get; private set; } = [];

    public bool CanRecord { get; private set; }

    public DateOnly Today => clock.TodayInVietnam();

    public async Task<IActionResult> OnGetAsync(CancellationToken ct) => await LoadAsync(ct) ?? Page();

    /// <summary>The date is typed as people write it (dd/MM/yyyy), whatever the browser's language.</summary>
    public async Task<IActionResult> OnPostScheduleAsync(string? title, string? topic, string? place, string? date, int? capacity, string? trainers, CancellationToken ct)
    {
        DateOnly? day = null;
        if (!string.IsNullOrWhiteSpace(date))
        {
            if (!VietnameseFormat.TryParseDate(date, out var parsed))
            {
                return await AfterAsync([Errors.Invalid("field.bad_day", "date", date)], ct);
            }

            day = parsed;
        }

        var result = await schedule.HandleAsync(new ScheduleClass.Command(Code, title, topic, place, day, capacity, trainers), ct);
        return await AfterAsync(result.IsSuccess ? null : result.Errors, ct);
    }

    public async Task<IActionResult> OnPostAttendAsync(int classId, string? learner, string? name, CancellationToken ct)
    {
        var result = await attend.HandleAsync(new RecordAttendance.Command(classId, learner, name), ct);
        return await AfterAsync(result.IsSuccess ? null : result.Errors, ct);
    }

    private async Task<IActionResult> AfterAsync(IReadOnlyList<Error>? errors, CancellationToken ct)
    {
        if (errors is null)
        {
            return Redirect($"/units/{Code}/classes");
        }

        if (errors[0].Kind == ErrorKind.Forbidden && errors[0].Field is null)
        {
            return Forbid();
        }

        messages.AddTo(ModelState, errors.Select(e => e with { Field = null }));
        return await LoadAsync(ct) ?? Page();
    }

    private async Task<IActionResult?> LoadAsync(CancellationToken ct)
    {
        var classes = await list.HandleAsync(new ListClasses.Query(Code), ct);
        if (!classes.IsSuccess)
        {
            return classes.FirstError.Kind == ErrorKind.Forbidden ? Forbid() : NotFound();
        }

        Classes = classes.Value!;
        var unit = (await getUnit.HandleAsync(new GetUnit.Query(Code), ct)).Value!.Unit;
        UnitName = unit.FullName;
        CanRecord = (await scopes.GetAsync(ct)).Can(Permission.RecordActivities, unit.Path);
        return null;
    }
}
