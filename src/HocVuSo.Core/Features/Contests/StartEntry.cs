using System.Globalization;
using HocVuSo.Core.Common;
using HocVuSo.Core.Data;
using HocVuSo.Core.Features.Accounts;
using HocVuSo.Core.Features.Certification;
using HocVuSo.Core.Features.Geography;
using HocVuSo.Core.Features.Learning;
using HocVuSo.Core.Features.Plans;
using Microsoft.EntityFrameworkCore;

namespace HocVuSo.Core.Features.Contests;

public sealed record EntryOptionDto(string Id, string Text);

/// <summary>A question as the entrant sees it: options under ids of this entry only, in an order of this entry; never the key.</summary>
public sealed record EntryQuestionDto(int Id, string Type, string Text, IReadOnlyList<EntryOptionDto> Options);

public sealed record StartedEntryDto(Guid EntryId, int RoundId, DateTime StartedAt, DateTime Deadline, int Minutes, string PredictionQuestion,
    IReadOnlyList<EntryQuestionDto> Questions);

/// <summary>
/// Starts a person's entry in an open round (bắt đầu làm bài). Only people of the organiser's area
/// (and of its target group, when it has one) with a verified identity — signed in with VNeID, or a
/// confirmed phone with their identification number recorded — may enter, once per round: a
/// unique index on (round, keyed hash of the number) refuses a second entry even from another
/// account of the same person, and one on the account refuses a second open entry. The deadline is
/// fixed here, on the server. The questions come from the pool in memory; the entry is one insert.
/// </summary>
public static class StartEntry
{
    public sealed record Command(int RoundId, string Language = Variants.Vietnamese);

    public sealed class Handler(AppDbContext db, ScopeService scopes, TimeProvider clock, ContestPools pools, PersonalDataProtector protector)
    {
        public async Task<Result<StartedEntryDto>> HandleAsync(Command command, CancellationToken ct)
        {
            var scope = await scopes.GetAsync(ct);
            if (scope.UserId is null)
            {
                return Errors.Forbidden();
            }

            var round = await db.Set<ContestRound>().AsNoTracking().Where(r => r.Id == command.RoundId)
                .Select(r => new
                {
                    r.Id, r.ContestId, r.OpensAt, r.ClosesAt, r.Contest!.OrganiserUnitPath, r.Contest.Audience, r.Contest.QuestionsPerEntry,
                    r.Contest.Minutes, r.Contest.PoolVersion, r.Contest.PredictionQuestion, r.Contest.Title,
                })
                .FirstOrDefaultAsync(ct);
            if (round is null)
            {
                return Errors.NotFound("contests.round_not_found", command.RoundId);
            }

            var now = clock.UtcNow();
            if (now < round.OpensAt)
            {
                return Errors.Conflict("contests.round_not_open", null, VietnameseFormat.DateTime(new DateTimeOffset(round.OpensAt, TimeSpan.Zero)));
            }

            if (now >= round.ClosesAt)
            {
                return Errors.Conflict("contests.round_closed", null, VietnameseFormat.DateTime(new DateTimeOffset(round.ClosesAt, TimeSpan.Zero)));
            }

            // Left joins on keys (one row at most: the unit by id, the identity by its unique user
            // id), not sub-selects of whole objects, which EF turns into a window over every unit and
            // identity of the country before joining (48 ms a start at 8,000 identities).
            var person = await (
                from u in db.Users.AsNoTracking()
                where u.Id == scope.UserId
                from home in db.Units.Where(x => x.Id == u.HomeUnitId).DefaultIfEmpty()
                from parent in db.Units.Where(x => x.Id == home!.ParentId).DefaultIfEmpty()
                from identity in db.PersonIdentities.Where(p => p.UserId == u.Id).DefaultIfEmpty()
                select new
                {
                    u.FullName, u.PhoneNumberConfirmed,
                    Home = home == null ? null : new { home.Id, home.Path, home.Level, home.FullName, Parent = parent == null ? null : parent.FullName },
                    Identity = identity == null ? null : new { identity.IdNumberHash, identity.VneidVerifiedAt },
                    Groups = db.OrganisationMembers.Where(m => m.UserId == u.Id).Select(m => m.Group).ToList(),
                })
                .FirstOrDefaultAsync(ct);
            if (person?.Home is null || !person.Home.Path.StartsWith(round.OrganiserUnitPath, StringComparison.Ordinal))
            {
                return new Error("contests.outside_area", ErrorKind.Forbidden, null, null, round.Title);
            }

            if (person.Identity is null || (person.Identity.VneidVerifiedAt is null && !person.PhoneNumberConfirmed))
            {
                return new Error("contests.identity_required", ErrorKind.Forbidden);
            }

            var group = person.Groups.Count == 0 ? ContestAudience.Everyone : person.Groups.Min() switch
            {
                MemberGroup.Officials => ContestAudience.Officials,
                MemberGroup.Students => ContestAudience.Students,
                _ => ContestAudience.Workers,
            };
            if (round.Audience != ContestAudience.Everyone && !person.Groups.Contains(ToGroup(round.Audience)))
            {
                return new Error("contests.not_in_audience", ErrorKind.Forbidden, null, null, round.Title);
            }

            var pool = await pools.GetAsync(round.ContestId, round.PoolVersion, ct);
            if (pool.Ids.Count < round.QuestionsPerEntry)
            {
                return Errors.Conflict("contests.pool_too_small", null, pool.Ids.Count, round.QuestionsPerEntry);
            }

            var drawn = pool.Ids.ToArray();
            Random.Shared.Shuffle(drawn);
            var entry = new ContestEntry
            {
                Id = Guid.CreateVersion7(clock.GetUtcNow()), RoundId = round.Id, UserId = scope.UserId, PersonKey = person.Identity.IdNumberHash, OpenForUserId = scope.UserId,
                HomeUnitId = person.Home.Id, HomeUnitPath = person.Home.Path, Group = group, PublicName = ContestRules.PublicName(person.FullName),
                PublicUnit = person.Home.Level == UnitLevel.Village ? person.Home.Parent ?? person.Home.FullName : person.Home.FullName,
                StartedAt = now, Deadline = now.AddMinutes(round.Minutes), QuestionIds = drawn.Take(round.QuestionsPerEntry).ToList(),
            };
            if (await InsertAsync(entry, now, ct) is { } refused)
            {
                return refused;
            }

            return new StartedEntryDto(entry.Id, round.Id, entry.StartedAt, entry.Deadline, round.Minutes, round.PredictionQuestion,
                entry.QuestionIds.Select(id => Show(protector, entry.Id, pool.Questions[id], command.Language)).ToList());
        }

        /// <summary>One insert; a unique index refusing it says which rule was broken.</summary>
        private async Task<Error?> InsertAsync(ContestEntry entry, DateTime now, CancellationToken ct)
        {
            for (var attempt = 0; ; attempt++)
            {
                db.Add(entry);
                try
                {
                    await db.SaveChangesAsync(ct);
                    return null;
                }
                catch (DbUpdateException) when (attempt < 2)
                {
                    db.ChangeTracker.Clear();
                }

                var key = entry.PersonKey;
                var existing = await db.Set<ContestEntry>().AsNoTracking().Where(e => e.RoundId == entry.RoundId && e.PersonKey == key).Select(e => (Guid?)e.Id).FirstOrDefaultAsync(ct);
                if (existing is not null)
                {
                    return Errors.Conflict("contests.already_entered", null, existing.Value);
                }

                var open = await db.Set<ContestEntry>().AsNoTracking().Where(e => e.OpenForUserId == entry.UserId).Select(e => new { e.Id, e.Deadline }).FirstOrDefaultAsync(ct);
                var expired = now - ContestRules.NetworkGrace;
                if (open is not null && open.Deadline > expired)
                {
                    return Errors.Conflict("contests.entry_open", null, open.Id);
                }

                // The account's earlier entry ran out without being submitted: it is no longer open.
                await db.Set<ContestEntry>().Where(e => e.OpenForUserId == entry.UserId && e.Deadline <= expired)
                    .ExecuteUpdateAsync(s => s.SetProperty(e => e.OpenForUserId, (string?)null), ct);
            }
        }
    }

    private static MemberGroup ToGroup(ContestAudience audience) => audience switch
    {
        ContestAudience.Officials => MemberGroup.Officials,
        ContestAudience.Students => MemberGroup.Students,
        _ => MemberGroup.Workers,
    };

    internal static EntryQuestionDto Show(PersonalDataProtector protector, Guid entryId, ContestQuestion question, string language) =>
        new(question.Id, question.Type, question.Text.In(language).Text,
            question.Options.Select(o => new EntryOptionDto(ShownId(protector, entryId, question.Id, o.Id), o.Text.In(language).Text))
                .OrderBy(o => o.Id, StringComparer.Ordinal).ToList());

    /// <summary>
    /// The id an option has in this entry: a keyed hash of the entry, question and option, so neither
    /// the order shown (ordering questions list their steps in the right order) nor the ids say
    /// anything about the answer, and nobody without the server's key can map them back.
    /// </summary>
    internal static string ShownId(PersonalDataProtector protector, Guid entryId, int questionId, string optionId) =>
        Convert.ToHexStringLower(protector.Hash("contest-option", entryId.ToString("N") + ":" + questionId.ToString(CultureInfo.InvariantCulture) + ":" + optionId).AsSpan(0, 6));
}

/// <summary>The questions of the signed-in person's entry that is not yet submitted, as they were shown when it started (a reloaded page).</summary>
public static class GetEntryQuestions
{
    public sealed class Handler(AppDbContext db, ScopeService scopes, ContestPools pools, PersonalDataProtector protector)
    {
        public async Task<Result<StartedEntryDto>> HandleAsync(Guid entryId, string language, CancellationToken ct)
        {
            var scope = await scopes.GetAsync(ct);
            var entry = await db.Set<ContestEntry>().AsNoTracking().FirstOrDefaultAsync(e => e.Id == entryId && e.UserId == scope.UserId, ct);
            if (entry is null)
            {
                return Errors.NotFound("contests.entry_not_found", entryId);
            }

            var round = await db.Set<ContestRound>().AsNoTracking().Where(r => r.Id == entry.RoundId)
                .Select(r => new { r.ContestId, r.Contest!.PoolVersion, r.Contest.Minutes, r.Contest.PredictionQuestion }).FirstAsync(ct);
            var pool = await pools.GetAsync(round.ContestId, round.PoolVersion, ct);
            return new StartedEntryDto(entry.Id, entry.RoundId, entry.StartedAt, entry.Deadline, round.Minutes, round.PredictionQuestion,
                entry.QuestionIds.Where(pool.Questions.ContainsKey).Select(id => StartEntry.Show(protector, entry.Id, pool.Questions[id], language)).ToList());
        }
    }
}
