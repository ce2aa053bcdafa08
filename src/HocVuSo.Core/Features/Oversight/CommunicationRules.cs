using System.Text.RegularExpressions;
using HocVuSo.Core.Common;
using HocVuSo.Core.Data;
using HocVuSo.Core.Features.Accounts;
using HocVuSo.Core.Features.Geography;
using Microsoft.EntityFrameworkCore;

namespace HocVuSo.Core.Features.Oversight;

/// <summary>A communications item as typed (API body, form, or one row of an import file).</summary>
public sealed record CommunicationInput(string? Unit, string? Kind, string? Channel, string? Title, DateOnly? Date, string? Language, string? Topic, string? Url, int? Reach);

/// <summary>An item as the API and the page show it; <c>duplicateOf</c> names the item of the same link counted instead.</summary>
public sealed record CommunicationDto(Guid Id, string Kind, string Channel, string Title, DateOnly Date, string Unit, string UnitName, string Language,
    string? Url, string? Topic, int? Reach, bool Duplicate, Guid? DuplicateOf, bool HasPhoto, string? RecordedBy, DateTime RecordedAt, bool CanChange)
{
    /// <summary>The last reachability check of the link (null: not checked, checks off, or no link).</summary>
    public LinkCheckDto? LinkCheck { get; init; }
}

/// <summary>What the reachability check found: a 2xx answer, the last status, when, and why not (a key of <see cref="CommunicationLinkChecker"/>).</summary>
public sealed record LinkCheckDto(bool Reachable, int? Status, DateTime CheckedAt, string? Error);

/// <summary>
/// What every communications item must satisfy, whichever way it arrives: a unit that is a
/// commune or village in which the caller may record activities (team members in their village,
/// commune officers in the commune and its villages); a known kind and language; a channel key; a
/// title of 1 to <see cref="TextLimits.Line"/> characters; a date not after today in Viet Nam; a
/// link of the right form (<see cref="CommunicationLinks"/>); a reach of zero or more.
/// </summary>
public static partial class CommunicationRules
{
    public const int MaxChannelLength = 40;

    /// <summary>An input that passed every rule, with its unit.</summary>
    public sealed record Valid(Unit Unit, int CommuneId, string Kind, string Channel, string Title, DateOnly Date, string Language, string? Topic, string? Url, int? Reach);

    [GeneratedRegex("^[a-z0-9]+(-[a-z0-9]+)*$", RegexOptions.CultureInvariant)]
    private static partial Regex ChannelKey();

    /// <summary>
    /// Checks an input. Unit problems come first and alone (not found: 404, outside the caller's
    /// scope: 403, as for other scoped writes); otherwise every field problem is listed, each on its field.
    /// </summary>
    public static async Task<Result<Valid>> CheckAsync(AppDbContext db, UserScope scope, CommunicationInput input, DateOnly today, CancellationToken ct,
        Dictionary<string, Unit?>? units = null)
    {
        var code = input.Unit?.Trim() ?? string.Empty;
        if (code.Length == 0)
        {
            return Errors.Invalid("communications.unit_required", "unit");
        }

        Unit? unit;
        if (units is null || !units.TryGetValue(code, out unit))
        {
            unit = await db.Units.AsNoTracking().ValidOn(today).FirstOrDefaultAsync(u => u.Code == code && u.Level >= UnitLevel.Commune, ct);
            units?.Add(code, unit);
        }

        if (unit is null)
        {
            return Errors.NotFound("units.not_found", code);
        }

        if (scope.UserId is null || scope.Check(Permission.RecordActivities, unit.Path) is not null)
        {
            return Errors.Forbidden();
        }

        var errors = new List<Error>();
        var kind = input.Kind?.Trim().ToLowerInvariant();
        if (kind is null || !CommunicationKinds.All.Contains(kind))
        {
            errors.Add(Errors.Invalid("communications.bad_kind", "kind", input.Kind ?? string.Empty, string.Join(", ", CommunicationKinds.All)));
        }

        var channel = input.Channel?.Trim().ToLowerInvariant() ?? string.Empty;
        if (channel.Length == 0 || channel.Length > MaxChannelLength || !ChannelKey().IsMatch(channel))
        {
            errors.Add(Errors.Invalid("communications.bad_channel", "channel", input.Channel ?? string.Empty, MaxChannelLength));
        }

        // The label key of the title is the log's own ("Tiêu đề"), not the classes' ("Tên lớp").
        var title = VietnameseText.Check(input.Title, "communicationTitle", TextLimits.Line);
        if (!title.IsSuccess)
        {
            errors.AddRange(title.Errors.Select(e => e with { Field = "title" }));
        }
        else if (title.Value!.Length == 0)
        {
            errors.Add(Errors.Invalid("communications.title_required", "title"));
        }

        var topic = VietnameseText.Check(input.Topic, "communicationTopic", TextLimits.Line);
        errors.AddRange(topic.Errors.Select(e => e with { Field = "topic" }));

        if (input.Date is not { } date)
        {
            errors.Add(Errors.Invalid("communications.date_required", "date"));
        }
        else if (date > today)
        {
            errors.Add(Errors.Invalid("communications.date_future", "date", VietnameseFormat.Date(date), VietnameseFormat.Date(today)));
        }
        else if (date.Year < 2000)
        {
            errors.Add(Errors.Invalid("communications.date_too_old", "date", VietnameseFormat.Date(date)));
        }

        var language = string.IsNullOrWhiteSpace(input.Language) ? CommunicationLanguages.All[0] : CommunicationLanguages.Find(input.Language);
        if (language is null)
        {
            errors.Add(Errors.Invalid("communications.bad_language", "language", input.Language!.Trim()));
        }

        var url = CommunicationLinks.Check(input.Url);
        errors.AddRange(url.Errors);

        if (input.Reach is < 0)
        {
            errors.Add(Errors.Invalid("communications.bad_reach", "reach", input.Reach.Value));
        }

        if (errors.Count > 0)
        {
            return Result<Valid>.Fail(errors);
        }

        var communeId = unit.Level == UnitLevel.Commune ? unit.Id : unit.ParentId ?? unit.Id;
        return new Valid(unit, communeId, kind!, channel, title.Value!, input.Date!.Value, language!.Code,
            topic.Value is { Length: > 0 } t ? t : null, url.Value, input.Reach);
    }

    /// <summary>Puts the checked values on an item (new or changed).</summary>
    public static void Apply(CommunicationItem item, Valid valid)
    {
        item.Kind = valid.Kind;
        item.Channel = valid.Channel;
        item.Title = valid.Title;
        item.Date = valid.Date;
        item.Period = new DateOnly(valid.Date.Year, valid.Date.Month, 1);
        item.UnitId = valid.Unit.Id;
        item.UnitPath = valid.Unit.Path;
        item.CommuneId = valid.CommuneId;
        item.Language = valid.Language;
        item.Topic = valid.Topic;
        item.Url = valid.Url;
        item.UrlKey = CommunicationLinks.Key(valid.Url);
        item.Reach = valid.Reach;
    }

    /// <summary>
    /// May the caller change or remove this item: whoever recorded it, or whoever manages the
    /// teams where it was recorded (the commune's officers), while they may still record there.
    /// </summary>
    public static bool MayChange(UserScope scope, CommunicationItem item) =>
        scope.Can(Permission.RecordActivities, item.UnitPath) && (item.RecordedByUserId == scope.UserId || scope.Can(Permission.ManageTeams, item.UnitPath));

    /// <summary>What the audit trail keeps of an item.</summary>
    public static object Audited(CommunicationItem item) => new { item.Kind, item.Channel, item.Title, item.Date, unit = item.UnitPath, item.Language, item.Topic, item.Url, item.Reach };
}

/// <summary>
/// The duplicate rule: among the items of one commune and month with the same link, the first
/// recorded counts and every later one is flagged as its duplicate. Settled again whenever an item
/// of the group is added, changed or removed, so removing the first lets the next one count.
/// </summary>
public static class CommunicationDuplicates
{
    /// <summary>The tracked items of the groups these items belong to (same commune, month and link), from the database.</summary>
    public static async Task<List<CommunicationItem>> GroupsAsync(AppDbContext db, IEnumerable<CommunicationItem> items, CancellationToken ct)
    {
        var found = new List<CommunicationItem>();
        foreach (var key in items.Where(i => i.UrlKey != null).Select(i => (i.CommuneId, i.Period, i.UrlKey)).Distinct())
        {
            found.AddRange(await db.CommunicationItems.Where(i => i.CommuneId == key.CommuneId && i.Period == key.Period && i.UrlKey == key.UrlKey).ToListAsync(ct));
        }

        return found;
    }

    /// <summary>Sets <see cref="CommunicationItem.DuplicateOfId"/> on every item given (all the members of their groups, new ones last in the order they came).</summary>
    public static void Settle(IEnumerable<CommunicationItem> items)
    {
        foreach (var group in items.DistinctBy(i => i.Id).GroupBy(i => (i.CommuneId, i.Period, i.UrlKey)))
        {
            if (group.Key.UrlKey is null)
            {
                foreach (var item in group)
                {
                    item.DuplicateOfId = null;
                }

                continue;
            }

            // A stable sort: items recorded at the same instant (one import) keep the order given
            // (the file's order), except that the one already counted stays counted.
            var ordered = group.OrderBy(i => i.RecordedAt).ThenBy(i => i.DuplicateOfId is null ? 0 : 1).ToList();
            ordered[0].DuplicateOfId = null;
            foreach (var later in ordered.Skip(1))
            {
                later.DuplicateOfId = ordered[0].Id;
            }
        }
    }
}
