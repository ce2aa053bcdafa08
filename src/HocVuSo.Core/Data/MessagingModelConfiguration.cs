using HocVuSo.Core.Features.Messaging;
using Microsoft.EntityFrameworkCore;

namespace HocVuSo.Core.Data;

internal static class MessagingModelConfiguration
{
    public static void Configure(ModelBuilder builder, Features.Certification.PersonalDataProtector? protector)
    {
        builder.Entity<OutboxMessage>(e =>
        {
            e.Property(m => m.Type).HasMaxLength(60);
            // Payloads carry phones, e-mail addresses and names to their receivers: encrypted at rest.
            e.Property(m => m.Payload).IsProtectedPersonalData(protector, PersonalDataPurposes.OutboxPayload);
            e.Property(m => m.IdempotencyKey).HasMaxLength(100);
            e.Property(m => m.Status).HasConversion<string>().HasMaxLength(20);
            e.Property(m => m.LastError).HasMaxLength(1000);
            e.Property(m => m.Reference).HasMaxLength(100);
            e.Property(m => m.ClaimToken).HasMaxLength(40).IsConcurrencyToken();
            e.HasIndex(m => m.IdempotencyKey).IsUnique();
            // The worker's query: pending messages that are due, oldest first.
            e.HasIndex(m => new { m.Status, m.NextAttemptAt });
            e.HasIndex(m => m.Reference);
            e.Property(m => m.RecipientMasked).HasMaxLength(100);
            e.Property(m => m.UnitPath).HasMaxLength(100);
            // The delivery log: notifications under a scope's unit paths, newest first.
            e.HasIndex(m => new { m.UnitPath, m.CreatedAt });
        });
    }
}
