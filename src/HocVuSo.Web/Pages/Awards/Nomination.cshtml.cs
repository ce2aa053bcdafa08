using HocVuSo.Core.Features.Accounts;
using HocVuSo.Core.Features.Awards;
using HocVuSo.Web.Hosting;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace HocVuSo.Web.Pages.Awards;

/// <summary>
/// One nomination: its figures frozen at submission beside their current values, its evidence and
/// result; for a council member the scoring form (every criterion and a vote) and the declaration of
/// a conflict of interest; for its nominator or managers withdrawal; for the nominee their consent.
/// </summary>
[Authorize]
public sealed class NominationModel(GetNomination.Handler get, GetAwardScheme.Handler getScheme, RecordScores.Handler score, DeclareConflict.Handler conflict,
    WithdrawNomination.Handler withdraw, GiveConsent.Handler consent, ScopeService scopes, ErrorMessages messages) : PageModel
{
    [FromRoute]
    public string Code { get; set; } = string.Empty;

    [FromRoute]
    public int Id { get; set; }

    public NominationDto Nomination { get; private set; } = null!;

    public SchemeDto Scheme { get; private set; } = null!;

    public bool IsNominee { get; private set; }

    [TempData]
    public string? Saved { get; set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct) => await LoadAsync(ct) ?? Page();

    /// <summary>Each criterion's score comes as a field "score{number}".</summary>
    public async Task<IActionResult> OnPostScoreAsync(string? vote, string? comment, CancellationToken ct)
    {
        var loaded = await LoadAsync(ct);
        if (loaded is not null)
        {
            return loaded;
        }

        var scores = Scheme.Criteria.Select(c => new ScoreInput(c.Number, int.TryParse(Request.Form[$"score{c.Number}"], System.Globalization.NumberStyles.Integer, System.Globalization.CultureInfo.InvariantCulture, out var v) ? v : null)).ToList();
        var result = await score.HandleAsync(new RecordScores.Command(Id, scores, vote, comment), ct);
        return await AfterAsync(result.IsSuccess, result.Errors, "awards.page.scored", ct);
    }

    public async Task<IActionResult> OnPostConflictAsync(string? reason, CancellationToken ct)
    {
        var result = await conflict.HandleAsync(new DeclareConflict.Command(Id, reason), ct);
        return await AfterAsync(result.IsSuccess, result.Errors, "awards.page.conflict_saved", ct);
    }

    public async Task<IActionResult> OnPostWithdrawAsync(string? reason, CancellationToken ct)
    {
        var result = await withdraw.HandleAsync(new WithdrawNomination.Command(Id, reason), ct);
        return await AfterAsync(result.IsSuccess, result.Errors, "awards.page.withdrawn", ct);
    }

    public async Task<IActionResult> OnPostConsentAsync(bool publishName, bool publishStory, CancellationToken ct)
    {
        var result = await consent.HandleAsync(new GiveConsent.Command(Id, publishName, publishStory), ct);
        return await AfterAsync(result.IsSuccess, result.Errors, "awards.page.consented", ct);
    }

    private async Task<IActionResult> AfterAsync(bool ok, IReadOnlyList<HocVuSo.Core.Common.Error> errors, string saved, CancellationToken ct)
    {
        if (ok)
        {
            Saved = saved;
            return Redirect($"/units/{Code}/awards/nominations/{Id}");
        }

        return AwardPages.Refuse(errors, ModelState, messages) ?? await LoadAsync(ct) ?? Page();
    }

    private async Task<IActionResult?> LoadAsync(CancellationToken ct)
    {
        var scope = await scopes.GetAsync(ct);
        var found = await get.HandleAsync(Id, ct);
        if (!found.IsSuccess)
        {
            return NotFound();
        }

        Nomination = found.Value!;
        Scheme = (await getScheme.HandleAsync(Nomination.Scheme, ct)).Value!;
        IsNominee = Nomination.State == "awaiting-consent" && !scope.IsStaff;
        return null;
    }
}
