using HocVuSo.Core.Features.Assistant;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace HocVuSo.Web.Pages.Assistant;

/// <summary>The FAQ the assistant answers from, for everyone to read (authors keep it through the API).</summary>
public sealed class FaqModel(ListFaq.Handler list) : PageModel
{
    public IReadOnlyList<FaqDto> Entries { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct) => Entries = await list.HandleAsync(ct);
}
