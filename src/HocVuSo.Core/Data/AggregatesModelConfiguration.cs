using HocVuSo.Core.Features.Reporting;
using Microsoft.EntityFrameworkCore;

namespace HocVuSo.Core.Data;

internal static class AggregatesModelConfiguration
{
    public static void Configure(ModelBuilder builder)
    {
        builder.Entity<IndicatorAggregate>(e =>
        {
            e.Property(a => a.UnitCode).HasMaxLength(20);
            e.Property(a => a.ParentCode).HasMaxLength(20);
            e.Property(a => a.Code).HasMaxLength(60);
            e.Property(a => a.Source).HasConversion<string>().HasMaxLength(20);
            e.Property(a => a.Status).HasMaxLength(20);
            e.Property(a => a.Value).HasPrecision(18, 2);
            e.HasIndex(a => new { a.UnitId, a.Period, a.Code, a.Source }).IsUnique();
            e.HasIndex(a => new { a.ParentCode, a.Code, a.Period });
            e.HasIndex(a => new { a.Period, a.Source });
        });

        builder.Entity<AggregateDirtyMark>(e =>
        {
            e.Property(m => m.UnitPath).HasMaxLength(100);
            e.HasIndex(m => m.Period);
        });

        builder.Entity<RollupState>(e => e.HasKey(s => s.Period));
    }
}
