using HocVuSo.Core.Features.Accounts;
using HocVuSo.Core.Features.Awards;
using HocVuSo.Core.Features.Geography;
using HocVuSo.Web.Hosting;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace HocVuSo.Web.Pages.Awards;

/// <summary>
/// A unit's emulation (thi đua) for a year: its schemes, the nominations ready for a decision, its
/// decisions with their certificates of merit, its 10/10 programme, and for staff who manage plans
/// the forms to set up a scheme, issue a decision, revoke a certificate and add an event.
/// </summary>
[Authorize]
public sealed class UnitModel(
    ListAwardSchemes.Handler schemes, ListNominations.Handler nominations, ListDecisions.Handler decisions, CreateAwardScheme.Handler create,
    IssueDecision.Handler issue, RevokeMeritCertificate.Handler revoke, AddFestivalEvent.Handler addEvent, Recognitions.Handler honours,
    GetUnit.Handler getUnit, ScopeService scopes, ErrorMessages messages, TimeProvider clock) : PageModel
{
    [FromRoute]
    public string Code { get; set; } = string.Empty;

    [FromQuery]
    public int? Year { get; set; }

    public UnitDto Unit { get; private set; } = null!;

    public IReadOnlyList<SchemeDto> Schemes { get; private set; } = [];

    public IReadOnlyList<NominationDto> Recommended { get; private set; } = [];

    public IReadOnlyList<DecisionDto> Decisions { get; private set; } = [];

    public IReadOnlyList<FestivalEventDto> Programme { get; private set; } = [];

    public IReadOnlyList<UnitDto> Villages { get; private set; } = [];

    public bool CanManage { get; private set; }

    public int ShownYear => Year ?? clock.GetUtcNow().Year;

    public async Task<IActionResult> OnGetAsync(CancellationToken ct) => await LoadAsync(ct) ?? Page();

    /// <summary>
    /// Criteria one a line "weight | scale | source | title" (source: attached or a figure key);
    /// council one a line "user name | role | village code".
    /// </summary>
    public async Task<IActionResult> OnPostSchemeAsync(string? title, string? model, List<string>? nominee, string? criteria, string? opens, string? closes, int? passScore,
        int? quorum, string? council, CancellationToken ct)
    {
        var result = await create.HandleAsync(new CreateAwardScheme.Command(Code, ShownYear, title, model, nominee ?? [], ParseCriteria(criteria),
            AwardPages.IsoDate(opens), AwardPages.IsoDate(closes), passScore, quorum, ParseCouncil(council)), ct);
        return result.IsSuccess ? Redirect($"/units/{Code}/awards/{result.Value!.Id}") : await AfterAsync(result.Errors, ct);
    }

    public async Task<IActionResult> OnPostDecisionAsync(string? number, string? date, string? signer, List<int>? items, CancellationToken ct)
    {
        var result = await issue.HandleAsync(new IssueDecision.Command(Code, number, AwardPages.IsoDate(date), signer, items ?? []), ct);
        return result.IsSuccess ? Redirect($"/units/{Code}/awards?year={ShownYear}#decision-{result.Value!.Id}") : await AfterAsync(result.Errors, ct);
    }

    public async Task<IActionResult> OnPostRevokeAsync(string? serial, string? reason, CancellationToken ct)
    {
        var result = await revoke.HandleAsync(new RevokeMeritCertificate.Command(serial, reason), ct);
        return result.IsSuccess ? Redirect($"/units/{Code}/awards?year={ShownYear}") : await AfterAsync(result.Errors, ct);
    }

    public async Task<IActionResult> OnPostEventAsync(string? title, string? place, string? day, string? time, CancellationToken ct)
    {
        var startsAt = $"{AwardPages.IsoDate(day)}T{(time ?? string.Empty).Trim()}";
        var result = await addEvent.HandleAsync(new AddFestivalEvent.Command(Code, title, place, startsAt), ct);
        return result.IsSuccess ? Redirect($"/units/{Code}/awards?year={ShownYear}#programme") : await AfterAsync(result.Errors, ct);
    }

    public static List<CriterionInput> ParseCriteria(string? text) =>
        Lines(text).Select((parts, i) => new CriterionInput(i + 1, parts.ElementAtOrDefault(3), Int(parts.ElementAtOrDefault(0)), Int(parts.ElementAtOrDefault(1)), parts.ElementAtOrDefault(2))).ToList();

    public static List<CouncilInput> ParseCouncil(string? text) =>
        Lines(text).Select(parts => new CouncilInput(parts.ElementAtOrDefault(0), parts.ElementAtOrDefault(1), parts.ElementAtOrDefault(2), null)).ToList();

    private static IEnumerable<string[]> Lines(string? text) =>
        (text ?? string.Empty).Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(l => l.Split('|', StringSplitOptions.TrimEntries));

    private static int? Int(string? text) => int.TryParse(text, System.Globalization.NumberStyles.Integer, System.Globalization.CultureInfo.InvariantCulture, out var v) ? v : null;

    private async Task<IActionResult> AfterAsync(IReadOnlyList<HocVuSo.Core.Common.Error> errors, CancellationToken ct) =>
        AwardPages.Refuse(errors, ModelState, messages) ?? await LoadAsync(ct) ?? Page();

    private async Task<IActionResult?> LoadAsync(CancellationToken ct)
    {
        var scope = await scopes.GetAsync(ct);
        var found = await getUnit.HandleAsync(new GetUnit.Query(Code), ct);
        if (!found.IsSuccess || !AwardPages.MayOpen(scope, found.Value!.Unit.Path))
        {
            return NotFound();
        }

        Unit = found.Value!.Unit;
        Villages = found.Value.Children;
        Schemes = (await schemes.HandleAsync(new ListAwardSchemes.Query(Code, ShownYear), ct)).Value ?? [];
        var ready = new List<NominationDto>();
        foreach (var scheme in Schemes.Where(s => s.Unit == Code && s.AppraisalEnded))
        {
            ready.AddRange(((await nominations.HandleAsync(scheme.Id, ct)).Value ?? []).Where(n => n.State == "recommended"));
        }

        Recommended = ready;
        Decisions = scope.Can(Permission.ViewStaffData, Unit.Path) ? (await decisions.HandleAsync(Code, ct)).Value ?? [] : [];
        Programme = (await honours.HandleAsync(new Recognitions.Query(Code, ShownYear), ct)).Value?.Programme ?? [];
        CanManage = Unit.Level is (UnitLevel.Province or UnitLevel.Commune) && scope.Can(Permission.ManagePlans, Unit.Path);
        return null;
    }
}
