using HocVuSo.Core.Common;
using HocVuSo.Core.Data;
using HocVuSo.Core.Features.Accounts;
using HocVuSo.Core.Features.Privacy;
using Microsoft.EntityFrameworkCore;

namespace HocVuSo.Core.Features.Demo;

/// <summary>
/// Consents of the demo's illustrative learners, recorded with the channel <see cref="ConsentChannel.Demo"/>
/// so no one mistakes them for a real person's: learning and VNeID confirmation for all, contact
/// by the team for two in three (so the demo shows both). Learners who have any consent already are left as they are.
/// </summary>
internal static class DemoConsents
{
    public static async Task SeedAsync(AppDbContext db, TimeProvider clock, CancellationToken ct)
    {
        var learners = await db.Users
            .Where(u => (u.UserName == "learner" || u.UserName == "certified" || (u.UserName!.StartsWith("hocvien") && u.UserName.EndsWith(".eatrang")))
                && !db.ConsentRecords.Any(c => c.UserId == u.Id))
            .Select(u => new { u.Id, u.UserName, u.CreatedAt, Path = db.Units.Where(x => x.Id == u.HomeUnitId).Select(x => x.Path).FirstOrDefault() })
            .ToListAsync(ct);
        var system = new UserScope(null, "system", true, []);
        var now = clock.UtcNow();
        foreach (var learner in learners.OrderBy(l => l.UserName, StringComparer.Ordinal).Select((l, i) => (l, i)))
        {
            var at = learner.l.CreatedAt > now ? now : learner.l.CreatedAt;
            Consents.Record(db, system, at, learner.l.Id, learner.l.Path, ConsentPurpose.Learning, true, ConsentChannel.Demo);
            Consents.Record(db, system, at, learner.l.Id, learner.l.Path, ConsentPurpose.VneidConfirmation, true, ConsentChannel.Demo);
            Consents.Record(db, system, at, learner.l.Id, learner.l.Path, ConsentPurpose.TeamContact, learner.i % 3 != 2, ConsentChannel.Demo);
        }

        await db.SaveChangesAsync(ct);
    }
}
