using System.Text.Json;
using HocVuSo.Core.Common;
using HocVuSo.Core.Data;
using HocVuSo.Core.Features.Audit;
using Microsoft.EntityFrameworkCore;
using Microsoft.AspNetCore.Identity;

namespace HocVuSo.Web.Hosting;

/// <summary>
/// Records every sign-in attempt (success, failure, lock-out) in the audit trail; passwords never,
/// and a name that matches no account only masked (<see cref="Mask.SignInName"/>).
/// A sign-in on the device of the learner's helper is also recorded as assisted, naming the helper.
/// </summary>
public sealed class SignInAudit(AppDbContext db, TimeProvider clock, IHttpContextAccessor http, HelperDevices devices)
{
    public async Task RecordAsync(string userName, SignInResult result, string channel, CancellationToken ct)
    {
        var action = result.Succeeded ? AuditActions.SignIn
            : result.IsLockedOut ? AuditActions.LockedOut
            : result.RequiresTwoFactor ? AuditActions.SignIn + ".needs_2fa"
            : AuditActions.SignInFailed;
        var normalized = userName.ToUpperInvariant();
        var user = await db.Users.Where(u => u.NormalizedUserName == normalized).Select(u => new { u.Id, u.UserName }).FirstOrDefaultAsync(ct);
        // A name that matches no account may be someone's identification number, phone or e-mail typed by mistake: kept masked.
        var actorName = user?.UserName ?? Mask.SignInName(userName);
        db.AuditEntries.Add(new AuditEntry
        {
            At = clock.UtcNow(),
            ActorUserId = user?.Id,
            ActorName = actorName,
            Action = action,
            EntityType = "Account",
            EntityKey = user?.Id ?? "unknown",
            NewValue = JsonSerializer.Serialize(new { channel, ip = http.HttpContext?.Connection.RemoteIpAddress?.ToString() }),
        });
        if (result.Succeeded && devices.FoundHelper is { } helper && user is not null)
        {
            db.AuditEntries.Add(new AuditEntry
            {
                At = clock.UtcNow(), ActorUserId = user.Id, ActorName = actorName, Action = AuditActions.AssistedSignIn,
                EntityType = "Account", EntityKey = user.Id, NewValue = JsonSerializer.Serialize(new { channel, assistedBy = helper, reason = "helper-device" }),
            });
        }

        await db.SaveChangesAsync(ct);
    }
}
