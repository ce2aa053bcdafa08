using HocVuSo.Core.Common;
using HocVuSo.Core.Data;
using HocVuSo.Core.Features.Accounts;
using HocVuSo.Core.Features.Audit;
using Microsoft.EntityFrameworkCore;

namespace HocVuSo.Core.Features.Assistant;

public sealed record FaqDto(int Id, string Question, string Answer, DateTime UpdatedAt);

/// <summary>The questions people often ask, with their answers: read by everyone.</summary>
public static class ListFaq
{
    public sealed class Handler(AppDbContext db)
    {
        public async Task<IReadOnlyList<FaqDto>> HandleAsync(CancellationToken ct) =>
            await db.FaqEntries.AsNoTracking().OrderBy(f => f.Id).Select(f => new FaqDto(f.Id, f.Question, f.Answer, f.UpdatedAt)).ToListAsync(ct);
    }
}

/// <summary>
/// A content author adds or changes an FAQ entry (câu hỏi thường gặp), or removes one; the
/// assistant answers from it at once on this instance and on the others at their next search.
/// Audited with the old and new text.
/// </summary>
public static class SaveFaq
{
    public const int MaxQuestion = 500;
    public const int MaxAnswer = 4000;

    public sealed record Command(int? Id, string? Question, string? Answer);

    public sealed class Handler(AppDbContext db, ScopeService scopes, TimeProvider clock, PassageIndex index)
    {
        public async Task<Result<FaqDto>> HandleAsync(Command command, CancellationToken ct)
        {
            var scope = await scopes.GetAsync(ct);
            if (!scope.Has(Permission.ManageContent))
            {
                return Errors.Forbidden();
            }

            var question = VietnameseText.Check(command.Question, "faqQuestion", MaxQuestion);
            var answer = VietnameseText.Check(command.Answer, "faqAnswer", MaxAnswer, TextShape.MultiLine);
            var errors = question.Errors.Concat(answer.Errors).ToList();
            if (question.IsSuccess && question.Value!.Length == 0)
            {
                errors.Add(Errors.Invalid("assistant.faq_question_required", "faqQuestion"));
            }

            if (answer.IsSuccess && answer.Value!.Length == 0)
            {
                errors.Add(Errors.Invalid("assistant.faq_answer_required", "faqAnswer"));
            }

            if (errors.Count > 0)
            {
                return Result<FaqDto>.Fail(errors);
            }

            var now = clock.UtcNow();
            FaqEntry? entry;
            object? old = null;
            if (command.Id is { } id)
            {
                entry = await db.FaqEntries.FirstOrDefaultAsync(f => f.Id == id, ct);
                if (entry is null)
                {
                    return Errors.NotFound("assistant.faq_not_found", id);
                }

                old = new { entry.Question, entry.Answer };
                entry.Question = question.Value!;
                entry.Answer = answer.Value!;
            }
            else
            {
                entry = new FaqEntry { Question = question.Value!, Answer = answer.Value! };
                db.FaqEntries.Add(entry);
            }

            entry.UpdatedAt = now;
            entry.UpdatedByUserId = scope.UserId;
            await using var transaction = await db.Database.BeginTransactionAsync(ct);
            await db.SaveChangesAsync(ct);
            db.AssistantIndexChanges.Add(new AssistantIndexChange { Source = PassageReader.FaqGroup(entry.Id), At = now });
            AuditLog.Record(db, scope, now, command.Id is null ? "assistant.faq_added" : "assistant.faq_changed", nameof(FaqEntry),
                entry.Id.ToString(System.Globalization.CultureInfo.InvariantCulture), null, old, new { entry.Question, entry.Answer });
            await db.SaveChangesAsync(ct);
            await transaction.CommitAsync(ct);
            await index.EnsureCurrentAsync(db, ct);
            return new FaqDto(entry.Id, entry.Question, entry.Answer, entry.UpdatedAt);
        }
    }
}

public static class DeleteFaq
{
    public sealed class Handler(AppDbContext db, ScopeService scopes, TimeProvider clock, PassageIndex index)
    {
        public async Task<Result<bool>> HandleAsync(int id, CancellationToken ct)
        {
            var scope = await scopes.GetAsync(ct);
            if (!scope.Has(Permission.ManageContent))
            {
                return Errors.Forbidden();
            }

            var entry = await db.FaqEntries.FirstOrDefaultAsync(f => f.Id == id, ct);
            if (entry is null)
            {
                return Errors.NotFound("assistant.faq_not_found", id);
            }

            var now = clock.UtcNow();
            db.FaqEntries.Remove(entry);
            db.AssistantIndexChanges.Add(new AssistantIndexChange { Source = PassageReader.FaqGroup(id), At = now });
            AuditLog.Record(db, scope, now, "assistant.faq_removed", nameof(FaqEntry), id.ToString(System.Globalization.CultureInfo.InvariantCulture), null, new { entry.Question, entry.Answer });
            await db.SaveChangesAsync(ct);
            await index.EnsureCurrentAsync(db, ct);
            return true;
        }
    }
}
