using System.Globalization;
using HocVuSo.Core.Common;
using HocVuSo.Core.Data;
using HocVuSo.Core.Features.Certification;
using HocVuSo.Core.Features.Messaging;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace HocVuSo.Core.Features.Demo;

/// <summary>
/// Certified learners in Ea Trang: the demo account "certified" and the demo learners who passed
/// module 1 learn the rest of the course, pass every module and then the final assessment, record an identification number (illustrative, valid
/// in form) and are certified; every other one is already confirmed on VNeID, the rest wait in the
/// outbox. Deterministic, and run again it adds nothing.
/// </summary>
internal sealed class DemoCertifications(AppDbContext db, IServiceProvider services, TimeProvider clock)
{
    private static readonly string[] Learners = ["certified", "hocvien03.eatrang", "hocvien06.eatrang", "hocvien09.eatrang", "hocvien12.eatrang", "hocvien15.eatrang", "hocvien18.eatrang"];

    public async Task SeedAsync(CancellationToken ct)
    {
        var quiz = await db.Quizzes.AsNoTracking()
            .Where(q => q.Slug == "final" && q.CourseVersion!.Course!.Slug == "ky-nang-so-co-ban" && q.CourseVersion.Course.CurrentVersionId == q.CourseVersionId)
            .FirstOrDefaultAsync(ct);
        if (quiz is null)
        {
            return;
        }

        var bank = await db.Questions.AsNoTracking().Where(q => q.CourseVersionId == quiz.CourseVersionId && !q.Retired).ToListAsync(ct);
        var version = await db.CourseVersions.AsNoTracking().Include(v => v.Course).Include(v => v.Modules).ThenInclude(m => m.Lessons)
            .AsSplitQuery().FirstAsync(v => v.Id == quiz.CourseVersionId, ct);
        var moduleQuizzes = await db.Quizzes.AsNoTracking().Where(q => q.CourseVersionId == quiz.CourseVersionId && q.ModuleId != null).ToListAsync(ct);
        var users = await db.Users.Where(u => Learners.Contains(u.UserName!))
            .Select(u => new { u.Id, u.UserName, u.FullName, Path = db.Units.Where(x => x.Id == u.HomeUnitId).Select(x => x.Path).FirstOrDefault() })
            .ToListAsync(ct);
        var done = await db.Certifications.Where(c => users.Select(u => u.Id).Contains(c.UserId)).Select(c => c.UserId).ToListAsync(ct);
        var protector = services.GetRequiredService<PersonalDataProtector>();
        var issuer = services.GetRequiredService<CertificateIssuer>();
        var now = clock.UtcNow();
        var today = clock.TodayInVietnam();
        foreach (var user in users.OrderBy(u => Array.IndexOf(Learners, u.UserName)))
        {
            var index = Array.IndexOf(Learners, user.UserName);
            if (done.Contains(user.Id) || user.Path is null)
            {
                continue;
            }

            // As the learning order demands: the whole course learnt and every module passed, then the final assessment.
            var passedAt = now.AddDays(-12 + index);
            await DemoLearners.CompleteModulesAsync(db, version, moduleQuizzes, bank, user.Id, user.Path, passedAt.AddHours(-1), ct);
            db.QuizAttempts.Add(DemoLearners.PassedAttempt(quiz, bank, user.Id, user.Path, passedAt, assistedBy: null));
            if (!await db.PersonIdentities.AnyAsync(p => p.UserId == user.Id, ct))
            {
                var female = user.FullName.Contains("Thị", StringComparison.Ordinal) || user.FullName.StartsWith("H'", StringComparison.Ordinal);
                var birthYear = 1962 + index * 2;
                var number = "066" + (female ? "1" : "0") + (birthYear % 100).ToString("00", CultureInfo.InvariantCulture)
                    + (204_000 + index * 7_919).ToString("D6", CultureInfo.InvariantCulture);
                var cipher = protector.Protect(number, IdentityTarget.ContextFor(user.Id));
                db.PersonIdentities.Add(new PersonIdentity
                {
                    UserId = user.Id, IdNumberCipher = cipher.Cipher, KeyId = cipher.KeyId, IdNumberHash = protector.Hash(PersonalIdNumbers.Purpose, number),
                    BirthYear = birthYear, Gender = female ? PersonGender.Female : PersonGender.Male, RecordedAt = passedAt,
                });
            }

            var rule = await db.CertificationRules.AsNoTracking().FirstAsync(r => r.Version == "v1-2026", ct);
            var certification = new PersonCertification
            {
                UserId = user.Id, RuleId = rule.Id, RuleVersion = rule.Version, Status = CertificationStatus.AwaitingSignOff,
                UnitPath = user.Path, CommuneCode = user.Path.Split('/', StringSplitOptions.RemoveEmptyEntries)[1], EvaluatedAt = passedAt,
            };
            db.Certifications.Add(certification);
            await db.SaveChangesAsync(ct);
            certification.EvidenceAttemptIds = await db.QuizAttempts.Where(a => a.UserId == user.Id && a.QuizId == quiz.Id && a.Passed == true).Select(a => a.Id).Take(1).ToListAsync(ct);
            var passedOn = DateOnly.FromDateTime(passedAt.AddHours(7));
            await issuer.IssueAsync(certification, ct, passedOn <= today ? passedOn : today);
            certification.Revision++;

            // Every other learner (the demo account "certified" waits, to show a pending push) is already confirmed on VNeID.
            if (index % 2 == 0 && index > 0)
            {
                certification.VneidConfirmedAt = passedAt.AddHours(2);
                certification.VneidAcknowledgementId = "demo-ack-" + index.ToString(CultureInfo.InvariantCulture);
                var message = db.ChangeTracker.Entries<OutboxMessage>().Select(e => e.Entity).Single(m => m.Reference == certification.Serial);
                message.Status = OutboxStatus.Delivered;
                message.Attempts = 1;
                message.LastAttemptAt = certification.VneidConfirmedAt;
                message.DeliveredAt = certification.VneidConfirmedAt;
            }

            await db.SaveChangesAsync(ct);
        }
    }
}
