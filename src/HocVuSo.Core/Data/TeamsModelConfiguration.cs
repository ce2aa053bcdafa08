using HocVuSo.Core.Features.Certification;
using HocVuSo.Core.Features.Geography;
using HocVuSo.Core.Features.Teams;
using Microsoft.EntityFrameworkCore;

namespace HocVuSo.Core.Data;

internal static class TeamsModelConfiguration
{
    public static void Configure(ModelBuilder builder, PersonalDataProtector? protector)
    {
        builder.Entity<CommunityTeam>(e =>
        {
            e.Property(t => t.UnitPath).HasMaxLength(100);
            e.Property(t => t.Name).HasMaxLength(300);
            e.Property(t => t.Kind).HasConversion<string>().HasMaxLength(20);
            e.HasOne<Unit>().WithMany().HasForeignKey(t => t.UnitId).OnDelete(DeleteBehavior.Restrict);
            e.HasIndex(t => t.UnitId).IsUnique();
            e.HasIndex(t => t.UnitPath);
        });

        builder.Entity<TeamMember>(e =>
        {
            e.Property(m => m.FullName).HasMaxLength(1000).IsProtectedPersonalData(protector, PersonalDataPurposes.TeamMemberFullName);
            e.Property(m => m.Role).HasConversion<string>().HasMaxLength(20);
            e.Property(m => m.Organisation).HasConversion<string>().HasMaxLength(30);
            e.Property(m => m.Phone).HasMaxLength(200).IsProtectedPersonalData(protector, PersonalDataPurposes.TeamMemberPhone);
            e.Property(m => m.Languages).HasMaxLength(100);
            e.Property(m => m.UserId).HasMaxLength(450);
            e.HasOne(m => m.Team).WithMany(t => t.Members).HasForeignKey(m => m.TeamId).OnDelete(DeleteBehavior.Cascade);
        });

        builder.Entity<TrainingClass>(e =>
        {
            e.Property(c => c.UnitPath).HasMaxLength(100);
            e.Property(c => c.Title).HasMaxLength(200);
            e.Property(c => c.Topic).HasMaxLength(40);
            e.Property(c => c.Place).HasMaxLength(200);
            e.Property(c => c.Trainers).HasMaxLength(500);
            e.Property(c => c.CreatedByUserId).HasMaxLength(450);
            e.HasOne<Unit>().WithMany().HasForeignKey(c => c.UnitId).OnDelete(DeleteBehavior.Restrict);
            e.HasIndex(c => new { c.UnitPath, c.Date });
        });

        builder.Entity<ActivityPhoto>(e =>
        {
            e.Property(p => p.ContentType).HasMaxLength(20);
            e.Property(p => p.UploadedByUserId).HasMaxLength(450);
            e.HasOne<FieldActivity>().WithMany().HasForeignKey(p => p.ActivityId).OnDelete(DeleteBehavior.Cascade);
            e.HasIndex(p => p.ActivityId);
        });

        builder.Entity<ClassAttendance>(e =>
        {
            e.Property(a => a.LearnerUserId).HasMaxLength(450);
            e.Property(a => a.WalkInName).HasMaxLength(1000).IsProtectedPersonalData(protector, PersonalDataPurposes.WalkInName);
            e.HasOne(a => a.Class).WithMany(c => c.Attendance).HasForeignKey(a => a.ClassId).OnDelete(DeleteBehavior.Cascade);
            e.HasOne<Features.Accounts.AppUser>().WithMany().HasForeignKey(a => a.LearnerUserId).OnDelete(DeleteBehavior.Cascade);
            e.HasIndex(a => new { a.ClassId, a.LearnerUserId });
        });

        builder.Entity<FieldActivity>(e =>
        {
            e.Property(a => a.ClientId).HasMaxLength(64);
            e.Property(a => a.RecordedByUserId).HasMaxLength(450);
            e.Property(a => a.Type).HasConversion<string>().HasMaxLength(30);
            e.Property(a => a.UnitPath).HasMaxLength(100);
            e.Property(a => a.VillageCode).HasMaxLength(20);
            e.Property(a => a.Place).HasMaxLength(200);
            e.Property(a => a.Topics).HasMaxLength(300);
            e.Property(a => a.Notes).HasMaxLength(1000);
            e.Property(a => a.HelpedByTopic).HasConversion(JsonColumn.Converter<Dictionary<string, int>>(), JsonColumn.Comparer<Dictionary<string, int>>());
            e.Property(a => a.LearnerUserIds).HasConversion(JsonColumn.Converter<List<string>>(), JsonColumn.Comparer<List<string>>());
            e.HasOne<Features.Accounts.AppUser>().WithMany().HasForeignKey(a => a.RecordedByUserId).OnDelete(DeleteBehavior.Restrict);
            e.HasOne<Unit>().WithMany().HasForeignKey(a => a.UnitId).OnDelete(DeleteBehavior.Restrict);
            e.HasOne<CommunityTeam>().WithMany().HasForeignKey(a => a.TeamId).OnDelete(DeleteBehavior.SetNull);
            e.HasIndex(a => new { a.RecordedByUserId, a.ClientId }).IsUnique();
            e.HasIndex(a => new { a.UnitPath, a.Date });
        });
    }
}
