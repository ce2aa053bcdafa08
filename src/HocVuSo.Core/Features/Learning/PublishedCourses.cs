using System.Collections.Concurrent;
using System.Globalization;
using HocVuSo.Core.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Configuration;

namespace HocVuSo.Core.Features.Learning;

/// <summary>
/// What a learner's step reads of a course version that never changes once published: its
/// modules and lessons in order, its quizzes, its question bank without the answer key, and each
/// lesson's HTML once rendered. Kept in process memory per version, so a lesson, a quiz start or a
/// path check reads no course structure from the database.
/// <para>
/// Why this is safe on several instances: a published version is never edited. Every edit
/// (a lesson text, test-out, the question-bank spreadsheet, a new archive) publishes a
/// <em>new</em> version with a new id through <see cref="ImportContent"/>, and moves the course's
/// <c>CurrentVersionId</c>. Each request reads, from the database and in a query it sends anyway,
/// the version id of what it serves and that version's <see cref="CourseVersion.ContentHash"/>;
/// only then does it take the content from memory, and an entry whose hash differs is loaded
/// again. So a publication on one instance is seen by every other instance on its very next
/// request, with no message between them; the cache never decides which version is current.
/// </para>
/// <para>
/// Bounded: at most <c>Learning:ContentCache:MaxVersions</c> versions (default 16) are held; one
/// not used for <c>Learning:ContentCache:IdleMinutes</c> (default 60) is dropped, and the
/// rendered HTML of a version is bounded by its lessons × languages.
/// </para>
/// </summary>
public sealed class PublishedCourses : IDisposable
{
    public const int DefaultMaxVersions = 16;

    private readonly MemoryCache _cache;
    private readonly TimeSpan _idle;

    public PublishedCourses(IConfiguration? configuration = null)
    {
        var max = configuration?.GetValue<int?>("Learning:ContentCache:MaxVersions") ?? DefaultMaxVersions;
        MaxVersions = Math.Max(1, max);
        _idle = TimeSpan.FromMinutes(Math.Max(1, configuration?.GetValue<int?>("Learning:ContentCache:IdleMinutes") ?? 60));
        _cache = new MemoryCache(new MemoryCacheOptions { SizeLimit = MaxVersions, CompactionPercentage = 0.25 });
    }

    public int MaxVersions { get; }

    /// <summary>Versions held now (never more than <see cref="MaxVersions"/>).</summary>
    public int Count => _cache.Count;

    /// <summary>
    /// The version <paramref name="versionId"/> whose content hash the caller has just read from
    /// the database; loaded (four queries) when not held or held under another hash.
    /// </summary>
    public async Task<CourseSnapshot?> GetAsync(AppDbContext db, int versionId, string contentHash, CancellationToken ct)
    {
        if (_cache.TryGetValue(versionId, out CourseSnapshot? held) && held!.ContentHash == contentHash)
        {
            return held;
        }

        var loaded = await LoadAsync(db, versionId, ct);
        if (loaded is null)
        {
            return null;
        }

        _cache.Set(versionId, loaded, new MemoryCacheEntryOptions { Size = 1, SlidingExpiration = _idle });
        return loaded;
    }

    /// <summary>Drops what is held for a version (the publishing instance calls it for the version it replaced).</summary>
    public void Forget(int versionId) => _cache.Remove(versionId);

    private static async Task<CourseSnapshot?> LoadAsync(AppDbContext db, int versionId, CancellationToken ct)
    {
        var version = await db.CourseVersions.AsNoTracking().Include(v => v.Course).Include(v => v.Modules).ThenInclude(m => m.Lessons)
            .AsSplitQuery().FirstOrDefaultAsync(v => v.Id == versionId, ct);
        if (version is null)
        {
            return null;
        }

        var quizzes = await db.Quizzes.AsNoTracking().Where(q => q.CourseVersionId == versionId).ToListAsync(ct);
        var bank = await db.Questions.AsNoTracking().Where(q => q.CourseVersionId == versionId && !q.Retired).ToListAsync(ct);
        foreach (var question in bank)
        {
            // Not the answer key: starting an attempt needs the options, never which are right.
            // (An ordering question's authored order stays: it is how a start avoids showing the steps in order.)
            question.Explanation = [];
            foreach (var option in question.Options)
            {
                option.Correct = false;
            }
        }

        // Only the course's immutable fields: its status and current version are always read from the database.
        version.Course = new Course { Id = version.Course!.Id, Slug = version.Course.Slug };
        return new CourseSnapshot(version, quizzes, bank);
    }

    public void Dispose() => _cache.Dispose();
}

/// <summary>One published course version in memory; read-only by convention (shared by all requests).</summary>
public sealed class CourseSnapshot
{
    private readonly ConcurrentDictionary<(int LessonId, string Language), string> _html = new();

    internal CourseSnapshot(CourseVersion version, IReadOnlyList<Quiz> quizzes, IReadOnlyList<Question> bank)
    {
        Version = version;
        Quizzes = quizzes;
        QuizRefs = quizzes.Select(q => new LearningPath.QuizRef(q.Id, q.CourseVersionId, q.ModuleId, q.Slug, q.Competencies)).ToList();
        Bank = bank;
        BankById = bank.ToDictionary(q => q.Id);
        Ordered = version.Modules.OrderBy(m => m.Position).SelectMany(m => m.Lessons.OrderBy(l => l.Position)).ToList();
        foreach (var module in version.Modules)
        {
            foreach (var lesson in module.Lessons)
            {
                lesson.Module = module;
            }

            module.CourseVersion = version;
        }
    }

    public CourseVersion Version { get; }

    public string ContentHash => Version.ContentHash;

    public string CourseSlug => Version.Course!.Slug;

    public IReadOnlyList<Quiz> Quizzes { get; }

    internal IReadOnlyList<LearningPath.QuizRef> QuizRefs { get; }

    /// <summary>The questions not retired, without the answer key (no right options, no explanations).</summary>
    public IReadOnlyList<Question> Bank { get; }

    public IReadOnlyDictionary<int, Question> BankById { get; }

    /// <summary>Every lesson of the version in the learning order.</summary>
    public IReadOnlyList<Lesson> Ordered { get; }

    public Lesson? Lesson(int lessonId) => Ordered.FirstOrDefault(l => l.Id == lessonId);

    public Quiz? Quiz(int quizId) => Quizzes.FirstOrDefault(q => q.Id == quizId);

    public Quiz? QuizOfModule(int moduleId) => Quizzes.FirstOrDefault(q => q.ModuleId == moduleId);

    /// <summary>The lesson's HTML in <paramref name="language"/> (Markdown rendered once per version and language).</summary>
    public (string Html, string Language) Html(Lesson lesson, string language)
    {
        var (markdown, used) = lesson.Body.In(language);
        var html = _html.GetOrAdd((lesson.Id, used), _ => LessonMarkdown.ToHtml(markdown,
            "/learn/media/" + Version.Id.ToString(CultureInfo.InvariantCulture) + "/" + lesson.Module!.Slug + "/"));
        return (html, used);
    }
}
