using HocVuSo.Core.Common;
using HocVuSo.Core.Features.Learning;
using HocVuSo.Web.Api;
using HocVuSo.Web.Hosting;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace HocVuSo.Web.Pages.Learn;

/// <summary>
/// A lesson, readable by anyone; a signed-in learner marks it done and moves on to the next one.
/// A lesson not yet open for the learner shows its title, why, and the lesson to do first.
/// </summary>
public sealed class LessonModel(GetLesson.Handler getLesson, CompleteLesson.Handler complete, ErrorMessages messages) : PageModel
{
    [FromRoute]
    public int Id { get; set; }

    [FromQuery(Name = "lang")]
    public string? Lang { get; set; }

    public LessonPage Lesson { get; private set; } = null!;

    public bool SignedIn => User.Identity?.IsAuthenticated == true;

    public string? LockReason => Lesson.Lock is { } locked ? messages.Describe(locked.ToError()) : null;

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        var lesson = await getLesson.HandleAsync(new GetLesson.Query(Id, LearningApi.Language(Lang)), ct);
        if (!lesson.IsSuccess)
        {
            return NotFound();
        }

        Lesson = lesson.Value!;
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        if (!SignedIn)
        {
            return Challenge();
        }

        var next = await complete.HandleAsync(new CompleteLesson.Command(Id, LearningApi.Language(Lang)), ct);
        if (!next.IsSuccess)
        {
            // A locked lesson: show it as locked, with what to do first.
            return next.FirstError.Kind == ErrorKind.NotFound ? NotFound() : await OnGetAsync(ct);
        }

        return Redirect(next.Value is { } nextId ? "/learn/lessons/" + nextId : "/learn");
    }
}
