using System.Text;
using System.Text.Json;
using HocVuSo.Core.Common;
using HocVuSo.Core.Data;
using HocVuSo.Core.Features.Accounts;
using Microsoft.EntityFrameworkCore;

namespace HocVuSo.Core.Features.Learning;

/// <summary>
/// Writes a course's current version back as its folder (docs/CONTENT.md): the same files an
/// author keeps in the repository, so a course can move between installations, be reviewed and
/// translated, and be edited here and published again through <see cref="ImportContent"/>.
/// </summary>
public static class ExportContent
{
    public sealed record Command(string CourseSlug, string TargetDirectory);

    public sealed class Handler(AppDbContext db, ScopeService scopes)
    {
        public async Task<Result<string>> HandleAsync(Command command, CancellationToken ct)
        {
            var scope = await scopes.GetAsync(ct);
            if (!scope.Can(Permission.ManageContent, "/"))
            {
                return Errors.Forbidden();
            }

            var version = await db.CourseVersions.AsNoTracking()
                .Where(v => v.Course!.Slug == command.CourseSlug && v.Course.CurrentVersionId == v.Id)
                .Include(v => v.Course).Include(v => v.Modules).ThenInclude(m => m.Lessons)
                .AsSplitQuery().FirstOrDefaultAsync(ct);
            if (version is null)
            {
                return Errors.NotFound("learning.course_not_found", command.CourseSlug);
            }

            var quizzes = await db.Quizzes.AsNoTracking().Where(q => q.CourseVersionId == version.Id).ToListAsync(ct);
            var questions = await db.Questions.AsNoTracking().Where(q => q.CourseVersionId == version.Id).OrderBy(q => q.Slug).ToListAsync(ct);
            var media = await db.LearningMedia.AsNoTracking().Where(m => m.CourseVersionId == version.Id).ToListAsync(ct);
            var root = Path.Combine(command.TargetDirectory, version.Course!.Slug);
            Directory.CreateDirectory(root);
            var modules = version.Modules.OrderBy(m => m.Position).ToList();
            var final = quizzes.FirstOrDefault(q => q.ModuleId == null);
            Write(root, "course.json", new ContentFiles.CourseFile(version.Course.Slug, version.Title, Nullable(version.Summary),
                Split(version.TargetGroups), modules.Select(m => m.Slug).ToList(), final is null ? null : Settings(final), version.TestOutAllowed));

            foreach (var module in modules)
            {
                var dir = Path.Combine(root, "modules", module.Slug);
                Directory.CreateDirectory(Path.Combine(dir, "lessons"));
                var quiz = quizzes.FirstOrDefault(q => q.ModuleId == module.Id);
                var lessons = module.Lessons.OrderBy(l => l.Position).ToList();
                Write(dir, "module.json", new ContentFiles.ModuleFile(module.Slug, module.Title, Nullable(module.Summary),
                    lessons.Select(l => new ContentFiles.LessonRef(l.Slug, l.Title, Split(l.Competencies), Split(l.TargetGroups), l.Minutes)).ToList(),
                    quiz is null ? null : Settings(quiz)));
                foreach (var lesson in lessons)
                {
                    foreach (var (language, markdown) in lesson.Body)
                    {
                        File.WriteAllText(Path.Combine(dir, "lessons", $"{lesson.Slug}.{language}.md"), markdown, new UTF8Encoding(false));
                    }
                }

                var prefix = module.Slug + "/";
                Write(dir, "questions.json", questions.Where(q => q.ModuleId == module.Id).Select(q => new ContentFiles.QuestionFile(
                    q.Slug, q.Type, q.Competency, q.LessonSlug, q.Text,
                    q.Options.Select(o => new ContentFiles.OptionFile(o.Id, o.Text, o.Correct, o.Image is null ? null : "../" + o.Image[prefix.Length..])).ToList(),
                    q.Explanation, q.Retired)).ToList());
                foreach (var item in media.Where(m => m.Path.StartsWith(prefix, StringComparison.Ordinal)))
                {
                    var path = Path.Combine(dir, item.Path[prefix.Length..]);
                    Directory.CreateDirectory(Path.GetDirectoryName(path)!);
                    await File.WriteAllBytesAsync(path, item.Bytes, ct);
                }
            }

            return root;
        }
    }

    private static ContentFiles.QuizSettings Settings(Quiz q) => new(q.QuestionsPerCompetency, q.PassMark, q.MaxAttempts, q.CooldownMinutes);

    private static List<string> Split(string text) => text.Split(',', StringSplitOptions.RemoveEmptyEntries).ToList();

    private static Dictionary<string, string>? Nullable(Variants variants) => variants.Count == 0 ? null : variants;

    private static void Write<T>(string dir, string name, T value) =>
        File.WriteAllText(Path.Combine(dir, name), JsonSerializer.Serialize(value, ContentFiles.Json) + "\n", new UTF8Encoding(false));
}
