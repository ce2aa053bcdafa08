using System.Globalization;
using HocVuSo.Core.Data;
using HocVuSo.Core.Features.Learning;
using Lucene.Net.Documents;
using Lucene.Net.Index;
using Lucene.Net.Search;
using Lucene.Net.Search.Similarities;
using Lucene.Net.Store;
using Lucene.Net.Util;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging;
using LuceneDirectory = Lucene.Net.Store.Directory;

namespace HocVuSo.Core.Features.Assistant;

/// <summary>A passage found, with its Lucene score.</summary>
public sealed record PassageHit(Passage Passage, float Score);

/// <summary>
/// The assistant's full-text index (Lucene.NET) of every passage it may answer from. Each
/// instance keeps its own index in the data folder (<c>Assistant:IndexPath</c>, by default
/// <c>assistant-index</c> beside the key folder) and brings it up to date from the database before
/// it searches: the published course versions are compared with those indexed, and the
/// <see cref="AssistantIndexChange"/> rows written since the last applied one are re-read. A
/// missing or outdated index is rebuilt whole. What the index last applied is kept in its commit
/// data, so a restart resumes from there.
/// </summary>
public sealed class PassageIndex : IDisposable
{
    /// <summary>How much a question explanation's match counts against a lesson's (index time).</summary>
    public const float ExplanationBoost = 0.6f;

    /// <summary>Bumped when what the index stores changes: an index of another schema is rebuilt.</summary>
    public const string Schema = "5";

    private const LuceneVersion Version = LuceneVersion.LUCENE_48;
    private readonly SemaphoreSlim _gate = new(1, 1);
    private readonly string? _path;
    private readonly ILogger<PassageIndex> _logger;
    // Less length normalisation than the default (b = 0.75): a lesson's short introduction should not outrank the step that answers.
    private readonly Similarity _similarity = new BM25Similarity(1.2f, 0.4f);
    private LuceneDirectory? _directory;
    private IndexWriter? _writer;
    private SearcherManager? _searchers;
    private string _courses = string.Empty;
    private long _changeId = -1;

    public PassageIndex(IConfiguration configuration, ILogger<PassageIndex> logger)
    {
        _logger = logger;
        var configured = configuration["Assistant:IndexPath"];
        if (string.Equals(configured, "memory", StringComparison.OrdinalIgnoreCase))
        {
            _path = null;
        }
        else if (!string.IsNullOrWhiteSpace(configured))
        {
            _path = Path.GetFullPath(configured);
        }
        else
        {
            var keys = configuration["DataProtection:KeysPath"];
            var dataFolder = string.IsNullOrWhiteSpace(keys) ? Path.GetFullPath("data") : Path.GetDirectoryName(Path.GetFullPath(keys))!;
            _path = Path.Combine(dataFolder, "assistant-index");
        }
    }

    /// <summary>Where the index lives (null: in memory, when configured so or when the folder is held by another process).</summary>
    public string? Location { get; private set; }

    /// <summary>Passages in the index now.</summary>
    public int Count
    {
        get
        {
            if (_searchers is null)
            {
                return 0;
            }

            var searcher = _searchers.Acquire();
            try
            {
                return searcher.IndexReader.NumDocs;
            }
            finally
            {
                _searchers.Release(searcher);
            }
        }
    }

    /// <summary>Brings the index up to date with the database (a cheap check when nothing changed).</summary>
    public async Task EnsureCurrentAsync(AppDbContext db, CancellationToken ct)
    {
        var courses = await CoursesAsync(db, ct);
        var changeId = await db.AssistantIndexChanges.AsNoTracking().MaxAsync(c => (long?)c.Id, ct) ?? 0;
        if (_searchers is not null && courses == _courses && changeId == _changeId)
        {
            return;
        }

        await _gate.WaitAsync(ct);
        try
        {
            Open();
            if (_changeId < 0)
            {
                await RebuildAsync(db, courses, changeId, ct);
                return;
            }

            await UpdateCoursesAsync(db, courses, ct);
            var sources = await db.AssistantIndexChanges.AsNoTracking().Where(c => c.Id > _changeId && c.Id <= changeId)
                .Select(c => c.Source).Distinct().ToListAsync(ct);
            foreach (var source in sources)
            {
                await ReplaceAsync(db, source, ct);
            }

            Commit(courses, changeId);
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>Re-reads the sources that one change touched, right away (the instance that made the change need not wait for its next search).</summary>
    public async Task ApplyAsync(AppDbContext db, CancellationToken ct) => await EnsureCurrentAsync(db, ct);

    public IReadOnlyList<PassageHit> Search(Query query, int max)
    {
        if (_searchers is null)
        {
            return [];
        }

        _searchers.MaybeRefresh();
        var searcher = _searchers.Acquire();
        try
        {
            searcher.Similarity = _similarity;
            var top = searcher.Search(query, max);
            return top.ScoreDocs.Select(d => new PassageHit(ToPassage(searcher.Doc(d.Doc)), d.Score)).ToList();
        }
        finally
        {
            _searchers.Release(searcher);
        }
    }

    public void Dispose()
    {
        _searchers?.Dispose();
        _writer?.Dispose();
        _directory?.Dispose();
        _gate.Dispose();
    }

    private static async Task<string> CoursesAsync(AppDbContext db, CancellationToken ct)
    {
        var courses = await db.Courses.AsNoTracking()
            .Where(c => c.Status == CourseStatus.Published && c.CurrentVersionId != null)
            .OrderBy(c => c.Id)
            .Select(c => new { c.Id, c.CurrentVersionId })
            .ToListAsync(ct);
        return string.Join(",", courses.Select(c => c.Id.ToString(CultureInfo.InvariantCulture) + ":" + c.CurrentVersionId!.Value.ToString(CultureInfo.InvariantCulture)));
    }

    private static Dictionary<int, int> ParseCourses(string courses) =>
        courses.Split(',', StringSplitOptions.RemoveEmptyEntries)
            .Select(p => p.Split(':'))
            .ToDictionary(p => int.Parse(p[0], CultureInfo.InvariantCulture), p => int.Parse(p[1], CultureInfo.InvariantCulture));

    private void Open()
    {
        if (_writer is not null)
        {
            return;
        }

        LuceneDirectory directory;
        IndexWriter writer;
        try
        {
            directory = _path is null ? new RAMDirectory() : FSDirectory.Open(_path);
            writer = new IndexWriter(directory, Config());
            Location = _path;
        }
        catch (LockObtainFailedException)
        {
            // Another process on this machine holds the folder (a second instance with the same data folder): keep an index of our own in memory.
            _logger.LogWarning("The assistant index folder {Path} is in use by another process; this instance keeps its index in memory.", _path);
            directory = new RAMDirectory();
            writer = new IndexWriter(directory, Config());
            Location = null;
        }

        _directory = directory;
        _writer = writer;
        var data = DirectoryReader.IndexExists(directory) ? ReadCommitData(directory) : null;
        if (data is not null && data.TryGetValue("schema", out var schema) && schema == Schema
            && data.TryGetValue("changeId", out var change) && long.TryParse(change, CultureInfo.InvariantCulture, out var changeId))
        {
            _changeId = changeId;
            _courses = data.TryGetValue("courses", out var courses) ? courses : string.Empty;
        }
        else
        {
            _changeId = -1;
        }

        _searchers = new SearcherManager(writer, applyAllDeletes: true, searcherFactory: null);
    }

    private IndexWriterConfig Config() => new(Version, new VietnameseAnalyzer())
    {
        OpenMode = OpenMode.CREATE_OR_APPEND,
        Similarity = _similarity,
    };

    private static Dictionary<string, string>? ReadCommitData(LuceneDirectory directory)
    {
        using var reader = DirectoryReader.Open(directory);
        return reader.IndexCommit.UserData.ToDictionary(kv => kv.Key, kv => kv.Value, StringComparer.Ordinal);
    }

    private async Task RebuildAsync(AppDbContext db, string courses, long changeId, CancellationToken ct)
    {
        var started = System.Diagnostics.Stopwatch.StartNew();
        _writer!.DeleteAll();
        foreach (var (courseId, versionId) in ParseCourses(courses))
        {
            Add(await PassageReader.CourseAsync(db, courseId, versionId, ct));
        }

        Add(await PassageReader.FaqAsync(db, null, ct));
        Add(await PassageReader.DocumentsAsync(db, null, ct));
        Commit(courses, changeId);
        if (_logger.IsEnabled(LogLevel.Information))
        {
            _logger.LogInformation("Assistant index rebuilt: {Count} passages in {Milliseconds} ms.", _writer.NumDocs, started.ElapsedMilliseconds);
        }
    }

    private async Task UpdateCoursesAsync(AppDbContext db, string courses, CancellationToken ct)
    {
        if (courses == _courses)
        {
            return;
        }

        var before = ParseCourses(_courses);
        var now = ParseCourses(courses);
        foreach (var (courseId, _) in before.Where(b => !now.ContainsKey(b.Key)))
        {
            _writer!.DeleteDocuments(new Term("group", PassageReader.CourseGroup(courseId)));
        }

        foreach (var (courseId, versionId) in now.Where(n => !before.TryGetValue(n.Key, out var v) || v != n.Value))
        {
            _writer!.DeleteDocuments(new Term("group", PassageReader.CourseGroup(courseId)));
            Add(await PassageReader.CourseAsync(db, courseId, versionId, ct));
        }
    }

    private async Task ReplaceAsync(AppDbContext db, string source, CancellationToken ct)
    {
        _writer!.DeleteDocuments(new Term("group", source));
        var parts = source.Split(':');
        if (parts.Length != 2 || !int.TryParse(parts[1], CultureInfo.InvariantCulture, out var id))
        {
            return;
        }

        Add(parts[0] switch
        {
            "faq" => await PassageReader.FaqAsync(db, id, ct),
            "document" => await PassageReader.DocumentsAsync(db, id, ct),
            _ => [],
        });
    }

    private void Commit(string courses, long changeId)
    {
        _writer!.SetCommitData(new Dictionary<string, string>
        {
            ["schema"] = Schema,
            ["courses"] = courses,
            ["changeId"] = changeId.ToString(CultureInfo.InvariantCulture),
        });
        _writer.Commit();
        _searchers!.MaybeRefreshBlocking();
        _courses = courses;
        _changeId = changeId;
    }

    private void Add(IEnumerable<Passage> passages)
    {
        foreach (var passage in passages)
        {
            var document = new Document
            {
                new StringField("id", passage.Id, Field.Store.YES),
                new StringField("group", passage.Group, Field.Store.YES),
                new StringField("source", passage.Source, Field.Store.YES),
                new StringField("unitPath", passage.UnitPath ?? string.Empty, Field.Store.YES),
                new StringField("public", passage.IsPublic ? "1" : "0", Field.Store.YES),
                new StringField("module", passage.Module ?? string.Empty, Field.Store.YES),
                new TextField("title", passage.Title, Field.Store.YES),
                new TextField("title_" + VietnameseAnalyzer.FoldedSuffix, passage.Title, Field.Store.NO),
                new TextField("topic", passage.Topic ?? passage.Title, Field.Store.NO),
                new TextField("topic_" + VietnameseAnalyzer.FoldedSuffix, passage.Topic ?? passage.Title, Field.Store.NO),
                new TextField("text", passage.Text, Field.Store.YES),
                new TextField("text_" + VietnameseAnalyzer.FoldedSuffix, passage.Text, Field.Store.NO),
                new StoredField("url", passage.Url),
                new StoredField("label", passage.SourceLabel),
                new StoredField("lessonSlug", passage.LessonSlug ?? string.Empty),
                new StoredField("anchor", passage.Anchor ?? string.Empty),
            };
            if (passage.Source == PassageSources.Question)
            {
                // A question's explanation is short and says one thing: it answers a learner after the
                // lesson that teaches it, not before (index-time boost on its searched fields).
                foreach (var field in document.Fields.OfType<TextField>())
                {
                    field.Boost = ExplanationBoost;
                }
            }

            _writer!.AddDocument(document);
        }
    }

    private static Passage ToPassage(Document d)
    {
        string Get(string name) => d.Get(name, CultureInfo.InvariantCulture) ?? string.Empty;
        return new Passage(
            Get("id"), Get("group"), Get("source"), Get("title"), Get("text"), Get("url"), Get("label"),
            NullIfEmpty(Get("unitPath")), Get("public") == "1", NullIfEmpty(Get("module")), NullIfEmpty(Get("lessonSlug")), NullIfEmpty(Get("anchor")));
    }

    private static string? NullIfEmpty(string? value) => string.IsNullOrEmpty(value) ? null : value;
}
