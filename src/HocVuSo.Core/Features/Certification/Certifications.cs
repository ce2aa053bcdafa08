using HocVuSo.Core.Common;
using HocVuSo.Core.Data;
using HocVuSo.Core.Features.Accounts;
using HocVuSo.Core.Features.Learning;
using HocVuSo.Core.Features.Messaging;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace HocVuSo.Core.Features.Certification;

public static class CertificationAuditActions
{
    public const string SignedOff = "certification.signed_off";
    public const string Revoked = "certificate.revoked";
    public const string Merged = "identity.duplicate_merged";
    public const string StatusSet = "identity.digital_status_set";
    public const string StatusImported = "identity.digital_status_imported";
    public const string ExternalConfirmationsImported = "identity.external_confirmations_imported";
}

/// <summary>The outbox message that tells VNeID about a certification; its payload names the certification, never the person.</summary>
public static class VneidConfirmationMessage
{
    public const string Type = "vneid.confirmation";

    public sealed record Payload(int CertificationId, string Serial);

    public static string IdempotencyKey(string serial) => "vneid-confirmation:" + serial;
}

/// <summary>
/// Turns a certification into a certificate: serial, the printed name and masked number, the
/// signature, and the VNeID confirmation enqueued in the same unit of work, so that committing the
/// certificate commits its message and nothing else can. The confirmation is enqueued only when the
/// holder consents to it (<see cref="Privacy.ConsentPurpose.VneidConfirmation"/>); otherwise it waits
/// until they give that consent on their privacy page (<see cref="Privacy.SetConsent"/>).
/// </summary>
public sealed class CertificateIssuer(AppDbContext db, PersonalDataProtector protector, CertificateSigner signer, TimeProvider clock)
{
    /// <param name="on">The certification date; today (in Viet Nam) unless given (the demo seed backdates).</param>
    public async Task IssueAsync(PersonCertification certification, CancellationToken ct, DateOnly? on = null)
    {
        var today = on ?? clock.TodayInVietnam();
        var name = await db.Users.Where(u => u.Id == certification.UserId).Select(u => u.FullName).FirstAsync(ct);
        var identity = await db.PersonIdentities.AsNoTracking().FirstOrDefaultAsync(p => p.UserId == certification.UserId, ct);
        certification.Status = CertificationStatus.Certified;
        certification.CertifiedOn = today;
        certification.Serial = CertificateSerials.New(today.Year);
        certification.HolderName = name;
        certification.MaskedIdNumber = identity is null
            ? string.Empty
            : Mask.PersonalIdNumber(protector.UnprotectNumber(identity));
        certification.SigningKeyId = signer.KeyId;
        certification.Signature = signer.Sign(CertificateFields.Of(certification));
        if (await Privacy.Consents.RefusedAsync(db, certification.UserId, Privacy.ConsentPurpose.VneidConfirmation, ct))
        {
            return;
        }

        db.Enqueue(
            clock,
            VneidConfirmationMessage.Type,
            new VneidConfirmationMessage.Payload(certification.Id, certification.Serial),
            VneidConfirmationMessage.IdempotencyKey(certification.Serial),
            certification.Serial);
    }
}

/// <summary>
/// Decides whether a learner is confirmed as having universal basic digital skills, under the
/// active rule: a passed attempt at the rule's assessment covering the required competency domains.
/// Unassisted evidence certifies at once; evidence only from assisted sessions leaves the learner
/// awaiting what the rule asks (a second, unassisted pass or an officer's sign-off). A person is
/// certified once: evaluating again changes nothing, and concurrent evaluations meet the unique
/// index and settle on the one row.
/// </summary>
public static partial class EvaluateCertification
{
    public sealed record Command(string UserId);

    public sealed class Handler(AppDbContext db, CertificateIssuer issuer, TimeProvider clock)
    {
        public async Task<PersonCertification?> HandleAsync(Command command, CancellationToken ct)
        {
            for (var tries = 0; ; tries++)
            {
                try
                {
                    return await TryAsync(command.UserId, ct);
                }
                catch (DbUpdateException) when (tries < 3)
                {
                    // Someone else certified this person at the same moment: read what they wrote.
                    db.ChangeTracker.Clear();
                }
            }
        }

        private async Task<PersonCertification?> TryAsync(string userId, CancellationToken ct)
        {
            var existing = await db.Certifications.FirstOrDefaultAsync(c => c.UserId == userId, ct);
            if (existing is { Status: CertificationStatus.Certified or CertificationStatus.Revoked })
            {
                return existing;
            }

            var rule = existing is null
                ? await CertificationRules.ActiveAsync(db, clock.TodayInVietnam(), ct)
                : await db.CertificationRules.AsNoTracking().FirstAsync(r => r.Id == existing.RuleId, ct);
            if (rule is null)
            {
                return existing;
            }

            var evidence = await CertificationRules.EvidenceAsync(db, rule, userId, ct);
            if (evidence.Count == 0)
            {
                return existing;
            }

            var unassisted = evidence.Where(a => !CertificationRules.IsAssisted(a)).ToList();
            // Any unassisted pass certifies; passes made only with help wait for what the rule asks.
            // (Under a sign-off-only rule, a learner whose first pass was assisted waits for the officer.)
            var canCertify = unassisted.Count > 0 && (rule.AssistedPolicy != AssistedEvidencePolicy.SignOffOnly || !CertificationRules.IsAssisted(evidence[0]));
            if (existing is not null && !canCertify)
            {
                return existing;
            }

            var now = clock.UtcNow();
            var path = await db.Users.Where(u => u.Id == userId)
                .Select(u => db.Units.Where(x => x.Id == u.HomeUnitId).Select(x => x.Path).FirstOrDefault()).FirstOrDefaultAsync(ct);
            var certification = existing ?? new PersonCertification { UserId = userId, RuleId = rule.Id, RuleVersion = rule.Version };
            if (existing is null)
            {
                db.Certifications.Add(certification);
            }

            // The evidence: the earliest qualifying pass, and the earliest unassisted one when that differs.
            var used = canCertify ? evidence.Where(a => a == evidence[0] || a == unassisted.FirstOrDefault()).ToList() : [evidence[0]];
            certification.EvidenceAttemptIds = used.Select(a => a.Id).ToList();
            certification.Assisted = used.Any(CertificationRules.IsAssisted);
            certification.UnitPath = path ?? used[0].UnitPath;
            certification.CommuneCode = CertificationRules.CommuneCodeOf(certification.UnitPath);
            certification.EvaluatedAt = now;
            certification.Revision++;
            if (canCertify)
            {
                if (existing is null)
                {
                    // The message's payload needs the row's id: save the row first, inside one transaction with the rest.
                    await using var transaction = await db.Database.BeginTransactionAsync(ct);
                    certification.Status = CertificationStatus.AwaitingSignOff;
                    await db.SaveChangesAsync(ct);
                    await issuer.IssueAsync(certification, ct);
                    certification.Revision++;
                    await db.SaveChangesAsync(ct);
                    await transaction.CommitAsync(ct);
                    return certification;
                }

                await issuer.IssueAsync(certification, ct);
            }
            else
            {
                certification.Status = CertificationStatus.AwaitingSignOff;
            }

            await db.SaveChangesAsync(ct);
            return certification;
        }
    }

    /// <summary>
    /// Evaluates the learner whenever they pass an attempt at a quiz that some certification rule
    /// names as its evidence (any rule, active or not: a certification awaiting sign-off keeps the
    /// rule it was opened under). A pass at any other quiz (a module quiz, under the standing rule)
    /// can never certify, so it costs one look-up in the small rules table instead of the evaluation's three
    /// queries. The grade is already committed: if the evaluation fails it is logged (attempt id
    /// only) and the learner's "check again" or the next pass evaluates again, rather than the
    /// submission answering with an error.
    /// </summary>
    internal sealed partial class OnPassedAttempt(AppDbContext db, EvaluateCertification.Handler handler, ILogger<OnPassedAttempt> logger) : IPassedAttemptObserver
    {
        public async Task AttemptPassedAsync(string userId, Guid attemptId, string quizSlug, CancellationToken ct)
        {
            try
            {
                if (!await db.CertificationRules.AnyAsync(r => r.QuizSlug == quizSlug, ct))
                {
                    return;
                }

                await handler.HandleAsync(new Command(userId), ct);
            }
            catch (DbUpdateException e)
            {
                LogFailed(logger, attemptId, e);
            }
        }

        [LoggerMessage(Level = LogLevel.Error, Message = "Certification could not be evaluated after attempt {AttemptId}; it is evaluated again on the learner's next pass or request.")]
        private static partial void LogFailed(ILogger logger, Guid attemptId, Exception exception);
    }
}

internal static class CertificationRules
{
    public const string DefaultVersion = "v1-2026";

    /// <summary>The rule in force: the newest active standing rule (no campaign, no target group) already effective.</summary>
    public static Task<CertificationRule?> ActiveAsync(AppDbContext db, DateOnly today, CancellationToken ct) =>
        db.CertificationRules.AsNoTracking()
            .Where(r => r.Active && r.EffectiveFrom <= today && r.Campaign == null && r.TargetGroup == null)
            .OrderByDescending(r => r.EffectiveFrom).ThenByDescending(r => r.Id)
            .FirstOrDefaultAsync(ct);

    /// <summary>
    /// An attempt taken with help: in an assisted session, or by a learner signed in on the device of
    /// the team member who registered or guided them (the attempt then names that member). Such an
    /// attempt is never an unassisted pass.
    /// </summary>
    public static bool IsAssisted(QuizAttempt attempt) => attempt.Assisted || attempt.AssistedByUserId is not null;

    /// <summary>The learner's passed attempts that satisfy <paramref name="rule"/>, oldest first.</summary>
    public static async Task<List<QuizAttempt>> EvidenceAsync(AppDbContext db, CertificationRule rule, string userId, CancellationToken ct)
    {
        var attempts = await db.QuizAttempts.AsNoTracking()
            .Where(a => a.UserId == userId && a.Passed == true && a.SubmittedAt != null
                && a.Quiz!.Slug == rule.QuizSlug && a.Quiz.CourseVersion!.Course!.Slug == rule.CourseSlug)
            .Include(a => a.Quiz)
            .OrderBy(a => a.SubmittedAt)
            .ToListAsync(ct);
        return attempts.Where(a => Covers(rule, a)).ToList();
    }

    /// <summary>True when the attempt's questions span every domain the rule requires (or, with none listed, every domain the assessment tests).</summary>
    public static bool Covers(CertificationRule rule, QuizAttempt attempt)
    {
        var required = (string.IsNullOrWhiteSpace(rule.RequiredDomains) ? attempt.Quiz!.Competencies : rule.RequiredDomains)
            .Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(CompetencyFramework.DomainOf)
            .ToHashSet(StringComparer.Ordinal);
        var covered = attempt.Items.Where(i => i.Competency is not null).Select(i => CompetencyFramework.DomainOf(i.Competency!)).ToHashSet(StringComparer.Ordinal);
        return required.Count > 0 && required.IsSubsetOf(covered);
    }

    /// <summary>The commune code in a unit path ("/66/24445/24445-003/" → "24445").</summary>
    public static string? CommuneCodeOf(string? path)
    {
        var parts = (path ?? string.Empty).Split('/', StringSplitOptions.RemoveEmptyEntries);
        return parts.Length >= 2 ? parts[1] : null;
    }

    /// <summary>
    /// Databases whose indicators were loaded before certification existed get the computations of
    /// the certification indicators, unless someone set another one.
    /// </summary>
    public static async Task EnsureIndicatorComputationsAsync(AppDbContext db, CancellationToken ct)
    {
        var wanted = new Dictionary<string, (string Computation, string? Replaces)>
        {
            ["adults_digital_skills"] = (Reporting.IndicatorComputations.AdultsCertified, Reporting.IndicatorComputations.AdultsPassedFinal),
            ["adults_vneid_confirmed"] = (Reporting.IndicatorComputations.AdultsVneidConfirmed, null),
            ["adults_digital_signature"] = (Reporting.IndicatorComputations.AdultsDigitalSignature, null),
            ["adults_vneid_level2"] = (Reporting.IndicatorComputations.AdultsVneidLevel2, null),
        };
        var codes = wanted.Keys.ToList();
        var indicators = await db.Indicators.Where(i => codes.Contains(i.Code)).ToListAsync(ct);
        foreach (var indicator in indicators)
        {
            var (computation, replaces) = wanted[indicator.Code];
            if (indicator.Computation is null || indicator.Computation == replaces)
            {
                indicator.Computation = computation;
            }
        }

        await db.SaveChangesAsync(ct);
    }

    /// <summary>Adds the standing rule "v1-2026" when missing: the basic course's final assessment, all its domains; assisted-only needs a second unassisted pass or a sign-off.</summary>
    public static async Task EnsureDefaultAsync(AppDbContext db, TimeProvider clock, CancellationToken ct)
    {
        if (await db.CertificationRules.AnyAsync(r => r.Version == DefaultVersion, ct))
        {
            return;
        }

        db.CertificationRules.Add(new CertificationRule
        {
            Version = DefaultVersion,
            CourseSlug = "ky-nang-so-co-ban",
            QuizSlug = "final",
            AssistedPolicy = AssistedEvidencePolicy.UnassistedCheckOrSignOff,
            EffectiveFrom = new DateOnly(2026, 1, 1),
            CreatedAt = clock.UtcNow(),
        });
        await db.SaveChangesAsync(ct);
    }
}

/// <summary>A certification as its holder and officers see it.</summary>
public sealed record CertificationView(
    bool Certified,
    string Status,
    string? CertificateSerial,
    DateOnly? CertifiedOn,
    string RuleVersion,
    DateTime? VneidConfirmedAt,
    bool Assisted,
    DateTime? RevokedAt,
    string? ShortSignature)
{
    public static CertificationView From(PersonCertification c) => new(
        c.Status == CertificationStatus.Certified,
        StatusName(c.Status),
        c.Serial,
        c.CertifiedOn,
        c.RuleVersion,
        c.VneidConfirmedAt,
        c.Assisted,
        c.RevokedAt,
        c.Signature is null ? null : CertificateSigner.Abbreviate(c.Signature));

    public static string StatusName(CertificationStatus status) => status switch
    {
        CertificationStatus.AwaitingSignOff => "awaiting-sign-off",
        CertificationStatus.Revoked => "revoked",
        _ => "certified",
    };
}

/// <summary>The signed-in learner's certification, if any (status "none" when not yet).</summary>
public static class GetMyCertification
{
    public sealed class Handler(AppDbContext db, ScopeService scopes, EvaluateCertification.Handler evaluate)
    {
        /// <summary>The signed-in learner's certification; with <paramref name="evaluateFirst"/>, after evaluating them against the rule now ("check again").</summary>
        public async Task<Result<CertificationView?>> HandleAsync(CancellationToken ct, bool evaluateFirst = false)
        {
            var scope = await scopes.GetAsync(ct);
            if (scope.UserId is null)
            {
                return Errors.Forbidden();
            }

            if (evaluateFirst)
            {
                await evaluate.HandleAsync(new EvaluateCertification.Command(scope.UserId), ct);
            }

            var row = await db.Certifications.AsNoTracking().FirstOrDefaultAsync(c => c.UserId == scope.UserId, ct);
            return row is null ? Result<CertificationView?>.Ok(null) : CertificationView.From(row);
        }
    }
}
