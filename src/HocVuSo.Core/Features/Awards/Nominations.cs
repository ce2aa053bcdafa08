using System.Globalization;
using HocVuSo.Core.Common;
using HocVuSo.Core.Data;
using HocVuSo.Core.Features.Accounts;
using HocVuSo.Core.Features.Audit;
using HocVuSo.Core.Features.Geography;
using Microsoft.EntityFrameworkCore;

namespace HocVuSo.Core.Features.Awards;

public sealed record NomineeInput(string? Kind, string? Unit, string? UserName, int? Organisation, string? Name);

public sealed record EvidenceInput(int? Criterion, string? Text, string? Url);

/// <summary>
/// Submits a nomination for a scheme, inside its window and before its appraisal ended, of a
/// nominee kind the scheme allows and lying under the scheme's unit, by a body allowed to nominate:
/// staff of the nominee's village (the village head, the community team), the organisation for
/// itself, or staff who manage plans at the scheme's unit. Figures from the records are computed
/// now and frozen in it; a person's nomination waits for their consent. All or nothing; audited.
/// </summary>
public static class SubmitNomination
{
    public sealed record Command(int? Scheme, NomineeInput? Nominee, string? Story, string? PhotoUrl, IReadOnlyList<EvidenceInput>? Evidence);

    public sealed class Handler(AppDbContext db, ScopeService scopes, AwardFigures figures, LoginNames loginNames, TimeProvider clock)
    {
        public async Task<Result<NominationDto>> HandleAsync(Command command, CancellationToken ct)
        {
            var scope = await scopes.GetAsync(ct);
            var today = clock.TodayInVietnam();
            var scheme = command.Scheme is { } id
                ? await db.Set<AwardScheme>().AsNoTracking().Include(s => s.Criteria).FirstOrDefaultAsync(s => s.Id == id, ct)
                : null;
            if (scheme is null)
            {
                return Errors.Invalid("awards.scheme_unknown", "scheme", command.Scheme?.ToString(CultureInfo.InvariantCulture) ?? string.Empty);
            }

            if (!scope.Can(Permission.ViewPlans, scheme.UnitPath) && !scope.Grants.Any(g => g.UnitPath.StartsWith(scheme.UnitPath, StringComparison.Ordinal)))
            {
                return Errors.Forbidden();
            }

            if (scheme.AppraisalEndedAt is not null)
            {
                return Errors.Invalid("awards.appraisal_ended", "scheme", scheme.Title);
            }

            if (today < scheme.OpensOn || today > scheme.ClosesOn)
            {
                return Errors.Invalid("awards.outside_window", "scheme", VietnameseFormat.Date(scheme.OpensOn), VietnameseFormat.Date(scheme.ClosesOn));
            }

            var input = command.Nominee ?? new NomineeInput(null, null, null, null, null);
            if (!AwardKeys.TryParseKind(input.Kind, out var kind))
            {
                return Errors.Invalid("awards.nominee_kind_unknown", "nominee.kind", input.Kind ?? string.Empty, string.Join(", ", AwardKeys.KindKeys));
            }

            if (!AwardKeys.ParseKinds(scheme.NomineeKinds).Contains(kind))
            {
                return Errors.Invalid("awards.nominee_not_allowed", "nominee.kind", AwardKeys.Key(kind), scheme.Title);
            }

            var errors = new List<Error>();
            var resolved = await Nominees.ResolveAsync(db, loginNames, kind, input, scheme, today, errors, ct);
            var story = AwardRules.Optional(command.Story, "story", AwardRules.MaxText, errors);
            var photo = AwardRules.Link(command.PhotoUrl, "photoUrl", errors);
            var evidence = new List<NominationEvidence>();
            var items = command.Evidence ?? [];
            if (items.Count > AwardRules.MaxEvidence)
            {
                errors.Add(Errors.Invalid("awards.evidence_count", "evidence", AwardRules.MaxEvidence));
            }

            for (var i = 0; i < items.Count && i < AwardRules.MaxEvidence; i++)
            {
                var criterion = items[i].Criterion is { } number ? scheme.Criteria.FirstOrDefault(c => c.Number == number) : null;
                if (items[i].Criterion is not null && criterion is null)
                {
                    errors.Add(Errors.Invalid("awards.criterion_unknown", $"evidence[{i}].criterion", items[i].Criterion!.Value));
                }

                var text = AwardRules.Required(items[i].Text, $"evidence[{i}].text", AwardRules.MaxText, errors);
                var url = AwardRules.Link(items[i].Url, $"evidence[{i}].url", errors);
                evidence.Add(new NominationEvidence { CriterionId = criterion?.Id, Text = text ?? string.Empty, Url = url });
            }

            if (errors.Count > 0 || resolved is null)
            {
                return Result<NominationDto>.Fail(errors);
            }

            var actingFor = scope.Grants.FirstOrDefault(g => g.OrganisationId is not null && scope.ActsFor(g.OrganisationId)
                && (g.OrganisationId == resolved.OrganisationId || kind == NomineeKind.Person))?.OrganisationId;
            var allowed = scope.Can(Permission.RecordActivities, resolved.Unit.Path) || scope.Can(Permission.ManagePlans, scheme.UnitPath)
                || (kind == NomineeKind.Organisation && scope.ActsFor(resolved.OrganisationId))
                || (kind == NomineeKind.Person && actingFor is { } org && await db.OrganisationMembers.AnyAsync(m => m.OrganisationId == org && m.UserId == resolved.UserId, ct));
            if (!allowed)
            {
                return Errors.Forbidden();
            }

            var taken = await db.Set<Nomination>().AnyAsync(n => n.SchemeId == scheme.Id && n.State != NominationState.Withdrawn && n.Kind == kind
                && n.UnitId == resolved.Unit.Id && n.NomineeUserId == resolved.UserId && n.NomineeOrganisationId == resolved.OrganisationId
                && (kind == NomineeKind.Village || kind == NomineeKind.Person || kind == NomineeKind.Organisation), ct);
            if (taken)
            {
                return Errors.Conflict("awards.already_nominated", "nominee", scheme.Title);
            }

            var nomination = new Nomination
            {
                SchemeId = scheme.Id, Kind = kind, UnitId = resolved.Unit.Id, UnitPath = resolved.Unit.Path, NomineeUserId = resolved.UserId,
                NomineeOrganisationId = resolved.OrganisationId, NomineeName = resolved.Name, Story = story, PhotoUrl = photo,
                State = kind == NomineeKind.Person ? NominationState.AwaitingConsent : NominationState.Submitted,
                NominatedByUserId = scope.UserId, NominatedByOrganisationId = actingFor, SubmittedAt = clock.UtcNow(), Evidence = evidence,
            };
            foreach (var criterion in scheme.Criteria.Where(c => c.Source != AwardFigures.Attached))
            {
                if (await figures.ComputeAsync(criterion.Source, resolved, ct) is { } value)
                {
                    nomination.Figures.Add(new NominationFigure { CriterionId = criterion.Id, Metric = criterion.Source, Value = value.Value, Denominator = value.Denominator });
                }
            }

            await using var transaction = await db.Database.BeginTransactionAsync(ct);
            db.Set<Nomination>().Add(nomination);
            await db.SaveChangesAsync(ct);
            AuditLog.Record(db, scope, nomination.SubmittedAt, "awards.nomination_submitted", nameof(Nomination), nomination.Id.ToString(CultureInfo.InvariantCulture), nomination.UnitPath,
                newValue: new { scheme = scheme.Id, kind = AwardKeys.Key(kind), unit = resolved.Unit.Code, figures = nomination.Figures.Select(f => new { f.Metric, f.Value, f.Denominator }), evidence = evidence.Count });
            await db.SaveChangesAsync(ct);
            await transaction.CommitAsync(ct);
            return await NominationViews.ViewAsync(db, scope, figures, nomination.Id, current: false, ct);
        }
    }
}

/// <summary>Finds the nominee a nomination names; errors name the field.</summary>
internal static class Nominees
{
    public static async Task<NomineeRef?> ResolveAsync(AppDbContext db, LoginNames loginNames, NomineeKind kind, NomineeInput input, AwardScheme scheme, DateOnly today, List<Error> errors, CancellationToken ct)
    {
        switch (kind)
        {
            case NomineeKind.Person:
                var userName = (input.UserName ?? string.Empty).Trim();
                // A learner is named as staff find them: by the phone or e-mail they sign in with, or their user name.
                var normalized = userName.Length == 0 ? string.Empty : loginNames.ResolveNormalized(userName);
                var user = userName.Length == 0 ? null : await db.Users.AsNoTracking().Where(u => u.NormalizedUserName == normalized).Select(u => new { u.Id, u.HomeUnitId }).FirstOrDefaultAsync(ct);
                var home = user?.HomeUnitId is { } homeId ? await db.Units.AsNoTracking().FirstOrDefaultAsync(u => u.Id == homeId, ct) : null;
                if (home is null || !home.Path.StartsWith(scheme.UnitPath, StringComparison.Ordinal))
                {
                    errors.Add(Errors.Invalid("awards.person_unknown", "nominee.userName", userName));
                    return null;
                }

                return new NomineeRef(kind, home, user!.Id, null);
            case NomineeKind.Organisation:
                var organisation = input.Organisation is { } orgId ? await db.Organisations.AsNoTracking().FirstOrDefaultAsync(o => o.Id == orgId, ct) : null;
                var orgUnit = organisation is null ? null : await db.Units.AsNoTracking().FirstOrDefaultAsync(u => u.Id == organisation.UnitId, ct);
                if (orgUnit is null || !orgUnit.Path.StartsWith(scheme.UnitPath, StringComparison.Ordinal))
                {
                    errors.Add(Errors.Invalid("awards.organisation_unknown", "nominee.organisation", input.Organisation?.ToString(CultureInfo.InvariantCulture) ?? string.Empty));
                    return null;
                }

                return new NomineeRef(kind, orgUnit, null, organisation!.Id) { Name = organisation.Name };
            default:
                var code = (input.Unit ?? string.Empty).Trim();
                var village = await db.Units.AsNoTracking().Where(u => u.Code == code && u.Level == UnitLevel.Village).ValidOn(today).FirstOrDefaultAsync(ct);
                if (village is null || !village.Path.StartsWith(scheme.UnitPath, StringComparison.Ordinal))
                {
                    errors.Add(Errors.Invalid("awards.village_unknown", "nominee.unit", code));
                    return null;
                }

                string? name = null;
                if (kind != NomineeKind.Village)
                {
                    name = AwardRules.Required(input.Name, "nominee.name", AwardRules.MaxTitle, errors);
                }

                return new NomineeRef(kind, village, null, null) { Name = name };
        }
    }
}

/// <summary>
/// The nominee consents (signed in as themselves) to being nominated, and says whether their full
/// name and their photo and story may be shown publicly; the nomination then goes to appraisal.
/// </summary>
public static class GiveConsent
{
    public sealed record Command(int Id, bool PublishName, bool PublishStory);

    public sealed class Handler(AppDbContext db, ScopeService scopes, AwardFigures figures, TimeProvider clock)
    {
        public async Task<Result<NominationDto>> HandleAsync(Command command, CancellationToken ct)
        {
            var scope = await scopes.GetAsync(ct);
            var nomination = await db.Set<Nomination>().FirstOrDefaultAsync(n => n.Id == command.Id, ct);
            if (nomination is null || scope.UserId is null || nomination.NomineeUserId != scope.UserId)
            {
                return Errors.NotFound("awards.nomination_not_found", command.Id);
            }

            if (nomination.State != NominationState.AwaitingConsent)
            {
                return Errors.Conflict("awards.consent_not_awaited", "id", AwardKeys.Key(nomination.State));
            }

            nomination.State = NominationState.Submitted;
            nomination.ConsentedAt = clock.UtcNow();
            nomination.ConsentPublishName = command.PublishName;
            nomination.ConsentPublishStory = command.PublishStory;
            AuditLog.Record(db, scope, nomination.ConsentedAt.Value, "awards.consent_given", nameof(Nomination), nomination.Id.ToString(CultureInfo.InvariantCulture), nomination.UnitPath,
                newValue: new { command.PublishName, command.PublishStory });
            await db.SaveChangesAsync(ct);
            return await NominationViews.ViewAsync(db, scope, figures, nomination.Id, current: false, ct);
        }
    }
}

/// <summary>
/// Withdraws a nomination before its scheme's appraisal ended, with a reason: by whoever nominated
/// it, by staff who manage plans at the scheme's unit, or by the nominee person (who may also
/// refuse consent this way). Audited.
/// </summary>
public static class WithdrawNomination
{
    public sealed record Command(int Id, string? Reason);

    public sealed class Handler(AppDbContext db, ScopeService scopes, AwardFigures figures, TimeProvider clock)
    {
        public async Task<Result<NominationDto>> HandleAsync(Command command, CancellationToken ct)
        {
            var scope = await scopes.GetAsync(ct);
            var nomination = await db.Set<Nomination>().FirstOrDefaultAsync(n => n.Id == command.Id, ct);
            var scheme = nomination is null ? null : await db.Set<AwardScheme>().AsNoTracking().FirstAsync(s => s.Id == nomination.SchemeId, ct);
            if (nomination is null || scheme is null || !NominationViews.CanSee(scope, nomination, scheme, isMember: false))
            {
                return Errors.NotFound("awards.nomination_not_found", command.Id);
            }

            var mayWithdraw = nomination.NominatedByUserId == scope.UserId || nomination.NomineeUserId == scope.UserId || scope.Can(Permission.ManagePlans, scheme.UnitPath);
            if (!mayWithdraw)
            {
                return Errors.Forbidden();
            }

            if (nomination.State is not (NominationState.AwaitingConsent or NominationState.Submitted) || scheme.AppraisalEndedAt is not null)
            {
                return Errors.Conflict("awards.cannot_withdraw", "id", AwardKeys.Key(nomination.State));
            }

            var errors = new List<Error>();
            var reason = AwardRules.Required(command.Reason, "reason", AwardRules.MaxText, errors);
            if (errors.Count > 0)
            {
                return Result<NominationDto>.Fail(errors);
            }

            var old = AwardKeys.Key(nomination.State);
            nomination.State = NominationState.Withdrawn;
            nomination.WithdrawnAt = clock.UtcNow();
            nomination.WithdrawnReason = reason;
            AuditLog.Record(db, scope, nomination.WithdrawnAt.Value, "awards.nomination_withdrawn", nameof(Nomination), nomination.Id.ToString(CultureInfo.InvariantCulture), nomination.UnitPath,
                oldValue: new { state = old }, newValue: new { state = "withdrawn" }, reason: reason);
            await db.SaveChangesAsync(ct);
            return await NominationViews.ViewAsync(db, scope, figures, nomination.Id, current: false, ct);
        }
    }
}

/// <summary>One nomination with its frozen figures beside their current values, for those who may see it.</summary>
public static class GetNomination
{
    public sealed class Handler(AppDbContext db, ScopeService scopes, AwardFigures figures)
    {
        public async Task<Result<NominationDto>> HandleAsync(int id, CancellationToken ct)
        {
            var scope = await scopes.GetAsync(ct);
            return await NominationViews.ViewAsync(db, scope, figures, id, current: true, ct);
        }
    }
}

/// <summary>The nominations of a scheme that the caller may see (staff of the scheme's unit and its council see them all), newest first.</summary>
public static class ListNominations
{
    public sealed class Handler(AppDbContext db, ScopeService scopes, AwardFigures figures)
    {
        public async Task<Result<IReadOnlyList<NominationDto>>> HandleAsync(int schemeId, CancellationToken ct)
        {
            var scope = await scopes.GetAsync(ct);
            var scheme = await db.Set<AwardScheme>().AsNoTracking().Include(s => s.Council).FirstOrDefaultAsync(s => s.Id == schemeId, ct);
            if (scheme is null)
            {
                return Errors.NotFound("awards.scheme_not_found", schemeId);
            }

            var isMember = scheme.Council.Any(m => m.UserId == scope.UserId);
            var rows = await db.Set<Nomination>().AsNoTracking().Where(n => n.SchemeId == schemeId).OrderByDescending(n => n.Id).ToListAsync(ct);
            var result = new List<NominationDto>();
            foreach (var row in rows.Where(n => NominationViews.CanSee(scope, n, scheme, isMember)))
            {
                var view = await NominationViews.ViewAsync(db, scope, figures, row.Id, current: false, ct);
                if (view.IsSuccess)
                {
                    result.Add(view.Value!);
                }
            }

            return result;
        }
    }
}
