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
}
