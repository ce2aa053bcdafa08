using HocVuSo.Core.Common;
using HocVuSo.Core.Features.Accounts;
using HocVuSo.Web.Hosting;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace HocVuSo.Web.Pages.Staff;

/// <summary>An officer creates a staff account inside their own subtree; the initial password is shown once.</summary>
public sealed class CreateModel(CreateStaff.Handler createStaff, GrantableOrganisations.Handler grantable, ErrorMessages messages) : PageModel
{
    public sealed class InputModel
    {
        public string? UserName { get; set; }

        public string? FullName { get; set; }

        public string? Role { get; set; }

        public string? UnitCode { get; set; }

        public string? Email { get; set; }

        public string? Phone { get; set; }

        /// <summary>For an organisation officer: the organisation they act for.</summary>
        public int? OrganisationId { get; set; }
    }

    [BindProperty]
    public InputModel Input { get; set; } = new();

    public CreatedStaff? Created { get; private set; }

    /// <summary>The organisations whose officer the user may appoint.</summary>
    public IReadOnlyList<GrantableOrganisations.Item> Organisations { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct) => Organisations = await grantable.HandleAsync(ct);

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        Organisations = await grantable.HandleAsync(ct);
        var result = await createStaff.HandleAsync(new CreateStaff.Command(Input.UserName, Input.FullName, Input.Email, Input.Phone, Input.Role, Input.UnitCode, OrganisationId: Input.OrganisationId), ct);
        if (!result.IsSuccess)
        {
            if (result.FirstError.Kind == ErrorKind.Forbidden && result.FirstError.Field is null)
            {
                return Forbid();
            }

            messages.AddTo(ModelState, result.Errors, "Input.");
            return Page();
        }

        Created = result.Value;
        ModelState.Clear();
        Input = new InputModel();
        return Page();
    }
}
