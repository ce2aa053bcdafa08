using HocVuSo.Core.Common.Coordination;
using Microsoft.EntityFrameworkCore;

namespace HocVuSo.Core.Data;

/// <summary>What instances of the platform share to work side by side: job leases and attempt counters. No personal data.</summary>
internal static class CoordinationModelConfiguration
{
    public static void Configure(ModelBuilder builder)
    {
        builder.Entity<JobLease>(e =>
        {
            e.HasKey(l => l.Name);
            e.Property(l => l.Name).HasMaxLength(JobLease.MaxNameLength);
            e.Property(l => l.Holder).HasMaxLength(JobLease.MaxHolderLength);
        });

        builder.Entity<RateCounter>(e =>
        {
            e.HasKey(c => c.Key);
            e.Property(c => c.Key).HasMaxLength(RateCounter.MaxKeyLength);
            // Old windows are swept by window number.
            e.HasIndex(c => c.Window);
        });
    }
}
