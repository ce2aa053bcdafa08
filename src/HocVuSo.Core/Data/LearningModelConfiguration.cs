using HocVuSo.Core.Features.Learning;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace HocVuSo.Core.Data;

internal static class LearningModelConfiguration
{
    public static void Configure(ModelBuilder builder)
    {
        builder.Entity<Course>(e =>
        {
            e.Property(c => c.Slug).HasMaxLength(100);
            e.HasIndex(c => c.Slug).IsUnique();
            e.Property(c => c.Status).HasConversion<string>().HasMaxLength(20);
            e.HasOne(c => c.CurrentVersion).WithMany().HasForeignKey(c => c.CurrentVersionId).OnDelete(DeleteBehavior.Restrict);
        });

        builder.Entity<CourseVersion>(e =>
        {
            e.HasOne(v => v.Course).WithMany().HasForeignKey(v => v.CourseId).OnDelete(DeleteBehavior.Cascade);
            e.HasIndex(v => new { v.CourseId, v.Number }).IsUnique();
            e.Property(v => v.ContentHash).HasMaxLength(64);
            e.Property(v => v.TargetGroups).HasMaxLength(200);
            Json(e.Property(v => v.Title));
            Json(e.Property(v => v.Summary));
        });

        builder.Entity<LearningModule>(e =>
        {
            e.Property(m => m.Slug).HasMaxLength(100);
            e.HasOne(m => m.CourseVersion).WithMany(v => v.Modules).HasForeignKey(m => m.CourseVersionId).OnDelete(DeleteBehavior.Cascade);
            e.HasIndex(m => new { m.CourseVersionId, m.Slug }).IsUnique();
            Json(e.Property(m => m.Title));
            Json(e.Property(m => m.Summary));
        });

        builder.Entity<Lesson>(e =>
        {
            e.Property(l => l.Slug).HasMaxLength(100);
            e.Property(l => l.Competencies).HasMaxLength(100);
            e.Property(l => l.TargetGroups).HasMaxLength(200);
            e.HasOne(l => l.Module).WithMany(m => m.Lessons).HasForeignKey(l => l.ModuleId).OnDelete(DeleteBehavior.Cascade);
            e.HasIndex(l => new { l.ModuleId, l.Slug }).IsUnique();
            Json(e.Property(l => l.Title));
            Json(e.Property(l => l.Body));
        });

        builder.Entity<Quiz>(e =>
        {
            e.Property(q => q.Slug).HasMaxLength(100);
            e.Property(q => q.Competencies).HasMaxLength(200);
            e.HasOne(q => q.CourseVersion).WithMany().HasForeignKey(q => q.CourseVersionId).OnDelete(DeleteBehavior.Cascade);
            e.HasOne(q => q.Module).WithMany().HasForeignKey(q => q.ModuleId).OnDelete(DeleteBehavior.Restrict);
            e.HasIndex(q => new { q.CourseVersionId, q.Slug }).IsUnique();
            Json(e.Property(q => q.Title));
        });

        builder.Entity<Question>(e =>
        {
            e.Property(q => q.Slug).HasMaxLength(100);
            e.Property(q => q.Type).HasMaxLength(20);
            e.Property(q => q.Competency).HasMaxLength(10);
            e.Property(q => q.LessonSlug).HasMaxLength(100);
            e.HasOne(q => q.CourseVersion).WithMany().HasForeignKey(q => q.CourseVersionId).OnDelete(DeleteBehavior.Cascade);
            e.HasOne(q => q.Module).WithMany().HasForeignKey(q => q.ModuleId).OnDelete(DeleteBehavior.Restrict);
            e.HasIndex(q => new { q.CourseVersionId, q.Slug }).IsUnique();
            e.HasIndex(q => new { q.ModuleId, q.Competency });
            Json(e.Property(q => q.Text));
            Json(e.Property(q => q.Explanation));
            Json(e.Property(q => q.Options));
        });

        builder.Entity<LearningMedia>(e =>
        {
            e.Property(m => m.Path).HasMaxLength(300);
            e.Property(m => m.ContentType).HasMaxLength(50);
            e.HasOne(m => m.CourseVersion).WithMany().HasForeignKey(m => m.CourseVersionId).OnDelete(DeleteBehavior.Cascade);
            e.HasIndex(m => new { m.CourseVersionId, m.Path }).IsUnique();
        });

        builder.Entity<QuizAttempt>(e =>
        {
            e.Property(a => a.UserId).HasMaxLength(450);
            e.Property(a => a.SubmissionKey).HasMaxLength(100);
            e.Property(a => a.AssistedByUserId).HasMaxLength(450);
            e.Property(a => a.UnitPath).HasMaxLength(100);
            e.Property(a => a.Score).HasPrecision(5, 1);
            e.HasOne(a => a.Quiz).WithMany().HasForeignKey(a => a.QuizId).OnDelete(DeleteBehavior.Restrict);
            e.HasOne<Features.Accounts.AppUser>().WithMany().HasForeignKey(a => a.UserId).OnDelete(DeleteBehavior.Cascade);
            e.HasIndex(a => new { a.UserId, a.QuizId, a.StartedAt });
            e.HasIndex(a => a.UnitPath);
            Json(e.Property(a => a.Items));
        });

        ConfigureAssisted(builder);

        builder.Entity<LessonProgress>(e =>
        {
            e.Property(p => p.UserId).HasMaxLength(450);
            e.Property(p => p.CourseSlug).HasMaxLength(100);
            e.Property(p => p.LessonSlug).HasMaxLength(100);
            e.Property(p => p.UnitPath).HasMaxLength(100);
            e.HasOne<Features.Accounts.AppUser>().WithMany().HasForeignKey(p => p.UserId).OnDelete(DeleteBehavior.Cascade);
            e.HasIndex(p => new { p.UserId, p.CourseSlug, p.LessonSlug }).IsUnique();
            e.HasIndex(p => p.UnitPath);
        });
    }

    private static void ConfigureAssisted(ModelBuilder builder) => builder.Entity<AssistedSession>(e =>
    {
        e.Property(s => s.HelperUserId).HasMaxLength(450);
        e.Property(s => s.LearnerUserId).HasMaxLength(450);
        e.Property(s => s.UnitPath).HasMaxLength(100);
        e.HasOne<Features.Accounts.AppUser>().WithMany().HasForeignKey(s => s.HelperUserId).OnDelete(DeleteBehavior.Restrict);
        e.HasOne<Features.Accounts.AppUser>().WithMany().HasForeignKey(s => s.LearnerUserId).OnDelete(DeleteBehavior.Cascade);
        e.HasIndex(s => new { s.HelperUserId, s.StartedAt });
        e.HasIndex(s => s.LearnerUserId);
        e.HasIndex(s => s.UnitPath);
    });

    private static void Json<T>(PropertyBuilder<T> property)
        where T : new()
    {
        property.HasConversion(JsonColumn.Converter<T>(), JsonColumn.Comparer<T>());
    }
}
