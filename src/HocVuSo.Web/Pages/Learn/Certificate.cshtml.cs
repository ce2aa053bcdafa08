using HocVuSo.Core.Features.Certification;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace HocVuSo.Web.Pages.Learn;

/// <summary>The learner's "Chứng nhận" page: whether they are certified, VNeID confirmation, and the PDF.</summary>
[Authorize]
public sealed class CertificateModel(GetMyCertification.Handler handler) : PageModel
{
    public CertificationView? Certification { get; private set; }

    public async Task OnGetAsync(CancellationToken ct)
    {
        Certification = (await handler.HandleAsync(ct)).Value;
    }

    /// <summary>"Check again": evaluates now, e.g. after passing before certification existed.</summary>
    public async Task OnPostAsync(CancellationToken ct)
    {
        Certification = (await handler.HandleAsync(ct, evaluateFirst: true)).Value;
    }
}
