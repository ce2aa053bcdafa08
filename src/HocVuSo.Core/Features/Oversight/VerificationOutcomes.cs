using System.Globalization;
using HocVuSo.Core.Common;
using HocVuSo.Core.Data;
using HocVuSo.Core.Features.Accounts;
using HocVuSo.Core.Features.Audit;
using Microsoft.EntityFrameworkCore;

namespace HocVuSo.Core.Features.Oversight;

/// <summary>
/// Records what the inspector found for one sampled item (confirmed, confirmed but done by someone
/// else, denied, unreachable, wrong person) with an optional note. An outcome is recorded once: a
/// second one is refused (409), even when two inspectors answer at the same moment (the update is
/// guarded on the item having none yet). Only staff who verify figures above the commune record
/// outcomes; each is audited.
/// </summary>
public static class RecordVerificationOutcome
{
    public const int MaxNote = 2000;

    public sealed record Command(int SampleId, int ItemId, string? Outcome, string? Note);

    public sealed record Recorded(int Id, string Outcome, string? Note, DateTime RecordedAt);

    public sealed class Handler(AppDbContext db, ScopeService scopes, TimeProvider clock)
    {
        public async Task<Result<Recorded>> HandleAsync(Command command, CancellationToken ct)
        {
            var scope = await scopes.GetAsync(ct);
            var sample = await db.VerificationSamples.AsNoTracking().FirstOrDefaultAsync(s => s.Id == command.SampleId, ct);
            if (sample is null || !scope.Can(Permission.ViewStaffData, sample.UnitPath))
            {
                return Errors.NotFound("verification.sample_not_found", command.SampleId);
            }

            if (!scope.CanAbove(Permission.VerifyFigures, sample.UnitPath))
            {
                return Errors.Forbidden();
            }

            var item = await db.VerificationItems.AsNoTracking().FirstOrDefaultAsync(i => i.Id == command.ItemId && i.SampleId == sample.Id, ct);
            if (item is null)
            {
                return Errors.NotFound("verification.item_not_found", command.ItemId, command.SampleId);
            }

            var errors = new List<Error>();
            if (!VerificationKeys.TryParseOutcome(command.Outcome, out var outcome))
            {
                errors.Add(Errors.Invalid("verification.outcome_unknown", "outcome", command.Outcome ?? string.Empty, string.Join(", ", VerificationKeys.OutcomeKeys)));
            }

            var note = VietnameseText.Clean(command.Note);
            if (note.Length > MaxNote)
            {
                errors.Add(Errors.Invalid("verification.note_too_long", "note", MaxNote));
            }

            if (errors.Count > 0)
            {
                return Result<Recorded>.Fail(errors);
            }

            if (item.Outcome is not null)
            {
                return Errors.Conflict("verification.outcome_already_recorded", "outcome", item.Position);
            }

            var at = clock.UtcNow();
            var noteOrNull = note.Length == 0 ? null : note;
            await using var transaction = await db.Database.BeginTransactionAsync(ct);
            var changed = await db.VerificationItems
                .Where(i => i.Id == item.Id && i.Outcome == null)
                .ExecuteUpdateAsync(s => s
                    .SetProperty(i => i.Outcome, (VerificationOutcome?)outcome)
                    .SetProperty(i => i.Note, noteOrNull)
                    .SetProperty(i => i.RecordedByUserId, scope.UserId)
                    .SetProperty(i => i.RecordedAt, at), ct);
            if (changed == 0)
            {
                return Errors.Conflict("verification.outcome_already_recorded", "outcome", item.Position);
            }

            AuditLog.Record(db, scope, at, "verification.outcome_recorded", nameof(VerificationItem), item.Id.ToString(CultureInfo.InvariantCulture), sample.UnitPath,
                newValue: new { sample = sample.Id, position = item.Position, outcome = VerificationKeys.Key(outcome), note = noteOrNull });
            await db.SaveChangesAsync(ct);
            await transaction.CommitAsync(ct);
            return new Recorded(item.Id, VerificationKeys.Key(outcome), noteOrNull, at);
        }
    }
}
