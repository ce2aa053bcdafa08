using HocVuSo.Core.Common;
using HocVuSo.Core.Features.Contests;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace HocVuSo.Web.Pages.Contests;

/// <summary>The public ranking of a round (names masked) and its participation by unit: per 1,000 adults and the share of officials, students and workers.</summary>
public sealed class RankingModel(GetRanking.Handler ranking, GetParticipation.Handler participation) : PageModel
{
    [FromRoute]
    public int RoundId { get; set; }

    [FromQuery(Name = "page")]
    public int? PageNumber { get; set; }

    [FromQuery(Name = "unit")]
    public string? Unit { get; set; }

    public RankingDto Ranking { get; private set; } = null!;

    public ParticipationDto? Participation { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        var found = await ranking.HandleAsync(RoundId, PageNumber, ct);
        if (!found.IsSuccess)
        {
            return found.FirstError.Kind == ErrorKind.NotFound ? NotFound() : BadRequest();
        }

        Ranking = found.Value!;
        Participation = (await participation.HandleAsync(RoundId, Unit, ct)).Value;
        return Page();
    }
}
