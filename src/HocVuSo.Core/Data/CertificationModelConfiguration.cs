using HocVuSo.Core.Features.Accounts;
using HocVuSo.Core.Features.Certification;
using Microsoft.EntityFrameworkCore;

namespace HocVuSo.Core.Data;

internal static class CertificationModelConfiguration
{
    public static void Configure(ModelBuilder builder)
    {
        builder.Entity<PersonIdentity>(e =>
        {
            e.Property(p => p.UserId).HasMaxLength(450);
            e.Property(p => p.KeyId).HasMaxLength(40);
            e.Property(p => p.Gender).HasConversion<string>().HasMaxLength(10);
            e.Property(p => p.RecordedByUserId).HasMaxLength(450);
            e.HasOne<AppUser>().WithOne().HasForeignKey<PersonIdentity>(p => p.UserId).OnDelete(DeleteBehavior.Cascade);
            e.HasIndex(p => p.UserId).IsUnique();
            e.HasIndex(p => p.IdNumberHash).IsUnique();
        });
    }
}
