using HocVuSo.Core.Features.Accounts;
using HocVuSo.Core.Features.Privacy;
using Microsoft.EntityFrameworkCore;

namespace HocVuSo.Core.Data;

/// <summary>Consents and deletion requests (Features/Privacy): ids and dates only, no personal data.</summary>
internal static class PrivacyModelConfiguration
{
    public static void Configure(ModelBuilder builder)
    {
        builder.Entity<ConsentRecord>(e =>
        {
            e.Property(c => c.UserId).HasMaxLength(450);
            e.Property(c => c.Purpose).HasConversion<string>().HasMaxLength(30);
            e.Property(c => c.Channel).HasConversion<string>().HasMaxLength(30);
            e.Property(c => c.WordingVersion).HasMaxLength(30);
            e.Property(c => c.RecordedByUserId).HasMaxLength(450);
            e.HasIndex(c => new { c.UserId, c.Purpose });
            e.HasOne<AppUser>().WithMany().HasForeignKey(c => c.UserId).OnDelete(DeleteBehavior.Cascade);
        });

        builder.Entity<DeletionRequest>(e =>
        {
            e.Property(r => r.UserId).HasMaxLength(450);
            e.Property(r => r.UnitPath).HasMaxLength(100);
            e.Property(r => r.Status).HasConversion<string>().HasMaxLength(20);
            e.Property(r => r.CompletedByUserId).HasMaxLength(450);
            e.HasIndex(r => r.UserId);
            e.HasIndex(r => new { r.Status, r.UnitPath });
            e.HasOne<AppUser>().WithMany().HasForeignKey(r => r.UserId).OnDelete(DeleteBehavior.Cascade);
        });
    }
}
