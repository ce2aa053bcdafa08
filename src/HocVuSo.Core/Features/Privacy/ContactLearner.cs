using HocVuSo.Core.Common;
using HocVuSo.Core.Data;
using HocVuSo.Core.Features.Accounts;
using HocVuSo.Core.Features.Audit;
using HocVuSo.Core.Features.Messaging;
using Microsoft.EntityFrameworkCore;

namespace HocVuSo.Core.Features.Privacy;

/// <summary>
/// A community team member (or officer) who assists learners in the learner's area sends them a
/// short message by SMS or e-mail through the outbox, e.g. to invite them to a class. This is
/// contact for a purpose the learner may refuse: it is queued only while the learner consents to
/// being contacted by the team (<see cref="ConsentPurpose.TeamContact"/>). Messages the account
/// itself needs (activation codes) do not pass here and need no such consent. Outside the
/// sender's area the learner is not found, as if they did not exist.
/// </summary>
public static class ContactLearner
{
    public const string NotificationKind = "team-contact";

    public sealed record Command(string? LearnerPhoneOrEmail, string? Message);

    /// <param name="SentTo">Where the message goes, masked.</param>
    public sealed record Queued(long MessageId, string SentTo);

    public sealed class Handler(AppDbContext db, ScopeService scopes, LoginNames loginNames, TimeProvider clock)
    {
        public async Task<Result<Queued>> HandleAsync(Command command, CancellationToken ct)
        {
            var scope = await scopes.GetAsync(ct);
            if (!scope.Has(Permission.AssistLearners) || scope.UserId is null)
            {
                return Errors.Forbidden();
            }

            var notFound = Errors.NotFound("assist.learner_not_found", command.LearnerPhoneOrEmail ?? string.Empty) with { Field = "phoneOrEmail" };
            var learner = await loginNames.LearnersTyped(db.Users, command.LearnerPhoneOrEmail)
                .Select(u => new { u.Id, u.PhoneNumber, u.Email, Path = db.Units.Where(x => x.Id == u.HomeUnitId).Select(x => x.Path).FirstOrDefault() })
                .FirstOrDefaultAsync(ct);
            if (learner?.Path is null || scope.CheckHidden(Permission.AssistLearners, learner.Path, notFound) is not null)
            {
                return notFound;
            }

            var text = VietnameseText.Check(command.Message, "message", TextLimits.Comment, TextShape.MultiLine);
            if (!text.IsSuccess)
            {
                return text.FirstError;
            }

            if (text.Value!.Length == 0)
            {
                return Errors.Invalid("field.required", "message");
            }

            if (!await Consents.HasAsync(db, learner.Id, ConsentPurpose.TeamContact, ct))
            {
                return Errors.Conflict(Consents.ContactNotGiven, "phoneOrEmail");
            }

            var recipient = learner.PhoneNumber ?? learner.Email;
            if (recipient is null)
            {
                return Errors.Conflict("privacy.no_contact", "phoneOrEmail");
            }

            var now = clock.UtcNow();
            var message = db.EnqueueToOwnAddress(clock, learner.PhoneNumber, learner.Email, "HocVuSo", text.Value, $"{NotificationKind}:{Guid.NewGuid():N}", reference: learner.Id)!;
            AuditLog.Record(db, scope, now, PrivacyAuditActions.TeamContactSent, "AppUser", learner.Id, learner.Path);
            await db.SaveChangesAsync(ct);
            return new Queued(message.Id, Notifications.MaskRecipient(recipient));
        }
    }
}
