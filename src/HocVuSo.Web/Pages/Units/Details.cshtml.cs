using HocVuSo.Core.Features.Accounts;
using HocVuSo.Core.Features.Geography;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace HocVuSo.Web.Pages.Units;

/// <summary>One unit: where it sits, its children, its versions and population baselines; actions the viewer's scope allows.</summary>
public sealed class DetailsModel(GetUnit.Handler getUnit, GetBaselines.Handler getBaselines, ScopeService scopes) : PageModel
{
    public GetUnit.Details Details { get; private set; } = null!;

    public IReadOnlyList<BaselineDto> Baselines { get; private set; } = [];

    public IReadOnlyList<BaselineChange> History { get; private set; } = [];

    public bool CanManageVillages { get; private set; }

    public bool CanEditBaselines { get; private set; }

    public bool CanViewStaff { get; private set; }

    public bool CanManageIdentities { get; private set; }

    /// <summary>Staff above a commune who may read its call-back samples (province and national staff).</summary>
    public bool CanReadVerification { get; private set; }

    public async Task<IActionResult> OnGetAsync(string code, CancellationToken ct)
    {
        var found = await getUnit.HandleAsync(new GetUnit.Query(code), ct);
        if (!found.IsSuccess)
        {
            return NotFound();
        }

        Details = found.Value!;
        var baselines = await getBaselines.HandleAsync(new GetBaselines.Query(code), ct);
        Baselines = baselines.Value?.Baselines ?? [];
        History = baselines.Value?.History ?? [];

        var scope = await scopes.GetAsync(ct);
        var current = Details.Unit.ValidTo is null;
        CanManageVillages = current && Details.Unit.Level == UnitLevel.Commune && scope.Can(Permission.ManageVillages, Details.Unit.Path);
        CanEditBaselines = current && Details.Unit.Level > UnitLevel.Nation && scope.Can(Permission.EditBaselines, Details.Unit.Path);
        CanViewStaff = scope.Can(Permission.ViewStaffData, Details.Unit.Path);
        CanManageIdentities = scope.Can(Permission.ManageIdentities, Details.Unit.Path);
        CanReadVerification = Details.Unit.Level == UnitLevel.Commune && scope.CanAbove(Permission.ViewStaffData, Details.Unit.Path);
        return Page();
    }
}
