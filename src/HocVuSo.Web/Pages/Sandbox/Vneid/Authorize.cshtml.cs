using HocVuSo.Core.Common;
using HocVuSo.Core.Features.Certification;
using HocVuSo.Web.Hosting;
using HocVuSo.Web.Vneid;
using Microsoft.AspNetCore.Http.Extensions;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Options;

namespace HocVuSo.Web.Pages.Sandbox.Vneid;

/// <summary>
/// The sandbox's OAuth 2.0 authorization page: instead of a real VNeID sign-in, the tester picks a
/// demo citizen or types one in, and is sent back to the platform with a one-time code.
/// </summary>
public sealed class AuthorizeModel(VneidSandbox sandbox, VneidEndpoints endpoints, IOptions<VneidOptions> options, ErrorMessages messages, TimeProvider clock) : PageModel
{
    [BindProperty(SupportsGet = true, Name = "response_type")]
    public string? ResponseType { get; set; }

    [BindProperty(SupportsGet = true, Name = "client_id")]
    public string? ClientId { get; set; }

    [BindProperty(SupportsGet = true, Name = "redirect_uri")]
    public string? RedirectUri { get; set; }

    [BindProperty(SupportsGet = true, Name = "state")]
    public string? State { get; set; }

    [BindProperty(SupportsGet = true, Name = "scope")]
    public string? Scope { get; set; }

    [BindProperty(SupportsGet = true, Name = "code_challenge")]
    public string? CodeChallenge { get; set; }

    [BindProperty(SupportsGet = true, Name = "code_challenge_method")]
    public string? CodeChallengeMethod { get; set; }

    /// <summary>Index into <see cref="VneidSandbox.DemoCitizens"/>, or -1 for the typed-in citizen.</summary>
    [BindProperty]
    public int Citizen { get; set; }

    [BindProperty]
    public string? FullName { get; set; }

    [BindProperty]
    public string? PersonalIdNumber { get; set; }

    [BindProperty]
    public int? BirthYear { get; set; }

    [BindProperty]
    public string? Gender { get; set; }

    /// <summary>Why the request cannot go on (shown instead of the form; never redirected to an unchecked address).</summary>
    public string? RequestError { get; private set; }

    public IReadOnlyList<VneidSandboxCitizen> Citizens => VneidSandbox.DemoCitizens;

    public IActionResult OnGet()
    {
        if (!sandbox.Enabled)
        {
            return NotFound();
        }

        RequestError = CheckRequest();
        return Page();
    }

    public IActionResult OnPost(string? deny)
    {
        if (!sandbox.Enabled)
        {
            return NotFound();
        }

        RequestError = CheckRequest();
        if (RequestError is not null)
        {
            return Page();
        }

        if (deny is not null)
        {
            return Redirect(Back(new() { ["error"] = "access_denied" }));
        }

        VneidSandboxCitizen citizen;
        if (Citizen >= 0 && Citizen < Citizens.Count)
        {
            citizen = Citizens[Citizen];
        }
        else
        {
            var name = VietnameseText.Clean(FullName);
            if (name.Length is 0 or > 200)
            {
                ModelState.AddModelError(nameof(FullName), messages.Describe(Errors.Invalid("field.required", "fullName")));
            }

            var problems = PersonalIdNumbers.Check(PersonalIdNumber, BirthYear, Gender, clock.TodayInVietnam().Year).ToList();
            if (BirthYear is null)
            {
                problems.Add(Errors.Invalid("identity.birth_year_required", "birthYear"));
            }

            if (PersonalIdNumbers.ParseGender(Gender) is null)
            {
                problems.Add(Errors.Invalid("identity.gender_required", "gender"));
            }

            foreach (var problem in problems)
            {
                ModelState.AddModelError(nameof(PersonalIdNumber), messages.Describe(problem));
            }

            if (!ModelState.IsValid)
            {
                return Page();
            }

            citizen = new VneidSandboxCitizen(name, PersonalIdNumbers.Normalise(PersonalIdNumber), BirthYear!.Value,
                PersonalIdNumbers.ParseGender(Gender) == PersonGender.Female ? "female" : "male");
        }

        var code = sandbox.IssueCode(citizen, ClientId!, RedirectUri!, string.IsNullOrEmpty(CodeChallenge) ? null : CodeChallenge, CodeChallengeMethod);
        return Redirect(Back(new() { ["code"] = code }));
    }

    private string Back(Dictionary<string, string?> values)
    {
        if (State is not null)
        {
            values["state"] = State;
        }

        return RedirectUri + new QueryBuilder(values.Where(v => v.Value is not null).Select(v => new KeyValuePair<string, string>(v.Key, v.Value!))).ToQueryString();
    }

    private string? CheckRequest()
    {
        if (ResponseType != "code")
        {
            return "unsupported_response_type";
        }

        if (ClientId != endpoints.ClientId)
        {
            return "invalid_client";
        }

        // The platform registered exactly one redirect URI: its VNeID callback path, on any of its host names.
        if (!Uri.TryCreate(RedirectUri, UriKind.Absolute, out var redirect) || redirect.Scheme is not ("http" or "https")
            || redirect.AbsolutePath != options.Value.CallbackPath || redirect.Query.Length > 0)
        {
            return "invalid_redirect_uri";
        }

        if (!string.IsNullOrEmpty(CodeChallenge) && CodeChallengeMethod is not ("S256" or "plain" or null))
        {
            return "invalid_request";
        }

        return null;
    }
}
