using System.Globalization;
using HocVuSo.Core.Common;
using HocVuSo.Core.Data;
using HocVuSo.Core.Features.Accounts;
using HocVuSo.Core.Features.Audit;
using HocVuSo.Core.Features.Geography;
using Microsoft.EntityFrameworkCore;

namespace HocVuSo.Core.Features.Awards;

public sealed record ScoreInput(int? Criterion, int? Score);

public sealed record MemberAppraisalDto(int Nomination, string Member, string Vote, IReadOnlyList<ScoreInput> Scores, int Appraisers);

/// <summary>
/// The conflict-of-interest rule (xung đột lợi ích): a council member takes no part in a nomination
/// from the village they declared or are assigned to, from the organisation they declared or act
/// for, of themselves, or that they made.
/// </summary>
public static class ConflictOfInterest
{
    public static async Task<bool> AppliesAsync(AppDbContext db, CouncilMember member, Nomination nomination, CancellationToken ct)
    {
        if (member.VillagePath is { } village && nomination.UnitPath.StartsWith(village, StringComparison.Ordinal))
        {
            return true;
        }

        if (member.OrganisationId is { } declared && (declared == nomination.NomineeOrganisationId || declared == nomination.NominatedByOrganisationId))
        {
            return true;
        }

        if (member.UserId == nomination.NomineeUserId || member.UserId == nomination.NominatedByUserId)
        {
            return true;
        }

        var assignments = await db.StaffAssignments.AsNoTracking().Where(a => a.UserId == member.UserId)
            .Select(a => new { a.UnitPath, a.OrganisationId, Level = db.Units.Where(u => u.Id == a.UnitId).Select(u => u.Level).FirstOrDefault() }).ToListAsync(ct);
        return assignments.Any(a => (a.Level == UnitLevel.Village && nomination.UnitPath.StartsWith(a.UnitPath, StringComparison.Ordinal))
            || (a.OrganisationId is { } org && (org == nomination.NomineeOrganisationId || org == nomination.NominatedByOrganisationId)));
    }
}

/// <summary>
/// A council member scores every criterion of a nomination on its scale and votes for, against or
/// abstains, while the scheme's appraisal is open; a member with a conflict of interest is refused
/// (and the refusal is audited). Scoring again replaces the member's earlier scores and vote.
/// </summary>
public static class RecordScores
{
    public sealed record Command(int NominationId, IReadOnlyList<ScoreInput>? Scores, string? Vote, string? Comment);

    public sealed class Handler(AppDbContext db, ScopeService scopes, TimeProvider clock)
    {
        public async Task<Result<MemberAppraisalDto>> HandleAsync(Command command, CancellationToken ct)
        {
            var scope = await scopes.GetAsync(ct);
            var open = await Appraisals.OpenAsync(db, scope, command.NominationId, ct);
            if (!open.IsSuccess)
            {
                return open.FirstError;
            }

            var (nomination, scheme, member) = open.Value;
            if (await ConflictOfInterest.AppliesAsync(db, member, nomination, ct)
                || await db.Set<AppraisalVote>().AnyAsync(v => v.NominationId == nomination.Id && v.MemberId == member.Id && v.Vote == AwardKeys.VoteConflict, ct))
            {
                AuditLog.Record(db, scope, clock.UtcNow(), "awards.conflict_refused", nameof(Nomination), nomination.Id.ToString(CultureInfo.InvariantCulture), nomination.UnitPath,
                    newValue: new { member = member.Id });
                await db.SaveChangesAsync(ct);
                return Errors.Conflict("awards.conflict_of_interest", "member", scope.UserName ?? string.Empty);
            }

            var errors = new List<Error>();
            var scores = command.Scores ?? [];
            var recorded = new List<AppraisalScore>();
            var now = clock.UtcNow();
            for (var i = 0; i < scores.Count; i++)
            {
                var criterion = scores[i].Criterion is { } number ? scheme.Criteria.FirstOrDefault(c => c.Number == number) : null;
                if (criterion is null)
                {
                    errors.Add(Errors.Invalid("awards.criterion_unknown", $"scores[{i}].criterion", scores[i].Criterion?.ToString(CultureInfo.InvariantCulture) ?? string.Empty));
                }
                else if (recorded.Any(r => r.CriterionId == criterion.Id))
                {
                    errors.Add(Errors.Invalid("awards.criterion_repeated", $"scores[{i}].criterion", criterion.Number));
                }
                else if (scores[i].Score is not { } score || score < 0 || score > criterion.ScaleMax)
                {
                    errors.Add(Errors.Invalid("awards.score_out_of_scale", $"scores[{i}].score", scores[i].Score?.ToString(CultureInfo.InvariantCulture) ?? string.Empty, criterion.ScaleMax));
                }
                else
                {
                    recorded.Add(new AppraisalScore { NominationId = nomination.Id, MemberId = member.Id, CriterionId = criterion.Id, Score = score, At = now });
                }
            }

            if (errors.Count == 0 && recorded.Count != scheme.Criteria.Count)
            {
                errors.Add(Errors.Invalid("awards.scores_incomplete", "scores", scheme.Criteria.Count));
            }

            var vote = (command.Vote ?? string.Empty).Trim();
            if (!AwardKeys.Votes.Contains(vote))
            {
                errors.Add(Errors.Invalid("awards.vote_unknown", "vote", vote, string.Join(", ", AwardKeys.Votes)));
            }

            var comment = AwardRules.Optional(command.Comment, "comment", AwardRules.MaxText, errors);
            if (errors.Count > 0)
            {
                return Result<MemberAppraisalDto>.Fail(errors);
            }

            await using var transaction = await db.Database.BeginTransactionAsync(ct);
            await db.Set<AppraisalScore>().Where(s => s.NominationId == nomination.Id && s.MemberId == member.Id).ExecuteDeleteAsync(ct);
            await db.Set<AppraisalVote>().Where(v => v.NominationId == nomination.Id && v.MemberId == member.Id).ExecuteDeleteAsync(ct);
            db.Set<AppraisalScore>().AddRange(recorded);
            db.Set<AppraisalVote>().Add(new AppraisalVote { NominationId = nomination.Id, MemberId = member.Id, Vote = vote, Comment = comment, At = now });
            AuditLog.Record(db, scope, now, "awards.scored", nameof(Nomination), nomination.Id.ToString(CultureInfo.InvariantCulture), nomination.UnitPath,
                newValue: new { member = member.Id, vote, scores = recorded.Select(r => new { r.CriterionId, r.Score }) });
            await db.SaveChangesAsync(ct);
            await transaction.CommitAsync(ct);
            var appraisers = await db.Set<AppraisalVote>().CountAsync(v => v.NominationId == nomination.Id && v.Vote != AwardKeys.VoteConflict, ct);
            var byId = scheme.Criteria.ToDictionary(c => c.Id, c => c.Number);
            return new MemberAppraisalDto(nomination.Id, scope.UserName ?? string.Empty, vote, recorded.Select(r => new ScoreInput(byId[r.CriterionId], r.Score)).ToList(), appraisers);
        }
    }
}

/// <summary>A council member declares a conflict of interest on a nomination: their scores and vote are removed and they take no further part. Audited.</summary>
public static class DeclareConflict
{
    public sealed record Command(int NominationId, string? Reason);

    public sealed class Handler(AppDbContext db, ScopeService scopes, TimeProvider clock)
    {
        public async Task<Result<MemberAppraisalDto>> HandleAsync(Command command, CancellationToken ct)
        {
            var scope = await scopes.GetAsync(ct);
            var open = await Appraisals.OpenAsync(db, scope, command.NominationId, ct);
            if (!open.IsSuccess)
            {
                return open.FirstError;
            }

            var (nomination, _, member) = open.Value;
            var errors = new List<Error>();
            var reason = AwardRules.Required(command.Reason, "reason", AwardRules.MaxText, errors);
            if (errors.Count > 0)
            {
                return Result<MemberAppraisalDto>.Fail(errors);
            }

            var now = clock.UtcNow();
            await using var transaction = await db.Database.BeginTransactionAsync(ct);
            await db.Set<AppraisalScore>().Where(s => s.NominationId == nomination.Id && s.MemberId == member.Id).ExecuteDeleteAsync(ct);
            await db.Set<AppraisalVote>().Where(v => v.NominationId == nomination.Id && v.MemberId == member.Id).ExecuteDeleteAsync(ct);
            db.Set<AppraisalVote>().Add(new AppraisalVote { NominationId = nomination.Id, MemberId = member.Id, Vote = AwardKeys.VoteConflict, Comment = reason, At = now });
            AuditLog.Record(db, scope, now, "awards.conflict_declared", nameof(Nomination), nomination.Id.ToString(CultureInfo.InvariantCulture), nomination.UnitPath,
                newValue: new { member = member.Id }, reason: reason);
            await db.SaveChangesAsync(ct);
            await transaction.CommitAsync(ct);
            var appraisers = await db.Set<AppraisalVote>().CountAsync(v => v.NominationId == nomination.Id && v.Vote != AwardKeys.VoteConflict, ct);
            return new MemberAppraisalDto(nomination.Id, scope.UserName ?? string.Empty, AwardKeys.VoteConflict, [], appraisers);
        }
    }
}

internal static class Appraisals
{
    /// <summary>The nomination, its scheme and the caller's council seat, when the appraisal is open and the nomination in it.</summary>
    public static async Task<Result<(Nomination Nomination, AwardScheme Scheme, CouncilMember Member)>> OpenAsync(AppDbContext db, UserScope scope, int id, CancellationToken ct)
    {
        var nomination = await db.Set<Nomination>().AsNoTracking().FirstOrDefaultAsync(n => n.Id == id, ct);
        var scheme = nomination is null ? null : await db.Set<AwardScheme>().AsNoTracking().Include(s => s.Criteria).Include(s => s.Council).FirstAsync(s => s.Id == nomination.SchemeId, ct);
        if (nomination is null || scheme is null)
        {
            return Errors.NotFound("awards.nomination_not_found", id);
        }

        var member = scheme.Council.FirstOrDefault(m => m.UserId == scope.UserId);
        if (member is null)
        {
            return new Error("awards.not_council_member", ErrorKind.Forbidden, "member");
        }

        if (scheme.AppraisalEndedAt is not null)
        {
            return Errors.Conflict("awards.appraisal_ended", "nomination", scheme.Title);
        }

        return nomination.State != NominationState.Submitted
            ? Errors.Conflict("awards.not_in_appraisal", "nomination", AwardKeys.Key(nomination.State))
            : (nomination, scheme, member);
    }
}

/// <summary>
/// Ends a scheme's appraisal (staff who manage plans at its unit): every nomination in appraisal gets
/// its result by the scheme's rule — fewer appraisers (members who scored and voted) than the quorum:
/// no quorum; a weighted score below the pass mark: not recommended; as many votes for as against:
/// tie; more for than against: recommended; otherwise not recommended. Scores close. Audited.
/// </summary>
public static class EndAppraisal
{
    public sealed record Outcome(int Scheme, IReadOnlyDictionary<int, string> Results);

    public sealed class Handler(AppDbContext db, ScopeService scopes, TimeProvider clock)
    {
        public async Task<Result<Outcome>> HandleAsync(int schemeId, CancellationToken ct)
        {
            var scope = await scopes.GetAsync(ct);
            var scheme = await db.Set<AwardScheme>().Include(s => s.Criteria).FirstOrDefaultAsync(s => s.Id == schemeId, ct);
            if (scheme is null || !scope.Can(Permission.ViewStaffData, scheme.UnitPath))
            {
                return Errors.NotFound("awards.scheme_not_found", schemeId);
            }

            if (!scope.Can(Permission.ManagePlans, scheme.UnitPath))
            {
                return Errors.Forbidden();
            }

            if (scheme.AppraisalEndedAt is not null)
            {
                return Errors.Conflict("awards.appraisal_ended", "scheme", scheme.Title);
            }

            var now = clock.UtcNow();
            var nominations = await db.Set<Nomination>().Where(n => n.SchemeId == scheme.Id && n.State == NominationState.Submitted).ToListAsync(ct);
            var ids = nominations.Select(n => n.Id).ToList();
            var votes = await db.Set<AppraisalVote>().AsNoTracking().Where(v => ids.Contains(v.NominationId) && v.Vote != AwardKeys.VoteConflict).ToListAsync(ct);
            var scores = await db.Set<AppraisalScore>().AsNoTracking().Where(s => ids.Contains(s.NominationId)).ToListAsync(ct);
            var results = new Dictionary<int, string>();
            foreach (var nomination in nominations)
            {
                var cast = votes.Where(v => v.NominationId == nomination.Id).ToList();
                var members = cast.Select(v => v.MemberId).Where(m => scheme.Criteria.All(c => scores.Any(s => s.NominationId == nomination.Id && s.MemberId == m && s.CriterionId == c.Id))).ToHashSet();
                nomination.Appraisers = members.Count;
                nomination.VotesFor = cast.Count(v => members.Contains(v.MemberId) && v.Vote == AwardKeys.VoteFor);
                nomination.VotesAgainst = cast.Count(v => members.Contains(v.MemberId) && v.Vote == AwardKeys.VoteAgainst);
                nomination.ResultScore = members.Count == 0 ? null : Score(scheme, scores.Where(s => s.NominationId == nomination.Id && members.Contains(s.MemberId)).ToList());
                nomination.State = Rule(scheme, nomination);
                results[nomination.Id] = AwardKeys.Key(nomination.State);
            }

            scheme.AppraisalEndedAt = now;
            AuditLog.Record(db, scope, now, "awards.appraisal_ended", nameof(AwardScheme), scheme.Id.ToString(CultureInfo.InvariantCulture), scheme.UnitPath, newValue: results);
            await db.SaveChangesAsync(ct);
            return new Outcome(scheme.Id, results);
        }
    }

    /// <summary>The weighted score out of 100: each criterion's mean score as a share of its scale, weighted.</summary>
    public static decimal Score(AwardScheme scheme, IReadOnlyList<AppraisalScore> scores)
    {
        var weights = scheme.Criteria.Sum(c => c.Weight);
        var total = scheme.Criteria.Sum(c =>
        {
            var own = scores.Where(s => s.CriterionId == c.Id).ToList();
            return own.Count == 0 ? 0m : c.Weight * (decimal)own.Average(s => s.Score) / c.ScaleMax;
        });
        return weights == 0 ? 0 : Math.Round(total * 100 / weights, 1, MidpointRounding.AwayFromZero);
    }

    public static NominationState Rule(AwardScheme scheme, Nomination n) =>
        n.Appraisers < scheme.Quorum ? NominationState.NoQuorum
        : n.ResultScore < scheme.PassScore ? NominationState.NotRecommended
        : n.VotesFor == n.VotesAgainst ? NominationState.Tie
        : n.VotesFor > n.VotesAgainst ? NominationState.Recommended
        : NominationState.NotRecommended;
}
