using HocVuSo.Core.Common;

namespace HocVuSo.Core.Features.Awards;

/// <summary>The exemplary models a scheme may recognise (keys of the API; the first two feed the indicators).</summary>
public static class AwardModels
{
    public const string ExemplaryDigitalCitizen = "exemplary-digital-citizen";
    public const string ExemplaryDigitalVillage = "exemplary-digital-village";
    public const string DigitalFamily = "digital-family";
    public const string DigitalMarket = "digital-market";
    public const string OneCitizenOneIdentity = "one-citizen-one-identity";
    public const string DigitalOffice = "digital-office";
    public const string ExemplaryCommunityTeam = "exemplary-community-team";
    public const string Other = "other";

    public static IReadOnlyList<string> All { get; } =
        [ExemplaryDigitalCitizen, ExemplaryDigitalVillage, DigitalFamily, DigitalMarket, OneCitizenOneIdentity, DigitalOffice, ExemplaryCommunityTeam, Other];
}

/// <summary>The API's keys for nominee kinds, states, roles and votes (kebab-case, stable).</summary>
public static class AwardKeys
{
    private static readonly Dictionary<string, NomineeKind> Kinds = new(StringComparer.Ordinal)
    {
        ["person"] = NomineeKind.Person,
        ["household"] = NomineeKind.Household,
        ["village"] = NomineeKind.Village,
        ["market"] = NomineeKind.Market,
        ["organisation"] = NomineeKind.Organisation,
        ["team"] = NomineeKind.Team,
    };

    private static readonly Dictionary<NominationState, string> States = new()
    {
        [NominationState.AwaitingConsent] = "awaiting-consent",
        [NominationState.Submitted] = "submitted",
        [NominationState.Withdrawn] = "withdrawn",
        [NominationState.Recommended] = "recommended",
        [NominationState.NotRecommended] = "not-recommended",
        [NominationState.Tie] = "tie",
        [NominationState.NoQuorum] = "no-quorum",
        [NominationState.Recognised] = "recognised",
    };

    public static readonly string[] Roles = ["chair", "secretary", "member"];

    public const string VoteFor = "for";
    public const string VoteAgainst = "against";
    public const string VoteAbstain = "abstain";
    public const string VoteConflict = "conflict";

    public static readonly string[] Votes = [VoteFor, VoteAgainst, VoteAbstain];

    public static IReadOnlyCollection<string> KindKeys => Kinds.Keys;

    public static bool TryParseKind(string? key, out NomineeKind kind) => Kinds.TryGetValue((key ?? string.Empty).Trim(), out kind);

    public static string Key(NomineeKind kind) => Kinds.First(p => p.Value == kind).Key;

    public static string Key(NominationState state) => States[state];

    public static IReadOnlyList<NomineeKind> ParseKinds(string stored) =>
        stored.Split(',', StringSplitOptions.RemoveEmptyEntries).Select(k => Kinds[k]).ToList();
}

/// <summary>Lengths and shared checks of the award commands; errors name their field.</summary>
internal static class AwardRules
{
    public const int MaxTitle = 300;
    public const int MaxText = 4000;
    public const int MaxUrl = 2000;
    public const int MaxCriteria = 30;
    public const int MaxCouncil = 30;
    public const int MaxEvidence = 30;
    public const int MaxItems = 200;
    public const int MaxScale = 100;

    public static string? Clean(string? text) => TextFields.Clean(text);

    public static string? Required(string? text, string field, int max, List<Error> errors) => TextFields.Required(text, field, max, "awards.text_too_long", errors);

    public static string? Optional(string? text, string field, int max, List<Error> errors) => TextFields.Optional(text, field, max, "awards.text_too_long", errors);

    /// <summary>An optional http(s) link; anything else is refused with the field named.</summary>
    public static string? Link(string? text, string field, List<Error> errors)
    {
        var value = Clean(text);
        if (value is null)
        {
            return null;
        }

        if (value.Length > MaxUrl || !WebLinks.IsWebLink(value))
        {
            errors.Add(Errors.Invalid("awards.url_invalid", field));
            return null;
        }

        return value;
    }
}
