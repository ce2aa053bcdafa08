using HocVuSo.Core.Features.Accounts;
using HocVuSo.Core.Features.Certification;
using HocVuSo.Core.Features.Geography;
using HocVuSo.Core.Features.Plans;
using HocVuSo.Core.Features.Reporting;
using Microsoft.EntityFrameworkCore;

namespace HocVuSo.Core.Data;

internal static class PlansModelConfiguration
{
    public static void Configure(ModelBuilder builder, PersonalDataProtector? protector)
    {
        builder.Entity<Organisation>(e =>
        {
            e.Property(o => o.UnitPath).HasMaxLength(100);
            e.Property(o => o.Kind).HasConversion<string>().HasMaxLength(30);
            e.Property(o => o.Name).HasMaxLength(300);
            e.Property(o => o.Grades).HasMaxLength(20);
            e.Property(o => o.ContactName).HasMaxLength(1000).IsProtectedPersonalData(protector, PersonalDataPurposes.OrganisationContactName);
            e.Property(o => o.ContactPhone).HasMaxLength(200).IsProtectedPersonalData(protector, PersonalDataPurposes.OrganisationContactPhone);
            e.Property(o => o.ContactEmail).HasMaxLength(1000).IsProtectedPersonalData(protector, PersonalDataPurposes.OrganisationContactEmail);
            e.HasOne<Unit>().WithMany().HasForeignKey(o => o.UnitId).OnDelete(DeleteBehavior.Restrict);
            e.HasIndex(o => new { o.UnitId, o.Name }).IsUnique();
            e.HasIndex(o => o.UnitPath);
        });

        builder.Entity<OrganisationHeadcount>(e =>
        {
            e.Property(h => h.Group).HasConversion<string>().HasMaxLength(20);
            e.Property(h => h.Level).HasMaxLength(30);
            e.HasOne<Organisation>().WithMany(o => o.Headcounts).HasForeignKey(h => h.OrganisationId).OnDelete(DeleteBehavior.Cascade);
            e.HasIndex(h => new { h.OrganisationId, h.Year, h.Group, h.Level }).IsUnique();
        });

        builder.Entity<OrganisationMember>(e =>
        {
            e.Property(m => m.UserId).HasMaxLength(450);
            e.Property(m => m.Group).HasConversion<string>().HasMaxLength(20);
            e.Property(m => m.Role).HasMaxLength(100);
            e.HasOne<Organisation>().WithMany().HasForeignKey(m => m.OrganisationId).OnDelete(DeleteBehavior.Cascade);
            e.HasOne<AppUser>().WithMany().HasForeignKey(m => m.UserId).OnDelete(DeleteBehavior.Cascade);
            // Enrolment admits one organisation per person; rows of merged communes' organisations may
            // hold a person twice, so the computed target-group figures count people, not rows.
            e.HasIndex(m => new { m.OrganisationId, m.UserId }).IsUnique();
            e.HasIndex(m => m.UserId);
        });

        builder.Entity<PlanSummary>(e =>
        {
            e.Property(s => s.Status).HasConversion<string>().HasMaxLength(20);
            e.Property(s => s.Number).HasMaxLength(60);
            e.Property(s => s.Results).HasMaxLength(20000);
            e.Property(s => s.Shortcomings).HasMaxLength(8000);
            e.Property(s => s.Causes).HasMaxLength(8000);
            e.Property(s => s.Lessons).HasMaxLength(8000);
            e.Property(s => s.NextYear).HasMaxLength(8000);
            e.Property(s => s.Proposals).HasMaxLength(8000);
            e.Property(s => s.IssuedByUserId).HasMaxLength(450);
            e.HasOne<Plan>().WithMany().HasForeignKey(s => s.PlanId).OnDelete(DeleteBehavior.Cascade);
            e.HasIndex(s => s.PlanId).IsUnique();
        });

        builder.Entity<OrganisationJoinCode>(e =>
        {
            e.Property(c => c.CodeHash).HasMaxLength(32);
            e.Property(c => c.Group).HasConversion<string>().HasMaxLength(20);
            e.Property(c => c.Role).HasMaxLength(100);
            e.Property(c => c.CreatedByUserId).HasMaxLength(450);
            e.HasOne<Organisation>().WithMany().HasForeignKey(c => c.OrganisationId).OnDelete(DeleteBehavior.Cascade);
            e.HasIndex(c => c.CodeHash).IsUnique();
        });

        builder.Entity<Plan>(e =>
        {
            e.Property(p => p.UnitPath).HasMaxLength(100);
            e.Property(p => p.Number).HasMaxLength(60);
            e.Property(p => p.Title).HasMaxLength(500);
            e.Property(p => p.IssuingBody).HasMaxLength(200);
            e.Property(p => p.Signer).HasMaxLength(200);
            e.Property(p => p.SignerTitle).HasMaxLength(200);
            e.Property(p => p.Status).HasConversion<string>().HasMaxLength(20);
            e.HasOne<Unit>().WithMany().HasForeignKey(p => p.UnitId).OnDelete(DeleteBehavior.Restrict);
            e.HasOne<Plan>().WithMany().HasForeignKey(p => p.ParentPlanId).OnDelete(DeleteBehavior.Restrict);
            e.HasIndex(p => new { p.UnitPath, p.Year });
        });

        builder.Entity<PlanSection>(e =>
        {
            e.Property(s => s.Number).HasMaxLength(20);
            e.Property(s => s.Title).HasMaxLength(500);
            e.HasOne<Plan>().WithMany(p => p.Sections).HasForeignKey(s => s.PlanId).OnDelete(DeleteBehavior.Cascade);
        });

        builder.Entity<PlanTask>(e =>
        {
            e.Property(t => t.Number).HasMaxLength(20);
            e.Property(t => t.Title).HasMaxLength(500);
            e.Property(t => t.Purpose).HasMaxLength(4000);
            e.Property(t => t.Form).HasMaxLength(4000);
            e.Property(t => t.Schedule).HasConversion<string>().HasMaxLength(20);
            e.Property(t => t.ScheduleText).HasMaxLength(300);
            e.HasOne<PlanSection>().WithMany(s => s.Tasks).HasForeignKey(t => t.SectionId).OnDelete(DeleteBehavior.Cascade);
            e.HasOne<Plan>().WithMany(p => p.Tasks).HasForeignKey(t => t.PlanId).OnDelete(DeleteBehavior.Cascade);
            e.HasOne(t => t.LeadOrganisation).WithMany().HasForeignKey(t => t.LeadOrganisationId).OnDelete(DeleteBehavior.Restrict);
            e.HasIndex(t => new { t.PlanId, t.Number }).IsUnique();
        });

        builder.Entity<PlanTaskCoordinator>(e =>
        {
            e.HasKey(c => new { c.TaskId, c.OrganisationId });
            e.HasOne<PlanTask>().WithMany(t => t.Coordinators).HasForeignKey(c => c.TaskId).OnDelete(DeleteBehavior.Cascade);
            e.HasOne(c => c.Organisation).WithMany().HasForeignKey(c => c.OrganisationId).OnDelete(DeleteBehavior.Restrict);
        });

        builder.Entity<PlanTarget>(e =>
        {
            e.Property(t => t.IndicatorCode).HasMaxLength(60);
            e.Property(t => t.Value).HasPrecision(12, 2);
            e.Property(t => t.UnitLevel).HasConversion<string>().HasMaxLength(20);
            e.Property(t => t.Text).HasMaxLength(1000);
            e.HasOne<PlanTask>().WithMany(t => t.Targets).HasForeignKey(t => t.TaskId).OnDelete(DeleteBehavior.Cascade);
            e.HasOne<Plan>().WithMany(p => p.Targets).HasForeignKey(t => t.PlanId).OnDelete(DeleteBehavior.NoAction);
            e.HasOne<Indicator>().WithMany().HasForeignKey(t => t.IndicatorCode).OnDelete(DeleteBehavior.Restrict);
            e.HasIndex(t => new { t.PlanId, t.IndicatorCode });
        });

        builder.Entity<TaskUpdate>(e =>
        {
            e.Property(u => u.Text).HasMaxLength(4000);
            e.Property(u => u.EvidenceUrl).HasMaxLength(1000);
            e.Property(u => u.EvidenceFileName).HasMaxLength(200);
            e.Property(u => u.EvidenceContentType).HasMaxLength(40);
            e.Property(u => u.ByUserId).HasMaxLength(450);
            e.Property(u => u.ByName).HasMaxLength(256);
            e.HasOne<PlanTask>().WithMany(t => t.Updates).HasForeignKey(u => u.TaskId).OnDelete(DeleteBehavior.Cascade);
            e.HasIndex(u => new { u.TaskId, u.Date });
        });
    }
}
