using HocVuSo.Core.Features.Assistant;
using HocVuSo.Web.Hosting;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace HocVuSo.Web.Pages.Assistant;

/// <summary>"Hỏi trợ lý": a plain GET form (it works without JavaScript) answered with the best passages, each with its source and "nghe".</summary>
public sealed class IndexModel(SearchAssistant.Handler search, ErrorMessages messages) : PageModel
{
    [FromQuery(Name = "q")]
    public string? Question { get; set; }

    [FromQuery(Name = "scope")]
    public string? Scope { get; set; }

    public IReadOnlyList<AssistantAnswer> Answers { get; private set; } = [];

    public string? Problem { get; private set; }

    public bool Asked => Question is not null;

    public async Task OnGetAsync(CancellationToken ct)
    {
        if (!Asked)
        {
            return;
        }

        var found = await search.HandleAsync(new SearchAssistant.Query(Question, Scope), ct);
        if (found.IsSuccess)
        {
            Answers = found.Value!;
        }
        else
        {
            Problem = messages.Describe(found.FirstError);
            Response.StatusCode = found.FirstError.Kind == Core.Common.ErrorKind.Forbidden ? StatusCodes.Status403Forbidden : StatusCodes.Status400BadRequest;
        }
    }
}
