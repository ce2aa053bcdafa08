using HocVuSo.Core.Common;
using HocVuSo.Core.Features.Accounts;
using HocVuSo.Core.Features.Geography;
using HocVuSo.Core.Features.Teams;
using HocVuSo.Web.Exports;
using HocVuSo.Web.Hosting;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace HocVuSo.Web.Pages.Units;

/// <summary>Community teams of an area: activity per village (computed from what teams recorded), and, for a village, its members.</summary>
[Authorize]
public sealed class TeamsModel(GetTeamsDashboard.Handler dashboard, GetTeam.Handler getTeam, AddTeamMember.Handler addMember, ScopeService scopes,
    ErrorMessages messages, IStringLocalizer<SharedResource> localizer) : PageModel
{
    public sealed class InputModel
    {
        public string? FullName { get; set; }

        public string? Role { get; set; } = nameof(TeamRole.Member);

        public string? Organisation { get; set; }

        public string? Phone { get; set; }

        public string? Languages { get; set; }
    }

    [FromRoute]
    public string Code { get; set; } = string.Empty;

    [BindProperty]
    public InputModel Input { get; set; } = new();

    public TeamsDashboard Dashboard { get; private set; } = null!;

    public TeamDto? Team { get; private set; }

    public bool IsVillage => Dashboard.Unit.Level == UnitLevel.Village;

    public bool CanManage { get; private set; }

    public bool CanRecord { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct) => await LoadAsync(ct) ?? Page();

    public async Task<IActionResult> OnGetCsvAsync(CancellationToken ct) =>
        await LoadAsync(ct) ?? File(TableExport.ToCsv(Table()), TableExport.CsvType, $"to-cong-nghe-so-{Code}.csv");

    public async Task<IActionResult> OnGetXlsxAsync(CancellationToken ct) =>
        await LoadAsync(ct) ?? File(TableExport.ToXlsx(Table()), TableExport.XlsxType, $"to-cong-nghe-so-{Code}.xlsx");

    private ExportTable Table() => new(
        localizer["teams.dashboard_for", Dashboard.Unit.FullName],
        [localizer["units.code"], localizer["teams.village"], localizer["teams.members"], localizer["teams.this_week"], localizer["teams.this_month"],
            localizer["teams.guidance_year"], localizer["teams.visits"], localizer["teams.people"], localizer["teams.last"]],
        Dashboard.Villages.Select(v => (IReadOnlyList<object?>)[v.VillageCode, v.VillageName, v.ActiveMembers, v.SessionsThisWeek, v.SessionsThisMonth,
            v.GuidanceSessionsThisYear, v.Visits, v.PeopleHelped, v.LastActivity is { } d ? VietnameseFormat.Date(d) : string.Empty]).ToList());

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        var added = await addMember.HandleAsync(new AddTeamMember.Command(Code, Input.FullName, Input.Role, Input.Organisation, Input.Phone, Input.Languages, null), ct);
        if (!added.IsSuccess)
        {
            if (added.FirstError.Kind == ErrorKind.Forbidden)
            {
                return Forbid();
            }

            messages.AddTo(ModelState, added.Errors, "Input.");
            return await LoadAsync(ct) ?? Page();
        }

        TempData["Status"] = localizer["teams.member_added", added.Value!.FullName].Value;
        return Redirect($"/units/{Code}/teams");
    }

    private async Task<IActionResult?> LoadAsync(CancellationToken ct)
    {
        var result = await dashboard.HandleAsync(new GetTeamsDashboard.Query(Code), ct);
        if (!result.IsSuccess)
        {
            return result.FirstError.Kind == ErrorKind.Forbidden ? Forbid() : NotFound();
        }

        Dashboard = result.Value!;
        Team = IsVillage ? (await getTeam.HandleAsync(new GetTeam.Query(Code), ct)).Value : null;
        var scope = await scopes.GetAsync(ct);
        CanManage = scope.Can(Permission.ManageTeams, Dashboard.Unit.Path);
        CanRecord = scope.Has(Permission.RecordActivities);
        return null;
    }
}
