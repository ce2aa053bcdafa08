using HocVuSo.Core.Features.Accounts;
using HocVuSo.Core.Features.Awards;
using HocVuSo.Core.Features.Certification;
using HocVuSo.Core.Features.Geography;
using HocVuSo.Core.Features.Plans;
using Microsoft.EntityFrameworkCore;

namespace HocVuSo.Core.Data;

internal static class AwardsModelConfiguration
{
    // Purposes live with every other protected column's in PersonalDataPurposes, which key rotation and its test go through.
    public const string NomineeNamePurpose = PersonalDataPurposes.AwardNomineeName;
    public const string RecipientNamePurpose = PersonalDataPurposes.AwardRecipientName;

    public static void Configure(ModelBuilder builder, PersonalDataProtector? protector)
    {
        builder.Entity<AwardScheme>(e =>
        {
            e.Property(s => s.UnitPath).HasMaxLength(100);
            e.Property(s => s.Title).HasMaxLength(300);
            e.Property(s => s.Model).HasMaxLength(40);
            e.Property(s => s.NomineeKinds).HasMaxLength(100);
            e.Property(s => s.CreatedByUserId).HasMaxLength(450);
            e.HasOne<Unit>().WithMany().HasForeignKey(s => s.UnitId).OnDelete(DeleteBehavior.Restrict);
            e.HasIndex(s => new { s.UnitPath, s.Year });
        });

        builder.Entity<AwardCriterion>(e =>
        {
            e.Property(c => c.Title).HasMaxLength(300);
            e.Property(c => c.Source).HasMaxLength(40);
            e.HasOne<AwardScheme>().WithMany(s => s.Criteria).HasForeignKey(c => c.SchemeId).OnDelete(DeleteBehavior.Cascade);
            e.HasIndex(c => new { c.SchemeId, c.Number }).IsUnique();
        });

        builder.Entity<CouncilMember>(e =>
        {
            e.Property(m => m.UserId).HasMaxLength(450);
            e.Property(m => m.Role).HasMaxLength(20);
            e.Property(m => m.VillagePath).HasMaxLength(100);
            e.HasOne<AwardScheme>().WithMany(s => s.Council).HasForeignKey(m => m.SchemeId).OnDelete(DeleteBehavior.Cascade);
            e.HasOne<AppUser>().WithMany().HasForeignKey(m => m.UserId).OnDelete(DeleteBehavior.Restrict);
            e.HasOne<Organisation>().WithMany().HasForeignKey(m => m.OrganisationId).OnDelete(DeleteBehavior.Restrict);
            e.HasIndex(m => new { m.SchemeId, m.UserId }).IsUnique();
        });

        builder.Entity<Nomination>(e =>
        {
            e.Property(n => n.Kind).HasConversion<string>().HasMaxLength(20);
            e.Property(n => n.State).HasConversion<string>().HasMaxLength(20);
            e.Property(n => n.UnitPath).HasMaxLength(100);
            e.Property(n => n.NomineeUserId).HasMaxLength(450);
            e.Property(n => n.NomineeName).HasMaxLength(1000).IsProtectedPersonalData(protector, NomineeNamePurpose);
            e.Property(n => n.Story).HasMaxLength(4000);
            e.Property(n => n.PhotoUrl).HasMaxLength(2000);
            e.Property(n => n.NominatedByUserId).HasMaxLength(450);
            e.Property(n => n.WithdrawnReason).HasMaxLength(4000);
            e.Property(n => n.ResultScore).HasPrecision(6, 1);
            e.HasOne<AwardScheme>().WithMany().HasForeignKey(n => n.SchemeId).OnDelete(DeleteBehavior.Restrict);
            e.HasOne<Unit>().WithMany().HasForeignKey(n => n.UnitId).OnDelete(DeleteBehavior.Restrict);
            e.HasOne<Organisation>().WithMany().HasForeignKey(n => n.NomineeOrganisationId).OnDelete(DeleteBehavior.Restrict);
            e.HasIndex(n => new { n.SchemeId, n.State });
            e.HasIndex(n => n.UnitPath);
        });

        builder.Entity<NominationFigure>(e =>
        {
            e.Property(f => f.Metric).HasMaxLength(40);
            e.Property(f => f.Value).HasPrecision(18, 2);
            e.Property(f => f.Denominator).HasPrecision(18, 2);
            e.HasOne<Nomination>().WithMany(n => n.Figures).HasForeignKey(f => f.NominationId).OnDelete(DeleteBehavior.Cascade);
            e.HasOne<AwardCriterion>().WithMany().HasForeignKey(f => f.CriterionId).OnDelete(DeleteBehavior.Restrict);
        });

        builder.Entity<NominationEvidence>(e =>
        {
            e.Property(x => x.Text).HasMaxLength(4000);
            e.Property(x => x.Url).HasMaxLength(2000);
            e.HasOne<Nomination>().WithMany(n => n.Evidence).HasForeignKey(x => x.NominationId).OnDelete(DeleteBehavior.Cascade);
            e.HasOne<AwardCriterion>().WithMany().HasForeignKey(x => x.CriterionId).OnDelete(DeleteBehavior.Restrict);
        });

        builder.Entity<AppraisalScore>(e =>
        {
            e.HasOne<Nomination>().WithMany().HasForeignKey(s => s.NominationId).OnDelete(DeleteBehavior.Cascade);
            e.HasOne<CouncilMember>().WithMany().HasForeignKey(s => s.MemberId).OnDelete(DeleteBehavior.Restrict);
            e.HasOne<AwardCriterion>().WithMany().HasForeignKey(s => s.CriterionId).OnDelete(DeleteBehavior.Restrict);
            e.HasIndex(s => new { s.NominationId, s.MemberId, s.CriterionId }).IsUnique();
        });

        builder.Entity<AppraisalVote>(e =>
        {
            e.Property(v => v.Vote).HasMaxLength(20);
            e.Property(v => v.Comment).HasMaxLength(4000);
            e.HasOne<Nomination>().WithMany().HasForeignKey(v => v.NominationId).OnDelete(DeleteBehavior.Cascade);
            e.HasOne<CouncilMember>().WithMany().HasForeignKey(v => v.MemberId).OnDelete(DeleteBehavior.Restrict);
            e.HasIndex(v => new { v.NominationId, v.MemberId }).IsUnique();
        });

        builder.Entity<RecognitionDecision>(e =>
        {
            e.Property(d => d.UnitPath).HasMaxLength(100);
            e.Property(d => d.Number).HasMaxLength(100);
            e.Property(d => d.Signer).HasMaxLength(300);
            e.Property(d => d.IssuedByUserId).HasMaxLength(450);
            e.HasOne<Unit>().WithMany().HasForeignKey(d => d.UnitId).OnDelete(DeleteBehavior.Restrict);
            e.HasIndex(d => new { d.UnitId, d.Number }).IsUnique();
        });

        builder.Entity<DecisionItem>(e =>
        {
            e.Property(i => i.UnitPath).HasMaxLength(100);
            e.Property(i => i.Model).HasMaxLength(40);
            e.Property(i => i.Serial).HasMaxLength(40);
            e.Property(i => i.RecipientName).HasMaxLength(1000).IsProtectedPersonalData(protector, RecipientNamePurpose);
            e.Property(i => i.Signature).HasMaxLength(100);
            e.Property(i => i.SigningKeyId).HasMaxLength(40);
            e.Property(i => i.RevocationReason).HasMaxLength(4000);
            e.HasOne<RecognitionDecision>().WithMany(d => d.Items).HasForeignKey(i => i.DecisionId).OnDelete(DeleteBehavior.Cascade);
            e.HasOne<Nomination>().WithMany().HasForeignKey(i => i.NominationId).OnDelete(DeleteBehavior.Restrict);
            e.HasIndex(i => i.NominationId).IsUnique();
            e.HasIndex(i => i.Serial).IsUnique();
            e.HasIndex(i => new { i.Model, i.UnitPath });
        });

        builder.Entity<FestivalEvent>(e =>
        {
            e.Property(x => x.UnitPath).HasMaxLength(100);
            e.Property(x => x.Title).HasMaxLength(300);
            e.Property(x => x.Place).HasMaxLength(300);
            e.HasOne<Unit>().WithMany().HasForeignKey(x => x.UnitId).OnDelete(DeleteBehavior.Restrict);
            e.HasIndex(x => new { x.UnitPath, x.Year });
        });
    }
}
