using System.Globalization;
using HocVuSo.Core.Common;
using HocVuSo.Core.Common.Uploads;
using HocVuSo.Core.Features.Oversight;
using HocVuSo.Core.Features.Reporting;
using HocVuSo.Web.Api;
using HocVuSo.Web.Hosting;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace HocVuSo.Web.Pages.Units;

/// <summary>A unit's communications log by month: the items with their evidence and duplicate flags, what they count for, and forms to log one item or import a file.</summary>
[Authorize]
public sealed class CommunicationsModel(ListCommunications.Handler list, RecordCommunication.Handler record, DeleteCommunication.Handler delete,
    AttachCommunicationPhoto.Handler attach, ImportCommunications.Handler import, IndicatorComputations computations, UploadLimits limits,
    ErrorMessages messages, TimeProvider clock) : PageModel
{
    [FromRoute]
    public string Code { get; set; } = string.Empty;

    [FromQuery]
    public string? Month { get; set; }

    public ListCommunications.Page Log { get; private set; } = null!;

    /// <summary>What the month's log counts for: posts (the month), visual activities (since January), items in minority languages (the month).</summary>
    public (decimal Posts, decimal Visual, decimal Minority) Counted { get; private set; }

    public DateOnly Today => clock.TodayInVietnam();

    /// <summary>Set after an import: how many items it saved and how many of them repeat a link.</summary>
    public ImportCommunications.Report? Imported { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct) => await LoadAsync(ct) ?? Page();

    /// <summary>The date is typed as people write it (dd/MM/yyyy); a photo, if chosen, is attached once the item is saved.</summary>
    public async Task<IActionResult> OnPostAddAsync(string? unit, string? kind, string? channel, string? title, string? date, string? language, string? topic,
        string? url, int? reach, IFormFile? photo, CancellationToken ct)
    {
        var input = new CommunicationRequest(string.IsNullOrWhiteSpace(unit) ? Code : unit, kind, channel, title, date, language, topic, url, reach).ToInput();
        if (!input.IsSuccess)
        {
            return await AfterAsync(input.Errors, ct);
        }

        var saved = await record.HandleAsync(input.Value!, ct);
        if (!saved.IsSuccess)
        {
            return await AfterAsync(saved.Errors, ct);
        }

        if (photo is { Length: > 0 })
        {
            var attached = await attach.HandleAsync(new AttachCommunicationPhoto.Command(saved.Value!.Id, UploadRequests.FileOf(photo, limits.MaxImageBytes)), ct);
            if (!attached.IsSuccess)
            {
                return await AfterAsync(attached.Errors, ct);
            }
        }

        return Redirect($"/units/{Code}/communications?month={saved.Value!.Date.ToString("yyyy-MM", CultureInfo.InvariantCulture)}");
    }

    public async Task<IActionResult> OnPostDeleteAsync(Guid id, CancellationToken ct)
    {
        var result = await delete.HandleAsync(id, ct);
        return result.IsSuccess ? Redirect($"/units/{Code}/communications?month={Month}") : await AfterAsync(result.Errors, ct);
    }

    public async Task<IActionResult> OnPostImportAsync(IFormFile? file, CancellationToken ct)
    {
        var result = await import.HandleAsync(new ImportCommunications.Command(Code, UploadRequests.FileOf(file, Math.Max(limits.MaxCsvBytes, limits.MaxXlsxBytes))), ct);
        if (!result.IsSuccess)
        {
            return await AfterAsync(result.Errors, ct);
        }

        Imported = result.Value;
        return await LoadAsync(ct) ?? Page();
    }

    private async Task<IActionResult> AfterAsync(IReadOnlyList<Error> errors, CancellationToken ct)
    {
        if (errors[0].Kind == ErrorKind.Forbidden && errors[0].Field is null)
        {
            return Forbid();
        }

        // Errors of a file name their line and column; those of the form name their field in the message.
        messages.AddTo(ModelState, errors.Select(e => e.Row is null ? e with { Field = null } : e));
        return await LoadAsync(ct) ?? Page();
    }

    private async Task<IActionResult?> LoadAsync(CancellationToken ct)
    {
        var log = await list.HandleAsync(new ListCommunications.Query(Code, Month), ct);
        if (!log.IsSuccess)
        {
            if (log.FirstError.Kind == ErrorKind.Invalid)
            {
                Month = null;
                messages.AddTo(ModelState, log.Errors.Select(e => e with { Field = null }));
                return await LoadAsync(ct);
            }

            return log.FirstError.Kind == ErrorKind.Forbidden ? Forbid() : NotFound();
        }

        Log = log.Value!;
        var period = DateOnly.ParseExact(Log.Month + "-01", "yyyy-MM-dd", CultureInfo.InvariantCulture);
        var path = Log.Path;
        Counted = (
            await computations.ComputeAsync(IndicatorComputations.PostsPerMonth, path, period, ct) ?? 0,
            await computations.ComputeAsync(IndicatorComputations.VisualPropaganda, path, period, ct) ?? 0,
            await computations.ComputeAsync(IndicatorComputations.MinorityLanguageItems, path, period, ct) ?? 0);
        return null;
    }
}
