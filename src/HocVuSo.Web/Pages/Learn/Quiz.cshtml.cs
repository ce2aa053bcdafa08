using HocVuSo.Core.Features.Learning;
using HocVuSo.Web.Api;
using HocVuSo.Web.Hosting;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace HocVuSo.Web.Pages.Learn;

/// <summary>
/// A quiz's start page; starting (or resuming) an attempt leads to its questions. A quiz not yet
/// open for the learner says why and links to what to do first.
/// </summary>
public sealed class QuizModel(GetQuiz.Handler getQuiz, StartAttempt.Handler start, ErrorMessages messages) : PageModel
{
    [FromRoute]
    public int QuizId { get; set; }

    public GetQuiz.Answer Quiz { get; private set; } = null!;

    public string? Problem { get; private set; }

    public string? LockReason => Quiz.Lock is { } locked ? messages.Describe(locked.ToError()) : null;

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

        var attempt = await start.HandleAsync(new StartAttempt.Command(QuizId, LearningApi.Language(null)), ct);
        if (!attempt.IsSuccess)
        {
            Problem = messages.Describe(attempt.FirstError);
            return Page();
        }

        return Redirect("/learn/attempts/" + attempt.Value!.AttemptId);
    }

    private async Task<bool> LoadAsync(CancellationToken ct)
    {
        var quiz = await getQuiz.HandleAsync(new GetQuiz.Query(QuizId, LearningApi.Language(null)), ct);
        if (!quiz.IsSuccess)
        {
            return false;
        }

        Quiz = quiz.Value!;
        return true;
    }
}
