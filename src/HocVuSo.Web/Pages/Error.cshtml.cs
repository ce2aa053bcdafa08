using System.Diagnostics;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace HocVuSo.Web.Pages;

/// <summary>
/// The error page people see, in the site's layout and their language: an unhandled exception
/// (<c>/Error</c>) or an HTTP status that a page answered without a body (<c>/Error/404</c>),
/// whatever the method of the request that failed.
/// </summary>
[ResponseCache(Duration = 0, Location = ResponseCacheLocation.None, NoStore = true)]
[IgnoreAntiforgeryToken]
public sealed class ErrorModel : PageModel
{
    [FromRoute(Name = "status")]
    public int? RouteStatus { get; set; }

    public int Status { get; private set; }

    public string? RequestId { get; private set; }

    /// <summary>Offer the sign-in page to a visitor who is not signed in and was refused.</summary>
    public bool OfferSignIn => User.Identity?.IsAuthenticated != true && Status is StatusCodes.Status401Unauthorized or StatusCodes.Status403Forbidden;

    public void OnGet() => Describe();

    public void OnPost() => Describe();

    private void Describe()
    {
        var reExecuted = HttpContext.Features.Get<IStatusCodeReExecuteFeature>() is not null;
        var failed = HttpContext.Features.Get<IExceptionHandlerPathFeature>() is not null;
        Status = failed ? StatusCodes.Status500InternalServerError
            : reExecuted ? HttpContext.Response.StatusCode
            : RouteStatus is >= 400 and < 600 ? RouteStatus.Value
            : StatusCodes.Status500InternalServerError;
        Response.StatusCode = Status;
        if (Status >= 500)
        {
            RequestId = Activity.Current?.Id ?? HttpContext.TraceIdentifier;
        }
    }
}
