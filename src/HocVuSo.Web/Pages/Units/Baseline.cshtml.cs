using System.Globalization;
using HocVuSo.Core.Common;
using HocVuSo.Core.Features.Geography;
using HocVuSo.Web.Hosting;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace HocVuSo.Web.Pages.Units;

/// <summary>The unit's officers enter or correct a year's population baseline; every change is kept in the history.</summary>
[Authorize]
public sealed class BaselineModel(GetUnit.Handler getUnit, GetBaselines.Handler getBaselines, SaveBaseline.Handler save,
    ErrorMessages messages, IStringLocalizer<SharedResource> localizer, TimeProvider clock) : PageModel
{
    public static readonly string[] Fields =
    [
        nameof(BaselineValues.Adults), nameof(BaselineValues.Officials), nameof(BaselineValues.StudentsPrimary),
        nameof(BaselineValues.StudentsLowerSecondary), nameof(BaselineValues.StudentsUpperSecondary),
        nameof(BaselineValues.StudentsHigherEducation), nameof(BaselineValues.EnterpriseWorkers), nameof(BaselineValues.Households),
    ];

    [FromRoute]
    public string Code { get; set; } = string.Empty;

    [FromRoute]
    public int? Year { get; set; }

    [BindProperty]
    public Dictionary<string, string?> Input { get; set; } = [];

    [BindProperty]
    public string? Reason { get; set; }

    public string UnitName { get; private set; } = string.Empty;

    public int ThisYear { get; private set; }

    public static string ResourceKey(string field) => field switch
    {
        nameof(BaselineValues.Adults) => "adults",
        nameof(BaselineValues.Officials) => "officials",
        nameof(BaselineValues.StudentsPrimary) => "students_primary",
        nameof(BaselineValues.StudentsLowerSecondary) => "students_lower_secondary",
        nameof(BaselineValues.StudentsUpperSecondary) => "students_upper_secondary",
        nameof(BaselineValues.StudentsHigherEducation) => "students_higher",
        nameof(BaselineValues.EnterpriseWorkers) => "enterprise_workers",
        _ => "households",
    };

    public string? Value(string field) => Input.GetValueOrDefault(field);

    public string? FieldError(string field) =>
        ModelState.TryGetValue("Input." + field, out var entry) && entry.Errors.Count > 0 ? entry.Errors[0].ErrorMessage : null;

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        if (!await LoadAsync(ct))
        {
            return NotFound();
        }

        var existing = (await getBaselines.HandleAsync(new GetBaselines.Query(Code), ct)).Value?.Baselines.FirstOrDefault(b => b.Year == Year);
        if (existing is not null)
        {
            var v = existing.Values;
            int[] values = [v.Adults, v.Officials, v.StudentsPrimary, v.StudentsLowerSecondary, v.StudentsUpperSecondary, v.StudentsHigherEducation, v.EnterpriseWorkers, v.Households];
            Input = Fields.Zip(values).ToDictionary(p => p.First, p => (string?)p.Second.ToString(CultureInfo.InvariantCulture));
        }

        return Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        if (!await LoadAsync(ct))
        {
            return NotFound();
        }

        var numbers = new Dictionary<string, int?>();
        foreach (var field in Fields)
        {
            var text = (Input.GetValueOrDefault(field) ?? string.Empty).Replace(".", string.Empty, StringComparison.Ordinal).Trim();
            if (text.Length == 0)
            {
                // Left empty: not given (kept as recorded, or asked for on a first save), never 0.
                numbers[field] = null;
            }
            else if (int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var n))
            {
                numbers[field] = n;
            }
            else
            {
                ModelState.AddModelError("Input." + field, messages.Describe(Errors.Invalid("baseline.not_a_number", field)));
            }
        }

        if (!ModelState.IsValid)
        {
            return Page();
        }

        var values = new BaselineChanges(numbers[Fields[0]], numbers[Fields[1]], numbers[Fields[2]], numbers[Fields[3]],
            numbers[Fields[4]], numbers[Fields[5]], numbers[Fields[6]], numbers[Fields[7]]);
        var saved = await save.HandleAsync(new SaveBaseline.Command(Code, Year!.Value, values, Reason), ct);
        if (!saved.IsSuccess)
        {
            if (saved.FirstError.Kind == ErrorKind.Forbidden)
            {
                return Forbid();
            }

            messages.AddTo(ModelState, saved.Errors, "Input.");
            return Page();
        }

        TempData["Status"] = localizer["baseline.saved", Year.Value].Value;
        return Redirect("/units/" + Code);
    }

    private async Task<bool> LoadAsync(CancellationToken ct)
    {
        ThisYear = clock.TodayInVietnam().Year;
        Year ??= ThisYear;
        var unit = await getUnit.HandleAsync(new GetUnit.Query(Code), ct);
        UnitName = unit.Value?.Unit.FullName ?? string.Empty;
        return unit.IsSuccess;
    }
}
