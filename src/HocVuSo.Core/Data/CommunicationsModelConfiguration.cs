using HocVuSo.Core.Features.Geography;
using HocVuSo.Core.Features.Oversight;
using Microsoft.EntityFrameworkCore;

namespace HocVuSo.Core.Data;

internal static class CommunicationsModelConfiguration
{
    public static void Configure(ModelBuilder builder)
    {
        builder.Entity<CommunicationItem>(e =>
        {
            e.Property(i => i.Kind).HasMaxLength(30);
            e.Property(i => i.Channel).HasMaxLength(CommunicationRules.MaxChannelLength);
            e.Property(i => i.Title).HasMaxLength(200);
            e.Property(i => i.Topic).HasMaxLength(200);
            e.Property(i => i.UnitPath).HasMaxLength(100);
            e.Property(i => i.Language).HasMaxLength(3);
            e.Property(i => i.Url).HasMaxLength(CommunicationLinks.MaxLength);
            e.Property(i => i.UrlKey).HasMaxLength(CommunicationLinks.MaxLength);
            e.Property(i => i.LinkError).HasMaxLength(40);
            e.Property(i => i.RecordedByUserId).HasMaxLength(450);
            e.HasOne<Features.Accounts.AppUser>().WithMany().HasForeignKey(i => i.RecordedByUserId).OnDelete(DeleteBehavior.Restrict);
            e.HasOne<Unit>().WithMany().HasForeignKey(i => i.UnitId).OnDelete(DeleteBehavior.Restrict);
            e.HasOne<Unit>().WithMany().HasForeignKey(i => i.CommuneId).OnDelete(DeleteBehavior.Restrict);
            e.HasOne<CommunicationItem>().WithMany().HasForeignKey(i => i.DuplicateOfId).OnDelete(DeleteBehavior.Restrict);
            e.HasIndex(i => new { i.UnitPath, i.Period });
            e.HasIndex(i => new { i.CommuneId, i.Period, i.UrlKey });
        });

        builder.Entity<CommunicationPhoto>(e =>
        {
            e.Property(p => p.ContentType).HasMaxLength(20);
            e.Property(p => p.UploadedByUserId).HasMaxLength(450);
            e.HasOne<CommunicationItem>().WithMany().HasForeignKey(p => p.ItemId).OnDelete(DeleteBehavior.Cascade);
            e.HasIndex(p => p.ItemId).IsUnique();
        });
    }
}
