using HocVuSo.Core.Data;
using HocVuSo.Core.Features.Learning;
using HocVuSo.Web.Api;
using HocVuSo.Web.Hosting;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace HocVuSo.Web.Pages.Learn;

/// <summary>A quiz's start page; starting (or resuming) an attempt leads to its questions.</summary>
public sealed class QuizModel(AppDbContext db, StartAttempt.Handler start, ErrorMessages messages) : PageModel
{
    [FromRoute]
    public int QuizId { get; set; }

    public string Title { get; private set; } = string.Empty;

    public int PassMark { get; private set; }

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
        var quiz = await db.Quizzes.AsNoTracking().Where(q => q.Id == QuizId).Select(q => new { q.Title, q.PassMark }).FirstOrDefaultAsync(ct);
        if (quiz is null)
        {
            return false;
        }

        Title = quiz.Title.In(LearningApi.Language(null)).Text;
        PassMark = quiz.PassMark;
        return true;
    }
}
