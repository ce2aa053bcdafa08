using HocVuSo.Core.Features.Awards;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace HocVuSo.Web.Pages.Awards;

/// <summary>The public check a certificate of merit's QR code opens: valid, revoked or unknown, with the minimum facts.</summary>
[AllowAnonymous]
public sealed class VerifyModel(VerifyMeritCertificate.Handler verify) : PageModel
{
    public MeritVerification Outcome { get; private set; } = null!;

    public async Task OnGetAsync(string serial, [FromQuery(Name = "s")] string? signature, CancellationToken ct)
    {
        Outcome = await verify.HandleAsync(serial, signature, ct);
        Response.Headers.CacheControl = "no-store";
        Response.Headers["X-Robots-Tag"] = "noindex";
    }
}
