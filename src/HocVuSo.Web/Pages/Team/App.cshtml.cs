using System.Security.Claims;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Unicode;
using HocVuSo.Core.Common;
using HocVuSo.Core.Features.Teams;
using HocVuSo.Web.Hosting;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace HocVuSo.Web.Pages.Team;

/// <summary>
/// The team members' capture app: an installable page that works with no network. It carries what
/// it needs (the member's villages, the topics, its words) so that, saved by the service worker,
/// it opens and records offline; entries wait on the phone (IndexedDB) and are sent in batches
/// to <c>POST /api/v1/teams/activities/sync</c> when the network is back (js/team-app.js).
/// Without JavaScript the same form is posted and recorded at once by the same use case.
/// </summary>
[Authorize]
public sealed class AppModel(ListCaptureVillages.Handler villages, SyncActivities.Handler sync, ErrorMessages messages,
    IStringLocalizer<SharedResource> localizer, TimeProvider clock) : PageModel
{
    /// <summary>What was posted without JavaScript, shown again when it could not be recorded.</summary>
    public sealed record PostedActivity(string? Type, string? VillageCode, string? Date, IReadOnlyList<string> Topics, int? Participants,
        string? Place, int? DurationMinutes, string? Notes, IReadOnlyDictionary<string, int> Helped);

    public static readonly IReadOnlyList<string> Types = ["door-to-door-visit", "guidance-session", "weekly-session"];

    public static readonly IReadOnlyList<string> Statuses = ["queued", "synced", "conflict", "rejected"];

    /// <summary>The words the script shows (statuses, messages, buttons), in the page's language.</summary>
    private static readonly string[] ScriptStrings =
    [
        "teamapp.pending", "teamapp.all_synced", "teamapp.saved", "teamapp.updated", "teamapp.offline", "teamapp.syncing", "teamapp.sync_done",
        "teamapp.sync_failed", "teamapp.sign_in_again", "teamapp.local_copy", "teamapp.server_copy", "teamapp.edit", "teamapp.keep_server",
        "teamapp.remove", "teamapp.people_count", "teamapp.minutes", "teamapp.revision", "teamapp.need_topic", "teamapp.new_entry",
        "teamapp.editing", "teamapp.storage_error", "teamapp.offline_ready", "teamapp.helped_count", "teamapp.kept_server",
        "teamapp.status.queued", "teamapp.status.synced", "teamapp.status.conflict", "teamapp.status.rejected",
        "teamapp.type.door-to-door-visit", "teamapp.type.guidance-session", "teamapp.type.weekly-session",
        "nav.sign_in",
    ];

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        // Vietnamese stays readable in the page; Razor still encodes the attribute.
        Encoder = JavaScriptEncoder.Create(UnicodeRanges.All),
    };

    public IReadOnlyList<CaptureVillage> Villages { get; private set; } = [];

    public IReadOnlyList<(string Key, string Label)> Topics { get; private set; } = [];

    public string VillagesJson => JsonSerializer.Serialize(Villages.Select(v => new { code = v.Code, name = v.Name, commune = v.CommuneName }), Json);

    public string TopicsJson => JsonSerializer.Serialize(Topics.Select(t => new { key = t.Key, label = t.Label }), Json);

    public string StringsJson => JsonSerializer.Serialize(ScriptStrings.ToDictionary(k => k, k => localizer[k].Value), Json);

    /// <summary>Whose entries these are: each account keeps its own queue on a shared phone.</summary>
    public string UserKey => User.FindFirstValue(ClaimTypes.NameIdentifier) ?? string.Empty;

    /// <summary>Today as the form shows it (dd/MM/yyyy); the script recomputes it offline.</summary>
    public string TodayShown => VietnameseFormat.Date(clock.TodayInVietnam());

    public bool ManyCommunes => Villages.Select(v => v.CommuneCode).Distinct().Count() > 1;

    public PostedActivity? Input { get; private set; }

    /// <summary>The client id of a form posted without JavaScript: sending the same form twice records it once.</summary>
    public string FormClientId { get; private set; } = Guid.NewGuid().ToString();

    [TempData]
    public string? Recorded { get; set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        var result = await villages.HandleAsync(new ListCaptureVillages.Query(), ct);
        if (!result.IsSuccess)
        {
            return Forbid();
        }

        Villages = result.Value!;
        Topics = ActivityTopics.All.Select(t => (t, localizer["topic." + t].Value)).ToList();
        return Page();
    }

    /// <summary>The form posted without JavaScript: one activity, recorded now (the network is there, since the post arrived).</summary>
    public async Task<IActionResult> OnPostRecordAsync(string? clientId, string? type, string? villageCode, string? date, string[]? topics, int? participants,
        string? place, int? durationMinutes, string? notes, Dictionary<string, int?>? helped, CancellationToken ct)
    {
        var chosen = (topics ?? []).Distinct(StringComparer.Ordinal).ToList();
        var helpedByTopic = (helped ?? []).Where(h => h.Value is not null && chosen.Contains(h.Key)).ToDictionary(h => h.Key, h => h.Value!.Value, StringComparer.Ordinal);
        Input = new PostedActivity(type, villageCode, date, chosen, participants, place, durationMinutes, notes, helpedByTopic);
        FormClientId = Guid.TryParse(clientId, out var id) ? id.ToString() : FormClientId;
        DateOnly? day = null;
        if (!string.IsNullOrWhiteSpace(date))
        {
            if (VietnameseFormat.TryParseDate(date, out var parsed))
            {
                day = parsed;
            }
            else
            {
                messages.AddTo(ModelState, [Errors.Invalid("field.bad_day", "date", date)]);
                return await OnGetAsync(ct);
            }
        }

        var item = new ActivityInput(FormClientId, type, villageCode, day, chosen, participants, place, durationMinutes, notes, helpedByTopic);
        var result = await sync.HandleAsync(new SyncActivities.Command([item]), ct);
        if (!result.IsSuccess)
        {
            if (result.FirstError.Kind == ErrorKind.Forbidden)
            {
                return Forbid();
            }

            messages.AddTo(ModelState, result.Errors);
            return await OnGetAsync(ct);
        }

        var outcome = result.Value![0];
        if (outcome.Status is "accepted" or "duplicate")
        {
            Recorded = localizer["teamapp.recorded_now"];
            return RedirectToPage();
        }

        messages.AddTo(ModelState, [outcome.Problem ?? Errors.Invalid("teams.not_recorded")]);
        return await OnGetAsync(ct);
    }
}
