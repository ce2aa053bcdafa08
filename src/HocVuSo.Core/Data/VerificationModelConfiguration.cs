using HocVuSo.Core.Features.Geography;
using HocVuSo.Core.Features.Oversight;
using Microsoft.EntityFrameworkCore;

namespace HocVuSo.Core.Data;

internal static class VerificationModelConfiguration
{
    public static void Configure(ModelBuilder builder)
    {
        builder.Entity<VerificationSample>(e =>
        {
            e.Property(s => s.UnitPath).HasMaxLength(100);
            e.Property(s => s.CommuneCode).HasMaxLength(20);
            e.Property(s => s.Kind).HasConversion<string>().HasMaxLength(30);
            e.Property(s => s.DrawnByUserId).HasMaxLength(450);
            e.Property(s => s.DrawnByName).HasMaxLength(256);
            e.HasOne<Unit>().WithMany().HasForeignKey(s => s.UnitId).OnDelete(DeleteBehavior.Restrict);
            e.HasIndex(s => new { s.UnitPath, s.Period, s.Kind });
        });

        builder.Entity<VerificationItem>(e =>
        {
            e.Property(i => i.SubjectKey).HasMaxLength(40);
            e.Property(i => i.VillageCode).HasMaxLength(20);
            e.Property(i => i.Outcome).HasConversion<string>().HasMaxLength(30);
            e.Property(i => i.Note).HasMaxLength(2000);
            e.Property(i => i.RecordedByUserId).HasMaxLength(450);
            e.HasOne<VerificationSample>().WithMany(s => s.Items).HasForeignKey(i => i.SampleId).OnDelete(DeleteBehavior.Cascade);
            e.HasIndex(i => new { i.SampleId, i.Position }).IsUnique();
        });
    }
}
