namespace HocVuSo.Core.Features.Learning;

/// <summary>
/// Text in several languages: Vietnamese ("vi") always, other variants optional. A missing
/// variant falls back to Vietnamese and the reader is told.
/// </summary>
public sealed class Variants : Dictionary<string, string>
{
    public const string Vietnamese = "vi";

    public Variants()
        : base(StringComparer.Ordinal)
    {
    }

    public Variants(IDictionary<string, string> values)
        : base(values, StringComparer.Ordinal)
    {
    }

    public string Vi => TryGetValue(Vietnamese, out var text) ? text : string.Empty;

    /// <summary>The text in <paramref name="language"/>, or Vietnamese when that variant is missing.</summary>
    public (string Text, string Language) In(string language) =>
        TryGetValue(language, out var text) && text.Length > 0 ? (text, language) : (Vi, Vietnamese);
}

/// <summary>A course (khóa học) as learners know it; its content lives in published <see cref="CourseVersion"/>s.</summary>
public sealed class Course
{
    public int Id { get; set; }

    public required string Slug { get; set; }

    public CourseStatus Status { get; set; }

    public int? CurrentVersionId { get; set; }

    public CourseVersion? CurrentVersion { get; set; }

    public DateTime CreatedAt { get; set; }
}

public enum CourseStatus
{
    Draft,
    Published,
    Retired,
}

/// <summary>
/// One published state of a course. Editing publishes a new version; earlier versions stay so
/// that past attempts keep their questions and results. Progress is kept by lesson slug, so it
/// carries over to the new version.
/// </summary>
public sealed class CourseVersion
{
    public int Id { get; set; }

    public int CourseId { get; set; }

    public Course? Course { get; set; }

    public int Number { get; set; }

    public required string ContentHash { get; set; }

    public Variants Title { get; set; } = [];

    public Variants Summary { get; set; } = [];

    /// <summary>Comma-separated target groups: citizens, officials, students, enterprise-workers.</summary>
    public string TargetGroups { get; set; } = string.Empty;

    public DateTime PublishedAt { get; set; }

    public string? PublishedByUserId { get; set; }

    /// <summary>
    /// "Test-out allowed": learners may take the quizzes and the final assessment without doing the
    /// lessons first (course.json "testOut": true, or the authors' toggle).
    /// </summary>
    public bool TestOutAllowed { get; set; }

    public List<LearningModule> Modules { get; } = [];
}

public sealed class LearningModule
{
    public int Id { get; set; }

    public int CourseVersionId { get; set; }

    public CourseVersion? CourseVersion { get; set; }

    public required string Slug { get; set; }

    public int Position { get; set; }

    public Variants Title { get; set; } = [];

    public Variants Summary { get; set; } = [];

    public List<Lesson> Lessons { get; } = [];
}

/// <summary>A lesson (bài học): short Markdown steps, one idea per screen, in one or more languages.</summary>
public sealed class Lesson
{
    public int Id { get; set; }

    public int ModuleId { get; set; }

    public LearningModule? Module { get; set; }

    public required string Slug { get; set; }

    public int Position { get; set; }

    public Variants Title { get; set; } = [];

    /// <summary>Markdown per language.</summary>
    public Variants Body { get; set; } = [];

    /// <summary>Comma-separated competency codes of the digital competency framework (e.g. "1.1,4.2").</summary>
    public string Competencies { get; set; } = string.Empty;

    public string TargetGroups { get; set; } = string.Empty;

    public int Minutes { get; set; }
}

/// <summary>A quiz: a module's test or the course's final assessment, drawn from the question bank per competency.</summary>
public sealed class Quiz
{
    public int Id { get; set; }

    public int CourseVersionId { get; set; }

    public CourseVersion? CourseVersion { get; set; }

    /// <summary>The module tested, or null for the course's final assessment.</summary>
    public int? ModuleId { get; set; }

    public LearningModule? Module { get; set; }

    /// <summary>Stable across versions: the module slug, or "final".</summary>
    public required string Slug { get; set; }

    public Variants Title { get; set; } = [];

    public int QuestionsPerCompetency { get; set; }

    public int PassMark { get; set; }

    /// <summary>Attempts allowed in any 24 hours.</summary>
    public int MaxAttempts { get; set; }

    /// <summary>Wait after a failed attempt before the next one.</summary>
    public int CooldownMinutes { get; set; }

    public string Competencies { get; set; } = string.Empty;
}

public static class QuestionTypes
{
    public const string SingleChoice = "single";
    public const string MultipleChoice = "multiple";
    public const string TrueFalse = "true-false";
    public const string Ordering = "ordering";
    public const string ImageChoice = "image-choice";

    public static readonly IReadOnlyList<string> All = [SingleChoice, MultipleChoice, TrueFalse, Ordering, ImageChoice];
}

public sealed class QuestionOption
{
    public required string Id { get; set; }

    public Variants Text { get; set; } = [];

    public bool Correct { get; set; }

    /// <summary>Image path for image-choice options, served under /learn/media.</summary>
    public string? Image { get; set; }
}

/// <summary>A question of the bank, with its answer key and the explanation shown after submission.</summary>
public sealed class Question
{
    public int Id { get; set; }

    public int CourseVersionId { get; set; }

    public CourseVersion? CourseVersion { get; set; }

    public int? ModuleId { get; set; }

    public LearningModule? Module { get; set; }

    public required string Slug { get; set; }

    public required string Type { get; set; }

    public required string Competency { get; set; }

    public string? LessonSlug { get; set; }

    public Variants Text { get; set; } = [];

    public Variants Explanation { get; set; } = [];

    /// <summary>Options; for ordering questions, the steps in their correct order.</summary>
    public List<QuestionOption> Options { get; set; } = [];

    public bool Retired { get; set; }
}

/// <summary>An image of a course version (lesson illustrations, image-choice options), stored with the content.</summary>
public sealed class LearningMedia
{
    public int Id { get; set; }

    public int CourseVersionId { get; set; }

    public CourseVersion? CourseVersion { get; set; }

    /// <summary>Path relative to the module folder's parent, e.g. "06-an-toan-tren-mang/images/padlock.svg".</summary>
    public required string Path { get; set; }

    public required string ContentType { get; set; }

    public required byte[] Bytes { get; set; }
}
