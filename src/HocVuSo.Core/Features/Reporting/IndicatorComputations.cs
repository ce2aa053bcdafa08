using HocVuSo.Core.Data;
using HocVuSo.Core.Features.Geography;
using HocVuSo.Core.Features.Teams;
using Microsoft.EntityFrameworkCore;

namespace HocVuSo.Core.Features.Reporting;

/// <summary>
/// Numerators computed from the platform's own records, for a unit's subtree up to the end of a
/// month: learners counted once each, sessions and classes as the teams recorded them. These sit
/// beside the figures communes report, so a difference between the two is visible.
/// </summary>
public sealed class IndicatorComputations(AppDbContext db)
{
    public const string AdultsPassedFinal = "adults_passed_final";
    public const string ClassesHeld = "classes_held";
    public const string GuidanceSessions = "guidance_sessions";
    public const string WeeklySessions = "weekly_sessions";
    public const string VillagesReinforced = "villages_reinforced";
    public const string AdultsCertified = "adults_certified";
    public const string AdultsVneidConfirmed = "adults_vneid_confirmed";
    public const string AdultsDigitalSignature = "adults_digital_signature";
    public const string AdultsVneidLevel2 = "adults_vneid_level2";

    public async Task<decimal?> ComputeAsync(string? computation, string path, DateOnly period, CancellationToken ct)
    {
        var monthEnd = period.AddMonths(1).AddDays(-1);
        var yearStart = new DateOnly(period.Year, 1, 1);
        var end = monthEnd.ToDateTime(TimeOnly.MaxValue, DateTimeKind.Utc).AddHours(-7);
        return computation switch
        {
            AdultsPassedFinal => await db.QuizAttempts.AsNoTracking()
                .Where(a => a.Passed == true && a.Quiz!.Slug == "final" && a.SubmittedAt <= end && a.UnitPath != null && a.UnitPath.StartsWith(path))
                .Select(a => a.UserId).Distinct().CountAsync(ct),
            ClassesHeld => await db.TrainingClasses.AsNoTracking()
                .CountAsync(c => c.UnitPath.StartsWith(path) && c.Date >= yearStart && c.Date <= monthEnd && c.Attendance.Any(), ct),
            GuidanceSessions => await db.FieldActivities.AsNoTracking()
                .CountAsync(a => a.UnitPath.StartsWith(path) && a.Type == ActivityType.GuidanceSession && a.Date >= yearStart && a.Date <= monthEnd, ct),
            WeeklySessions => await db.FieldActivities.AsNoTracking()
                .CountAsync(a => a.UnitPath.StartsWith(path) && a.Type == ActivityType.WeeklySession && a.Date >= period && a.Date <= monthEnd, ct),
            VillagesReinforced => await db.TeamMembers.AsNoTracking()
                .Where(m => m.Team!.UnitPath.StartsWith(path) && m.Team.Kind == TeamKind.Village && m.ActiveFrom >= yearStart && m.ActiveFrom <= monthEnd)
                .Select(m => m.Team!.UnitId).Distinct().CountAsync(ct),
            // Certified under the rule by the month's end, one row per person (merges keep it so), not revoked by then.
            AdultsCertified => await db.Certifications.AsNoTracking()
                .Where(c => c.CertifiedOn != null && c.CertifiedOn <= monthEnd && c.UnitPath != null && c.UnitPath.StartsWith(path)
                    && (c.Status == Certification.CertificationStatus.Certified || (c.Status == Certification.CertificationStatus.Revoked && c.RevokedAt > end)))
                .Select(c => c.UserId).Distinct().CountAsync(ct),
            AdultsVneidConfirmed => await db.Certifications.AsNoTracking()
                .Where(c => c.VneidConfirmedAt != null && c.VneidConfirmedAt <= end && c.UnitPath != null && c.UnitPath.StartsWith(path)
                    && (c.Status == Certification.CertificationStatus.Certified || (c.Status == Certification.CertificationStatus.Revoked && c.RevokedAt > end)))
                .Select(c => c.UserId).Distinct().CountAsync(ct),
            AdultsDigitalSignature => await db.DigitalIdentityStatuses.AsNoTracking()
                .Where(s => s.DigitalSignatureOn != null && s.DigitalSignatureOn <= monthEnd && s.UnitPath != null && s.UnitPath.StartsWith(path))
                .Select(s => s.UserId).Distinct().CountAsync(ct),
            AdultsVneidLevel2 => await db.DigitalIdentityStatuses.AsNoTracking()
                .Where(s => s.VneidLevel2On != null && s.VneidLevel2On <= monthEnd && s.UnitPath != null && s.UnitPath.StartsWith(path))
                .Select(s => s.UserId).Distinct().CountAsync(ct),
            _ => null,
        };
    }

    /// <summary>The year's baseline figure for a unit: its own if it has one, otherwise the sum over the units below that have one.</summary>
    public async Task<decimal?> DenominatorAsync(Denominator denominator, Unit unit, int year, DateOnly day, CancellationToken ct)
    {
        if (denominator == Denominator.None)
        {
            return null;
        }

        if (denominator == Denominator.Villages)
        {
            return await db.Units.AsNoTracking().ValidOn(day).CountAsync(u => u.Level == UnitLevel.Village && u.Path.StartsWith(unit.Path), ct);
        }

        var baselines = db.PopulationBaselines.AsNoTracking().Where(b => b.Year == year);
        var own = await baselines.Where(b => b.UnitId == unit.Id).FirstOrDefaultAsync(ct);
        if (own is not null)
        {
            return Pick(own, denominator);
        }

        // Sum the highest level below that has figures, so villages are not added to their commune.
        for (var level = unit.Level + 1; level <= UnitLevel.Village; level++)
        {
            var rows = await baselines.Where(b => b.Unit!.Level == level && b.Unit.Path.StartsWith(unit.Path)).ToListAsync(ct);
            if (rows.Count > 0)
            {
                return rows.Sum(b => Pick(b, denominator));
            }
        }

        return null;
    }

    private static decimal Pick(PopulationBaseline b, Denominator d) => d switch
    {
        Denominator.Adults => b.Adults,
        Denominator.Officials => b.Officials,
        Denominator.Students => b.StudentsTotal,
        Denominator.EnterpriseWorkers => b.EnterpriseWorkers,
        _ => b.Households,
    };
}
