using HocVuSo.Core.Common;
using HocVuSo.Core.Data;
using HocVuSo.Core.Features.Certification;
using HocVuSo.Core.Features.Messaging;
using Microsoft.EntityFrameworkCore;

namespace HocVuSo.Core.Features.Privacy;

/// <summary>
/// The one place that says which outbox messages need a person's consent, and refuses them
/// without it: a VNeID confirmation needs consent to VNeID confirmation, a message from the
/// community team (<see cref="ContactLearner"/>) needs consent to contact by the team. The
/// delivering handlers and the administrator's retry both ask here, so a withdrawn consent stops
/// the message whichever way it would leave.
/// </summary>
public static class OutboxConsent
{
    /// <summary>The refusal (with its stable code) when the message needs a consent its person has not given; null otherwise.</summary>
    public static async Task<Error?> RefusalAsync(AppDbContext db, OutboxMessage message, CancellationToken ct)
    {
        if (message.Type == VneidConfirmationMessage.Type)
        {
            var payload = message.ReadPayload<VneidConfirmationMessage.Payload>();
            var userId = await db.Certifications.AsNoTracking().Where(c => c.Id == payload.CertificationId).Select(c => c.UserId).FirstOrDefaultAsync(ct);
            return userId is not null && await Consents.RefusedAsync(db, userId, ConsentPurpose.VneidConfirmation, ct)
                ? Errors.Conflict(Consents.VneidNotGiven, null, payload.Serial)
                : null;
        }

        if (Notifications.ChannelOf(message.Type) is not null && message.IdempotencyKey.StartsWith(ContactLearner.NotificationKind + ":", StringComparison.Ordinal) && message.Reference is { } learner)
        {
            return !await Consents.HasAsync(db, learner, ConsentPurpose.TeamContact, ct) ? Errors.Conflict(Consents.ContactNotGiven, null) : null;
        }

        return null;
    }

    /// <summary>For delivering handlers: throws <see cref="OutboxMessageRefusedException"/> (the message is dead-lettered at once, its error starting with the code).</summary>
    public static async Task ThrowIfRefusedAsync(AppDbContext db, OutboxMessage message, CancellationToken ct)
    {
        if (await RefusalAsync(db, message, ct) is { } refusal)
        {
            throw new OutboxMessageRefusedException($"{refusal.Code}: the person has not consented (or withdrew consent) to this processing; nothing was sent.");
        }
    }
}
