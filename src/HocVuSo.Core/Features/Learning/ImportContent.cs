using System.Security.Cryptography;
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
/// Imports courses from their folders (docs/CONTENT.md). Every file is checked first; any problem
/// is reported with its file and item and nothing is saved. A course whose files changed gets a new
/// published version; an unchanged course is left as it is. One transaction per import.
/// </summary>
public static class ImportContent
{
    public static readonly IReadOnlyList<string> Languages = ["vi", "en", "ede", "jra", "bdq", "hmn", "km", "tyz", "tdh"];
    private static readonly string[] MediaExtensions = [".svg", ".png", ".jpg", ".jpeg", ".webp"];
    private const int MaxMediaBytes = 100 * 1024;
    private static readonly ContentFiles.QuizSettings DefaultFinal = new(1, 70, 3, 60);

    public sealed record Command(string Directory);

    /// <summary>A folder with more files, or more bytes, than an archive may unpack to is refused before any file is read.</summary>
    private static Error? TooBig(string directory, UploadLimits limits)
    {
        var files = 0;
        long bytes = 0;
        foreach (var file in new DirectoryInfo(directory).EnumerateFiles("*", SearchOption.AllDirectories))
        {
            if (++files > limits.MaxArchiveEntries)
            {
                return UploadErrors.TooManyEntries(limits.MaxArchiveEntries);
            }

            bytes += file.Length;
            if (bytes > limits.MaxZipUncompressedBytes)
            {
                return UploadErrors.TooLarge(limits.MaxZipUncompressedBytes);
            }
        }

        return null;
    }

    public sealed record CourseReport(string Slug, int Version, bool Changed, int Modules, int Lessons, int Questions);

    public sealed class Handler(AppDbContext db, ScopeService scopes, UploadLimits limits, TimeProvider clock,
        PublishedCourses? courses = null, IEnumerable<ICoursePublishedObserver>? observers = null)
    {
        public async Task<Result<IReadOnlyList<CourseReport>>> HandleAsync(Command command, CancellationToken ct)
        {
            var scope = await scopes.GetAsync(ct);
            if (!scope.Can(Permission.ManageContent, "/"))
            {
                return Errors.Forbidden();
            }

            if (!Directory.Exists(command.Directory))
            {
                return Errors.NotFound("content.missing_folder", command.Directory);
            }

            if (TooBig(command.Directory, limits) is { } tooBig)
            {
                return tooBig;
            }

            var folders = File.Exists(Path.Combine(command.Directory, "course.json"))
                ? [command.Directory]
                : Directory.GetDirectories(command.Directory).Where(d => File.Exists(Path.Combine(d, "course.json"))).Order(StringComparer.Ordinal).ToArray();
            if (folders.Length == 0)
            {
                return Errors.NotFound("content.no_course", command.Directory);
            }

            var parsed = new List<ParsedCourse>();
            var errors = new List<Error>();
            foreach (var folder in folders)
            {
                var reader = new CourseReader(folder);
                var course = reader.Read();
                errors.AddRange(reader.Errors);
                if (course is not null)
                {
                    parsed.Add(course);
                }
            }

            if (errors.Count > 0)
            {
                return Result<IReadOnlyList<CourseReport>>.Fail(errors);
            }

            var now = clock.UtcNow();
            var reports = new List<CourseReport>();
            _replaced.Clear();
            await using var transaction = await db.Database.BeginTransactionAsync(ct);
            foreach (var course in parsed)
            {
                reports.Add(await SaveAsync(course, scope, now, ct));
            }

            await transaction.CommitAsync(ct);
            if (reports.Any(r => r.Changed))
            {
                // After the commit: this instance drops what it held of the replaced versions at once
                // (other instances see the new current version on their next request; PublishedCourses).
                foreach (var id in _replaced)
                {
                    courses?.Forget(id);
                }

                foreach (var observer in observers ?? [])
                {
                    await observer.CoursesPublishedAsync(_replaced, ct);
                }
            }

            return reports;
        }

        private readonly List<int> _replaced = [];

        private async Task<CourseReport> SaveAsync(ParsedCourse parsed, UserScope scope, DateTime now, CancellationToken ct)
        {
            var course = await db.Courses.Include(c => c.CurrentVersion).FirstOrDefaultAsync(c => c.Slug == parsed.File.Id, ct);
            var lessons = parsed.Modules.Sum(m => m.File.Lessons.Count);
            var questions = parsed.Modules.Sum(m => m.Questions.Count);
            var previous = course?.CurrentVersion?.Number;
            if (course?.CurrentVersion is { } current && current.ContentHash == parsed.Hash)
            {
                return new CourseReport(course.Slug, current.Number, false, parsed.Modules.Count, lessons, questions);
            }

            if (course?.CurrentVersionId is { } replaced)
            {
                _replaced.Add(replaced);
            }

            if (course is null)
            {
                course = new Course { Slug = parsed.File.Id, Status = CourseStatus.Published, CreatedAt = now };
                db.Courses.Add(course);
            }

            var number = course.Id == 0 ? 1 : await db.CourseVersions.Where(v => v.CourseId == course.Id).MaxAsync(v => (int?)v.Number, ct) + 1 ?? 1;
            var version = new CourseVersion
            {
                Course = course,
                Number = number,
                ContentHash = parsed.Hash,
                Title = new Variants(parsed.File.Title),
                Summary = new Variants(parsed.File.Summary ?? []),
                TargetGroups = string.Join(',', parsed.File.TargetGroups ?? []),
                TestOutAllowed = parsed.File.TestOut,
                PublishedAt = now,
                PublishedByUserId = scope.UserId,
            };
            db.CourseVersions.Add(version);

            var position = 0;
            var allCompetencies = new SortedSet<string>(StringComparer.Ordinal);
            foreach (var m in parsed.Modules)
            {
                var module = new LearningModule
                {
                    CourseVersion = version,
                    Slug = m.File.Id,
                    Position = ++position,
                    Title = new Variants(m.File.Title),
                    Summary = new Variants(m.File.Summary ?? []),
                };
                version.Modules.Add(module);
                var lessonPosition = 0;
                foreach (var l in m.File.Lessons)
                {
                    module.Lessons.Add(new Lesson
                    {
                        Slug = l.Id,
                        Position = ++lessonPosition,
                        Title = new Variants(l.Title),
                        Body = new Variants(m.LessonBodies[l.Id]),
                        Competencies = string.Join(',', l.Competencies ?? []),
                        TargetGroups = string.Join(',', l.TargetGroups ?? parsed.File.TargetGroups ?? []),
                        Minutes = l.Minutes,
                    });
                }

                foreach (var q in m.Questions)
                {
                    db.Questions.Add(new Question
                    {
                        Module = module,
                        CourseVersion = version,
                        Slug = q.Id,
                        Type = q.Type,
                        Competency = q.Competency,
                        LessonSlug = q.Lesson,
                        Text = new Variants(q.Text),
                        Explanation = new Variants(q.Explanation ?? []),
                        Retired = q.Retired,
                        Options = q.Options.Select(o => new QuestionOption { Id = o.Id, Text = new Variants(o.Text), Correct = o.Correct, Image = o.Image is null ? null : m.File.Id + "/" + LessonMarkdown.MediaPath(o.Image) }).ToList(),
                    });
                }

                var competencies = m.Questions.Select(q => q.Competency).Distinct().Order(StringComparer.Ordinal).ToList();
                allCompetencies.UnionWith(competencies);
                var settings = m.File.Quiz ?? new ContentFiles.QuizSettings();
                db.Quizzes.Add(new Quiz
                {
                    CourseVersion = version,
                    Module = module,
                    Slug = m.File.Id,
                    Title = new Variants(m.File.Title),
                    QuestionsPerCompetency = settings.QuestionsPerCompetency,
                    PassMark = settings.PassMark,
                    MaxAttempts = settings.MaxAttempts,
                    CooldownMinutes = settings.CooldownMinutes,
                    Competencies = string.Join(',', competencies),
                });
                foreach (var (path, bytes) in m.Media)
                {
                    db.LearningMedia.Add(new LearningMedia { CourseVersion = version, Path = m.File.Id + "/" + path, ContentType = ContentType(path), Bytes = bytes });
                }
            }

            var final = parsed.File.FinalAssessment ?? DefaultFinal;
            db.Quizzes.Add(new Quiz
            {
                CourseVersion = version,
                Slug = "final",
                Title = new Variants(parsed.File.Title),
                QuestionsPerCompetency = final.QuestionsPerCompetency,
                PassMark = final.PassMark,
                MaxAttempts = final.MaxAttempts,
                CooldownMinutes = final.CooldownMinutes,
                Competencies = string.Join(',', allCompetencies),
            });

            await db.SaveChangesAsync(ct);
            course.CurrentVersionId = version.Id;
            course.Status = CourseStatus.Published;
            AuditLog.Record(db, scope, now, "learning.course_published", nameof(Course), course.Slug, "/",
                previous is null ? null : new { version = previous }, new { version = number, hash = parsed.Hash });
            await db.SaveChangesAsync(ct);
            return new CourseReport(course.Slug, number, true, parsed.Modules.Count, version.Modules.Sum(m => m.Lessons.Count), questions);
        }
    }

    private static string ContentType(string path) => Path.GetExtension(path).ToLowerInvariant() switch
    {
        ".svg" => "image/svg+xml",
        ".png" => "image/png",
        ".webp" => "image/webp",
        _ => "image/jpeg",
    };

    internal sealed record ParsedModule(ContentFiles.ModuleFile File, Dictionary<string, Dictionary<string, string>> LessonBodies,
        List<ContentFiles.QuestionFile> Questions, List<(string Path, byte[] Bytes)> Media);

    internal sealed record ParsedCourse(ContentFiles.CourseFile File, List<ParsedModule> Modules, string Hash);

    /// <summary>Reads and checks one course folder, collecting every problem with its file.</summary>
    private sealed class CourseReader(string folder)
    {
        public List<Error> Errors { get; } = [];

        public ParsedCourse? Read()
        {
            var course = ReadJson<ContentFiles.CourseFile>("course.json");
            if (course is null)
            {
                return null;
            }

            Require(course.Id, "course.json", "id");
            CheckVariants(course.Title, "course.json", "title");
            var modules = new List<ParsedModule>();
            var questionIds = new HashSet<string>(StringComparer.Ordinal);
            foreach (var moduleId in course.Modules)
            {
                var module = ReadModule(moduleId, questionIds);
                if (module is not null)
                {
                    modules.Add(module);
                }
            }

            if (course.Modules.Count == 0)
            {
                Fail("content.no_modules", "course.json", course.Id);
            }

            if (Errors.Count > 0)
            {
                return null;
            }

            var clean = Clean(course);
            return new ParsedCourse(clean, modules, ContentHash(clean, modules));
        }

        private ParsedModule? ReadModule(string moduleId, HashSet<string> questionIds)
        {
            var dir = "modules/" + moduleId;
            var file = ReadJson<ContentFiles.ModuleFile>(dir + "/module.json");
            if (file is null)
            {
                return null;
            }

            if (file.Id != moduleId)
            {
                Fail("content.id_mismatch", dir + "/module.json", file.Id, moduleId);
            }

            CheckVariants(file.Title, dir + "/module.json", "title");
            var bodies = new Dictionary<string, Dictionary<string, string>>(StringComparer.Ordinal);
            var lessonIds = new HashSet<string>(StringComparer.Ordinal);
            foreach (var lesson in file.Lessons)
            {
                if (!lessonIds.Add(lesson.Id))
                {
                    Fail("content.duplicate_id", dir + "/module.json", lesson.Id);
                }

                CheckVariants(lesson.Title, dir + "/module.json", lesson.Id);
                foreach (var code in lesson.Competencies ?? [])
                {
                    if (!CompetencyFramework.All.ContainsKey(code))
                    {
                        Fail("content.unknown_competency", dir + "/module.json", lesson.Id, code);
                    }
                }

                bodies[lesson.Id] = ReadLesson(dir, lesson.Id);
            }

            var lessonsDir = Path.Combine(folder, dir, "lessons");
            if (Directory.Exists(lessonsDir))
            {
                foreach (var path in Directory.GetFiles(lessonsDir, "*.md"))
                {
                    var name = Path.GetFileName(path);
                    var id = name.Split('.')[0];
                    if (!lessonIds.Contains(id))
                    {
                        Fail("content.lesson_not_listed", dir + "/lessons/" + name, id);
                    }
                }
            }

            var questions = ReadJson<List<ContentFiles.QuestionFile>>(dir + "/questions.json") ?? [];
            var media = ReadMedia(dir);
            foreach (var question in questions)
            {
                CheckQuestion(question, dir + "/questions.json", questionIds, lessonIds, media);
            }

            return new ParsedModule(Clean(file), bodies, questions.Select(Clean).ToList(), media);
        }

        private Dictionary<string, string> ReadLesson(string dir, string lessonId)
        {
            var variants = new Dictionary<string, string>(StringComparer.Ordinal);
            foreach (var language in Languages)
            {
                var relative = $"{dir}/lessons/{lessonId}.{language}.md";
                var path = Path.Combine(folder, relative);
                if (!File.Exists(path))
                {
                    if (language == Variants.Vietnamese)
                    {
                        Fail("content.missing_file", relative);
                    }

                    continue;
                }

                var text = ReadText(relative);
                foreach (var problem in LessonMarkdown.Check(text))
                {
                    Fail("content.lesson_" + problem.Split(':')[0], relative, problem.Contains(':', StringComparison.Ordinal) ? problem[(problem.IndexOf(':', StringComparison.Ordinal) + 1)..] : lessonId);
                }

                variants[language] = text;
            }

            return variants;
        }

        private List<(string Path, byte[] Bytes)> ReadMedia(string dir)
        {
            var media = new List<(string, byte[])>();
            var imagesDir = Path.Combine(folder, dir, "images");
            if (!Directory.Exists(imagesDir))
            {
                return media;
            }

            foreach (var path in Directory.GetFiles(imagesDir).Order(StringComparer.Ordinal))
            {
                var name = Path.GetFileName(path);
                var relative = dir + "/images/" + name;
                if (!MediaExtensions.Contains(Path.GetExtension(name).ToLowerInvariant()))
                {
                    Fail("content.bad_media", relative, name);
                    continue;
                }

                var bytes = File.ReadAllBytes(path);
                if (bytes.Length > MaxMediaBytes)
                {
                    Fail("content.media_too_large", relative, MaxMediaBytes / 1024);
                    continue;
                }

                media.Add(("images/" + name, bytes));
            }

            return media;
        }

        private void CheckQuestion(ContentFiles.QuestionFile q, string file, HashSet<string> ids, HashSet<string> lessons, List<(string Path, byte[] Bytes)> media)
        {
            if (!ids.Add(q.Id))
            {
                Fail("content.duplicate_id", file, q.Id);
            }

            CheckVariants(q.Text, file, q.Id);
            if (q.Explanation is null || VietnameseText.Clean(q.Explanation.GetValueOrDefault(Variants.Vietnamese)).Length == 0)
            {
                Fail("content.question_no_explanation", file, q.Id);
            }

            if (!CompetencyFramework.All.ContainsKey(q.Competency))
            {
                Fail("content.unknown_competency", file, q.Id, q.Competency);
            }

            if (q.Lesson is not null && !lessons.Contains(q.Lesson))
            {
                Fail("content.unknown_lesson", file, q.Id, q.Lesson);
            }

            var options = q.Options;
            var optionIds = options.Select(o => o.Id).ToList();
            if (optionIds.Distinct(StringComparer.Ordinal).Count() != optionIds.Count)
            {
                Fail("content.question_duplicate_option", file, q.Id);
            }

            foreach (var option in options)
            {
                CheckVariants(option.Text, file, q.Id + "/" + option.Id);
            }

            foreach (var code in QuestionRules.Check(q.Type, options.Select(o => (o.Id, o.Text?.GetValueOrDefault(Variants.Vietnamese), o.Correct)).ToList()))
            {
                if (code == "content.question_bad_type")
                {
                    Fail(code, file, q.Id, q.Type);
                }
                else
                {
                    Fail(code, file, q.Id);
                }
            }

            if (q.Type == QuestionTypes.ImageChoice)
            {
                foreach (var option in options)
                {
                    var path = option.Image is null ? null : LessonMarkdown.MediaPath(option.Image);
                    Expect(path is not null && media.Any(m => m.Path == path), "content.question_missing_image", file, q.Id);
                }
            }
        }

        private void CheckVariants(Dictionary<string, string>? variants, string file, string item)
        {
            if (variants is null || VietnameseText.Clean(variants.GetValueOrDefault(Variants.Vietnamese)).Length == 0)
            {
                Fail("content.missing_text", file, item);
                return;
            }

            foreach (var language in variants.Keys.Where(k => !Languages.Contains(k)))
            {
                Fail("content.unknown_language", file, item, language);
            }
        }

        private void Expect(bool condition, string code, string file, string item)
        {
            if (!condition)
            {
                Fail(code, file, item);
            }
        }

        private void Require(string? value, string file, string field)
        {
            if (string.IsNullOrWhiteSpace(value))
            {
                Fail("content.missing_text", file, field);
            }
        }

        private void Fail(string code, string file, params object[] args) =>
            Errors.Add(new Error(code, ErrorKind.Invalid, file, null, args.Length == 0 ? [file] : args));

        private string ReadText(string relative)
        {
            var bytes = File.ReadAllBytes(Path.Combine(folder, relative));
            try
            {
                return new UTF8Encoding(false, throwOnInvalidBytes: true).GetString(bytes).TrimStart('\uFEFF').Normalize(NormalizationForm.FormC);
            }
            catch (DecoderFallbackException)
            {
                Fail("content.not_utf8", relative);
                return string.Empty;
            }
        }

        private T? ReadJson<T>(string relative)
            where T : class
        {
            if (!File.Exists(Path.Combine(folder, relative)))
            {
                Fail("content.missing_file", relative);
                return null;
            }

            var text = ReadText(relative);
            try
            {
                var value = JsonSerializer.Deserialize<T>(text, ContentFiles.Json);
                if (value is null)
                {
                    Fail("content.bad_json", relative, "null");
                }

                return value;
            }
            catch (JsonException e)
            {
                Fail("content.bad_json", relative, e.Message);
                return null;
            }
        }

        /// <summary>
        /// The hash of what the content says, not of how its files are laid out: the same course
        /// exported and imported again (other JSON spacing, key order) is recognised as unchanged.
        /// </summary>
        private static string ContentHash(ContentFiles.CourseFile course, List<ParsedModule> modules)
        {
            static SortedDictionary<string, string> Sorted(Dictionary<string, string>? map) => new(map ?? [], StringComparer.Ordinal);
            var canonical = new
            {
                course.Id,
                Title = Sorted(course.Title),
                Summary = Sorted(course.Summary),
                TargetGroups = course.TargetGroups ?? [],
                course.Modules,
                Final = course.FinalAssessment ?? DefaultFinal,
                Parts = modules.Select(m => new
                {
                    m.File.Id,
                    Title = Sorted(m.File.Title),
                    Summary = Sorted(m.File.Summary),
                    Lessons = m.File.Lessons.Select(l => new
                    {
                        l.Id, Title = Sorted(l.Title), Competencies = l.Competencies ?? [], TargetGroups = l.TargetGroups ?? course.TargetGroups ?? [], l.Minutes,
                        Body = Sorted(m.LessonBodies[l.Id]),
                    }),
                    Quiz = m.File.Quiz ?? new ContentFiles.QuizSettings(),
                    Questions = m.Questions.Select(q => new
                    {
                        q.Id, q.Type, q.Competency, q.Lesson, q.Retired, Text = Sorted(q.Text), Explanation = Sorted(q.Explanation),
                        Options = q.Options.Select(o => new { o.Id, Text = Sorted(o.Text), o.Correct, Image = o.Image is null ? null : LessonMarkdown.MediaPath(o.Image) }),
                    }),
                    Media = m.Media.OrderBy(x => x.Path, StringComparer.Ordinal).Select(x => new { x.Path, Hash = Convert.ToHexString(SHA256.HashData(x.Bytes)) }),
                }),
            };
            // "testOut" counts only when set, so courses without it keep the hash they always had.
            return Convert.ToHexString(SHA256.HashData(course.TestOut
                ? JsonSerializer.SerializeToUtf8Bytes(new { canonical, course.TestOut })
                : JsonSerializer.SerializeToUtf8Bytes(canonical)));
        }

        private static ContentFiles.CourseFile Clean(ContentFiles.CourseFile c) =>
            c with { Title = CleanMap(c.Title), Summary = c.Summary is null ? null : CleanMap(c.Summary) };

        private static ContentFiles.ModuleFile Clean(ContentFiles.ModuleFile m) =>
            m with { Title = CleanMap(m.Title), Summary = m.Summary is null ? null : CleanMap(m.Summary), Lessons = m.Lessons.Select(l => l with { Title = CleanMap(l.Title) }).ToList() };

        private static ContentFiles.QuestionFile Clean(ContentFiles.QuestionFile q) => q with
        {
            Text = CleanMap(q.Text),
            Explanation = q.Explanation is null ? null : CleanMap(q.Explanation),
            Options = q.Options.Select(o => o with { Text = CleanMap(o.Text) }).ToList(),
        };

        private static Dictionary<string, string> CleanMap(Dictionary<string, string> map) =>
            map.ToDictionary(p => p.Key, p => VietnameseText.Clean(p.Value), StringComparer.Ordinal);
    }
}

/// <summary>Told after new course versions are committed (e.g. the web host evicts its cached lesson pages).</summary>
public interface ICoursePublishedObserver
{
    /// <param name="replacedVersionIds">The versions that were current before and no longer are (none for a new course).</param>
    Task CoursesPublishedAsync(IReadOnlyList<int> replacedVersionIds, CancellationToken ct);
}
