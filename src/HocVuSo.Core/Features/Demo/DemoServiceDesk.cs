using HocVuSo.Core.Common;
using HocVuSo.Core.Data;
using HocVuSo.Core.Features.Geography;
using HocVuSo.Core.Features.ServiceDesk;
using Microsoft.EntityFrameworkCore;

namespace HocVuSo.Core.Features.Demo;

/// <summary>
/// Illustrative help-desk visits at Ea Trang's public administrative service centre (a handful in
/// this month and the last, made up for the demo, not real figures), recorded by the demo's
/// centre account. Seeded once.
/// </summary>
internal sealed class DemoServiceDesk(AppDbContext db, TimeProvider clock)
{
    private static readonly (int DaysAgo, int Service, bool SelfDone, int Minutes, string AgeBand, string Gender)[] Visits =
    [
        (1, 0, true, 15, "18-39", "female"),
        (2, 3, false, 25, "60-plus", "male"),
        (3, 5, true, 10, "18-39", "male"),
        (6, 1, false, 30, "40-59", "female"),
        (9, 4, true, 12, "40-59", "male"),
        (20, 0, false, 35, "60-plus", "female"),
        (33, 7, true, 18, "18-39", "female"),
    ];

    public async Task SeedAsync(Unit commune, string recordedByUserId, CancellationToken ct)
    {
        await DeskServiceList.EnsureAsync(db, ct);
        if (await db.DeskVisits.AnyAsync(v => v.CommuneId == commune.Id, ct))
        {
            return;
        }

        var services = await db.DeskServices.OrderBy(s => s.Position).Select(s => s.Id).ToListAsync(ct);
        var today = clock.TodayInVietnam();
        var now = clock.UtcNow();
        foreach (var v in Visits)
        {
            var date = today.AddDays(-v.DaysAgo);
            if (date < DeskPeople.Earliest)
            {
                continue;
            }

            db.DeskVisits.Add(new DeskVisit
            {
                CommuneId = commune.Id, UnitPath = commune.Path, Date = date, ServiceId = services[v.Service % services.Count], SelfDone = v.SelfDone,
                Minutes = v.Minutes, AgeBand = v.AgeBand, Gender = v.Gender, RecordedByUserId = recordedByUserId, RecordedAt = now,
            });
        }

        await db.SaveChangesAsync(ct);
    }
}
