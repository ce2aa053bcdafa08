using HocVuSo.Core.Common;
using HocVuSo.Core.Data;
using HocVuSo.Core.Features.Accounts;
using Lucene.Net.Index;
using Lucene.Net.Search;
using Microsoft.EntityFrameworkCore;

namespace HocVuSo.Core.Features.Assistant;

/// <summary>One answer of the assistant: a passage, where it comes from and where to read it.</summary>
public sealed record AssistantAnswer(string Id, string Title, string Snippet, string Kind, string Source, string Url, double Score, string? LessonSlug, string? Anchor);

/// <summary>
/// Searches what the assistant knows for a question, as the asker may see it. Everyone finds the
/// published lessons and the FAQ; the explanations of questions too, except those of a quiz the
/// learner has open (a module test hides its module's explanations, the final test all of them).
/// Documents are found by staff (scope <c>staff</c>) whose scope covers the uploading unit, and,
/// when marked public, by people living under it (their home unit and the units above it).
/// </summary>
public static class SearchAssistant
{
    public const int MaxQuestionLength = 500;
    public const int DefaultResults = 5;
    public const int MaxResults = 20;

    public sealed record Query(string? Question, string? Scope = "learner", int Results = DefaultResults);

    public sealed class Handler(AppDbContext db, ScopeService scopes, PassageIndex index)
    {
        public async Task<Result<IReadOnlyList<AssistantAnswer>>> HandleAsync(Query query, CancellationToken ct)
        {
            var question = query.Question?.Trim() ?? string.Empty;
            if (question.Length == 0)
            {
                return Errors.Invalid("assistant.question_empty", "q");
            }

            if (question.Length > MaxQuestionLength)
            {
                return Errors.Invalid("assistant.question_too_long", "q", MaxQuestionLength);
            }

            if (!VietnameseTokens.HasWords(question))
            {
                return Errors.Invalid("assistant.question_no_words", "q");
            }

            var staff = (query.Scope ?? "learner").Trim().ToLowerInvariant() switch
            {
                "learner" or "" => false,
                "staff" => true,
                _ => (bool?)null,
            };
            if (staff is null)
            {
                return Errors.Invalid("assistant.scope_invalid", "scope", query.Scope ?? string.Empty);
            }

            var scope = await scopes.GetAsync(ct);
            if (staff.Value && !scope.Has(Permission.ViewPlans))
            {
                return Errors.Forbidden();
            }

            await index.EnsureCurrentAsync(db, ct);
            var filter = await VisibilityAsync(scope, staff.Value, ct);
            var lucene = new BooleanQuery
            {
                { PassageQuery.Build(question), Occur.MUST },
                { new ConstantScoreQuery(filter) { Boost = 0 }, Occur.MUST },
            };
            var hits = index.Search(lucene, Math.Clamp(query.Results, 1, MaxResults));
            var words = PassageQuery.FoldedSyllables(question);
            return hits.Select(h => new AssistantAnswer(
                    h.Passage.Id, h.Passage.Title, Snippets.Best(h.Passage.Text, words), h.Passage.Source, h.Passage.SourceLabel, h.Passage.Url,
                    Math.Round(h.Score, 4), h.Passage.LessonSlug, h.Passage.Anchor))
                .ToList();
        }

        private async Task<Lucene.Net.Search.Query> VisibilityAsync(UserScope scope, bool staff, CancellationToken ct)
        {
            var visible = new BooleanQuery
            {
                { Term("source", PassageSources.Lesson), Occur.SHOULD },
                { Term("source", PassageSources.Faq), Occur.SHOULD },
            };

            // Explanations of a quiz the asker has open are assessment content: hidden until it is submitted.
            var open = scope.UserId is null
                ? []
                : await db.QuizAttempts.AsNoTracking().Where(a => a.UserId == scope.UserId && a.SubmittedAt == null)
                    .Select(a => a.Quiz!.ModuleId).Distinct().ToListAsync(ct);
            if (!open.Contains(null))
            {
                var questions = new BooleanQuery { { Term("source", PassageSources.Question), Occur.MUST } };
                foreach (var module in open)
                {
                    questions.Add(Term("module", module!.Value.ToString(System.Globalization.CultureInfo.InvariantCulture)), Occur.MUST_NOT);
                }

                visible.Add(questions, Occur.SHOULD);
            }

            var documents = new BooleanQuery();
            if (staff)
            {
                foreach (var prefix in scope.Prefixes(Permission.ViewPlans))
                {
                    documents.Add(new PrefixQuery(new Term("unitPath", prefix)), Occur.SHOULD);
                }
            }

            var chains = staff ? scope.Grants.Select(g => g.UnitPath).ToList() : [];
            if (scope.UserId is not null)
            {
                var home = await db.Users.AsNoTracking().Where(u => u.Id == scope.UserId)
                    .Join(db.Units, u => u.HomeUnitId, u => u.Id, (_, unit) => unit.Path)
                    .FirstOrDefaultAsync(ct);
                if (home is not null)
                {
                    chains.Add(home);
                }
            }

            foreach (var path in chains.SelectMany(Ancestors).Distinct(StringComparer.Ordinal))
            {
                documents.Add(new BooleanQuery { { Term("unitPath", path), Occur.MUST }, { Term("public", "1"), Occur.MUST } }, Occur.SHOULD);
            }

            if (documents.Clauses.Count > 0)
            {
                visible.Add(new BooleanQuery { { Term("source", PassageSources.Document), Occur.MUST }, { documents, Occur.MUST } }, Occur.SHOULD);
            }

            return visible;
        }

        /// <summary>"/66/24445/24445-003/" → "/66/", "/66/24445/", "/66/24445/24445-003/" (the unit and those above it).</summary>
        private static IEnumerable<string> Ancestors(string path)
        {
            for (var i = path.IndexOf('/', 1); i > 0; i = path.IndexOf('/', i + 1))
            {
                yield return path[..(i + 1)];
            }
        }

        private static TermQuery Term(string field, string value) => new(new Term(field, value));
    }
}
