using System.Globalization;
using HocVuSo.Core.Data;
using HocVuSo.Core.Features.Certification;
using HocVuSo.Core.Features.Teams;
using Microsoft.EntityFrameworkCore;

namespace HocVuSo.Core.Features.Oversight;

/// <summary>What a sampled record shows the inspector; personal fields are masked for everyone else.</summary>
public sealed record SampledRecord(
    string Key, string? Name = null, string? Phone = null, string? Serial = null, DateOnly? Date = null,
    string? Title = null, string? Place = null, int? Participants = null, string? RecordedBy = null);

/// <summary>
/// The records a sample of each kind is drawn from, for a commune and a month:
/// certified learners — people whose certification is in force (certified, not revoked) with a
/// certification date on or before the last day of the month, where they lived at the decision
/// lying in the commune (the cumulative figure the indicators report);
/// guidance sessions — the commune's field activities of type guidance session dated in the month;
/// classes — the commune's classes dated in the month.
/// </summary>
public static class VerificationRecords
{
    public static async Task<List<SampleCandidate>> PopulationAsync(AppDbContext db, SampleKind kind, string communePath, DateOnly period, CancellationToken ct)
    {
        var end = period.AddMonths(1).AddDays(-1);
        switch (kind)
        {
            case SampleKind.CertifiedLearners:
                var certified = await db.Certifications.AsNoTracking()
                    .Where(c => c.Status == CertificationStatus.Certified && c.CertifiedOn != null && c.CertifiedOn <= end
                        && c.UnitPath != null && c.UnitPath.StartsWith(communePath))
                    .Select(c => new { c.Id, c.UnitPath })
                    .ToListAsync(ct);
                return certified.Select(c => new SampleCandidate(IntKey(c.Id), VillageOf(c.UnitPath!, communePath))).ToList();
            case SampleKind.GuidanceSessions:
                var sessions = await db.FieldActivities.AsNoTracking()
                    .Where(a => a.Type == ActivityType.GuidanceSession && a.Date >= period && a.Date <= end && a.UnitPath.StartsWith(communePath))
                    .Select(a => new { a.Id, a.VillageCode })
                    .ToListAsync(ct);
                return sessions.Select(a => new SampleCandidate(a.Id.ToString("N"), a.VillageCode)).ToList();
            default:
                var classes = await db.TrainingClasses.AsNoTracking()
                    .Where(c => c.Date >= period && c.Date <= end && c.UnitPath.StartsWith(communePath))
                    .Select(c => new { c.Id, c.UnitPath })
                    .ToListAsync(ct);
                return classes.Select(c => new SampleCandidate(IntKey(c.Id), VillageOf(c.UnitPath, communePath))).ToList();
        }
    }

    /// <summary>The sampled records by key, read from their own tables (names and phones come decrypted from the accounts).</summary>
    public static async Task<Dictionary<string, SampledRecord>> DetailsAsync(AppDbContext db, SampleKind kind, IReadOnlyCollection<string> keys, CancellationToken ct)
    {
        switch (kind)
        {
            case SampleKind.CertifiedLearners:
                var ids = keys.Select(int.Parse).ToList();
                var people = await db.Certifications.AsNoTracking()
                    .Where(c => ids.Contains(c.Id))
                    .Join(db.Users, c => c.UserId, u => u.Id, (c, u) => new { c.Id, c.Serial, c.CertifiedOn, u.FullName, u.PhoneNumber })
                    .ToListAsync(ct);
                return people.ToDictionary(p => IntKey(p.Id), p => new SampledRecord(IntKey(p.Id), p.FullName, p.PhoneNumber, p.Serial, p.CertifiedOn));
            case SampleKind.GuidanceSessions:
                var guids = keys.Select(k => Guid.ParseExact(k, "N")).ToList();
                var sessions = await db.FieldActivities.AsNoTracking()
                    .Where(a => guids.Contains(a.Id))
                    .Select(a => new { a.Id, a.Date, a.Place, a.Participants, a.Topics, a.RecordedByUserId })
                    .ToListAsync(ct);
                var recorders = sessions.Select(s => s.RecordedByUserId).Distinct().ToList();
                var names = await db.Users.AsNoTracking().Where(u => recorders.Contains(u.Id)).Select(u => new { u.Id, u.FullName }).ToDictionaryAsync(u => u.Id, u => u.FullName, ct);
                return sessions.ToDictionary(s => s.Id.ToString("N"), s => new SampledRecord(
                    s.Id.ToString("N"), Date: s.Date, Title: s.Topics, Place: s.Place, Participants: s.Participants, RecordedBy: names.GetValueOrDefault(s.RecordedByUserId)));
            default:
                var classIds = keys.Select(int.Parse).ToList();
                var classes = await db.TrainingClasses.AsNoTracking()
                    .Where(c => classIds.Contains(c.Id))
                    .Select(c => new { c.Id, c.Title, c.Date, c.Place, c.Trainers, Attended = c.Attendance.Count })
                    .ToListAsync(ct);
                return classes.ToDictionary(c => IntKey(c.Id), c => new SampledRecord(
                    IntKey(c.Id), Date: c.Date, Title: c.Title, Place: c.Place, Participants: c.Attended, RecordedBy: c.Trainers));
        }
    }

    /// <summary>Integer ids as fixed-width keys, so that the ordinal sort of keys is the order of the ids.</summary>
    public static string IntKey(int id) => id.ToString("D10", CultureInfo.InvariantCulture);

    /// <summary>The village a record belongs to: the path segment after the commune's, or empty for commune-level records.</summary>
    public static string VillageOf(string unitPath, string communePath) =>
        unitPath.Length > communePath.Length ? unitPath[communePath.Length..].Split('/', StringSplitOptions.RemoveEmptyEntries)[0] : string.Empty;
}
