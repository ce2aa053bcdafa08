using System.Globalization;
using HocVuSo.Core.Data;
using HocVuSo.Core.Features.Learning;
using Markdig;
using Markdig.Syntax;
using Microsoft.EntityFrameworkCore;

namespace HocVuSo.Core.Features.Assistant;

/// <summary>The kinds of passage the assistant searches.</summary>
public static class PassageSources
{
    public const string Lesson = "lesson";

    /// <summary>A question's explanation: assessment content, hidden from a learner while a quiz of it is open for them.</summary>
    public const string Question = "question";

    public const string Faq = "faq";

    public const string Document = "document";
}

/// <summary>
/// One passage of the index: a step of a lesson, a question's explanation, an FAQ entry or a page
/// of a document. <see cref="Group"/> is what is replaced together when its source changes;
/// <see cref="Module"/> is the learning module of a question ("final" for the final test).
/// </summary>
public sealed record Passage(
    string Id, string Group, string Source, string Title, string Text, string Url, string SourceLabel,
    string? UnitPath = null, bool IsPublic = true, string? Module = null, string? LessonSlug = null, string? Anchor = null)
{
    /// <summary>What the passage is about as a whole: the lesson's title for each of its steps, otherwise the passage's title.</summary>
    public string? Topic { get; init; }
}

/// <summary>Reads the passages of each source from the database, as the index stores them.</summary>
public static class PassageReader
{
    public static string CourseGroup(int courseId) => "course:" + courseId.ToString(CultureInfo.InvariantCulture);

    public static string FaqGroup(int id) => "faq:" + id.ToString(CultureInfo.InvariantCulture);

    public static string DocumentGroup(int id) => "document:" + id.ToString(CultureInfo.InvariantCulture);

    /// <summary>The lessons' steps and the question explanations of a published course version.</summary>
    public static async Task<List<Passage>> CourseAsync(AppDbContext db, int courseId, int versionId, CancellationToken ct)
    {
        var group = CourseGroup(courseId);
        var lessons = await db.Lessons.AsNoTracking()
            .Where(l => l.Module!.CourseVersionId == versionId)
            .Select(l => new { l.Id, l.Slug, l.Title, l.Body, ModuleTitle = l.Module!.Title })
            .ToListAsync(ct);
        var passages = new List<Passage>();
        foreach (var lesson in lessons)
        {
            var title = lesson.Title.Vi;
            foreach (var step in LessonSteps.Split(lesson.Body.Vi))
            {
                var stepTitle = step.Heading is null ? title : title + " — " + step.Heading;
                passages.Add(new Passage(
                    $"lesson:{lesson.Slug}#{step.Anchor}", group, PassageSources.Lesson, stepTitle, step.Text,
                    $"/learn/lessons/{lesson.Id.ToString(CultureInfo.InvariantCulture)}#{step.Anchor}", lesson.ModuleTitle.Vi + " › " + title,
                    LessonSlug: lesson.Slug, Anchor: step.Anchor) { Topic = title });
            }
        }

        var lessonIds = lessons.ToDictionary(l => l.Slug, l => l.Id, StringComparer.Ordinal);
        var questions = await db.Questions.AsNoTracking()
            .Where(q => q.CourseVersionId == versionId && !q.Retired)
            .Select(q => new { q.Slug, q.Text, q.Explanation, q.ModuleId, q.LessonSlug })
            .ToListAsync(ct);
        foreach (var question in questions.Where(q => q.Explanation.Vi.Length > 0))
        {
            var url = question.LessonSlug is { } slug && lessonIds.TryGetValue(slug, out var lessonId)
                ? "/learn/lessons/" + lessonId.ToString(CultureInfo.InvariantCulture)
                : "/learn";
            passages.Add(new Passage(
                "question:" + question.Slug, group, PassageSources.Question, question.Text.Vi, question.Explanation.Vi, url, question.Text.Vi,
                Module: question.ModuleId?.ToString(CultureInfo.InvariantCulture) ?? "final", LessonSlug: question.LessonSlug));
        }

        return passages;
    }

    public static async Task<List<Passage>> FaqAsync(AppDbContext db, int? id, CancellationToken ct)
    {
        var entries = await db.FaqEntries.AsNoTracking().Where(f => id == null || f.Id == id).ToListAsync(ct);
        return entries.Select(f => new Passage(
                FaqGroup(f.Id), FaqGroup(f.Id), PassageSources.Faq, f.Question, f.Answer,
                "/assistant/faq#faq-" + f.Id.ToString(CultureInfo.InvariantCulture), f.Question))
            .ToList();
    }

    public static async Task<List<Passage>> DocumentsAsync(AppDbContext db, int? id, CancellationToken ct)
    {
        var documents = await db.AssistantDocuments.AsNoTracking().Where(d => id == null || d.Id == id)
            .Select(d => new { d.Id, d.Title, d.UnitPath, d.IsPublic })
            .ToListAsync(ct);
        var ids = documents.Select(d => d.Id).ToList();
        var pages = await db.AssistantDocumentPages.AsNoTracking().Where(p => ids.Contains(p.DocumentId))
            .Select(p => new { p.DocumentId, p.Number, p.Text })
            .ToListAsync(ct);
        var byDocument = documents.ToDictionary(d => d.Id);
        return pages.Select(p =>
            {
                var document = byDocument[p.DocumentId];
                var page = p.Number.ToString(CultureInfo.InvariantCulture);
                return new Passage(
                    $"document:{p.DocumentId.ToString(CultureInfo.InvariantCulture)}#page={page}", DocumentGroup(p.DocumentId), PassageSources.Document,
                    document.Title, p.Text, $"/api/v1/assistant/documents/{p.DocumentId.ToString(CultureInfo.InvariantCulture)}/file#page={page}", document.Title,
                    UnitPath: document.UnitPath, IsPublic: document.IsPublic, Anchor: "page=" + page);
            })
            .ToList();
    }
}

/// <summary>
/// A lesson cut as the lesson page shows it: the text before the first "##" step (anchor
/// <c>lesson</c>, the article itself), then each step (anchor <c>step-1</c>, <c>step-2</c>…, the ids of
/// the page's step sections, <see cref="LessonMarkdown.StepAnchor"/>).
/// </summary>
public static class LessonSteps
{
    public sealed record Step(string Anchor, string? Heading, string Text);

    private static readonly MarkdownPipeline Pipeline = new MarkdownPipelineBuilder().DisableHtml().Build();

    public static List<Step> Split(string markdown)
    {
        var steps = new List<Step>();
        if (string.IsNullOrWhiteSpace(markdown))
        {
            return steps;
        }

        var document = Markdown.Parse(markdown, Pipeline);
        string? heading = null;
        var anchor = "lesson";
        var number = 0;
        var parts = new List<string>();
        void Flush()
        {
            var text = string.Join("\n", parts).Trim();
            if (text.Length > 0 || heading is not null)
            {
                steps.Add(new Step(anchor, heading, text));
            }

            parts.Clear();
        }

        foreach (var block in document)
        {
            var source = markdown.Substring(block.Span.Start, Math.Min(block.Span.Length, markdown.Length - block.Span.Start));
            if (block is HeadingBlock { Level: 2 })
            {
                Flush();
                number++;
                anchor = LessonMarkdown.StepAnchor(number);
                heading = Markdown.ToPlainText(source, Pipeline).Trim();
                continue;
            }

            parts.Add(Markdown.ToPlainText(source, Pipeline).Trim());
        }

        Flush();
        return steps;
    }
}
