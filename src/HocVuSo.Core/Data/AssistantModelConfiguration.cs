using HocVuSo.Core.Features.Assistant;
using HocVuSo.Core.Features.Geography;
using Microsoft.EntityFrameworkCore;

namespace HocVuSo.Core.Data;

internal static class AssistantModelConfiguration
{
    public static void Configure(ModelBuilder builder)
    {
        builder.Entity<AssistantDocument>(e =>
        {
            e.Property(d => d.UnitPath).HasMaxLength(100);
            e.Property(d => d.Title).HasMaxLength(300);
            e.Property(d => d.FileName).HasMaxLength(260);
            e.Property(d => d.Kind).HasMaxLength(10);
            e.Property(d => d.ContentType).HasMaxLength(100);
            e.Property(d => d.UploadedByUserId).HasMaxLength(450);
            e.HasOne<Unit>().WithMany().HasForeignKey(d => d.UnitId).OnDelete(DeleteBehavior.Restrict);
            e.HasMany(d => d.Pages).WithOne().HasForeignKey(p => p.DocumentId).OnDelete(DeleteBehavior.Cascade);
            e.HasIndex(d => d.UnitPath);
        });

        builder.Entity<AssistantDocumentPage>(e => e.HasIndex(p => new { p.DocumentId, p.Number }).IsUnique());

        builder.Entity<FaqEntry>(e =>
        {
            e.Property(f => f.Question).HasMaxLength(500);
            e.Property(f => f.Answer).HasMaxLength(4000);
            e.Property(f => f.UpdatedByUserId).HasMaxLength(450);
        });

        builder.Entity<AssistantIndexChange>(e => e.Property(c => c.Source).HasMaxLength(100));

        builder.Entity<AssistantPromptLog>(e =>
        {
            e.Property(l => l.UserId).HasMaxLength(450);
            e.Property(l => l.Question).HasMaxLength(2000);
            e.Property(l => l.Sources).HasMaxLength(4000);
            e.Property(l => l.Outcome).HasMaxLength(20);
            e.HasIndex(l => l.At);
        });
    }
}
