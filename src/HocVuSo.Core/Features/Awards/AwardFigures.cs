using HocVuSo.Core.Common;
using HocVuSo.Core.Data;
using HocVuSo.Core.Features.Certification;
using HocVuSo.Core.Features.Geography;
using HocVuSo.Core.Features.Reporting;
using Microsoft.EntityFrameworkCore;

namespace HocVuSo.Core.Features.Awards;

/// <summary>A figure from the records: a count, or a share when it has a denominator.</summary>
public sealed record FigureValue(decimal Value, decimal? Denominator)
{
    /// <summary>The share in percent (one decimal), for figures with a denominator.</summary>
    public decimal? Percent => Denominator is > 0 ? Math.Round(Value * 100 / Denominator.Value, 1) : null;
}

/// <summary>What a nomination is about, as the figures need it.</summary>
public sealed record NomineeRef(NomineeKind Kind, Unit Unit, string? UserId, int? OrganisationId)
{
    /// <summary>The name of an organisation, household, market or team.</summary>
    public string? Name { get; init; }
}

/// <summary>
/// The figures a criterion can take from the platform's records, computed with the same
/// queries as the dashboard's indicators (<see cref="IndicatorComputations"/>) so a nomination
/// never shows a figure the dashboard would not: a village's share of adults confirmed on VNeID,
/// its guidance sessions and its team's weekly sessions this year; a person's certification and
/// the people they guided as a team member; an organisation's enrolled people who are certified.
/// </summary>
public sealed class AwardFigures(AppDbContext db, IndicatorComputations computations, TimeProvider clock)
{
    public const string Attached = "attached";
    public const string VillageVneidShare = "village-vneid-share";
    public const string VillageGuidanceSessions = "village-guidance-sessions";
    public const string VillageTeamSessions = "village-team-sessions";
    public const string PersonCertified = "person-certified";
    public const string PersonPeopleHelped = "person-people-helped";
    public const string OrganisationCertifiedStaff = "organisation-certified-staff";

    /// <summary>Each figure and the nominee kinds it describes.</summary>
    public static IReadOnlyDictionary<string, NomineeKind[]> Metrics { get; } = new Dictionary<string, NomineeKind[]>(StringComparer.Ordinal)
    {
        [VillageVneidShare] = [NomineeKind.Village, NomineeKind.Team],
        [VillageGuidanceSessions] = [NomineeKind.Village, NomineeKind.Team],
        [VillageTeamSessions] = [NomineeKind.Village, NomineeKind.Team],
        [PersonCertified] = [NomineeKind.Person],
        [PersonPeopleHelped] = [NomineeKind.Person],
        [OrganisationCertifiedStaff] = [NomineeKind.Organisation],
    };

    public static bool IsKnownSource(string? source) => source == Attached || (source is not null && Metrics.ContainsKey(source));

    /// <summary>The figure of <paramref name="metric"/> for the nominee today, or null when it does not describe this kind of nominee.</summary>
    public async Task<FigureValue?> ComputeAsync(string metric, NomineeRef nominee, CancellationToken ct)
    {
        if (!Metrics.TryGetValue(metric, out var kinds) || !kinds.Contains(nominee.Kind))
        {
            return null;
        }

        var today = clock.TodayInVietnam();
        var month = new DateOnly(today.Year, today.Month, 1);
        var path = nominee.Unit.Path;
        switch (metric)
        {
            case VillageVneidShare:
                var confirmed = await computations.ComputeAsync(IndicatorComputations.AdultsVneidConfirmed, path, month, ct) ?? 0;
                var adults = await computations.DenominatorAsync(Denominator.Adults, nominee.Unit, today.Year, today, ct);
                return new FigureValue(confirmed, adults);
            case VillageGuidanceSessions:
                return new FigureValue(await computations.ComputeAsync(IndicatorComputations.GuidanceSessions, path, month, ct) ?? 0, null);
            case VillageTeamSessions:
                // The weekly-sessions computation counts one month; the year so far is its query over January to today.
                var weekly = IndicatorComputations.All[IndicatorComputations.WeeklySessions];
                var counts = await weekly.Count(db, new ComputationWindow(path, new DateOnly(today.Year, 1, 1), today)).ToListAsync(ct);
                return new FigureValue(counts.Sum(c => c.Count), null);
            case PersonCertified:
                var certified = await db.Certifications.AsNoTracking().AnyAsync(c => c.UserId == nominee.UserId && c.Status == CertificationStatus.Certified, ct);
                return new FigureValue(certified ? 1 : 0, null);
            case PersonPeopleHelped:
                var helped = await db.AssistedSessions.AsNoTracking().Where(s => s.HelperUserId == nominee.UserId).Select(s => s.LearnerUserId).Distinct().CountAsync(ct);
                return new FigureValue(helped, null);
            default:
                var members = db.OrganisationMembers.AsNoTracking().Where(m => m.OrganisationId == nominee.OrganisationId);
                var total = await members.Select(m => m.UserId).Distinct().CountAsync(ct);
                var withSkills = await members.Where(m => db.Certifications.Any(c => c.UserId == m.UserId && c.Status == CertificationStatus.Certified))
                    .Select(m => m.UserId).Distinct().CountAsync(ct);
                return new FigureValue(withSkills, total);
        }
    }
}
