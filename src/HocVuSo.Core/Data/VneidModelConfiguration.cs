using HocVuSo.Core.Features.Certification;
using Microsoft.EntityFrameworkCore;

namespace HocVuSo.Core.Data;

internal static class VneidModelConfiguration
{
    public static void Configure(ModelBuilder builder, PersonalDataProtector? protector)
    {
        builder.Entity<VneidSandboxConfirmation>(e =>
        {
            e.Property(c => c.IdempotencyKey).HasMaxLength(100);
            e.Property(c => c.AcknowledgementId).HasMaxLength(40);
            e.Property(c => c.PersonalIdHash).HasMaxLength(64);
            e.Property(c => c.PersonalIdMasked).HasMaxLength(20);
            e.Property(c => c.FullName).HasMaxLength(1000).IsProtectedPersonalData(protector, PersonalDataPurposes.SandboxFullName);
            e.Property(c => c.CertificateSerial).HasMaxLength(60);
            e.Property(c => c.RuleVersion).HasMaxLength(40);
            e.Property(c => c.CommuneCode).HasMaxLength(20);
            e.Property(c => c.PayloadHash).HasMaxLength(64);
            e.HasIndex(c => c.IdempotencyKey).IsUnique();
            e.HasIndex(c => c.PersonalIdHash);
        });

        builder.Entity<PersonIdentity>(e =>
        {
            e.Property(p => p.VneidSubject).HasMaxLength(100);
            e.HasIndex(p => p.VneidSubject).IsUnique();
        });
    }
}
