using HocVuSo.Core.Features.Accounts;
using HocVuSo.Core.Features.Awards;
using HocVuSo.Core.Features.Geography;
using HocVuSo.Web.Hosting;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace HocVuSo.Web.Pages.Awards;

/// <summary>One scheme: its criteria and council, the nominations the caller may see, the form to nominate and, for its managers, ending the appraisal.</summary>
[Authorize]
public sealed class SchemeModel(GetAwardScheme.Handler getScheme, ListNominations.Handler list, SubmitNomination.Handler submit, EndAppraisal.Handler end,
    GetUnit.Handler getUnit, ScopeService scopes, ErrorMessages messages) : PageModel
{
    [FromRoute]
    public string Code { get; set; } = string.Empty;

    [FromRoute]
    public int Id { get; set; }

    public SchemeDto Scheme { get; private set; } = null!;

    public IReadOnlyList<NominationDto> Nominations { get; private set; } = [];

    public IReadOnlyList<UnitDto> Villages { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(CancellationToken ct) => await LoadAsync(ct) ?? Page();

    public async Task<IActionResult> OnPostNominateAsync(string? kind, string? unit, string? person, int? organisation, string? name, string? story, string? photoUrl,
        string? evidenceText, string? evidenceUrl, int? evidenceCriterion, CancellationToken ct)
    {
        var evidence = string.IsNullOrWhiteSpace(evidenceText) && string.IsNullOrWhiteSpace(evidenceUrl) ? [] : new List<EvidenceInput> { new(evidenceCriterion, evidenceText, evidenceUrl) };
        var result = await submit.HandleAsync(new SubmitNomination.Command(Id, new NomineeInput(kind, unit, person, organisation, name), story, photoUrl, evidence), ct);
        return result.IsSuccess ? Redirect($"/units/{Code}/awards/nominations/{result.Value!.Id}") : await AfterAsync(result.Errors, ct);
    }

    public async Task<IActionResult> OnPostEndAsync(CancellationToken ct)
    {
        var result = await end.HandleAsync(Id, ct);
        return result.IsSuccess ? Redirect($"/units/{Code}/awards/{Id}") : await AfterAsync(result.Errors, ct);
    }

    private async Task<IActionResult> AfterAsync(IReadOnlyList<HocVuSo.Core.Common.Error> errors, CancellationToken ct) =>
        AwardPages.Refuse(errors, ModelState, messages) ?? await LoadAsync(ct) ?? Page();

    private async Task<IActionResult?> LoadAsync(CancellationToken ct)
    {
        var scope = await scopes.GetAsync(ct);
        var scheme = await getScheme.HandleAsync(Id, ct);
        var unit = await getUnit.HandleAsync(new GetUnit.Query(Code), ct);
        if (!scheme.IsSuccess || !unit.IsSuccess || scheme.Value!.Unit != Code || !AwardPages.MayOpen(scope, unit.Value!.Unit.Path))
        {
            return NotFound();
        }

        Scheme = scheme.Value;
        Villages = unit.Value.Children;
        Nominations = (await list.HandleAsync(Id, ct)).Value ?? [];
        return null;
    }
}
