using HocVuSo.Core.Common;
using HocVuSo.Core.Data;
using HocVuSo.Core.Features.Accounts;
using HocVuSo.Core.Features.Learning;
using HocVuSo.Web.Hosting;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace HocVuSo.Web.Pages.Author;

/// <summary>Edit a lesson's Markdown in one language, preview it as a phone shows it, publish it as a new course version.</summary>
public sealed class LessonModel(AppDbContext db, ScopeService scopes, PublishLessonEdit.Handler publish, ErrorMessages messages,
    IStringLocalizer<SharedResource> localizer) : PageModel
{
    [FromRoute]
    public int Id { get; set; }

    [BindProperty(SupportsGet = true, Name = "lang")]
    public string Lang { get; set; } = Variants.Vietnamese;

    [BindProperty(Name = "markdown")]
    public string? Markdown { get; set; }

    public string Title { get; private set; } = string.Empty;

    public string? Preview { get; private set; }

    private string MediaBase { get; set; } = "/";

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        var lesson = await LoadAsync(ct);
        if (lesson is null)
        {
            return (await scopes.GetAsync(ct)).Has(Permission.ManageContent) ? NotFound() : Forbid();
        }

        Markdown = lesson.Body.TryGetValue(Lang, out var text) ? text : string.Empty;
        return Page();
    }

    public async Task<IActionResult> OnPostPreviewAsync(CancellationToken ct)
    {
        if (await LoadAsync(ct) is null)
        {
            return Forbid();
        }

        var problems = LessonMarkdown.Check(Markdown ?? string.Empty);
        foreach (var problem in problems)
        {
            ModelState.AddModelError(string.Empty, messages.Describe(Errors.Invalid("content.lesson_" + problem.Split(':')[0], null, problem)));
        }

        Preview = LessonMarkdown.ToHtml(Markdown ?? string.Empty, MediaBase);
        return Page();
    }

    public async Task<IActionResult> OnPostPublishAsync(CancellationToken ct)
    {
        if (await LoadAsync(ct) is null)
        {
            return Forbid();
        }

        var published = await publish.HandleAsync(new PublishLessonEdit.Command(Id, Lang, Markdown), ct);
        if (!published.IsSuccess)
        {
            messages.AddTo(ModelState, published.Errors);
            return Page();
        }

        TempData["Status"] = localizer["author.lesson_published"].Value;
        return Redirect($"/author/lessons/{published.Value}?lang={Lang}");
    }

    private async Task<Lesson?> LoadAsync(CancellationToken ct)
    {
        if (!(await scopes.GetAsync(ct)).Has(Permission.ManageContent) || !ImportContent.Languages.Contains(Lang))
        {
            return null;
        }

        var lesson = await db.Lessons.AsNoTracking().Include(l => l.Module).FirstOrDefaultAsync(l => l.Id == Id, ct);
        if (lesson is not null)
        {
            Title = lesson.Title.Vi;
            MediaBase = $"/learn/media/{lesson.Module!.CourseVersionId}/{lesson.Module.Slug}/";
        }

        return lesson;
    }
}
