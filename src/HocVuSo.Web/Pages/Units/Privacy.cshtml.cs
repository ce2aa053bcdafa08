using HocVuSo.Core.Common;
using HocVuSo.Core.Features.Privacy;
using HocVuSo.Web.Hosting;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace HocVuSo.Web.Pages.Units;

/// <summary>
/// The deletion requests of learners living in a unit, for officers who manage identities there:
/// open ones first with their deadline and the days left (overdue marked), then the completed ones
/// with who completed them and when; a Complete button per open request, after a confirmation box.
/// Outside the officer's scope the page is not found.
/// </summary>
[Authorize]
public sealed class PrivacyModel(
    ListDeletionRequests.Handler list,
    CompleteDeletion.Handler complete,
    ErrorMessages messages,
    IStringLocalizer<SharedResource> localizer,
    TimeProvider clock) : PageModel
{
    [FromRoute]
    public string Code { get; set; } = string.Empty;

    public ListDeletionRequests.Listing Listing { get; private set; } = null!;

    /// <summary>Today in Viet Nam, from which the days left are counted.</summary>
    public DateOnly Today { get; private set; }

    [TempData]
    public string? Notice { get; set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct) => await LoadAsync(ct) ?? Page();

    public async Task<IActionResult> OnPostCompleteAsync(int request, bool confirm, CancellationToken ct)
    {
        if (await LoadAsync(ct) is { } refused)
        {
            return refused;
        }

        if (!confirm)
        {
            ModelState.AddModelError(string.Empty, localizer["privacy.requests.confirm_required", request]);
            return Page();
        }

        var result = await complete.HandleAsync(new CompleteDeletion.Command(request), ct);
        if (result.IsSuccess)
        {
            Notice = localizer["privacy.requests.completed_notice", request];
            return RedirectToPage(new { code = Code });
        }

        messages.AddTo(ModelState, result.Errors);
        return await LoadAsync(ct) ?? Page();
    }

    /// <summary>Whole days from today to the deadline (Viet Nam dates); negative when overdue.</summary>
    public int DaysLeft(DateTime dueAtUtc) => Due(dueAtUtc).DayNumber - Today.DayNumber;

    public static string At(DateTime utc) => VietnameseFormat.DateTime(new DateTimeOffset(DateTime.SpecifyKind(utc, DateTimeKind.Utc)));

    public static DateOnly Due(DateTime dueAtUtc) =>
        DateOnly.FromDateTime(TimeZoneInfo.ConvertTimeFromUtc(DateTime.SpecifyKind(dueAtUtc, DateTimeKind.Utc), VietnameseFormat.TimeZone));

    private async Task<IActionResult?> LoadAsync(CancellationToken ct)
    {
        var result = await list.HandleAsync(new ListDeletionRequests.Query(Code), ct);
        if (!result.IsSuccess)
        {
            return result.FirstError.Kind == ErrorKind.Forbidden ? Forbid() : NotFound();
        }

        Listing = result.Value!;
        Today = clock.TodayInVietnam();
        return null;
    }
}
