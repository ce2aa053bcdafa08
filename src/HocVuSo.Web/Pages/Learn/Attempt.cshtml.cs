using System.Globalization;
using HocVuSo.Core.Features.Learning;
using HocVuSo.Web.Api;
using HocVuSo.Web.Hosting;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace HocVuSo.Web.Pages.Learn;

/// <summary>
/// An attempt's questions as a plain form (no JavaScript needed): radio buttons, check boxes, and for
/// ordering questions a position number per step. The form carries its own idempotency key, so a
/// resubmitted form (a double tap, a retry on a weak signal) returns the first result.
/// </summary>
[Authorize]
public sealed class AttemptModel(GetAttempt.Handler getAttempt, SubmitAttempt.Handler submit, ErrorMessages messages, IStringLocalizer<SharedResource> localizer) : PageModel
{
    [FromRoute]
    public Guid AttemptId { get; set; }

    public GetAttempt.Answer Attempt { get; private set; } = null!;

    public string Key { get; private set; } = Guid.NewGuid().ToString("N");

    public string? Posted(string name) => Request.HasFormContentType ? Request.Form[name].FirstOrDefault() : null;

    public IReadOnlyList<string> PostedMany(string name) => Request.HasFormContentType ? Request.Form[name].Where(v => v is not null).Select(v => v!).ToList() : [];

    public async Task<IActionResult> OnGetAsync(CancellationToken ct) => await LoadAsync(ct) ? Page() : NotFound();

    public async Task<IActionResult> OnPostAsync(string? key, CancellationToken ct)
    {
        if (!await LoadAsync(ct))
        {
            return NotFound();
        }

        Key = string.IsNullOrWhiteSpace(key) ? Key : key;
        var answers = new List<AnswerInput>();
        foreach (var q in Attempt.View.Questions)
        {
            if (q.Type == QuestionTypes.Ordering)
            {
                var positions = q.Options.Select(o => (o.Id, Text: Request.Form[$"o{q.Id}_{o.Id}"].FirstOrDefault())).ToList();
                if (positions.All(p => string.IsNullOrEmpty(p.Text)))
                {
                    answers.Add(new AnswerInput(q.Id, []));
                    continue;
                }

                var numbers = positions.Select(p => int.TryParse(p.Text, NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? n : 0).ToList();
                if (numbers.Any(n => n < 1 || n > q.Options.Count) || numbers.Distinct().Count() != numbers.Count)
                {
                    ModelState.AddModelError(string.Empty, localizer["learn.order_invalid", q.Text]);
                    continue;
                }

                answers.Add(new AnswerInput(q.Id, positions.Zip(numbers).OrderBy(p => p.Second).Select(p => p.First.Id).ToList()));
            }
            else
            {
                answers.Add(new AnswerInput(q.Id, Request.Form["q" + q.Id].Where(v => v is not null).Select(v => v!).ToList()));
            }
        }

        if (!ModelState.IsValid)
        {
            return Page();
        }

        var result = await submit.HandleAsync(new SubmitAttempt.Command(AttemptId, Key, answers, LearningApi.Language(null)), ct);
        if (!result.IsSuccess)
        {
            messages.AddTo(ModelState, result.Errors);
            return Page();
        }

        return Redirect("/learn/attempts/" + AttemptId);
    }

    private async Task<bool> LoadAsync(CancellationToken ct)
    {
        var attempt = await getAttempt.HandleAsync(new GetAttempt.Query(AttemptId, LearningApi.Language(null)), ct);
        if (!attempt.IsSuccess)
        {
            return false;
        }

        Attempt = attempt.Value!;
        return true;
    }
}
