using HocVuSo.Core.Common;
using HocVuSo.Core.Data;
using HocVuSo.Core.Features.Accounts;
using Microsoft.EntityFrameworkCore;

namespace HocVuSo.Core.Features.Awards;

/// <summary>A figure frozen at submission beside its value now (null when not asked for).</summary>
public sealed record FigureDto(int Criterion, string Metric, decimal Frozen, decimal? FrozenDenominator, decimal? FrozenPercent, decimal? Current, decimal? CurrentDenominator, decimal? CurrentPercent);

public sealed record EvidenceDto(int? Criterion, string Text, string? Url);

public sealed record AppraisalResultDto(decimal? Score, int For, int Against, int Appraisers, int Quorum);

public sealed record RecognitionRefDto(string Number, DateOnly Date, string Serial, bool Revoked);

public sealed record NominationDto(
    int Id, int Scheme, string SchemeTitle, string Kind, string Nominee, string Unit, string UnitName, string State, string? Story, string? PhotoUrl,
    DateTime SubmittedAt, bool Consented, bool PublishName, bool PublishStory, string? WithdrawnReason,
    IReadOnlyList<FigureDto> Figures, IReadOnlyList<EvidenceDto> Evidence, AppraisalResultDto? Result, RecognitionRefDto? Recognition,
    bool CanScore, bool CanWithdraw);

internal static class NominationViews
{
    /// <summary>Staff who see the nomination's unit or the scheme's, the scheme's council, the nominator and the nominee see a nomination.</summary>
    public static bool CanSee(UserScope scope, Nomination nomination, AwardScheme scheme, bool isMember) =>
        isMember || scope.Can(Permission.ViewStaffData, nomination.UnitPath) || scope.Can(Permission.ViewStaffData, scheme.UnitPath)
        || (scope.UserId is not null && (nomination.NominatedByUserId == scope.UserId || nomination.NomineeUserId == scope.UserId))
        || scope.ActsFor(nomination.NomineeOrganisationId) || scope.ActsFor(nomination.NominatedByOrganisationId);

    /// <summary>The name shown to staff: a person's masked (initials with dots), everything else in full.</summary>
    public static async Task<string> NomineeNameAsync(AppDbContext db, Nomination n, bool full, CancellationToken ct)
    {
        switch (n.Kind)
        {
            case NomineeKind.Person:
                var name = await db.Users.AsNoTracking().Where(u => u.Id == n.NomineeUserId).Select(u => u.FullName).FirstOrDefaultAsync(ct) ?? string.Empty;
                return full ? name : Mask.Name(name) ?? string.Empty;
            case NomineeKind.Village:
                return await db.Units.AsNoTracking().Where(u => u.Id == n.UnitId).Select(u => u.FullName).FirstAsync(ct);
            case NomineeKind.Organisation:
                return await db.Organisations.AsNoTracking().Where(o => o.Id == n.NomineeOrganisationId).Select(o => o.Name).FirstOrDefaultAsync(ct) ?? string.Empty;
            case NomineeKind.Household:
                return full ? n.NomineeName ?? string.Empty : Mask.Name(n.NomineeName) ?? string.Empty;
            default:
                return n.NomineeName ?? string.Empty;
        }
    }

    public static async Task<Result<NominationDto>> ViewAsync(AppDbContext db, UserScope scope, AwardFigures figures, int id, bool current, CancellationToken ct)
    {
        var n = await db.Set<Nomination>().AsNoTracking().Include(x => x.Figures).Include(x => x.Evidence).FirstOrDefaultAsync(x => x.Id == id, ct);
        var scheme = n is null ? null : await db.Set<AwardScheme>().AsNoTracking().Include(s => s.Criteria).Include(s => s.Council).FirstAsync(s => s.Id == n.SchemeId, ct);
        if (n is null || scheme is null)
        {
            return Errors.NotFound("awards.nomination_not_found", id);
        }

        var member = scheme.Council.FirstOrDefault(m => m.UserId == scope.UserId);
        if (!CanSee(scope, n, scheme, member is not null))
        {
            return Errors.NotFound("awards.nomination_not_found", id);
        }

        var unit = await db.Units.AsNoTracking().FirstAsync(u => u.Id == n.UnitId, ct);
        var numbers = scheme.Criteria.ToDictionary(c => c.Id, c => c.Number);
        var nominee = new NomineeRef(n.Kind, unit, n.NomineeUserId, n.NomineeOrganisationId);
        var shown = new List<FigureDto>();
        foreach (var f in n.Figures.OrderBy(f => numbers.GetValueOrDefault(f.CriterionId)))
        {
            var now = current ? await figures.ComputeAsync(f.Metric, nominee, ct) : null;
            var frozen = new FigureValue(f.Value, f.Denominator);
            shown.Add(new FigureDto(numbers.GetValueOrDefault(f.CriterionId), f.Metric, f.Value, f.Denominator, frozen.Percent, now?.Value, now?.Denominator, now?.Percent));
        }

        var item = await db.Set<DecisionItem>().AsNoTracking().Where(i => i.NominationId == n.Id)
            .Join(db.Set<RecognitionDecision>(), i => i.DecisionId, d => d.Id, (i, d) => new { d.Number, d.Date, i.Serial, i.RevokedAt }).FirstOrDefaultAsync(ct);
        var ended = scheme.AppraisalEndedAt is not null;
        return new NominationDto(
            n.Id, scheme.Id, scheme.Title, AwardKeys.Key(n.Kind), await NomineeNameAsync(db, n, full: n.NomineeUserId == scope.UserId, ct), unit.Code, unit.FullName,
            AwardKeys.Key(n.State), n.Story, n.PhotoUrl, n.SubmittedAt, n.ConsentedAt is not null, n.ConsentPublishName, n.ConsentPublishStory, n.WithdrawnReason,
            shown, n.Evidence.Select(e => new EvidenceDto(e.CriterionId is { } c ? numbers.GetValueOrDefault(c) : null, e.Text, e.Url)).ToList(),
            ended && n.State is not (NominationState.Withdrawn or NominationState.AwaitingConsent) ? new AppraisalResultDto(n.ResultScore, n.VotesFor, n.VotesAgainst, n.Appraisers, scheme.Quorum) : null,
            item is null ? null : new RecognitionRefDto(item.Number, item.Date, item.Serial, item.RevokedAt is not null),
            member is not null && !ended && n.State == NominationState.Submitted,
            !ended && n.State is NominationState.AwaitingConsent or NominationState.Submitted
                && (n.NominatedByUserId == scope.UserId || n.NomineeUserId == scope.UserId || scope.Can(Permission.ManagePlans, scheme.UnitPath)));
    }
}
