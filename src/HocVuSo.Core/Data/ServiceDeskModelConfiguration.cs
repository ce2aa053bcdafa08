using HocVuSo.Core.Features.Accounts;
using HocVuSo.Core.Features.Certification;
using HocVuSo.Core.Features.Geography;
using HocVuSo.Core.Features.ServiceDesk;
using Microsoft.EntityFrameworkCore;

namespace HocVuSo.Core.Data;

internal static class ServiceDeskModelConfiguration
{
    public static void Configure(ModelBuilder builder)
    {
        builder.Entity<ExternalConfirmation>(e =>
        {
            e.Property(c => c.IdNumberHash).HasMaxLength(32);
            e.Property(c => c.UnitPath).HasMaxLength(100);
            e.Property(c => c.Source).HasConversion<string>().HasMaxLength(20);
            e.Property(c => c.Course).HasMaxLength(200);
            e.Property(c => c.RecordedByUserId).HasMaxLength(450);
            e.HasOne<Unit>().WithMany().HasForeignKey(c => c.CommuneId).OnDelete(DeleteBehavior.Restrict);
            e.HasIndex(c => c.IdNumberHash).IsUnique();
            e.HasIndex(c => c.UnitPath);
        });

        builder.Entity<DeskService>(e =>
        {
            e.Property(s => s.Name).HasMaxLength(200);
            e.HasIndex(s => s.Name).IsUnique();
        });

        builder.Entity<DeskVisit>(e =>
        {
            e.Property(v => v.UnitPath).HasMaxLength(100);
            e.Property(v => v.AgeBand).HasMaxLength(20);
            e.Property(v => v.Gender).HasMaxLength(20);
            e.Property(v => v.LearnerUserId).HasMaxLength(450);
            e.Property(v => v.RecordedByUserId).HasMaxLength(450);
            e.HasOne<Unit>().WithMany().HasForeignKey(v => v.CommuneId).OnDelete(DeleteBehavior.Restrict);
            e.HasOne(v => v.Service).WithMany().HasForeignKey(v => v.ServiceId).OnDelete(DeleteBehavior.Restrict);
            e.HasOne<AppUser>().WithMany().HasForeignKey(v => v.LearnerUserId).OnDelete(DeleteBehavior.SetNull);
            e.HasIndex(v => new { v.UnitPath, v.Date });
        });
    }
}
