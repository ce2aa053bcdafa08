using HocVuSo.Core.Features.Geography;
using HocVuSo.Core.Features.Oversight;
using HocVuSo.Core.Features.Plans;
using Microsoft.EntityFrameworkCore;

namespace HocVuSo.Core.Data;

internal static class InspectionsModelConfiguration
{
    public static void Configure(ModelBuilder builder)
    {
        builder.Entity<ChecklistTemplate>(e =>
        {
            e.Property(t => t.UnitPath).HasMaxLength(100);
            e.Property(t => t.Name).HasMaxLength(InspectionRules.MaxTitle);
            e.Property(t => t.CreatedByUserId).HasMaxLength(450);
            e.HasOne<Unit>().WithMany().HasForeignKey(t => t.UnitId).OnDelete(DeleteBehavior.Restrict);
            e.HasIndex(t => t.UnitPath);
        });

        builder.Entity<ChecklistCriterion>(e =>
        {
            e.Property(c => c.Text).HasMaxLength(InspectionRules.MaxCriterion);
            e.Property(c => c.Scale).HasMaxLength(20);
            e.HasOne<ChecklistTemplate>().WithMany(t => t.Criteria).HasForeignKey(c => c.TemplateId).OnDelete(DeleteBehavior.Cascade);
            e.HasIndex(c => new { c.TemplateId, c.Number }).IsUnique();
        });

        builder.Entity<InspectionPlan>(e =>
        {
            e.Property(p => p.OwnerUnitPath).HasMaxLength(100);
            e.Property(p => p.Kind).HasConversion<string>().HasMaxLength(30);
            e.Property(p => p.Status).HasConversion<string>().HasMaxLength(20);
            e.Property(p => p.Title).HasMaxLength(InspectionRules.MaxTitle);
            e.Property(p => p.CreatedByUserId).HasMaxLength(450);
            e.HasOne<Unit>().WithMany().HasForeignKey(p => p.OwnerUnitId).OnDelete(DeleteBehavior.Restrict);
            e.HasOne<ChecklistTemplate>().WithMany().HasForeignKey(p => p.TemplateId).OnDelete(DeleteBehavior.Restrict);
            e.HasIndex(p => p.OwnerUnitPath);
        });

        builder.Entity<InspectionPlanUnit>(e =>
        {
            e.HasKey(u => new { u.PlanId, u.UnitId });
            e.Property(u => u.UnitPath).HasMaxLength(100);
            e.HasOne<InspectionPlan>().WithMany(p => p.Units).HasForeignKey(u => u.PlanId).OnDelete(DeleteBehavior.Cascade);
            e.HasOne<Unit>().WithMany().HasForeignKey(u => u.UnitId).OnDelete(DeleteBehavior.Restrict);
            e.HasIndex(u => u.UnitPath);
        });

        builder.Entity<InspectionVisit>(e =>
        {
            e.Property(v => v.UnitPath).HasMaxLength(100);
            e.Property(v => v.Members).HasMaxLength(InspectionRules.MaxText);
            e.Property(v => v.RecordedByUserId).HasMaxLength(450);
            e.Property(v => v.RecordedByName).HasMaxLength(256);
            e.HasOne<InspectionPlan>().WithMany().HasForeignKey(v => v.PlanId).OnDelete(DeleteBehavior.Cascade);
            e.HasOne<Unit>().WithMany().HasForeignKey(v => v.UnitId).OnDelete(DeleteBehavior.Restrict);
            e.HasIndex(v => v.UnitPath);
        });

        builder.Entity<InspectionFinding>(e =>
        {
            e.Property(f => f.Rating).HasMaxLength(20);
            e.Property(f => f.Text).HasMaxLength(InspectionRules.MaxText);
            e.Property(f => f.EvidenceUrl).HasMaxLength(InspectionRules.MaxUrl);
            e.Property(f => f.EvidenceFileName).HasMaxLength(200);
            e.Property(f => f.EvidenceContentType).HasMaxLength(40);
            e.Property(f => f.Answer).HasMaxLength(InspectionRules.MaxText);
            e.Property(f => f.AnsweredByUserId).HasMaxLength(450);
            e.Property(f => f.AnsweredByName).HasMaxLength(256);
            e.HasOne<InspectionVisit>().WithMany(v => v.Findings).HasForeignKey(f => f.VisitId).OnDelete(DeleteBehavior.Cascade);
            e.HasOne<ChecklistCriterion>().WithMany().HasForeignKey(f => f.CriterionId).OnDelete(DeleteBehavior.Restrict);
            e.HasIndex(f => new { f.VisitId, f.CriterionId }).IsUnique();
        });

        builder.Entity<InspectionFollowUp>(e =>
        {
            e.Property(f => f.Text).HasMaxLength(InspectionRules.MaxTitle);
            e.Property(f => f.State).HasConversion<string>().HasMaxLength(20);
            e.HasOne<InspectionVisit>().WithMany(v => v.FollowUps).HasForeignKey(f => f.VisitId).OnDelete(DeleteBehavior.Cascade);
            e.HasOne<Organisation>().WithMany().HasForeignKey(f => f.LeadOrganisationId).OnDelete(DeleteBehavior.Restrict);
            e.HasOne<PlanTask>().WithMany().HasForeignKey(f => f.PlanTaskId).OnDelete(DeleteBehavior.SetNull);
            e.HasIndex(f => new { f.VisitId, f.Position }).IsUnique();
        });
    }
}
