using System.Diagnostics.CodeAnalysis;

namespace HocVuSo.Core.Features.Oversight;

/// <summary>The API's keys for sample kinds and outcomes (kebab-case, stable).</summary>
public static class VerificationKeys
{
    private static readonly Dictionary<string, SampleKind> Kinds = new(StringComparer.Ordinal)
    {
        ["certified-learners"] = SampleKind.CertifiedLearners,
        ["guidance-sessions"] = SampleKind.GuidanceSessions,
        ["classes"] = SampleKind.Classes,
    };

    private static readonly Dictionary<string, VerificationOutcome> Outcomes = new(StringComparer.Ordinal)
    {
        ["confirmed"] = VerificationOutcome.Confirmed,
        ["confirmed-other"] = VerificationOutcome.ConfirmedOther,
        ["denied"] = VerificationOutcome.Denied,
        ["unreachable"] = VerificationOutcome.Unreachable,
        ["wrong-person"] = VerificationOutcome.WrongPerson,
    };

    public static IReadOnlyCollection<string> KindKeys => Kinds.Keys;

    public static IReadOnlyCollection<string> OutcomeKeys => Outcomes.Keys;

    public static bool TryParseKind(string? key, out SampleKind kind) => Kinds.TryGetValue((key ?? string.Empty).Trim(), out kind);

    public static bool TryParseOutcome(string? key, out VerificationOutcome outcome) => Outcomes.TryGetValue((key ?? string.Empty).Trim(), out outcome);

    public static string Key(SampleKind kind) => Kinds.First(p => p.Value == kind).Key;

    [return: NotNullIfNotNull(nameof(outcome))]
    public static string? Key(VerificationOutcome? outcome) => outcome is { } value ? Outcomes.First(p => p.Value == value).Key : null;
}
