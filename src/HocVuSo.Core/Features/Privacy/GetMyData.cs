using HocVuSo.Core.Common;
using HocVuSo.Core.Data;
using HocVuSo.Core.Features.Accounts;
using HocVuSo.Core.Features.Audit;
using HocVuSo.Core.Features.Certification;
using Microsoft.EntityFrameworkCore;

namespace HocVuSo.Core.Features.Privacy;

/// <summary>Everything the platform holds about one learner, as they see and download it.</summary>
public sealed record MyDataDocument(
    DateTime GeneratedAt,
    MyDataDocument.AccountPart Account,
    MyDataDocument.IdentityPart? Identity,
    IReadOnlyList<MyDataDocument.ConsentPart> Consents,
    IReadOnlyList<MyDataDocument.LessonPart> Lessons,
    IReadOnlyList<MyDataDocument.AttemptPart> Attempts,
    MyDataDocument.CertificatePart? Certificate,
    MyDataDocument.DigitalIdentityPart? DigitalIdentity,
    IReadOnlyList<MyDataDocument.AssistedSessionPart> AssistedSessions,
    IReadOnlyList<MyDataDocument.DeletionRequestPart> DeletionRequests,
    IReadOnlyList<MyDataDocument.AuditPart> AuditEntries)
{
    /// <param name="SignInName">What the person types to sign in (their phone or e-mail).</param>
    /// <param name="RegisteredByTeamMember">True when a team member registered them ("cầm tay chỉ việc").</param>
    public sealed record AccountPart(string UserId, string SignInName, string FullName, string? Phone, string? Email, string? HomeUnitCode, string? HomeUnit,
        DateTime CreatedAt, bool RegisteredByTeamMember, bool HasPassword, bool VneidLinked);

    /// <param name="Masked">The identification number masked; the whole number is shown only on request (<see cref="RevealMyIdNumber"/>).</param>
    public sealed record IdentityPart(string Masked, int BirthYear, string Gender, DateTime RecordedAt, DateTime? VneidVerifiedAt);

    public sealed record ConsentPart(string Purpose, bool Granted, DateTime At, string Channel, string WordingVersion, bool ByTeamMember);

    public sealed record LessonPart(string Course, string Lesson, DateTime FirstOpenedAt, DateTime LastOpenedAt, DateTime? CompletedAt);

    public sealed record AttemptPart(Guid Id, string Quiz, string QuizTitle, DateTime StartedAt, DateTime? SubmittedAt, decimal? Score, bool? Passed, bool Assisted);

    public sealed record CertificatePart(string Status, string? Serial, DateOnly? CertifiedOn, string RuleVersion, string? HolderName, string? MaskedIdNumber, bool Assisted,
        DateTime? VneidConfirmedAt, DateTime? RevokedAt, string? RevocationReason);

    public sealed record DigitalIdentityPart(DateOnly? VneidLevel2On, DateOnly? DigitalSignatureOn);

    public sealed record AssistedSessionPart(DateTime StartedAt, DateTime? EndedAt);

    public sealed record DeletionRequestPart(int Id, DateTime RequestedAt, DateTime DueAt, string Status, DateTime? CompletedAt);

    /// <param name="By">"self" when the person acted, "staff" for a member of staff, "system" for the platform.</param>
    public sealed record AuditPart(DateTime At, string Action, string By, string? Reason);
}

/// <summary>
/// A signed-in learner sees everything held about them: their account, their identification
/// number (masked), consents with their history, lessons, attempts, certificate, digital-identity
/// milestones, assisted sessions, deletion requests and the audit entries about them. Only ever
/// the caller's own records. A download (JSON or PDF) is audited.
/// </summary>
public static class GetMyData
{
    /// <param name="Download">"json" or "pdf" when the person downloads it (audited); null to view it.</param>
    public sealed record Query(string? Download = null);

    public sealed class Handler(AppDbContext db, ScopeService scopes, PersonalDataProtector protector, TimeProvider clock)
    {
        public async Task<Result<MyDataDocument>> HandleAsync(Query query, CancellationToken ct)
        {
            var scope = await scopes.GetAsync(ct);
            if (scope.UserId is null || scope.IsSystem)
            {
                return Errors.Forbidden();
            }

            var userId = scope.UserId;
            var user = await db.Users.AsNoTracking().FirstOrDefaultAsync(u => u.Id == userId, ct);
            if (user is null)
            {
                return Errors.Forbidden();
            }

            var home = user.HomeUnitId is null ? null : await db.Units.AsNoTracking().Where(u => u.Id == user.HomeUnitId).Select(u => new { u.Code, u.FullName }).FirstOrDefaultAsync(ct);
            var identity = await db.PersonIdentities.AsNoTracking().FirstOrDefaultAsync(p => p.UserId == userId, ct);
            var vneidLinked = await db.UserLogins.AnyAsync(l => l.UserId == userId, ct);
            var signInName = LoginNames.IsPhoneHandle(user.UserName) ? user.PhoneNumber : LoginNames.IsEmailHandle(user.UserName) ? user.Email : user.UserName;
            var account = new MyDataDocument.AccountPart(userId, signInName ?? string.Empty, user.FullName, user.PhoneNumber, user.Email, home?.Code, home?.FullName,
                user.CreatedAt, user.RegisteredByUserId is not null, user.PasswordHash is not null, vneidLinked);
            var identityPart = identity is null ? null : new MyDataDocument.IdentityPart(
                Mask.PersonalIdNumber(protector.UnprotectNumber(identity))!, identity.BirthYear, PersonalIdNumberView.GenderName(identity.Gender), identity.RecordedAt, identity.VneidVerifiedAt);

            var consents = (await db.ConsentRecords.AsNoTracking().Where(c => c.UserId == userId).OrderBy(c => c.Id).ToListAsync(ct))
                .Select(c => new MyDataDocument.ConsentPart(Consents.Name(c.Purpose), c.Granted, c.At, c.Channel.ToString(), c.WordingVersion, c.RecordedByUserId is not null))
                .ToList();
            var lessons = await db.LessonProgress.AsNoTracking().Where(p => p.UserId == userId).OrderBy(p => p.FirstOpenedAt)
                .Select(p => new MyDataDocument.LessonPart(p.CourseSlug, p.LessonSlug, p.FirstOpenedAt, p.LastOpenedAt, p.CompletedAt)).ToListAsync(ct);
            var attemptRows = await db.QuizAttempts.AsNoTracking().Where(a => a.UserId == userId).OrderBy(a => a.StartedAt)
                .Select(a => new { a.Id, a.QuizId, a.StartedAt, a.SubmittedAt, a.Score, a.Passed, a.Assisted }).ToListAsync(ct);
            var quizIds = attemptRows.Select(a => a.QuizId).Distinct().ToList();
            var quizzes = await db.Quizzes.AsNoTracking().Where(q => quizIds.Contains(q.Id)).ToDictionaryAsync(q => q.Id, ct);
            var attempts = attemptRows.Select(a => new MyDataDocument.AttemptPart(a.Id, quizzes.TryGetValue(a.QuizId, out var q) ? q.Slug : string.Empty,
                q?.Title.Vi ?? string.Empty, a.StartedAt, a.SubmittedAt, a.Score, a.Passed, a.Assisted)).ToList();

            var certification = await db.Certifications.AsNoTracking().FirstOrDefaultAsync(c => c.UserId == userId, ct);
            var certificate = certification is null ? null : new MyDataDocument.CertificatePart(
                CertificationView.From(certification).Status, certification.Serial, certification.CertifiedOn, certification.RuleVersion, certification.HolderName,
                certification.MaskedIdNumber, certification.Assisted, certification.VneidConfirmedAt, certification.RevokedAt, certification.RevocationReason);
            var status = await db.DigitalIdentityStatuses.AsNoTracking().Where(s => s.UserId == userId)
                .Select(s => new MyDataDocument.DigitalIdentityPart(s.VneidLevel2On, s.DigitalSignatureOn)).FirstOrDefaultAsync(ct);
            var sessions = await db.AssistedSessions.AsNoTracking().Where(s => s.LearnerUserId == userId).OrderBy(s => s.StartedAt)
                .Select(s => new MyDataDocument.AssistedSessionPart(s.StartedAt, s.EndedAt)).ToListAsync(ct);
            var requests = (await db.DeletionRequests.AsNoTracking().Where(r => r.UserId == userId).OrderBy(r => r.RequestedAt).ToListAsync(ct))
                .Select(r => new MyDataDocument.DeletionRequestPart(r.Id, r.RequestedAt, r.DueAt, r.Status.ToString().ToLowerInvariant(), r.CompletedAt)).ToList();

            var certificationKey = certification?.Id.ToString(System.Globalization.CultureInfo.InvariantCulture);
            var audit = await db.AuditEntries.AsNoTracking()
                .Where(a => a.ActorUserId == userId
                    || ((a.EntityType == nameof(AppUser) || a.EntityType == nameof(PersonIdentity)) && a.EntityKey == userId)
                    || (certificationKey != null && a.EntityType == nameof(PersonCertification) && a.EntityKey == certificationKey))
                .OrderBy(a => a.At).Take(2000)
                .Select(a => new { a.At, a.Action, a.ActorUserId, a.Reason })
                .ToListAsync(ct);
            var auditParts = audit.Select(a => new MyDataDocument.AuditPart(a.At, a.Action, a.ActorUserId == userId ? "self" : a.ActorUserId is null ? "system" : "staff", a.Reason)).ToList();

            if (query.Download is { } format)
            {
                AuditLog.Record(db, scope, clock.UtcNow(), PrivacyAuditActions.DataExported, nameof(AppUser), userId, home is null ? null : await Learner.HomePathAsync(db, userId, ct),
                    newValue: new { format });
                await db.SaveChangesAsync(ct);
            }

            return new MyDataDocument(clock.UtcNow(), account, identityPart, consents, lessons, attempts, certificate, status, sessions, requests, auditParts);
        }
    }
}
