using HocVuSo.Core.Features.Geography;
using HocVuSo.Web.Hosting;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace HocVuSo.Web.Pages.Units;

/// <summary>The tree's top (34 provinces) and the search box; reading the tree is public.</summary>
public sealed class IndexModel(ListUnits.Handler list, SearchUnits.Handler search, ErrorMessages messages) : PageModel
{
    [FromQuery(Name = "q")]
    public string? Q { get; set; }

    public IReadOnlyList<UnitDto> Provinces { get; private set; } = [];

    public IReadOnlyList<SearchUnits.Hit>? Hits { get; private set; }

    public string? SearchError { get; private set; }

    public async Task OnGetAsync(CancellationToken ct)
    {
        if (!string.IsNullOrWhiteSpace(Q))
        {
            var found = await search.HandleAsync(new SearchUnits.Query(Q, 50), ct);
            if (found.IsSuccess)
            {
                Hits = found.Value;
                return;
            }

            SearchError = messages.Describe(found.FirstError);
        }

        Provinces = (await list.HandleAsync(new ListUnits.Query(UnitLevel.Province), ct)).Value ?? [];
    }
}
