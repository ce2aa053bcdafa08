using System.Globalization;
using System.Text;
using System.Text.Json;
using HocVuSo.Core.Common;
using HocVuSo.Core.Common.Uploads;
using HocVuSo.Core.Data;
using HocVuSo.Core.Features.Accounts;
using HocVuSo.Core.Features.Audit;
using Microsoft.EntityFrameworkCore;

namespace HocVuSo.Core.Features.Learning;

/// <summary>
/// Changes made in the authoring pages go the same way as files from the repository: the current
/// version is written out as its folder, the change is applied to the files, and the folder is
/// imported — so every rule of <see cref="ImportContent"/> applies and a new version is published
/// only when everything is valid. Learners' progress and past attempts are untouched.
/// </summary>
internal static class CourseWorkspace
{
    public static async Task<Result<IReadOnlyList<ImportContent.CourseReport>>> EditAsync(
        ExportContent.Handler export, ImportContent.Handler import, string courseSlug, Func<string, Result<bool>> change, CancellationToken ct)
    {
        var workspace = Path.Combine(Path.GetTempPath(), "hocvuso-edit-" + Guid.NewGuid().ToString("N"));
        try
        {
            var exported = await export.HandleAsync(new ExportContent.Command(courseSlug, workspace), ct);
            if (!exported.IsSuccess)
            {
                return Result<IReadOnlyList<ImportContent.CourseReport>>.Fail(exported.Errors);
            }

            var changed = change(exported.Value!);
            if (!changed.IsSuccess)
            {
                return Result<IReadOnlyList<ImportContent.CourseReport>>.Fail(changed.Errors);
            }

            return await import.HandleAsync(new ImportContent.Command(exported.Value!), ct);
        }
        finally
        {
            if (Directory.Exists(workspace))
            {
                Directory.Delete(workspace, recursive: true);
            }
        }
    }
}

/// <summary>An author edits a lesson's Markdown in one language and publishes it as a new course version.</summary>
public static class PublishLessonEdit
{
    public sealed record Command(int LessonId, string Language, string? Markdown);

    public sealed class Handler(AppDbContext db, ScopeService scopes, ExportContent.Handler export, ImportContent.Handler import)
    {
        public async Task<Result<int>> HandleAsync(Command command, CancellationToken ct)
        {
            var scope = await scopes.GetAsync(ct);
            if (!scope.Has(Permission.ManageContent))
            {
                return Errors.Forbidden();
            }

            if (!ImportContent.Languages.Contains(command.Language))
            {
                return Errors.Invalid("content.unknown_language", "language", command.Language, command.Language);
            }

            var lesson = await db.Lessons.AsNoTracking().Where(l => l.Id == command.LessonId)
                .Select(l => new { l.Slug, Module = l.Module!.Slug, Course = l.Module.CourseVersion!.Course!.Slug }).FirstOrDefaultAsync(ct);
            if (lesson is null)
            {
                return Errors.NotFound("learning.lesson_not_found", command.LessonId);
            }

            var markdown = (command.Markdown ?? string.Empty).Replace("\r\n", "\n", StringComparison.Ordinal).Normalize(NormalizationForm.FormC);
            var problems = LessonMarkdown.Check(markdown);
            if (problems.Count > 0)
            {
                return Result<int>.Fail(problems.Select(p => Errors.Invalid("content.lesson_" + p.Split(':')[0], "markdown",
                    p.Contains(':', StringComparison.Ordinal) ? p[(p.IndexOf(':', StringComparison.Ordinal) + 1)..] : lesson.Slug)).ToList());
            }

            var published = await CourseWorkspace.EditAsync(export, import, lesson.Course, root =>
            {
                File.WriteAllText(Path.Combine(root, "modules", lesson.Module, "lessons", $"{lesson.Slug}.{command.Language}.md"), markdown, new UTF8Encoding(false));
                return true;
            }, ct);
            if (!published.IsSuccess)
            {
                return Result<int>.Fail(published.Errors);
            }

            return await db.Lessons.Where(l => l.Slug == lesson.Slug && l.Module!.Slug == lesson.Module
                    && l.Module.CourseVersion!.Course!.Slug == lesson.Course && l.Module.CourseVersion.Course.CurrentVersionId == l.Module.CourseVersionId)
                .Select(l => l.Id).SingleAsync(ct);
        }
    }
}

/// <summary>Retires a course (no longer offered; results stay) or offers it again.</summary>
public static class SetCourseStatus
{
    public sealed record Command(string CourseSlug, CourseStatus Status);

    public sealed class Handler(AppDbContext db, ScopeService scopes, TimeProvider clock)
    {
        public async Task<Result<CourseStatus>> HandleAsync(Command command, CancellationToken ct)
        {
            var scope = await scopes.GetAsync(ct);
            if (!scope.Has(Permission.ManageContent))
            {
                return Errors.Forbidden();
            }

            var course = await db.Courses.FirstOrDefaultAsync(c => c.Slug == command.CourseSlug, ct);
            if (course is null)
            {
                return Errors.NotFound("learning.course_not_found", command.CourseSlug);
            }

            if (command.Status == CourseStatus.Draft || course.CurrentVersionId is null)
            {
                return Errors.Invalid("learning.bad_status", "status", command.Status.ToString());
            }

            var old = course.Status;
            course.Status = command.Status;
            AuditLog.Record(db, scope, clock.UtcNow(), "learning.course_status", nameof(Course), course.Slug, "/", old.ToString(), command.Status.ToString());
            await db.SaveChangesAsync(ct);
            return command.Status;
        }
    }
}

/// <summary>
/// A content author allows or stops "testing out" of a course: with it, learners may take the
/// quizzes and the final assessment without doing the lessons first. The setting belongs to a
/// course version, so changing it publishes a new version (as editing course.json would); the
/// same setting again changes nothing.
/// </summary>
public static class SetCourseTestOut
{
    public sealed record Command(string CourseSlug, bool? Allowed);

    public sealed class Handler(AppDbContext db, ScopeService scopes, ExportContent.Handler export, ImportContent.Handler import)
    {
        public async Task<Result<bool>> HandleAsync(Command command, CancellationToken ct)
        {
            var scope = await scopes.GetAsync(ct);
            if (!scope.Has(Permission.ManageContent))
            {
                return Errors.Forbidden();
            }

            if (command.Allowed is not { } allowed)
            {
                return Errors.Invalid("learning.test_out_required", "allowed");
            }

            var current = await db.Courses.AsNoTracking().Where(c => c.Slug == command.CourseSlug && c.CurrentVersionId != null)
                .Select(c => (bool?)c.CurrentVersion!.TestOutAllowed).FirstOrDefaultAsync(ct);
            if (current is null)
            {
                return Errors.NotFound("learning.course_not_found", command.CourseSlug);
            }

            if (current == allowed)
            {
                return allowed;
            }

            var published = await CourseWorkspace.EditAsync(export, import, command.CourseSlug, root =>
            {
                var file = Path.Combine(root, "course.json");
                var course = JsonSerializer.Deserialize<ContentFiles.CourseFile>(File.ReadAllText(file), ContentFiles.Json)!;
                File.WriteAllText(file, JsonSerializer.Serialize(course with { TestOut = allowed }, ContentFiles.Json) + "\n", new UTF8Encoding(false));
                return true;
            }, ct);
            return published.IsSuccess ? allowed : Result<bool>.Fail(published.Errors);
        }
    }
}

/// <summary>
/// The question bank as a spreadsheet: one row per question (Vietnamese text), options in
/// option_1..option_6, the right options' numbers in "correct" (ordering questions: the options
/// are the steps in order and "correct" stays empty). Importing publishes a new course version with
/// the rows added or updated — all rows or none: any bad row is reported with its line and column.
/// </summary>
public static class QuestionBankCsv
{
    public static readonly string[] Columns =
        ["id", "module", "type", "competency", "lesson", "text", "option_1", "option_2", "option_3", "option_4", "option_5", "option_6", "correct", "explanation"];

    public static async Task<Result<byte[]>> ExportAsync(AppDbContext db, UserScope scope, string courseSlug, CancellationToken ct)
    {
        if (!scope.Has(Permission.ManageContent))
        {
            return Errors.Forbidden();
        }

        var questions = await db.Questions.AsNoTracking()
            .Where(q => q.CourseVersion!.Course!.Slug == courseSlug && q.CourseVersion.Course.CurrentVersionId == q.CourseVersionId)
            .OrderBy(q => q.Module!.Position).ThenBy(q => q.Slug)
            .Select(q => new { q.Slug, Module = q.Module!.Slug, q.Type, q.Competency, q.LessonSlug, q.Text, q.Options, q.Explanation })
            .ToListAsync(ct);
        if (questions.Count == 0)
        {
            return Errors.NotFound("learning.course_not_found", courseSlug);
        }

        var csv = new StringBuilder();
        csv.AppendLine(string.Join(';', Columns));
        foreach (var q in questions)
        {
            var options = Enumerable.Range(0, 6).Select(i => i < q.Options.Count ? q.Options[i].Text.Vi : string.Empty);
            var correct = q.Type == QuestionTypes.Ordering ? string.Empty
                : string.Join(',', q.Options.Select((o, i) => (o, i)).Where(x => x.o.Correct).Select(x => (x.i + 1).ToString(CultureInfo.InvariantCulture)));
            string[] cells = [q.Slug, q.Module, q.Type, q.Competency, q.LessonSlug ?? string.Empty, q.Text.Vi, .. options, correct, q.Explanation.Vi];
            csv.AppendLine(string.Join(';', cells.Select(Quote)));
        }

        return Encoding.UTF8.GetPreamble().Concat(Encoding.UTF8.GetBytes(csv.ToString())).ToArray();
    }

    public sealed record Command(string CourseSlug, Upload Csv);

    public sealed class Handler(ScopeService scopes, ExportContent.Handler export, ImportContent.Handler import, UploadLimits limits)
    {
        public async Task<Result<ImportContent.CourseReport>> HandleAsync(Command command, CancellationToken ct)
        {
            var scope = await scopes.GetAsync(ct);
            if (!scope.Has(Permission.ManageContent))
            {
                return Errors.Forbidden();
            }

            var table = await CsvTable.ReadAsync(command.Csv, Columns[..6], Columns[6..], limits, ct);
            if (!table.IsSuccess)
            {
                return Result<ImportContent.CourseReport>.Fail(table.Errors);
            }

            var result = await CourseWorkspace.EditAsync(export, import, command.CourseSlug, root => Apply(root, table.Value!), ct);
            return result.IsSuccess ? result.Value!.Single() : Result<ImportContent.CourseReport>.Fail(result.Errors);
        }
    }

    private static Result<bool> Apply(string root, IReadOnlyList<CsvRow> rows)
    {
        var errors = new List<Error>();
        var files = new Dictionary<string, List<ContentFiles.QuestionFile>>(StringComparer.Ordinal);
        foreach (var row in rows)
        {
            var module = row["module"];
            var path = Path.Combine(root, "modules", module, "questions.json");
            if (module.Length == 0 || module.Contains("..", StringComparison.Ordinal) || !File.Exists(path))
            {
                errors.Add(Errors.Invalid("content.unknown_module", "module", module).AtRow(row.Line));
                continue;
            }

            if (!files.TryGetValue(module, out var questions))
            {
                questions = JsonSerializer.Deserialize<List<ContentFiles.QuestionFile>>(File.ReadAllText(path), ContentFiles.Json) ?? [];
                files[module] = questions;
            }

            var texts = Enumerable.Range(1, 6).Select(i => row["option_" + i.ToString(CultureInfo.InvariantCulture)]).TakeWhile(t => t.Length > 0).ToList();
            var correct = new HashSet<int>();
            foreach (var part in row["correct"].Split([',', ' '], StringSplitOptions.RemoveEmptyEntries))
            {
                if (!int.TryParse(part, NumberStyles.None, CultureInfo.InvariantCulture, out var n) || n < 1 || n > texts.Count)
                {
                    errors.Add(Errors.Invalid("content.bad_correct", "correct", row["correct"]).AtRow(row.Line));
                }

                correct.Add(n);
            }

            var existing = questions.FirstOrDefault(q => q.Id == row["id"]);
            if (row["type"] == QuestionTypes.ImageChoice && (existing is null || existing.Options.Count != texts.Count))
            {
                errors.Add(Errors.Invalid("content.image_choice_in_csv", "type", row["id"]).AtRow(row.Line));
                continue;
            }

            var ids = row["type"] == QuestionTypes.TrueFalse ? new[] { "true", "false" } : ["a", "b", "c", "d", "e", "f"];
            var options = texts.Select((text, i) =>
            {
                var old = existing?.Options.ElementAtOrDefault(i);
                var variants = old is null ? new Dictionary<string, string>(StringComparer.Ordinal) : new Dictionary<string, string>(old.Text, StringComparer.Ordinal);
                variants[Variants.Vietnamese] = text;
                return new ContentFiles.OptionFile(i < ids.Length ? ids[i] : "o" + (i + 1).ToString(CultureInfo.InvariantCulture), variants, correct.Contains(i + 1), old?.Image);
            }).ToList();
            var question = new ContentFiles.QuestionFile(row["id"], row["type"], row["competency"], row["lesson"].Length == 0 ? null : row["lesson"],
                With(existing?.Text, row["text"]), options, With(existing?.Explanation, row["explanation"]), existing?.Retired ?? false);
            if (existing is null)
            {
                questions.Add(question);
            }
            else
            {
                questions[questions.IndexOf(existing)] = question;
            }
        }

        if (errors.Count > 0)
        {
            return Result<bool>.Fail(errors);
        }

        foreach (var (module, questions) in files)
        {
            File.WriteAllText(Path.Combine(root, "modules", module, "questions.json"), JsonSerializer.Serialize(questions, ContentFiles.Json), new UTF8Encoding(false));
        }

        return true;
    }

    private static Dictionary<string, string> With(Dictionary<string, string>? existing, string vietnamese)
    {
        var variants = existing is null ? new Dictionary<string, string>(StringComparer.Ordinal) : new Dictionary<string, string>(existing, StringComparer.Ordinal);
        variants[Variants.Vietnamese] = vietnamese;
        return variants;
    }

    private static string Quote(string value) =>
        value.IndexOfAny([';', '"', '\n', '\r']) >= 0 ? "\"" + value.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : value;
}
