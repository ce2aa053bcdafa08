using HocVuSo.Core.Data;
using HocVuSo.Core.Features.Geography;
using HocVuSo.Core.Features.Oversight;
using Microsoft.EntityFrameworkCore;

namespace HocVuSo.Core.Features.Demo;

/// <summary>
/// An illustrative checklist template of Đắk Lắk for inspecting its communes, built from the
/// sections of Ea Trang's plan as the seeded plan words them: one criterion per section, rated
/// done / partly / not done. Its name says "(minh họa)": the province's own checklist is not part of
/// the demo's sources. Runs once, after the plans are seeded.
/// </summary>
internal sealed class DemoInspections(AppDbContext db, TimeProvider clock)
{
    public const string TemplateName = "Phiếu kiểm tra thực hiện Kế hoạch “Bình dân học vụ số” năm 2026 của xã (minh họa)";

    public async Task SeedAsync(Unit province, Unit commune, CancellationToken ct)
    {
        if (await db.ChecklistTemplates.AnyAsync(t => t.UnitId == province.Id && t.Name == TemplateName, ct))
        {
            return;
        }

        var sections = await db.PlanSections.AsNoTracking()
            .Where(s => db.Plans.Any(p => p.Id == s.PlanId && p.UnitId == commune.Id && p.Year == DemoPlans.Year))
            .Where(s => s.Number != RecordInspectionVisit.FollowUpSectionNumber)
            .OrderBy(s => s.Position).Select(s => s.Title).ToListAsync(ct);
        if (sections.Count == 0)
        {
            return;
        }

        db.ChecklistTemplates.Add(new ChecklistTemplate
        {
            UnitId = province.Id, UnitPath = province.Path, Name = TemplateName, CreatedAt = clock.GetUtcNow().UtcDateTime,
            Criteria = sections.Select((title, i) => new ChecklistCriterion { Number = i + 1, Text = title, Scale = InspectionScales.YesNoPartly }).ToList(),
        });
        await db.SaveChangesAsync(ct);
    }
}
