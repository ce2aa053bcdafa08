using HocVuSo.Core.Common;
using HocVuSo.Core.Data;
using HocVuSo.Core.Features.Geography;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace HocVuSo.Web.Pages;

public sealed class IndexModel(AppDbContext db, TimeProvider clock) : PageModel
{
    public int Provinces { get; private set; }

    public int Communes { get; private set; }

    public int Villages { get; private set; }

    public DateOnly Today { get; private set; }

    public async Task OnGetAsync(CancellationToken ct)
    {
        Today = clock.TodayInVietnam();
        var counts = await db.Units.ValidOn(Today).GroupBy(u => u.Level).Select(g => new { Level = g.Key, Count = g.Count() }).ToListAsync(ct);
        Provinces = counts.FirstOrDefault(c => c.Level == UnitLevel.Province)?.Count ?? 0;
        Communes = counts.FirstOrDefault(c => c.Level == UnitLevel.Commune)?.Count ?? 0;
        Villages = counts.FirstOrDefault(c => c.Level == UnitLevel.Village)?.Count ?? 0;
    }
}
