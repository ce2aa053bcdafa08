using HocVuSo.Core.Common;
using HocVuSo.Core.Features.Reporting;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace HocVuSo.Web.Pages.Units;

/// <summary>The history of a monthly report's figures and status, from the audit trail; optionally of one element.</summary>
[Authorize]
public sealed class ReportHistoryModel(GetReportHistory.Handler history, ListIndicators.Handler indicators) : PageModel
{
    [FromRoute]
    public string Code { get; set; } = string.Empty;

    [FromRoute(Name = "period")]
    public string Period { get; set; } = string.Empty;

    [FromQuery(Name = "element")]
    public string? Element { get; set; }

    public ReportHistoryDto History { get; private set; } = null!;

    public IReadOnlyDictionary<string, string> Names { get; private set; } = new Dictionary<string, string>();

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        var result = await history.HandleAsync(new GetReportHistory.Query(Code, Period, string.IsNullOrWhiteSpace(Element) ? null : Element), ct);
        if (!result.IsSuccess)
        {
            return result.FirstError.Kind switch
            {
                ErrorKind.Forbidden => Forbid(),
                ErrorKind.Invalid => BadRequest(),
                _ => NotFound(),
            };
        }

        History = result.Value!;
        var english = System.Globalization.CultureInfo.CurrentUICulture.TwoLetterISOLanguageName == "en";
        Names = ((await indicators.HandleAsync(english, ct)).Value ?? []).ToDictionary(i => i.Code, i => i.Name);
        return Page();
    }
}
