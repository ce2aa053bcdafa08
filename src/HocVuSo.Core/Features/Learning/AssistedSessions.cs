using HocVuSo.Core.Common;
using HocVuSo.Core.Data;
using HocVuSo.Core.Features.Accounts;
using HocVuSo.Core.Features.Audit;
using Microsoft.EntityFrameworkCore;

namespace HocVuSo.Core.Features.Learning;

/// <summary>
/// An assisted session ("cầm tay chỉ việc"): a community team member guides a citizen on the
/// member's own phone. Who helped whom and when is kept; quiz attempts taken during the session
/// are marked assisted, which certification later takes into account.
/// </summary>
public sealed class AssistedSession
{
    public Guid Id { get; set; }

    public required string HelperUserId { get; set; }

    public required string LearnerUserId { get; set; }

    public DateTime StartedAt { get; set; }

    public DateTime? EndedAt { get; set; }

    public string? UnitPath { get; set; }
}

/// <summary>
/// A team member (or officer) starts guiding a learner who lives in their area: the learner is
/// found by phone number or e-mail; a learner outside the helper's area cannot be guided.
/// </summary>
public static class StartAssistedSession
{
    public sealed record Command(string? LearnerPhoneOrEmail);

    public sealed record Started(Guid SessionId, string LearnerUserId, string LearnerName);

    public sealed class Handler(AppDbContext db, ScopeService scopes, LoginNames loginNames, TimeProvider clock)
    {
        public async Task<Result<Started>> HandleAsync(Command command, CancellationToken ct)
        {
            var scope = await scopes.GetAsync(ct);
            if (!scope.Has(Permission.AssistLearners) || scope.UserId is null)
            {
                return Errors.Forbidden();
            }

            var learner = await loginNames.LearnersTyped(db.Users, command.LearnerPhoneOrEmail)
                .Select(u => new { u.Id, u.FullName, Path = db.Units.Where(x => x.Id == u.HomeUnitId).Select(x => x.Path).FirstOrDefault() })
                .FirstOrDefaultAsync(ct);
            if (learner is null)
            {
                return Errors.NotFound("assist.learner_not_found", command.LearnerPhoneOrEmail ?? string.Empty) with { Field = "phoneOrEmail" };
            }

            // Outside the helper's area looks exactly like nobody: the answer never says a phone is registered elsewhere.
            if (learner.Path is null || !scope.Can(Permission.AssistLearners, learner.Path))
            {
                return Errors.NotFound("assist.learner_not_found", command.LearnerPhoneOrEmail ?? string.Empty) with { Field = "phoneOrEmail" };
            }

            var session = new AssistedSession
            {
                Id = Guid.NewGuid(),
                HelperUserId = scope.UserId,
                LearnerUserId = learner.Id,
                StartedAt = clock.UtcNow(),
                UnitPath = learner.Path,
            };
            db.AssistedSessions.Add(session);
            AuditLog.Record(db, scope, session.StartedAt, "learning.assisted_session_started", nameof(AssistedSession), session.Id.ToString(), learner.Path,
                newValue: new { learner = learner.Id });
            await db.SaveChangesAsync(ct);
            return new Started(session.Id, learner.Id, learner.FullName);
        }
    }
}

/// <summary>Ends an assisted session; ending it twice changes nothing.</summary>
public static class EndAssistedSession
{
    public sealed record Command(Guid SessionId);

    public sealed class Handler(AppDbContext db, TimeProvider clock)
    {
        public async Task<Result<bool>> HandleAsync(Command command, CancellationToken ct)
        {
            var updated = await db.AssistedSessions.Where(s => s.Id == command.SessionId && s.EndedAt == null)
                .ExecuteUpdateAsync(s => s.SetProperty(x => x.EndedAt, clock.UtcNow()), ct);
            return updated > 0;
        }
    }
}
