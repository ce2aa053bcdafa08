using HocVuSo.Core.Features.Accounts;
using HocVuSo.Core.Features.Certification;
using Microsoft.EntityFrameworkCore;

namespace HocVuSo.Core.Data;

internal static class CertificationModelConfiguration
{
    public static void Configure(ModelBuilder builder, PersonalDataProtector? protector)
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

        builder.Entity<CertificationRule>(e =>
        {
            e.Property(r => r.Version).HasMaxLength(40);
            e.Property(r => r.CourseSlug).HasMaxLength(100);
            e.Property(r => r.QuizSlug).HasMaxLength(100);
            e.Property(r => r.RequiredDomains).HasMaxLength(100);
            e.Property(r => r.TargetGroup).HasMaxLength(40);
            e.Property(r => r.Campaign).HasMaxLength(100);
            e.Property(r => r.AssistedPolicy).HasConversion<string>().HasMaxLength(40);
            e.HasIndex(r => r.Version).IsUnique();
        });

        builder.Entity<PersonCertification>(e =>
        {
            e.ToTable("Certifications");
            e.Property(c => c.UserId).HasMaxLength(450);
            e.Property(c => c.RuleVersion).HasMaxLength(40);
            e.Property(c => c.Status).HasConversion<string>().HasMaxLength(20);
            e.Property(c => c.EvidenceAttemptIds).HasConversion(JsonColumn.Converter<List<Guid>>(), JsonColumn.Comparer<List<Guid>>()).HasMaxLength(2000);
            e.Property(c => c.UnitPath).HasMaxLength(100);
            e.Property(c => c.CommuneCode).HasMaxLength(20);
            e.Property(c => c.Serial).HasMaxLength(40);
            // Encrypted at rest: 200 characters of name take up to about 900 once encrypted and encoded.
            e.Property(c => c.HolderName).HasMaxLength(1000).IsProtectedPersonalData(protector, PersonalDataPurposes.CertificationHolderName);
            e.Property(c => c.MaskedIdNumber).HasMaxLength(20);
            e.Property(c => c.Signature).HasMaxLength(100);
            e.Property(c => c.SigningKeyId).HasMaxLength(40);
            e.Property(c => c.SignedOffByUserId).HasMaxLength(450);
            e.Property(c => c.VneidAcknowledgementId).HasMaxLength(100);
            e.Property(c => c.RevokedByUserId).HasMaxLength(450);
            e.Property(c => c.RevocationReason).HasMaxLength(1000);
            e.Property(c => c.Revision).IsConcurrencyToken();
            e.HasOne<AppUser>().WithMany().HasForeignKey(c => c.UserId).OnDelete(DeleteBehavior.Restrict);
            e.HasOne<CertificationRule>().WithMany().HasForeignKey(c => c.RuleId).OnDelete(DeleteBehavior.Restrict);
            // One person is certified once, whatever races: the database refuses a second row.
            e.HasIndex(c => c.UserId).IsUnique();
            e.HasIndex(c => c.Serial).IsUnique();
            e.HasIndex(c => c.UnitPath);
        });

        builder.Entity<DuplicateIdentityClaim>(e =>
        {
            e.Property(c => c.ClaimantUserId).HasMaxLength(450);
            e.Property(c => c.HolderUserId).HasMaxLength(450);
            e.Property(c => c.UnitPath).HasMaxLength(100);
            e.Property(c => c.Status).HasConversion<string>().HasMaxLength(20);
            e.Property(c => c.ResolvedByUserId).HasMaxLength(450);
            e.Property(c => c.KeptUserId).HasMaxLength(450);
            e.HasIndex(c => new { c.ClaimantUserId, c.HolderUserId, c.Status });
            e.HasIndex(c => c.UnitPath);
        });

        builder.Entity<DigitalIdentityStatus>(e =>
        {
            e.Property(s => s.UserId).HasMaxLength(450);
            e.Property(s => s.UnitPath).HasMaxLength(100);
            e.Property(s => s.VneidLevel2Source).HasConversion<string>().HasMaxLength(20);
            e.Property(s => s.DigitalSignatureSource).HasConversion<string>().HasMaxLength(20);
            e.HasOne<AppUser>().WithMany().HasForeignKey(s => s.UserId).OnDelete(DeleteBehavior.Cascade);
            e.HasIndex(s => s.UserId).IsUnique();
            e.HasIndex(s => s.UnitPath);
        });
    }
}
