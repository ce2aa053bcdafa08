using System.Globalization;
using HocVuSo.Core.Common;
using HocVuSo.Core.Data;
using Microsoft.EntityFrameworkCore;

namespace HocVuSo.Core.Features.Plans;

/// <summary>A task as typed on a page, sent to the API or read from a plan file, before it is checked.</summary>
public sealed record TaskInput(
    string? Number, string? Title, string? Purpose, string? Form, int? Lead, IReadOnlyList<int>? Coordinating,
    string? Schedule, DateOnly? Starts, DateOnly? Due, string? ScheduleText);

/// <summary>A target as typed, before it is checked.</summary>
public sealed record TargetInput(string? Indicator, decimal? Value, string? UnitLevel, DateOnly? Due, string? Text);

/// <summary>
/// The rules a plan's content must keep, wherever it comes from (the editing commands and the plan
/// file import): numbers unique in the plan, dates inside the plan's year, the lead and coordinating
/// bodies organisations of the plan's unit (or of units under it), known indicators, targets not
/// looser than those above. Errors name the field; the caller adds the line.
/// </summary>
internal static class PlanRules
{
    public const int MaxNumber = 20;
    public const int MaxTitle = 500;
    public const int MaxText = 4000;

    public static string? Clean(string? text) => string.IsNullOrWhiteSpace(text) ? null : VietnameseText.Clean(text);

    public static void Number(string? number, string field, List<Error> errors)
    {
        var value = Clean(number);
        if (value is null)
        {
            errors.Add(Errors.Invalid("plans.number_required", field));
        }
        else if (value.Length > MaxNumber)
        {
            errors.Add(Errors.Invalid("plans.number_too_long", field, MaxNumber));
        }
    }

    public static void Title(string? title, string field, List<Error> errors, int max = MaxTitle)
    {
        var value = Clean(title);
        if (value is null)
        {
            errors.Add(Errors.Invalid("field.required", field));
        }
        else if (value.Length > max)
        {
            errors.Add(Errors.Invalid("plans.text_too_long", field, max));
        }
    }

    public static void Optional(string? text, string field, List<Error> errors, int max = MaxText)
    {
        if (Clean(text) is { Length: var length } && length > max)
        {
            errors.Add(Errors.Invalid("plans.text_too_long", field, max));
        }
    }

    public static void InYear(DateOnly? day, int year, string field, List<Error> errors)
    {
        if (day is { } d && d.Year != year)
        {
            errors.Add(Errors.Invalid("plans.due_outside_year", field, d.ToString("dd/MM/yyyy", CultureInfo.InvariantCulture), year));
        }
    }

    /// <summary>Checks a task's fields; <paramref name="organisations"/> are those the plan's tasks may name (id → organisation).</summary>
    public static ScheduleKind Task(TaskInput input, Plan plan, IReadOnlyDictionary<int, Organisation> organisations, List<Error> errors, string prefix = "")
    {
        Number(input.Number, prefix + "number", errors);
        Title(input.Title, prefix + "title", errors);
        Optional(input.Purpose, prefix + "purpose", errors);
        Optional(input.Form, prefix + "form", errors);
        Optional(input.ScheduleText, prefix + "scheduleText", errors, 300);
        if (input.Lead is { } lead && !organisations.ContainsKey(lead))
        {
            errors.Add(Errors.Invalid("plans.lead_other_unit", prefix + "lead", lead));
        }

        foreach (var id in input.Coordinating ?? [])
        {
            if (!organisations.ContainsKey(id))
            {
                errors.Add(Errors.Invalid("plans.coordinator_other_unit", prefix + "coordinating", id));
            }
        }

        var schedule = ScheduleKind.ByDate;
        if (!string.IsNullOrWhiteSpace(input.Schedule) && !TryParseSchedule(input.Schedule, out schedule))
        {
            errors.Add(Errors.Invalid("plans.schedule_invalid", prefix + "schedule", input.Schedule));
        }

        InYear(input.Starts, plan.Year, prefix + "starts", errors);
        InYear(input.Due, plan.Year, prefix + "due", errors);
        if (input.Starts is { } starts && input.Due is { } due && starts > due)
        {
            errors.Add(Errors.Invalid("plans.starts_after_due", prefix + "starts"));
        }

        if (schedule is ScheduleKind.BetweenDates or ScheduleKind.Month && (input.Starts is null || input.Due is null))
        {
            errors.Add(Errors.Invalid("plans.schedule_needs_dates", prefix + "due", ScheduleName(schedule)));
        }

        return schedule;
    }

    /// <summary>Checks a target's fields (not the rule against the plans above, which needs the database).</summary>
    public static TargetLevel Target(TargetInput input, Plan plan, IReadOnlySet<string> indicators, List<Error> errors, string prefix = "")
    {
        if (!indicators.Contains(input.Indicator?.Trim() ?? string.Empty))
        {
            errors.Add(Errors.Invalid("plans.indicator_unknown", prefix + "indicator", input.Indicator ?? string.Empty));
        }

        if (input.Value is not { } value || value < 0 || value > 1_000_000_000)
        {
            errors.Add(Errors.Invalid("plans.target_value_invalid", prefix + "value"));
        }

        var level = TargetLevel.Commune;
        if (!string.IsNullOrWhiteSpace(input.UnitLevel) && !Enum.TryParse(input.UnitLevel.Trim(), ignoreCase: true, out level))
        {
            errors.Add(Errors.Invalid("plans.unit_level_invalid", prefix + "unitLevel", input.UnitLevel));
        }

        InYear(input.Due, plan.Year, prefix + "due", errors);
        Optional(input.Text, prefix + "text", errors, 1000);
        return level;
    }

    /// <summary>The organisations a plan's tasks may name: those of its unit and of the units under it.</summary>
    public static async Task<Dictionary<int, Organisation>> OrganisationsOfAsync(AppDbContext db, Plan plan, CancellationToken ct) =>
        await db.Organisations.AsNoTracking().Where(o => o.UnitPath.StartsWith(plan.UnitPath)).ToDictionaryAsync(o => o.Id, ct);

    public static async Task<HashSet<string>> IndicatorsAsync(AppDbContext db, CancellationToken ct) =>
        (await db.Indicators.AsNoTracking().Select(i => i.Code).ToListAsync(ct)).ToHashSet(StringComparer.Ordinal);

    public static bool TryParseSchedule(string text, out ScheduleKind schedule) =>
        Enum.TryParse(text.Replace("_", string.Empty, StringComparison.Ordinal).Trim(), ignoreCase: true, out schedule) && Enum.IsDefined(schedule);

    /// <summary>The schedule as files and the API write it: regular, by_date, between_dates, monthly, month.</summary>
    public static string ScheduleName(ScheduleKind schedule) => schedule switch
    {
        ScheduleKind.Regular => "regular",
        ScheduleKind.ByDate => "by_date",
        ScheduleKind.BetweenDates => "between_dates",
        ScheduleKind.Monthly => "monthly",
        _ => "month",
    };

    /// <summary>Applies checked input to a task (new or existing), replacing its coordinators.</summary>
    public static void Apply(PlanTask task, TaskInput input, ScheduleKind schedule)
    {
        task.Number = Clean(input.Number)!;
        task.Title = Clean(input.Title)!;
        task.Purpose = Clean(input.Purpose);
        task.Form = Clean(input.Form);
        task.LeadOrganisationId = input.Lead;
        task.Schedule = schedule;
        task.StartsOn = input.Starts;
        task.DueOn = input.Due;
        task.ScheduleText = Clean(input.ScheduleText);
        var wanted = (input.Coordinating ?? []).Distinct().ToList();
        task.Coordinators.RemoveAll(c => !wanted.Contains(c.OrganisationId));
        task.Coordinators.AddRange(wanted.Where(id => task.Coordinators.All(c => c.OrganisationId != id)).Select(id => new PlanTaskCoordinator { OrganisationId = id }));
    }
}
