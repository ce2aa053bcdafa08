using HocVuSo.Core.Features.Geography;
using HocVuSo.Core.Features.Reporting;
using Microsoft.EntityFrameworkCore;

namespace HocVuSo.Core.Data;

internal static class ReportingModelConfiguration
{
    public static void Configure(ModelBuilder builder)
    {
        builder.Entity<Indicator>(e =>
        {
            e.HasKey(i => i.Code);
            e.Property(i => i.Code).HasMaxLength(60);
            e.Property(i => i.NameVi).HasMaxLength(300);
            e.Property(i => i.NameEn).HasMaxLength(300);
            e.Property(i => i.Denominator).HasConversion<string>().HasMaxLength(30);
            e.Property(i => i.Unit).HasConversion<string>().HasMaxLength(20);
            e.Property(i => i.Computation).HasMaxLength(60);
        });

        builder.Entity<MonthlyReport>(e =>
        {
            e.Property(r => r.UnitPath).HasMaxLength(100);
            e.Property(r => r.Status).HasConversion<string>().HasMaxLength(20);
            e.Property(r => r.UpdatedByUserId).HasMaxLength(450);
            e.Property(r => r.DecidedByUserId).HasMaxLength(450);
            e.Property(r => r.ReturnComment).HasMaxLength(1000);
            e.Property(r => r.SubmissionKey).HasMaxLength(100);
            e.Property(r => r.Values).HasConversion(JsonColumn.Converter<Dictionary<string, decimal>>(), JsonColumn.Comparer<Dictionary<string, decimal>>());
            e.Property(r => r.Comments).HasConversion(JsonColumn.Converter<Dictionary<string, string>>(), JsonColumn.Comparer<Dictionary<string, string>>());
            e.HasOne<Unit>().WithMany().HasForeignKey(r => r.UnitId).OnDelete(DeleteBehavior.Restrict);
            e.HasIndex(r => new { r.UnitId, r.Period }).IsUnique();
            e.HasIndex(r => new { r.Period, r.UnitPath });
        });

        builder.Entity<ProvincialReport>(e =>
        {
            e.Property(r => r.UnitPath).HasMaxLength(100);
            e.Property(r => r.IssuedByUserId).HasMaxLength(450);
            e.Property(r => r.Totals).HasConversion(JsonColumn.Converter<Dictionary<string, decimal>>(), JsonColumn.Comparer<Dictionary<string, decimal>>());
            e.HasOne<Unit>().WithMany().HasForeignKey(r => r.UnitId).OnDelete(DeleteBehavior.Restrict);
            e.HasIndex(r => new { r.UnitId, r.Period }).IsUnique();
        });
    }
}
