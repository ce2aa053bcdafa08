using System.Diagnostics.CodeAnalysis;
using HocVuSo.Core.Common;

namespace HocVuSo.Core.Features.Oversight;

/// <summary>
/// The rating scales a checklist criterion may use and the values each allows: a score from 1 to 5,
/// yes / partly / no, or yes / no. A rating outside its criterion's scale is refused.
/// </summary>
public static class InspectionScales
{
    public const string Score = "1-5";
    public const string YesNoPartly = "yes-no-partly";
    public const string YesNo = "yes-no";

    private static readonly Dictionary<string, string[]> Values = new(StringComparer.Ordinal)
    {
        [Score] = ["1", "2", "3", "4", "5"],
        [YesNoPartly] = ["yes", "partly", "no"],
        [YesNo] = ["yes", "no"],
    };

    public static IReadOnlyCollection<string> Keys => Values.Keys;

    public static bool IsKnown(string? scale) => scale is not null && Values.ContainsKey(scale);

    /// <summary>The values a rating on <paramref name="scale"/> may take, in order.</summary>
    public static IReadOnlyList<string> AllowedValues(string scale) => Values.TryGetValue(scale, out var values) ? values : [];

    public static bool Allows(string scale, string? rating) => rating is not null && AllowedValues(scale).Contains(rating, StringComparer.Ordinal);
}

/// <summary>The API's keys for inspection kinds, statuses and follow-up states (kebab-case, stable).</summary>
public static class InspectionKeys
{
    private static readonly Dictionary<string, InspectionKind> Kinds = new(StringComparer.Ordinal)
    {
        ["periodic-monthly"] = InspectionKind.PeriodicMonthly,
        ["periodic-quarterly"] = InspectionKind.PeriodicQuarterly,
        ["surprise"] = InspectionKind.Surprise,
    };

    private static readonly Dictionary<string, InspectionStatus> Statuses = new(StringComparer.Ordinal)
    {
        ["planned"] = InspectionStatus.Planned,
        ["in-progress"] = InspectionStatus.InProgress,
        ["done"] = InspectionStatus.Done,
    };

    public static IReadOnlyCollection<string> KindKeys => Kinds.Keys;

    public static IReadOnlyCollection<string> StatusKeys => Statuses.Keys;

    public static bool TryParseKind(string? key, out InspectionKind kind) => Kinds.TryGetValue((key ?? string.Empty).Trim(), out kind);

    public static bool TryParseStatus(string? key, out InspectionStatus status) => Statuses.TryGetValue((key ?? string.Empty).Trim(), out status);

    public static string Key(InspectionKind kind) => Kinds.First(p => p.Value == kind).Key;

    public static string Key(InspectionStatus status) => Statuses.First(p => p.Value == status).Key;

    public static string Key(FollowUpState state) => state == FollowUpState.Done ? "done" : "open";
}

/// <summary>Lengths and the shared text checks of the inspection commands; errors name their field.</summary>
internal static class InspectionRules
{
    public const int MaxTitle = 500;
    public const int MaxCriterion = 1000;
    public const int MaxText = 4000;
    public const int MaxUrl = 2000;
    public const int MaxCriteria = 100;
    public const int MaxFollowUps = 50;

    [return: NotNullIfNotNull(nameof(text))]
    public static string? Clean(string? text) => TextFields.Clean(text);

    public static string? Required(string? text, string field, int max, List<Error> errors) => TextFields.Required(text, field, max, "inspections.text_too_long", errors);

    public static string? Optional(string? text, string field, int max, List<Error> errors) => TextFields.Optional(text, field, max, "inspections.text_too_long", errors);
}
