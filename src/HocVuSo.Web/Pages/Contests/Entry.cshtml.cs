using System.Globalization;
using HocVuSo.Core.Common;
using HocVuSo.Core.Features.Contests;
using HocVuSo.Core.Features.Learning;
using HocVuSo.Web.Hosting;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace HocVuSo.Web.Pages.Contests;

/// <summary>
/// An entry: while open, its questions, the prediction and the time left by the server's clock
/// (the page counts down from the seconds the server gave, never from the phone's clock); once
/// submitted, the result, the rank and — after the round has closed — the explanations.
/// </summary>
[Microsoft.AspNetCore.Authorization.Authorize]
public sealed class EntryModel(GetEntryResult.Handler results, GetEntryQuestions.Handler questions, SubmitEntry.Handler submit, ErrorMessages messages, TimeProvider clock) : PageModel
{
    [FromRoute]
    public Guid EntryId { get; set; }

    public EntryResultDto Result { get; private set; } = null!;

    public StartedEntryDto? Open { get; private set; }

    public int SecondsLeft { get; private set; }

    public string Key { get; private set; } = Guid.NewGuid().ToString("N");

    public string? Prediction { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct) => await LoadAsync(ct) ? Page() : NotFound();

    public async Task<IActionResult> OnPostAsync(string? key, string? prediction, CancellationToken ct)
    {
        if (!await LoadAsync(ct))
        {
            return NotFound();
        }

        if (Open is null)
        {
            return Redirect("/contests/entries/" + EntryId);
        }

        Key = string.IsNullOrWhiteSpace(key) ? Key : key;
        Prediction = prediction;
        var answers = new List<ContestAnswerInput>();
        foreach (var q in Open.Questions)
        {
            if (q.Type == QuestionTypes.Ordering)
            {
                var positions = q.Options.Select(o => (o.Id, Text: Request.Form[$"o{q.Id}_{o.Id}"].FirstOrDefault())).ToList();
                var numbers = positions.Select(p => int.TryParse(p.Text, NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? n : 0).ToList();
                if (numbers.All(n => n >= 1 && n <= q.Options.Count) && numbers.Distinct().Count() == numbers.Count)
                {
                    answers.Add(new ContestAnswerInput(q.Id, positions.Zip(numbers).OrderBy(p => p.Second).Select(p => p.First.Id).ToList()));
                }
            }
            else
            {
                var chosen = Request.Form["q" + q.Id.ToString(CultureInfo.InvariantCulture)].Where(v => !string.IsNullOrEmpty(v)).Select(v => v!).ToList();
                if (chosen.Count > 0)
                {
                    answers.Add(new ContestAnswerInput(q.Id, chosen));
                }
            }
        }

        var result = await submit.HandleAsync(new SubmitEntry.Command(EntryId, Key, answers, prediction), ct);
        if (!result.IsSuccess)
        {
            messages.AddTo(ModelState, result.Errors);
            return Page();
        }

        return Redirect("/contests/entries/" + EntryId);
    }

    public string Posted(string name) => Request.HasFormContentType ? Request.Form[name].FirstOrDefault() ?? string.Empty : string.Empty;

    public bool PostedHas(string name, string value) => Request.HasFormContentType && Request.Form[name].Contains(value);

    private async Task<bool> LoadAsync(CancellationToken ct)
    {
        var language = CultureInfo.CurrentUICulture.TwoLetterISOLanguageName == "en" ? "en" : "vi";
        var found = await results.HandleAsync(EntryId, language, ct);
        if (!found.IsSuccess)
        {
            return false;
        }

        Result = found.Value!;
        if (!Result.Submitted)
        {
            Open = (await questions.HandleAsync(EntryId, language, ct)).Value;
            SecondsLeft = (int)Math.Max(0, Math.Floor((Result.Deadline - clock.UtcNow()).TotalSeconds));
        }

        return true;
    }
}
