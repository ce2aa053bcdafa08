using HocVuSo.Core.Features.Contests;
using HocVuSo.Web.Hosting;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace HocVuSo.Web.Pages.Contests;

/// <summary>A round's page: its times and rules, and "Bắt đầu" for those who may enter; a second entry is refused with the reason.</summary>
public sealed class RoundModel(GetContest.Handler contests, StartEntry.Handler start, FindMyEntry.Handler mine, ErrorMessages messages) : PageModel
{
    [FromRoute]
    public int RoundId { get; set; }

    public ContestDto Contest { get; private set; } = null!;

    public ContestRoundDto Round { get; private set; } = null!;

    public Guid? MyEntry { get; private set; }

    public string? Problem { get; private set; }

    public bool SignedIn => User.Identity?.IsAuthenticated == true;

    public async Task<IActionResult> OnGetAsync(CancellationToken ct) => await LoadAsync(ct) ? Page() : NotFound();

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        if (!SignedIn)
        {
            return Challenge();
        }

        if (!await LoadAsync(ct))
        {
            return NotFound();
        }

        var started = await start.HandleAsync(new StartEntry.Command(RoundId), ct);
        if (!started.IsSuccess)
        {
            Problem = messages.Describe(started.FirstError);
            Response.StatusCode = ErrorMessages.StatusCode(started.FirstError);
            return Page();
        }

        return Redirect("/contests/entries/" + started.Value!.EntryId);
    }

    private async Task<bool> LoadAsync(CancellationToken ct)
    {
        if (await contests.ForRoundAsync(RoundId, ct) is not { IsSuccess: true } found)
        {
            return false;
        }

        Contest = found.Value!;
        Round = Contest.Rounds.Single(r => r.Id == RoundId);
        MyEntry = SignedIn ? await mine.HandleAsync(RoundId, ct) : null;
        return true;
    }
}
