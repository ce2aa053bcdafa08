using HocVuSo.Core.Common;
using HocVuSo.Core.Common.Uploads;
using HocVuSo.Core.Features.Certification;
using HocVuSo.Web.Exports;
using HocVuSo.Web.Hosting;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace HocVuSo.Web.Pages.Units;

/// <summary>
/// Certification in a unit: certified learners per village with dates and VNeID state, pushes not
/// yet acknowledged, learners awaiting sign-off (button), duplicates to merge (button), and the
/// digital-identity statuses (form and the police's CSV). Export as CSV or Excel, numbers masked.
/// </summary>
[Authorize]
public sealed class CertificationModel(
    CertificationRoster.Handler roster,
    ListDuplicateClaims.Handler duplicates,
    SignOffCertification.Handler signOff,
    MergeDuplicateIdentity.Handler merge,
    RevokeCertificate.Handler revoke,
    CertificationDecisions.Handler decisions,
    SetDigitalIdentityStatus.Handler setStatus,
    ImportDigitalIdentityStatuses.Handler import,
    UploadLimits limits,
    ErrorMessages messages,
    IStringLocalizer<SharedResource> localizer) : PageModel
{
    [FromRoute]
    public string Code { get; set; } = string.Empty;

    public CertificationRosterView Roster { get; private set; } = null!;

    public IReadOnlyList<DuplicateClaimView> Duplicates { get; private set; } = [];

    /// <summary>Sign-offs, revocations and merges in the unit, with their comments.</summary>
    public IReadOnlyList<CertificationDecision> Decisions { get; private set; } = [];

    [TempData]
    public string? Notice { get; set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct) => await LoadAsync(ct) ?? Page();

    public async Task<IActionResult> OnGetCsvAsync(CancellationToken ct) =>
        await LoadAsync(ct) ?? File(TableExport.ToCsv(Table()), TableExport.CsvType, $"chung-nhan-{Code}.csv");

    public async Task<IActionResult> OnGetXlsxAsync(CancellationToken ct) =>
        await LoadAsync(ct) ?? File(TableExport.ToXlsx(Table()), TableExport.XlsxType, $"chung-nhan-{Code}.xlsx");

    public async Task<IActionResult> OnPostSignOffAsync(string userName, string? note, CancellationToken ct) =>
        await AfterAsync(await signOff.HandleAsync(new SignOffCertification.Command(userName, note), ct), localizer["Certificate.Staff.SignedOff", userName], ct);

    public async Task<IActionResult> OnPostRevokeAsync(string serial, string? reason, CancellationToken ct) =>
        await AfterAsync(await revoke.HandleAsync(new RevokeCertificate.Command(serial, reason), ct), localizer["Certificate.Staff.Revoked", serial], ct);

    public async Task<IActionResult> OnPostMergeAsync(int claimId, string? keep, string? comment, CancellationToken ct) =>
        await AfterAsync(await merge.HandleAsync(new MergeDuplicateIdentity.Command(claimId, keep, comment), ct), localizer["Certificate.Staff.Merged"], ct);

    public async Task<IActionResult> OnPostStatusAsync(string? userName, string? vneidLevel2On, string? digitalSignatureOn, CancellationToken ct) =>
        await AfterAsync(await setStatus.HandleAsync(new SetDigitalIdentityStatus.Command(userName, vneidLevel2On, digitalSignatureOn), ct), localizer["Certificate.Staff.StatusSaved", userName ?? string.Empty], ct);

    public async Task<IActionResult> OnPostImportAsync(IFormFile? file, CancellationToken ct)
    {
        // On a commune's page the file is for that commune (people not registered here are kept by hash); commune codes have five digits.
        var unit = Code is { Length: 5 } ? Code : null;
        var result = await import.HandleAsync(new ImportDigitalIdentityStatuses.Command(UploadRequests.FileOf(file, limits.MaxCsvBytes), unit), ct);
        return await AfterAsync(result, result.IsSuccess ? localizer["Certificate.Staff.ImportedWithConfirmations", result.Value!.Saved, result.Value.ConfirmationsAdded, result.Value.Duplicates.Count] : string.Empty, ct);
    }

    private async Task<IActionResult> AfterAsync<T>(Result<T> result, string notice, CancellationToken ct)
    {
        if (result.IsSuccess)
        {
            Notice = notice;
            return RedirectToPage(new { code = Code });
        }

        if (result.FirstError.Kind == ErrorKind.Forbidden)
        {
            return Forbid();
        }

        messages.AddTo(ModelState, result.Errors.Select(e => e with { Field = e.Row is null ? null : e.Field }));
        return await LoadAsync(ct) ?? Page();
    }

    private ExportTable Table()
    {
        var headers = new List<string>
        {
            localizer["Certificate.Staff.Name"], localizer["Certificate.Staff.UserName"], localizer["Certificate.Staff.IdNumber"], localizer["staff.unit"],
            localizer["Certificate.Staff.Status"], localizer["Certificate.Verify.Date"], localizer["Certificate.Staff.Assisted"], localizer["Certificate.Verify.Serial"],
            localizer["Certificate.Learner.Vneid"], localizer["Certificate.Staff.Push"],
        };
        var rows = Roster.Rows.Select(r => (IReadOnlyList<object?>)new object?[]
        {
            r.FullName, r.Login, r.MaskedIdNumber, r.UnitName, localizer["Certificate.Learner.Status." + r.Status].Value,
            r.CertifiedOn is { } d ? VietnameseFormat.Date(d) : string.Empty, r.Assisted ? localizer["common.yes"].Value : string.Empty, r.Serial,
            r.VneidConfirmedAt is { } at ? VietnameseFormat.DateTime(at) : string.Empty, r.PushStatus,
        }).ToList();
        return new ExportTable(localizer["Certificate.Staff.TitleFor", Roster.Unit.FullName], headers, rows);
    }

    private async Task<IActionResult?> LoadAsync(CancellationToken ct)
    {
        var result = await roster.HandleAsync(new CertificationRoster.Query(Code), ct);
        if (!result.IsSuccess)
        {
            return result.FirstError.Kind == ErrorKind.Forbidden ? Forbid() : NotFound();
        }

        Roster = result.Value!;
        Decisions = (await decisions.HandleAsync(new CertificationDecisions.Query(Code), ct)).Value ?? [];
        if (Roster.CanManage)
        {
            Duplicates = (await duplicates.HandleAsync(ct)).Value ?? [];
        }

        return null;
    }
}
