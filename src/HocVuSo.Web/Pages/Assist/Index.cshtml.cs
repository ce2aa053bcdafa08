using System.Security.Claims;
using HocVuSo.Core.Common;
using HocVuSo.Core.Data;
using HocVuSo.Core.Features.Accounts;
using HocVuSo.Core.Features.Geography;
using HocVuSo.Core.Features.Learning;
using HocVuSo.Core.Features.Privacy;
using HocVuSo.Web.Hosting;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace HocVuSo.Web.Pages.Assist;

/// <summary>
/// "Cầm tay chỉ việc": a team member registers a citizen, or finds one already registered, and
/// hands their own phone over. The phone is then signed in as the learner, marked as assisted by
/// the member, until the session is ended. A member never chooses the learner's password: the
/// learner gets an activation code on their own phone or e-mail and sets it themselves. The
/// member reads the consent for each purpose to the person and ticks what the person chooses.
/// </summary>
[Authorize]
public sealed class IndexModel(AppDbContext db, ScopeService scopes, RegisterLearner.Handler register, StartAssistedSession.Handler start,
    EndAssistedSession.Handler end, UserManager<AppUser> users, SignInManager<AppUser> signIn, ErrorMessages messages, TimeProvider clock) : PageModel
{
    public sealed class InputModel
    {
        public string? FullName { get; set; }

        public string? PhoneOrEmail { get; set; }

        public string? UnitCode { get; set; }

        public bool ConsentLearning { get; set; }


        /// <summary>Set by the consent block: the form asked (a post without it records no consent, as for accounts made before consents).</summary>

        public bool ConsentAsked { get; set; }

        public bool ConsentVneid { get; set; }

        public bool ConsentContact { get; set; }
    }

    [BindProperty]
    public InputModel Input { get; set; } = new();

    [BindProperty(Name = "learner")]
    public string? Learner { get; set; }

    public string? LearnerError { get; private set; }

    /// <summary>The learner just registered, and where their activation code was sent (masked).</summary>
    public RegisterLearner.Registered? Registered { get; private set; }

    public IReadOnlyList<UnitDto> Units { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(CancellationToken ct) => await LoadAsync(ct) ? Page() : Forbid();

    public async Task<IActionResult> OnPostStartAsync(CancellationToken ct)
    {
        if (!await LoadAsync(ct))
        {
            return Forbid();
        }

        var started = await start.HandleAsync(new StartAssistedSession.Command(Learner), ct);
        if (!started.IsSuccess)
        {
            LearnerError = messages.Describe(started.FirstError);
            return Page();
        }

        return await SwitchToLearnerAsync(started.Value!);
    }

    public async Task<IActionResult> OnPostRegisterAsync(CancellationToken ct)
    {
        if (!await LoadAsync(ct))
        {
            return Forbid();
        }

        var helper = (await scopes.GetAsync(ct)).UserId;
        var registered = await register.HandleAsync(new RegisterLearner.Command(Input.FullName, Input.PhoneOrEmail, null, Input.UnitCode, helper,
            Input.ConsentAsked ? new ConsentChoice(Input.ConsentLearning, Input.ConsentVneid, Input.ConsentContact) : null), ct);
        if (!registered.IsSuccess)
        {
            messages.AddTo(ModelState, registered.Errors, "Input.");
            return Page();
        }

        // Shown with a button that starts guiding them; the code itself went to the learner only.
        Registered = registered.Value;
        Learner = registered.Value!.UserName;
        return Page();
    }

    /// <summary>Ends the session the learner's sign-in carries and signs out, so the member signs in again.</summary>
    public async Task<IActionResult> OnPostEndAsync(CancellationToken ct)
    {
        if (Guid.TryParse(User.FindFirstValue(HttpCurrentUser.AssistSessionClaim), out var session))
        {
            await end.HandleAsync(new EndAssistedSession.Command(session), ct);
        }

        await signIn.SignOutAsync();
        return Redirect("/Account/Login");
    }

    private async Task<IActionResult> SwitchToLearnerAsync(StartAssistedSession.Started started)
    {
        var learner = await users.FindByIdAsync(started.LearnerUserId);
        var helper = (await scopes.GetAsync(HttpContext.RequestAborted)).UserId!;
        await signIn.SignInWithClaimsAsync(learner!, isPersistent: false,
        [
            new Claim(HttpCurrentUser.AssistedByClaim, helper),
            new Claim(HttpCurrentUser.AssistSessionClaim, started.SessionId.ToString()),
        ]);
        return Redirect("/learn");
    }

    private async Task<bool> LoadAsync(CancellationToken ct)
    {
        var scope = await scopes.GetAsync(ct);
        if (!scope.Has(Permission.AssistLearners))
        {
            return false;
        }

        Units = await db.Units.AsNoTracking().ValidOn(clock.TodayInVietnam())
            .Where(u => u.Level >= UnitLevel.Commune)
            .WithinScope(scope, Permission.AssistLearners, u => u.Path)
            .OrderBy(u => u.Path).Take(500).ToDto().ToListAsync(ct);
        return true;
    }
}
