using System.Security.Claims;
using HocVuSo.Core.Features.Accounts;

namespace HocVuSo.Web.Hosting;

/// <summary>The signed-in user of the current request, by cookie or bearer token.</summary>
public sealed class HttpCurrentUser(IHttpContextAccessor accessor) : ICurrentUser
{
    private ClaimsPrincipal? Principal => accessor.HttpContext?.User;

    public string? UserId => Principal?.Identity?.IsAuthenticated == true ? Principal.FindFirstValue(ClaimTypes.NameIdentifier) : null;

    public string? UserName => Principal?.Identity?.IsAuthenticated == true ? Principal.Identity.Name : null;

    public bool IsSystem => false;

    public string? AssistedByUserId => Principal?.FindFirstValue(AssistedByClaim);

    /// <summary>The sign-in says "no staff role" and its security stamp was checked in this request (<see cref="IdentitySetup.UseBearerRevocation"/>).</summary>
    public bool HoldsNoStaffRole =>
        accessor.HttpContext is { } context
        && context.Items.ContainsKey(StampCheckedItem)
        && Principal?.Identity?.IsAuthenticated == true
        && Principal.HasClaim(StaffGrantStamps.NoStaffClaim, "true");

    /// <summary>Set in <see cref="HttpContext.Items"/> once this request's security stamp has been checked against the database.</summary>
    public const string StampCheckedItem = "hocvuso:stamp_checked";

    /// <summary>Carried by a learner's sign-in while a team member guides them on the member's phone.</summary>
    public const string AssistedByClaim = "hocvuso:assisted_by";

    public const string AssistSessionClaim = "hocvuso:assist_session";
}
