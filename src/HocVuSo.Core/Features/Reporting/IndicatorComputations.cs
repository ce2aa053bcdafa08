using HocVuSo.Core.Data;
using HocVuSo.Core.Features.Geography;
using HocVuSo.Core.Features.Oversight;
using HocVuSo.Core.Features.Plans;
using HocVuSo.Core.Features.Teams;
using Microsoft.EntityFrameworkCore;

namespace HocVuSo.Core.Features.Reporting;

/// <summary>How a computed numerator accumulates over months.</summary>
public enum Accumulation
{
    /// <summary>Everything up to the end of the month (people certified, once each).</summary>
    AllTime,

    /// <summary>From 1 January to the end of the month (classes held this year).</summary>
    YearToDate,

    /// <summary>The month alone (weekly sessions held in the month).</summary>
    Month,
}

/// <summary>What a computation counts in, for a subtree and a range of days: paths under <see cref="Path"/>, days <see cref="From"/> to <see cref="To"/> (inclusive).</summary>
public sealed record ComputationWindow(string Path, DateOnly From, DateOnly To)
{
    /// <summary>The window's end as a UTC instant: the end of <see cref="To"/> in Viet Nam (UTC+7).</summary>
    public DateTime EndUtc => To.AddDays(1).ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc).AddHours(-VietnamOffsetHours);

    /// <summary>Viet Nam has kept UTC+7 without daylight saving since 1975; months of UTC instants are counted in it.</summary>
    public const int VietnamOffsetHours = 7;
}

/// <summary>A count of things under one unit path in one month (of Viet Nam's calendar).</summary>
public sealed record MonthlyCount(string UnitPath, int Year, int Month, int Count);

/// <summary>
/// One computation: how it accumulates, and one set-based query that counts, per unit path and
/// month, what happened inside a window. Distinct things (people, villages) are counted in the
/// month and at the unit where they first qualified inside the window, so the counts add up the
/// tree and across months without counting anyone twice.
/// </summary>
/// <param name="Members">For a computation over an organisation's enrolled people: their group, whose
/// organisations' headcounts are its denominator (<see cref="IndicatorComputations.HeadcountAsync"/>).</param>
/// <param name="PrefillsReport">The figure is the count of what the commune itself logged as evidence (the communications
/// log): the monthly report form starts from it when the commune has not typed a figure yet.</param>
/// <param name="Sources">For a figure of people confirmed here and outside the platform: its three series, whose
/// <see cref="IndicatorComputations.SeriesAsync"/> makes the figure; <paramref name="Count"/> is then the platform's own series.</param>
public sealed record Computation(Accumulation Accumulation, Func<AppDbContext, ComputationWindow, IQueryable<MonthlyCount>> Count, MemberGroup? Members = null,
    bool PrefillsReport = false, SourceSeries? Sources = null);

/// <summary>
/// A person counted once whether confirmed on this platform, outside it (the national platform, as
/// the police or the platform's own lists say: <see cref="Certification.ExternalConfirmation"/>), or
/// both. <see cref="Platform"/> counts the people confirmed here (at the month and unit of that
/// confirmation), <see cref="External"/> those confirmed outside (at theirs), <see cref="Both"/> those
/// confirmed both ways, at the platform's unit and in the month of the later confirmation. The figure
/// is Platform + External − Both: each person once, from the month of their first confirmation, and
/// every term adds up the tree and across months. The split (here only, outside only, both) is
/// Platform − Both, External − Both and Both. People are matched by the keyed hash of their number.
/// </summary>
public sealed record SourceSeries(
    Func<AppDbContext, ComputationWindow, IQueryable<MonthlyCount>> Platform,
    Func<AppDbContext, ComputationWindow, IQueryable<MonthlyCount>> External,
    Func<AppDbContext, ComputationWindow, IQueryable<MonthlyCount>> Both);

/// <summary>The split of a figure by where people were confirmed: here only, outside only, both.</summary>
public sealed record SourceSplit(decimal Platform, decimal External, decimal Both)
{
    /// <summary>Suffixes of the pre-aggregated codes of the split (<c>adults_vneid_confirmed:platform</c>…).</summary>
    public const string PlatformPart = ":platform";
    public const string ExternalPart = ":external";
    public const string BothPart = ":both";
}

/// <summary>A person enrolled in an organisation of a group, once: at the organisation they were enrolled in first.</summary>
public sealed class EnrolledPerson
{
    public required string UserId { get; init; }

    public required string UnitPath { get; init; }
}

/// <summary>
/// Numerators computed from the platform's own records: learners counted once each, sessions and
/// classes as the teams recorded them. These sit beside the figures communes report, so a
/// difference between the two is visible. <see cref="All"/> is the one place that maps a
/// computation key to its query: the roll-up job runs it for every commune and village at once
/// (GROUP BY), <see cref="ComputeAsync"/> for one unit's subtree.
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
    public const string OfficialsCertified = "officials_certified";
    public const string StudentsCertified = "students_certified";
    public const string WorkersCertified = "workers_certified";
    public const string OfficialsSignature = "officials_signature";
    public const string OfficialsMooc = "officials_mooc_80";
    public const string PostsPerMonth = "posts_per_month";
    public const string VisualPropaganda = "visual_propaganda";
    public const string MinorityLanguageItems = "minority_language_items";
    public const string ExemplaryCitizens = "exemplary_citizens";
    public const string ExemplaryVillages = "exemplary_villages";
    public const string DeskPeopleGuided = "desk_people_guided";
    public const string DeskSelfDone = "desk_self_done";

    /// <summary>The share of a course's lessons an official must have completed to count as self-learning on the MOOC.</summary>
    public const int MoocPercent = 80;

    /// <summary>Every computation by key. Adding one is adding one entry here.</summary>
    public static IReadOnlyDictionary<string, Computation> All { get; } = new Dictionary<string, Computation>(StringComparer.Ordinal)
    {
        [AdultsPassedFinal] = new(Accumulation.AllTime, (db, w) =>
        {
            var passed = db.QuizAttempts.Where(a => a.Passed == true && a.Quiz!.Slug == "final" && a.SubmittedAt != null && a.UnitPath != null);
            return passed
                .Where(a => a.SubmittedAt < w.EndUtc && a.UnitPath!.StartsWith(w.Path) && !passed.Any(b => b.UserId == a.UserId && b.SubmittedAt < a.SubmittedAt))
                .Select(a => new { a.UnitPath, At = a.SubmittedAt!.Value.AddHours(ComputationWindow.VietnamOffsetHours) })
                .GroupBy(a => new { a.UnitPath, a.At.Year, a.At.Month })
                .Select(g => new MonthlyCount(g.Key.UnitPath!, g.Key.Year, g.Key.Month, g.Count()));
        }),
        // One certification row per person (a unique index; merges keep it so). A revoked
        // certificate was issued wrongly, so it leaves every month, not only those after revocation;
        // one revoked because its holder asked to be deleted still counts (the person did qualify).
        // People confirmed outside the platform count too, once (SourceSeries).
        [AdultsCertified] = Split(new SourceSeries(
            (db, w) => CountedCertifications(db)
                .Where(c => c.CertifiedOn != null && c.CertifiedOn <= w.To && c.UnitPath != null && c.UnitPath.StartsWith(w.Path))
                .GroupBy(c => new { c.UnitPath, c.CertifiedOn!.Value.Year, c.CertifiedOn.Value.Month })
                .Select(g => new MonthlyCount(g.Key.UnitPath!, g.Key.Year, g.Key.Month, g.Count())),
            External,
            (db, w) => (from c in CountedCertifications(db)
                        where c.CertifiedOn != null && c.CertifiedOn <= w.To && c.UnitPath != null && c.UnitPath.StartsWith(w.Path)
                        join p in db.PersonIdentities on c.UserId equals p.UserId
                        join e in db.ExternalConfirmations on p.IdNumberHash equals e.IdNumberHash
                        where e.SkillsConfirmedOn <= w.To
                        select new { c.UnitPath, Later = c.CertifiedOn!.Value > e.SkillsConfirmedOn ? c.CertifiedOn.Value : e.SkillsConfirmedOn })
                .GroupBy(x => new { x.UnitPath, x.Later.Year, x.Later.Month })
                .Select(g => new MonthlyCount(g.Key.UnitPath!, g.Key.Year, g.Key.Month, g.Count())))),
        // Counted in the month VNeID acknowledged the confirmation (Viet Nam time), never earlier; a
        // confirmation on the national platform from its day.
        [AdultsVneidConfirmed] = Split(new SourceSeries(
            (db, w) => CountedCertifications(db)
                .Where(c => c.VneidConfirmedAt != null && c.VneidConfirmedAt < w.EndUtc && c.UnitPath != null && c.UnitPath.StartsWith(w.Path))
                .Select(c => new { c.UnitPath, At = c.VneidConfirmedAt!.Value.AddHours(ComputationWindow.VietnamOffsetHours) })
                .GroupBy(c => new { c.UnitPath, c.At.Year, c.At.Month })
                .Select(g => new MonthlyCount(g.Key.UnitPath!, g.Key.Year, g.Key.Month, g.Count())),
            External,
            (db, w) => (from c in CountedCertifications(db)
                        where c.VneidConfirmedAt != null && c.VneidConfirmedAt < w.EndUtc && c.UnitPath != null && c.UnitPath.StartsWith(w.Path)
                        join p in db.PersonIdentities on c.UserId equals p.UserId
                        join e in db.ExternalConfirmations on p.IdNumberHash equals e.IdNumberHash
                        where e.SkillsConfirmedOn <= w.To
                        select new { c.UnitPath, Later = c.VneidConfirmedAt!.Value > e.ConfirmedFromUtc ? c.VneidConfirmedAt.Value : e.ConfirmedFromUtc })
                .Select(x => new { x.UnitPath, At = x.Later.AddHours(ComputationWindow.VietnamOffsetHours) })
                .GroupBy(x => new { x.UnitPath, x.At.Year, x.At.Month })
                .Select(g => new MonthlyCount(g.Key.UnitPath!, g.Key.Year, g.Key.Month, g.Count())))),
        [AdultsDigitalSignature] = new(Accumulation.AllTime, (db, w) => db.DigitalIdentityStatuses
            .Where(s => s.DigitalSignatureOn != null && s.DigitalSignatureOn <= w.To && s.UnitPath != null && s.UnitPath.StartsWith(w.Path))
            .GroupBy(s => new { s.UnitPath, s.DigitalSignatureOn!.Value.Year, s.DigitalSignatureOn.Value.Month })
            .Select(g => new MonthlyCount(g.Key.UnitPath!, g.Key.Year, g.Key.Month, g.Count()))),
        [AdultsVneidLevel2] = new(Accumulation.AllTime, (db, w) => db.DigitalIdentityStatuses
            .Where(s => s.VneidLevel2On != null && s.VneidLevel2On <= w.To && s.UnitPath != null && s.UnitPath.StartsWith(w.Path))
            .GroupBy(s => new { s.UnitPath, s.VneidLevel2On!.Value.Year, s.VneidLevel2On.Value.Month })
            .Select(g => new MonthlyCount(g.Key.UnitPath!, g.Key.Year, g.Key.Month, g.Count()))),
        // The target groups: people enrolled in an organisation (officials, students, workers), each
        // once, at the organisation they joined first, counted from the platform's records of them.
        [OfficialsCertified] = new(Accumulation.AllTime, (db, w) => CertifiedMembers(db, w, MemberGroup.Officials), MemberGroup.Officials),
        [StudentsCertified] = new(Accumulation.AllTime, (db, w) => CertifiedMembers(db, w, MemberGroup.Students), MemberGroup.Students),
        [WorkersCertified] = new(Accumulation.AllTime, (db, w) => CertifiedMembers(db, w, MemberGroup.Workers), MemberGroup.Workers),
        [OfficialsSignature] = new(Accumulation.AllTime, (db, w) =>
            from m in Enrolled(db, MemberGroup.Officials)
            join s in db.DigitalIdentityStatuses on m.UserId equals s.UserId
            where s.DigitalSignatureOn != null && s.DigitalSignatureOn <= w.To && m.UnitPath.StartsWith(w.Path)
            group s by new { m.UnitPath, s.DigitalSignatureOn!.Value.Year, s.DigitalSignatureOn.Value.Month } into g
            select new MonthlyCount(g.Key.UnitPath, g.Key.Year, g.Key.Month, g.Count()), MemberGroup.Officials),
        // An official counts from the moment their completed lessons of a published course's current
        // version reach 80% of its lessons; once, however many courses they take.
        [OfficialsMooc] = new(Accumulation.AllTime, (db, w) =>
            (from m in Enrolled(db, MemberGroup.Officials)
             join p in db.LessonProgress on m.UserId equals p.UserId
             where p.CompletedAt != null && p.CompletedAt < w.EndUtc && m.UnitPath.StartsWith(w.Path)
             let total = db.Lessons.Count(l => l.Module!.CourseVersion!.Course!.Slug == p.CourseSlug && l.Module.CourseVersion.Course.CurrentVersionId == l.Module.CourseVersionId)
             let done = db.LessonProgress.Count(q => q.UserId == p.UserId && q.CourseSlug == p.CourseSlug && q.CompletedAt != null && q.CompletedAt <= p.CompletedAt
                 && db.Lessons.Any(l => l.Slug == q.LessonSlug && l.Module!.CourseVersion!.Course!.Slug == q.CourseSlug && l.Module.CourseVersion.Course.CurrentVersionId == l.Module.CourseVersionId))
             where total > 0 && done * 100 >= total * MoocPercent
             group p by new { m.UserId, m.UnitPath } into person
             select new { person.Key.UnitPath, First = person.Min(x => x.CompletedAt)!.Value })
            .Select(x => new { x.UnitPath, At = x.First.AddHours(ComputationWindow.VietnamOffsetHours) })
            .GroupBy(x => new { x.UnitPath, x.At.Year, x.At.Month })
            .Select(g => new MonthlyCount(g.Key.UnitPath, g.Key.Year, g.Key.Month, g.Count())), MemberGroup.Officials),
        [ClassesHeld] = new(Accumulation.YearToDate, (db, w) => db.TrainingClasses
            .Where(c => c.UnitPath.StartsWith(w.Path) && c.Date >= w.From && c.Date <= w.To && c.Attendance.Any())
            .GroupBy(c => new { c.UnitPath, c.Date.Year, c.Date.Month })
            .Select(g => new MonthlyCount(g.Key.UnitPath, g.Key.Year, g.Key.Month, g.Count()))),
        // From the communications log (docs/COMMUNICATIONS.md): flagged duplicates never count.
        [PostsPerMonth] = new(Accumulation.Month, (db, w) => Communications(db, w).Where(i => CommunicationCounting.Posts.Contains(i.Kind))
            .GroupBy(i => new { i.UnitPath, i.Date.Year, i.Date.Month })
            .Select(g => new MonthlyCount(g.Key.UnitPath, g.Key.Year, g.Key.Month, g.Count())), PrefillsReport: true),
        [VisualPropaganda] = new(Accumulation.YearToDate, (db, w) => Communications(db, w).Where(i => CommunicationCounting.Visual.Contains(i.Kind))
            .GroupBy(i => new { i.UnitPath, i.Date.Year, i.Date.Month })
            .Select(g => new MonthlyCount(g.Key.UnitPath, g.Key.Year, g.Key.Month, g.Count())), PrefillsReport: true),
        [MinorityLanguageItems] = new(Accumulation.Month, (db, w) => Communications(db, w).Where(i => i.Language != CommunicationLanguages.Vietnamese)
            .GroupBy(i => new { i.UnitPath, i.Date.Year, i.Date.Month })
            .Select(g => new MonthlyCount(g.Key.UnitPath, g.Key.Year, g.Key.Month, g.Count())), PrefillsReport: true),
        // Recognition decisions (Awards area): counted in the month of the decision, at the nominee's
        // unit; a revoked certificate of merit leaves every month.
        [ExemplaryCitizens] = new(Accumulation.YearToDate, (db, w) => Recognised(db, w, Awards.AwardModels.ExemplaryDigitalCitizen)),
        [ExemplaryVillages] = new(Accumulation.YearToDate, (db, w) => Recognised(db, w, Awards.AwardModels.ExemplaryDigitalVillage)),
        // The service centre's help desk (ServiceDesk area): each person helped is one visit, counted
        // at the commune on the day of the visit; those who did the online service themselves apart.
        [DeskPeopleGuided] = new(Accumulation.YearToDate, (db, w) => DeskVisits(db, w, selfDoneOnly: false)),
        [DeskSelfDone] = new(Accumulation.YearToDate, (db, w) => DeskVisits(db, w, selfDoneOnly: true)),
        [GuidanceSessions] = new(Accumulation.YearToDate, (db, w) => Activities(db, w, ActivityType.GuidanceSession)),
        [WeeklySessions] = new(Accumulation.Month, (db, w) => Activities(db, w, ActivityType.WeeklySession)),
        [VillagesReinforced] = new(Accumulation.YearToDate, (db, w) => db.TeamMembers
            .Where(m => m.Team!.UnitPath.StartsWith(w.Path) && m.Team.Kind == TeamKind.Village && m.ActiveFrom >= w.From && m.ActiveFrom <= w.To)
            .GroupBy(m => new { m.Team!.UnitPath, m.TeamId })
            .Select(g => new { g.Key.UnitPath, First = g.Min(m => m.ActiveFrom) })
            .GroupBy(t => new { t.UnitPath, t.First.Year, t.First.Month })
            .Select(g => new MonthlyCount(g.Key.UnitPath, g.Key.Year, g.Key.Month, g.Count()))),
    };

    /// <summary>The window a computation looks at for the months <paramref name="first"/> to <paramref name="last"/> of one year (or all time).</summary>
    public static ComputationWindow WindowFor(Accumulation accumulation, string path, DateOnly first, DateOnly last) => new(
        path,
        accumulation switch
        {
            Accumulation.AllTime => DateOnly.MinValue,
            Accumulation.YearToDate => new DateOnly(first.Year, 1, 1),
            _ => first,
        },
        last.AddMonths(1).AddDays(-1));

    /// <summary>The value of a computation for one unit's subtree at the end of a month (null for an unknown key).</summary>
    public async Task<decimal?> ComputeAsync(string? computation, string path, DateOnly period, CancellationToken ct)
    {
        if (computation is null || !All.TryGetValue(computation, out var definition))
        {
            return null;
        }

        var series = await SeriesAsync(definition, db, WindowFor(definition.Accumulation, path, period, period), ct);
        return series[0].Rows.Sum(c => c.Count);
    }

    /// <summary>Each person enrolled in an organisation of <paramref name="members"/> once, at the organisation of their first enrolment.</summary>
    public static IQueryable<EnrolledPerson> Enrolled(AppDbContext db, MemberGroup members) =>
        from m in db.OrganisationMembers
        where m.Group == members && !db.OrganisationMembers.Any(o => o.UserId == m.UserId && o.Group == members && o.Id < m.Id)
        join o in db.Organisations on m.OrganisationId equals o.Id
        select new EnrolledPerson { UserId = m.UserId, UnitPath = o.UnitPath };

    private static Computation Split(SourceSeries series) => new(Accumulation.AllTime, series.Platform, Sources: series);

    private static IQueryable<Certification.PersonCertification> CountedCertifications(AppDbContext db) =>
        db.Certifications.Where(c => c.Status == Certification.CertificationStatus.Certified || c.ErasedAtHolderRequest);

    /// <summary>People confirmed on the national platform (ExternalConfirmation), at their unit and the month of the confirmation.</summary>
    private static IQueryable<MonthlyCount> External(AppDbContext db, ComputationWindow w) => db.ExternalConfirmations
        .Where(e => e.SkillsConfirmedOn >= w.From && e.SkillsConfirmedOn <= w.To && e.UnitPath.StartsWith(w.Path))
        .GroupBy(e => new { e.UnitPath, e.SkillsConfirmedOn.Year, e.SkillsConfirmedOn.Month })
        .Select(g => new MonthlyCount(g.Key.UnitPath, g.Key.Year, g.Key.Month, g.Count()));

    /// <summary>
    /// A computation's counts inside a window, by series: "" is the figure; a computation with
    /// <see cref="Computation.Sources"/> also gives its split (<see cref="SourceSplit.PlatformPart"/>…).
    /// Counts of a split may be negative (a person confirmed both ways leaves the "here only" part in
    /// the month they became "both"); sums over months and up the tree are what is read.
    /// </summary>
    public static async Task<IReadOnlyList<(string Suffix, List<MonthlyCount> Rows)>> SeriesAsync(Computation definition, AppDbContext db, ComputationWindow w, CancellationToken ct)
    {
        if (definition.Sources is not { } sources)
        {
            return [(string.Empty, await definition.Count(db, w).ToListAsync(ct))];
        }

        var platform = await sources.Platform(db, w).ToListAsync(ct);
        var external = await sources.External(db, w).ToListAsync(ct);
        var both = await sources.Both(db, w).ToListAsync(ct);
        var minusBoth = both.Select(b => b with { Count = -b.Count }).ToList();
        return
        [
            (string.Empty, [.. platform, .. external, .. minusBoth]),
            (SourceSplit.PlatformPart, [.. platform, .. minusBoth]),
            (SourceSplit.ExternalPart, [.. external, .. minusBoth]),
            (SourceSplit.BothPart, both),
        ];
    }

    /// <summary>The split of a computation with sources for one unit's subtree at the end of a month (null: the computation has none).</summary>
    public async Task<SourceSplit?> SplitAsync(string? computation, string path, DateOnly period, CancellationToken ct)
    {
        if (computation is null || !All.TryGetValue(computation, out var definition) || definition.Sources is null)
        {
            return null;
        }

        var series = (await SeriesAsync(definition, db, WindowFor(definition.Accumulation, path, period, period), ct)).ToDictionary(s => s.Suffix, s => s.Rows.Sum(r => r.Count));
        return new SourceSplit(series[SourceSplit.PlatformPart], series[SourceSplit.ExternalPart], series[SourceSplit.BothPart]);
    }

    // One certification row per person (a unique index), so joining people to it counts each once.
    private static IQueryable<MonthlyCount> CertifiedMembers(AppDbContext db, ComputationWindow w, MemberGroup members) =>
        from m in Enrolled(db, members)
        join c in db.Certifications on m.UserId equals c.UserId
        where c.Status == Certification.CertificationStatus.Certified && c.CertifiedOn != null && c.CertifiedOn <= w.To && m.UnitPath.StartsWith(w.Path)
        group c by new { m.UnitPath, c.CertifiedOn!.Value.Year, c.CertifiedOn.Value.Month } into g
        select new MonthlyCount(g.Key.UnitPath, g.Key.Year, g.Key.Month, g.Count());

    /// <summary>
    /// The headcount of a group in the organisations of a subtree for a year (the denominator of
    /// the target-group figures computed from enrolled people); null when none of them has one.
    /// </summary>
    public async Task<decimal?> HeadcountAsync(MemberGroup members, string path, int year, CancellationToken ct)
    {
        var counts = await db.OrganisationHeadcounts.AsNoTracking()
            .Where(h => h.Year == year && h.Group == members)
            .Join(db.Organisations.Where(o => o.UnitPath.StartsWith(path)), h => h.OrganisationId, o => o.Id, (h, o) => h.Count)
            .ToListAsync(ct);
        return counts.Count == 0 ? null : counts.Sum();
    }

    private static IQueryable<CommunicationItem> Communications(AppDbContext db, ComputationWindow w) => db.CommunicationItems
        .Where(i => i.UnitPath.StartsWith(w.Path) && i.Date >= w.From && i.Date <= w.To && i.DuplicateOfId == null);

    private static IQueryable<MonthlyCount> Recognised(AppDbContext db, ComputationWindow w, string model) => db.Set<Awards.DecisionItem>()
        .Where(i => i.Model == model && i.RevokedAt == null && i.UnitPath.StartsWith(w.Path) && i.RecognisedOn >= w.From && i.RecognisedOn <= w.To)
        .GroupBy(i => new { i.UnitPath, i.RecognisedOn.Year, i.RecognisedOn.Month })
        .Select(g => new MonthlyCount(g.Key.UnitPath, g.Key.Year, g.Key.Month, g.Count()));

    private static IQueryable<MonthlyCount> DeskVisits(AppDbContext db, ComputationWindow w, bool selfDoneOnly) => db.DeskVisits
        .Where(v => v.UnitPath.StartsWith(w.Path) && v.Date >= w.From && v.Date <= w.To && (!selfDoneOnly || v.SelfDone))
        .GroupBy(v => new { v.UnitPath, v.Date.Year, v.Date.Month })
        .Select(g => new MonthlyCount(g.Key.UnitPath, g.Key.Year, g.Key.Month, g.Count()));

    private static IQueryable<MonthlyCount> Activities(AppDbContext db, ComputationWindow w, ActivityType type) => db.FieldActivities
        .Where(a => a.UnitPath.StartsWith(w.Path) && a.Type == type && a.Date >= w.From && a.Date <= w.To)
        .GroupBy(a => new { a.UnitPath, a.Date.Year, a.Date.Month })
        .Select(g => new MonthlyCount(g.Key.UnitPath, g.Key.Year, g.Key.Month, g.Count()));

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
