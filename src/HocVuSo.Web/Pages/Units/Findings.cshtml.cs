using HocVuSo.Core.Common;
using HocVuSo.Core.Common.Uploads;
using HocVuSo.Core.Features.Geography;
using HocVuSo.Core.Features.Oversight;
using HocVuSo.Web.Hosting;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace HocVuSo.Web.Pages.Units;

/// <summary>
/// The inspections of a unit as the unit sees them: each visit with its findings, evidence,
/// follow-up tasks and minutes; the unit's staff answer each finding until the plan is done, the
/// inspecting staff attach evidence files.
/// </summary>
[Authorize]
public sealed class FindingsModel(ListUnitFindings.Handler list, AnswerFinding.Handler answer, AttachFindingEvidence.Handler attach, GetUnit.Handler getUnit,
    UploadLimits limits, ErrorMessages messages) : PageModel
{
    [FromRoute]
    public string Code { get; set; } = string.Empty;

    public string UnitName { get; private set; } = string.Empty;

    public IReadOnlyList<InspectionVisitDto> Visits { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(CancellationToken ct) => await LoadAsync(ct) ?? Page();

    public async Task<IActionResult> OnPostAnswerAsync(int visitId, int findingId, string? text, CancellationToken ct)
    {
        var result = await answer.HandleAsync(new AnswerFinding.Command(visitId, findingId, text), ct);
        return result.IsSuccess ? Redirect($"/units/{Code}/findings#finding-{findingId}") : await AfterAsync(result.Errors, ct);
    }

    public async Task<IActionResult> OnPostEvidenceAsync(int visitId, int findingId, IFormFile? file, CancellationToken ct)
    {
        var result = await attach.HandleAsync(new AttachFindingEvidence.Command(visitId, findingId, file?.FileName, UploadRequests.FileOf(file, limits.MaxDocumentBytes)), ct);
        return result.IsSuccess ? Redirect($"/units/{Code}/findings#finding-{findingId}") : await AfterAsync(result.Errors, ct);
    }

    private async Task<IActionResult> AfterAsync(IReadOnlyList<Error> errors, CancellationToken ct)
    {
        if (errors[0].Kind == ErrorKind.Forbidden)
        {
            return Forbid();
        }

        messages.AddTo(ModelState, errors.Select(e => e with { Field = null }));
        return await LoadAsync(ct) ?? Page();
    }

    private async Task<IActionResult?> LoadAsync(CancellationToken ct)
    {
        var visits = await list.HandleAsync(new ListUnitFindings.Query(Code), ct);
        if (!visits.IsSuccess)
        {
            return NotFound();
        }

        Visits = visits.Value!;
        UnitName = (await getUnit.HandleAsync(new GetUnit.Query(Code), ct)).Value?.Unit.FullName ?? Code;
        return null;
    }
}
