using HocVuSo.Core.Common;
using HocVuSo.Core.Data;
using HocVuSo.Core.Features.Accounts;
using HocVuSo.Core.Features.Certification;
using HocVuSo.Core.Features.Messaging;
using Microsoft.EntityFrameworkCore;

namespace HocVuSo.Core.Features.Privacy;

/// <summary>
/// A learner gives or withdraws a consent on their own privacy page. Only the person themselves,
/// signed in on their own (not in a session guided by a team member), changes it. Withdrawing
/// consent to learning stops new learning records (quizzes, lessons) until it is given again;
/// what was recorded stays until the person asks for deletion.
/// Withdrawing consent to VNeID stops any confirmation not yet sent (the outbox refuses it);
/// giving it again sends the certificate's confirmation if it was never acknowledged.
/// </summary>
public static class SetConsent
{
    public sealed record Command(ConsentPurpose? Purpose, bool Granted);

    public sealed class Handler(AppDbContext db, ScopeService scopes, TimeProvider clock)
    {
        public async Task<Result<MyConsent>> HandleAsync(Command command, CancellationToken ct)
        {
            var scope = await scopes.GetAsync(ct);
            if (Learner.RefuseUnlessOwnSession(scope) is { } refused)
            {
                return refused;
            }

            if (command.Purpose is not { } purpose)
            {
                return Errors.Invalid("consent.unknown_purpose", "purpose");
            }

            var userId = scope.UserId!;
            var unitPath = await Learner.HomePathAsync(db, userId, ct);
            var current = (await Consents.CurrentAsync(db, userId, ct))[purpose];
            if (current?.Granted == command.Granted)
            {
                return MyConsent.From(current);
            }

            var now = clock.UtcNow();
            var record = Consents.Record(db, scope, now, userId, unitPath, purpose, command.Granted, ConsentChannel.LearnerSettings);
            if (purpose == ConsentPurpose.VneidConfirmation && command.Granted)
            {
                await ResumeVneidConfirmationAsync(userId, ct);
            }

            await db.SaveChangesAsync(ct);
            return MyConsent.From(record);
        }

        /// <summary>A certificate whose confirmation was held back (or refused) for want of consent is sent now.</summary>
        private async Task ResumeVneidConfirmationAsync(string userId, CancellationToken ct)
        {
            var certification = await db.Certifications.AsNoTracking()
                .FirstOrDefaultAsync(c => c.UserId == userId && c.Status == CertificationStatus.Certified && c.VneidConfirmedAt == null && c.Serial != null, ct);
            if (certification is null)
            {
                return;
            }

            var key = VneidConfirmationMessage.IdempotencyKey(certification.Serial!);
            var message = await db.OutboxMessages.FirstOrDefaultAsync(m => m.IdempotencyKey == key, ct);
            if (message is null)
            {
                db.Enqueue(clock, VneidConfirmationMessage.Type, new VneidConfirmationMessage.Payload(certification.Id, certification.Serial!), key, certification.Serial);
            }
            else if (message.Status == OutboxStatus.DeadLetter)
            {
                message.Status = OutboxStatus.Pending;
                message.Attempts = 0;
                message.NextAttemptAt = clock.UtcNow();
                message.LastError = null;
            }
        }
    }
}

/// <summary>A consent in force as the learner and the API see it.</summary>
public sealed record MyConsent(string Purpose, bool Granted, DateTime At, string Channel, string WordingVersion)
{
    public static MyConsent From(ConsentRecord record) =>
        new(Consents.Name(record.Purpose), record.Granted, record.At, record.Channel.ToString(), record.WordingVersion);
}

/// <summary>A learner's consents: the one in force per purpose (granted false when never given).</summary>
public static class GetMyConsents
{
    public sealed record Item(string Purpose, bool Granted, DateTime? At, string? Channel, string? WordingVersion);

    public sealed class Handler(AppDbContext db, ScopeService scopes)
    {
        public async Task<Result<IReadOnlyList<Item>>> HandleAsync(CancellationToken ct)
        {
            var scope = await scopes.GetAsync(ct);
            if (scope.UserId is null)
            {
                return Errors.Forbidden();
            }

            var current = await Consents.CurrentAsync(db, scope.UserId, ct);
            return current.Select(c => new Item(Consents.Name(c.Key), c.Value?.Granted == true, c.Value?.At, c.Value?.Channel.ToString(), c.Value?.WordingVersion)).ToList();
        }
    }
}

/// <summary>Helpers for the learner's own requests.</summary>
internal static class Learner
{
    /// <summary>
    /// A person's own privacy requests are made by the person, signed in themselves: not by a team
    /// member's phone in a guided session, and not by staff accounts on someone's behalf.
    /// </summary>
    public static Error? RefuseUnlessOwnSession(UserScope scope)
    {
        if (scope.UserId is null || scope.IsSystem)
        {
            return Errors.Forbidden();
        }

        return scope.AssistedByUserId is not null ? Errors.Invalid("privacy.not_in_assisted_session") : null;
    }

    public static Task<string?> HomePathAsync(AppDbContext db, string userId, CancellationToken ct) =>
        db.Users.Where(u => u.Id == userId).Select(u => db.Units.Where(x => x.Id == u.HomeUnitId).Select(x => x.Path).FirstOrDefault()).FirstOrDefaultAsync(ct);
}
