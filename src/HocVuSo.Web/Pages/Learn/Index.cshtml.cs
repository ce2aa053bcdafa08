using HocVuSo.Core.Features.Learning;
using HocVuSo.Web.Api;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace HocVuSo.Web.Pages.Learn;

/// <summary>The catalogue: courses by target group, with the learner's progress and where to continue.</summary>
public sealed class IndexModel(GetCatalogue.Handler catalogue) : PageModel
{
    [FromQuery(Name = "group")]
    public string? Group { get; set; }

    public IReadOnlyList<CourseSummary> Courses { get; private set; } = [];

    public bool SignedIn => User.Identity?.IsAuthenticated == true;

    public async Task OnGetAsync(CancellationToken ct)
    {
        var group = Group is not null && GetCatalogue.TargetGroups.Contains(Group) ? Group : null;
        Group = group;
        Courses = (await catalogue.HandleAsync(new GetCatalogue.Query(LearningApi.Language(null), group), ct)).Value ?? [];
    }
}
