using HocVuSo.Core.Common;
using HocVuSo.Core.Data;
using HocVuSo.Core.Features.Accounts;
using Microsoft.EntityFrameworkCore;

namespace HocVuSo.Core.Features.Learning;

public sealed record QuestionBankItem(int Id, string Slug, string Course, int Version, string Module, string Type, string Competency,
    string? Lesson, Variants Text, Variants Explanation, IReadOnlyList<QuestionOption> Options);

public sealed record Page<T>(int Total, int PageNumber, int PageSize, IReadOnlyList<T> Items);

/// <summary>The question bank of the current course versions, with answer keys: for content authors only.</summary>
public static class ListQuestions
{
    public const int PageSize = 50;

    public sealed record Query(int Page = 1, string? Competency = null);

    public sealed class Handler(AppDbContext db, ScopeService scopes)
    {
        public async Task<Result<Page<QuestionBankItem>>> HandleAsync(Query query, CancellationToken ct)
        {
            var scope = await scopes.GetAsync(ct);
            if (!scope.Has(Permission.ManageContent))
            {
                return Errors.Forbidden();
            }

            if (query.Page < 1)
            {
                return Errors.Invalid("paging.bad_page", "page", query.Page);
            }

            var questions = db.Questions.AsNoTracking()
                .Where(q => q.CourseVersion!.Course!.CurrentVersionId == q.CourseVersionId);
            if (!string.IsNullOrWhiteSpace(query.Competency))
            {
                questions = questions.Where(q => q.Competency == query.Competency);
            }

            var total = await questions.CountAsync(ct);
            var rows = await questions.OrderBy(q => q.Slug).Skip((query.Page - 1) * PageSize).Take(PageSize)
                .Select(q => new QuestionBankItem(q.Id, q.Slug, q.CourseVersion!.Course!.Slug, q.CourseVersion.Number, q.Module!.Slug, q.Type,
                    q.Competency, q.LessonSlug, q.Text, q.Explanation, q.Options))
                .ToListAsync(ct);
            return new Page<QuestionBankItem>(total, query.Page, PageSize, rows);
        }
    }
}
