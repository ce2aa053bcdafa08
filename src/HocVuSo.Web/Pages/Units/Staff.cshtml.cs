using HocVuSo.Core.Common;
using HocVuSo.Core.Features.Accounts;
using HocVuSo.Core.Features.Geography;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace HocVuSo.Web.Pages.Units;

[Authorize]
public sealed class StaffModel(GetUnit.Handler getUnit, ListStaff.Handler listStaff) : PageModel
{
    [FromRoute]
    public string Code { get; set; } = string.Empty;

    public string UnitName { get; private set; } = string.Empty;

    public IReadOnlyList<StaffDto> Staff { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        var staff = await listStaff.HandleAsync(new ListStaff.Query(Code), ct);
        if (!staff.IsSuccess)
        {
            return staff.FirstError.Kind == ErrorKind.Forbidden ? Forbid() : NotFound();
        }

        Staff = staff.Value!;
        UnitName = (await getUnit.HandleAsync(new GetUnit.Query(Code), ct)).Value?.Unit.FullName ?? Code;
        return Page();
    }
}
