using HocVuSo.Core.Features.Certification;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace HocVuSo.Web.Pages.Verify;

/// <summary>The public verification page a certificate's QR code opens: one big, clear answer, no script needed.</summary>
[AllowAnonymous]
public sealed class IndexModel(VerifyCertificate.Handler verify) : PageModel
{
    public VerificationOutcome Outcome { get; private set; } = null!;

    public async Task OnGetAsync(string serial, [FromQuery(Name = "s")] string? signature, CancellationToken ct)
    {
        Outcome = await verify.HandleAsync(new VerifyCertificate.Query(serial, signature), ct);
        Response.Headers.CacheControl = "no-store";
        Response.Headers["X-Robots-Tag"] = "noindex";
    }
}
