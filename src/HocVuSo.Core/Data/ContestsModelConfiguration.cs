using HocVuSo.Core.Features.Accounts;
using HocVuSo.Core.Features.Contests;
using HocVuSo.Core.Features.Geography;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace HocVuSo.Core.Data;

internal static class ContestsModelConfiguration
{
    public static void Configure(ModelBuilder builder)
    {
        builder.Entity<Contest>(e =>
        {
            e.ToTable("Contests");
            e.Property(c => c.Title).HasMaxLength(ContestRules.MaxTitle);
            e.Property(c => c.Description).HasMaxLength(ContestRules.MaxText);
            e.Property(c => c.PredictionQuestion).HasMaxLength(ContestRules.MaxText);
            e.Property(c => c.OrganiserUnitPath).HasMaxLength(100);
            e.Property(c => c.Audience).HasConversion<string>().HasMaxLength(20);
            e.Property(c => c.CreatedByUserId).HasMaxLength(450);
            e.HasOne<Unit>().WithMany().HasForeignKey(c => c.OrganiserUnitId).OnDelete(DeleteBehavior.Restrict);
            e.HasIndex(c => c.OrganiserUnitPath);
        });

        builder.Entity<ContestRound>(e =>
        {
            e.ToTable("ContestRounds");
            e.HasOne(r => r.Contest).WithMany(c => c.Rounds).HasForeignKey(r => r.ContestId).OnDelete(DeleteBehavior.Cascade);
            e.HasIndex(r => new { r.ContestId, r.Number }).IsUnique();
        });

        builder.Entity<ContestQuestion>(e =>
        {
            e.ToTable("ContestQuestions");
            e.Property(q => q.Slug).HasMaxLength(100);
            e.Property(q => q.Type).HasMaxLength(20);
            e.Property(q => q.Competency).HasMaxLength(10);
            e.HasOne<Contest>().WithMany().HasForeignKey(q => q.ContestId).OnDelete(DeleteBehavior.Cascade);
            e.HasIndex(q => new { q.ContestId, q.Slug }).IsUnique();
            Json(e.Property(q => q.Text));
            Json(e.Property(q => q.Explanation));
            Json(e.Property(q => q.Options));
        });

        builder.Entity<ContestEntry>(e =>
        {
            e.ToTable("ContestEntries");
            e.Property(x => x.UserId).HasMaxLength(450);
            e.Property(x => x.OpenForUserId).HasMaxLength(450);
            e.Property(x => x.PersonKey).HasMaxLength(32);
            e.Property(x => x.HomeUnitPath).HasMaxLength(100);
            e.Property(x => x.Group).HasConversion<string>().HasMaxLength(20);
            e.Property(x => x.PublicName).HasMaxLength(200);
            e.Property(x => x.PublicUnit).HasMaxLength(250);
            e.Property(x => x.SubmissionKey).HasMaxLength(100);
            e.Property(x => x.Answers).HasMaxLength(20_000);
            e.Property(x => x.QuestionIds).HasConversion(JsonColumn.Converter<List<int>>(), JsonColumn.Comparer<List<int>>()).HasMaxLength(2000);
            e.HasOne<ContestRound>().WithMany().HasForeignKey(x => x.RoundId).OnDelete(DeleteBehavior.Cascade);
            e.HasOne<AppUser>().WithMany().HasForeignKey(x => x.UserId).OnDelete(DeleteBehavior.Cascade);
            e.HasOne<Unit>().WithMany().HasForeignKey(x => x.HomeUnitId).OnDelete(DeleteBehavior.Restrict);

            // One entry per person per round, whatever the account; one open entry per account.
            e.HasIndex(x => new { x.RoundId, x.PersonKey }).IsUnique();
            e.HasIndex(x => x.OpenForUserId).IsUnique();
            e.HasIndex(x => new { x.UserId, x.RoundId });

            // The live ranking: read in this order, counted through it; never sorted per request.
            e.HasIndex(x => new { x.RoundId, x.Correct, x.TimeTakenMs, x.PredictionDistance }).IsDescending(false, true, false, false);
            e.HasIndex(x => new { x.RoundId, x.HomeUnitPath });
        });

        builder.Entity<ContestPrize>(e =>
        {
            e.ToTable("ContestPrizes");
            e.Property(p => p.Prize).HasMaxLength(ContestRules.MaxPrize);
            e.Property(p => p.DecisionNumber).HasMaxLength(100);
            e.Property(p => p.AwardedByUserId).HasMaxLength(450);
            e.HasOne<ContestRound>().WithMany().HasForeignKey(p => p.RoundId).OnDelete(DeleteBehavior.Cascade);
            e.HasOne<ContestEntry>().WithMany().HasForeignKey(p => p.EntryId).OnDelete(DeleteBehavior.Cascade);
            e.HasIndex(p => p.EntryId).IsUnique();
            e.HasIndex(p => p.RoundId);
        });
    }

    private static void Json<T>(PropertyBuilder<T> property)
        where T : new() =>
        property.HasConversion(JsonColumn.Converter<T>(), JsonColumn.Comparer<T>());
}
