using System.Globalization;
using HocVuSo.Core.Common;
using HocVuSo.Core.Data;
using HocVuSo.Core.Features.Accounts;
using HocVuSo.Core.Features.Geography;
using Microsoft.EntityFrameworkCore;

namespace HocVuSo.Core.Features.Teams;

public sealed record ActivityInput(
    string? ClientId,
    string? Type,
    string? VillageCode,
    DateOnly? Date,
    IReadOnlyList<string>? Topics,
    int? Participants,
    string? Place = null,
    int? DurationMinutes = null,
    string? Notes = null,
    IReadOnlyDictionary<string, int>? HelpedByTopic = null,
    int Revision = 1);

public sealed record ActivityDto(Guid Id, string ClientId, string Type, string VillageCode, DateOnly Date, IReadOnlyList<string> Topics,
    int Participants, string? Place, int DurationMinutes, string? Notes, IReadOnlyDictionary<string, int> HelpedByTopic, int Revision, string RecordedBy, DateTime UpdatedAt);

public sealed record SyncResult(string? ClientId, string Status, Guid? Id, Error? Problem, ActivityDto? Server);

/// <summary>
/// Team members' phones send what they recorded offline, in batches. Each item is checked and saved
/// on its own: valid items are accepted even when others are rejected, each rejection says why, and
/// an item already received (same client id and content) is reported as a duplicate and not saved
/// again. Editing: a higher revision replaces the saved one; the same revision with other content is
/// a conflict — the server keeps its copy and returns it so the member sees both.
/// </summary>
public static class SyncActivities
{
    public const int MaxBatch = 200;
    public const int MaxParticipants = 500;

    public sealed record Command(IReadOnlyList<ActivityInput>? Items);

    public sealed class Handler(AppDbContext db, ScopeService scopes, TimeProvider clock)
    {
        public async Task<Result<IReadOnlyList<SyncResult>>> HandleAsync(Command command, CancellationToken ct)
        {
            var scope = await scopes.GetAsync(ct);
            if (scope.UserId is null || !scope.Has(Permission.RecordActivities))
            {
                return Errors.Forbidden();
            }

            var items = command.Items ?? [];
            if (items.Count is 0 or > MaxBatch)
            {
                return Errors.Invalid("teams.batch_size", "items", MaxBatch);
            }

            var today = clock.TodayInVietnam();
            var codes = items.Select(i => i.VillageCode ?? string.Empty).Distinct().ToList();
            var villages = await db.Units.AsNoTracking().ValidOn(today)
                .Where(u => u.Level == UnitLevel.Village && codes.Contains(u.Code))
                .ToDictionaryAsync(u => u.Code, ct);
            var results = new List<SyncResult>();
            foreach (var item in items)
            {
                results.Add(await SyncOneAsync(item, scope, villages, today, ct));
            }

            return results;
        }

        private async Task<SyncResult> SyncOneAsync(ActivityInput item, UserScope scope, Dictionary<string, Unit> villages, DateOnly today, CancellationToken ct)
        {
            var problem = Validate(item, scope, villages, today, out var type, out var village);
            if (problem is not null)
            {
                return new SyncResult(item.ClientId, "rejected", null, problem, null);
            }

            var clientId = item.ClientId!.Trim();
            var existing = await db.FieldActivities.FirstOrDefaultAsync(a => a.RecordedByUserId == scope.UserId && a.ClientId == clientId, ct);
            var now = clock.UtcNow();
            if (existing is not null)
            {
                if (SameContent(existing, item, type))
                {
                    return new SyncResult(clientId, "duplicate", existing.Id, null, null);
                }

                if (item.Revision <= existing.Revision)
                {
                    return new SyncResult(clientId, "conflict", existing.Id, Errors.Conflict("teams.conflict", "revision", existing.Revision), ToDto(existing, scope.UserName));
                }

                Apply(existing, item, type, village!, now);
                await db.SaveChangesAsync(ct);
                return new SyncResult(clientId, "accepted", existing.Id, null, null);
            }

            var activity = new FieldActivity
            {
                Id = Guid.NewGuid(),
                ClientId = clientId,
                RecordedByUserId = scope.UserId!,
                RecordedAt = now,
                UnitId = village!.Id,
                UnitPath = village.Path,
                VillageCode = village.Code,
            };
            Apply(activity, item, type, village, now);
            activity.TeamId = await db.CommunityTeams.Where(t => t.UnitId == village.Id).Select(t => (int?)t.Id).FirstOrDefaultAsync(ct);
            db.FieldActivities.Add(activity);
            try
            {
                await db.SaveChangesAsync(ct);
            }
            catch (DbUpdateException)
            {
                // The same item arrived twice at once (a retry racing the first send): the first one won.
                db.Entry(activity).State = EntityState.Detached;
                var first = await db.FieldActivities.AsNoTracking().FirstAsync(a => a.RecordedByUserId == scope.UserId && a.ClientId == clientId, ct);
                return new SyncResult(clientId, "duplicate", first.Id, null, null);
            }

            return new SyncResult(clientId, "accepted", activity.Id, null, null);
        }

        private static Error? Validate(ActivityInput item, UserScope scope, Dictionary<string, Unit> villages, DateOnly today, out ActivityType type, out Unit? village)
        {
            type = default;
            village = null;
            if (string.IsNullOrWhiteSpace(item.ClientId) || item.ClientId.Trim().Length > 64)
            {
                return Errors.Invalid("teams.bad_client_id", "clientId");
            }

            if (!TryParseType(item.Type, out type))
            {
                return Errors.Invalid("teams.bad_type", "type", item.Type ?? string.Empty);
            }

            if (item.VillageCode is null || !villages.TryGetValue(item.VillageCode, out village))
            {
                return Errors.NotFound("teams.village_not_found", item.VillageCode ?? string.Empty);
            }

            if (!scope.Can(Permission.RecordActivities, village.Path))
            {
                return Errors.Forbidden();
            }

            if (item.Date is not { } date || date > today)
            {
                return Errors.Invalid("teams.future_date", "date");
            }

            if (date < today.AddYears(-1))
            {
                return Errors.Invalid("teams.too_old", "date");
            }

            if (item.Participants is not { } participants || participants < 1 || participants > MaxParticipants)
            {
                return Errors.Invalid("teams.bad_participants", "participants", MaxParticipants);
            }

            var topics = item.Topics ?? [];
            if (topics.Count == 0 || topics.Any(t => !ActivityTopics.All.Contains(t)))
            {
                return Errors.Invalid("teams.bad_topics", "topics");
            }

            if (item.DurationMinutes is < 0 or > 600)
            {
                return Errors.Invalid("teams.bad_duration", "durationMinutes");
            }

            var helped = item.HelpedByTopic ?? new Dictionary<string, int>();
            if (helped.Any(h => !topics.Contains(h.Key) || h.Value < 0 || h.Value > participants))
            {
                return Errors.Invalid("teams.bad_helped", "helpedByTopic");
            }

            if (VietnameseText.Check(item.Place, "place", TextLimits.Line) is { IsSuccess: false } place)
            {
                return place.FirstError;
            }

            if (VietnameseText.Check(item.Notes, "notes", TextLimits.Comment, TextShape.MultiLine) is { IsSuccess: false } notes)
            {
                return notes.FirstError;
            }

            return item.Revision < 1 ? Errors.Invalid("teams.bad_revision", "revision") : null;
        }

        private static void Apply(FieldActivity activity, ActivityInput item, ActivityType type, Unit village, DateTime now)
        {
            activity.Type = type;
            activity.UnitId = village.Id;
            activity.UnitPath = village.Path;
            activity.VillageCode = village.Code;
            activity.Date = item.Date!.Value;
            activity.Topics = string.Join(',', item.Topics!.Distinct());
            activity.Participants = item.Participants!.Value;
            activity.Place = Optional(item.Place, TextLimits.Line, TextShape.SingleLine);
            activity.DurationMinutes = item.DurationMinutes ?? 0;
            activity.Notes = Optional(item.Notes, TextLimits.Comment, TextShape.MultiLine);
            activity.HelpedByTopic = new Dictionary<string, int>(item.HelpedByTopic ?? new Dictionary<string, int>());
            activity.Revision = item.Revision;
            activity.UpdatedAt = now;
        }

        private static bool SameContent(FieldActivity a, ActivityInput item, ActivityType type) =>
            a.Type == type && a.VillageCode == item.VillageCode && a.Date == item.Date && a.Participants == item.Participants
            && a.Topics == string.Join(',', item.Topics!.Distinct()) && a.DurationMinutes == (item.DurationMinutes ?? 0)
            && a.Place == Optional(item.Place, TextLimits.Line, TextShape.SingleLine)
            && a.Notes == Optional(item.Notes, TextLimits.Comment, TextShape.MultiLine)
            && a.HelpedByTopic.OrderBy(h => h.Key).SequenceEqual((item.HelpedByTopic ?? new Dictionary<string, int>()).OrderBy(h => h.Key));
    }

    /// <summary>Free text as stored (checked before it is applied): cleaned by the text rule, null when empty.</summary>
    private static string? Optional(string? text, int max, TextShape shape) =>
        VietnameseText.Check(text, "text", max, shape).Value is { Length: > 0 } clean ? clean : null;

    public static bool TryParseType(string? text, out ActivityType type)
    {
        var compact = (text ?? string.Empty).Replace("-", string.Empty, StringComparison.Ordinal).Replace("_", string.Empty, StringComparison.Ordinal);
        return Enum.TryParse(compact, ignoreCase: true, out type) && Enum.IsDefined(type) && !int.TryParse(compact, NumberStyles.Integer, CultureInfo.InvariantCulture, out _);
    }

    public static string TypeKey(ActivityType type) => type switch
    {
        ActivityType.DoorToDoorVisit => "door-to-door-visit",
        ActivityType.GuidanceSession => "guidance-session",
        _ => "weekly-session",
    };

    internal static ActivityDto ToDto(FieldActivity a, string? recordedBy) =>
        new(a.Id, a.ClientId, TypeKey(a.Type), a.VillageCode, a.Date, a.Topics.Split(',', StringSplitOptions.RemoveEmptyEntries), a.Participants,
            a.Place, a.DurationMinutes, a.Notes, a.HelpedByTopic, a.Revision, recordedBy ?? string.Empty, a.UpdatedAt);
}

/// <summary>Activities recorded in a unit's subtree within dates, for those who may see staff data there.</summary>
public static class ListActivities
{
    public sealed record Query(string UnitCode, DateOnly? From, DateOnly? To);

    public sealed class Handler(AppDbContext db, ScopeService scopes, TimeProvider clock)
    {
        public async Task<Result<IReadOnlyList<ActivityDto>>> HandleAsync(Query query, CancellationToken ct)
        {
            var scope = await scopes.GetAsync(ct);
            var found = await db.UnitInScopeAsync(scope, query.UnitCode, clock.TodayInVietnam(), Permission.ViewStaffData, ct);
            if (!found.IsSuccess)
            {
                return found.FirstError;
            }

            var unit = found.Value!;

            var from = query.From ?? DateOnly.MinValue;
            var to = query.To ?? DateOnly.MaxValue;
            if (from > to)
            {
                return Errors.Invalid("teams.bad_range", "from");
            }

            var rows = await db.FieldActivities.AsNoTracking()
                .WithinScope(scope, Permission.ViewStaffData, a => a.UnitPath)
                .Where(a => a.UnitPath.StartsWith(unit.Path) && a.Date >= from && a.Date <= to)
                .OrderByDescending(a => a.Date).ThenBy(a => a.VillageCode)
                .Take(5000)
                .Select(a => new { Activity = a, By = db.Users.Where(u => u.Id == a.RecordedByUserId).Select(u => u.UserName).FirstOrDefault() })
                .ToListAsync(ct);
            return rows.Select(r => SyncActivities.ToDto(r.Activity, r.By)).ToList();
        }
    }
}
