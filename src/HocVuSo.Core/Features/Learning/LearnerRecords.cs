namespace HocVuSo.Core.Features.Learning;

/// <summary>
/// One attempt at a quiz. The drawn questions and the order their options were shown in are kept
/// with the attempt, so grading and the result never depend on later edits of the bank.
/// </summary>
public sealed class QuizAttempt
{
    public Guid Id { get; set; }

    public int QuizId { get; set; }

    public Quiz? Quiz { get; set; }

    public required string UserId { get; set; }

    public DateTime StartedAt { get; set; }

    public DateTime? SubmittedAt { get; set; }

    public List<AttemptItem> Items { get; set; } = [];

    public decimal? Score { get; set; }

    public bool? Passed { get; set; }

    /// <summary>The client's Idempotency-Key of the submission that graded this attempt.</summary>
    public string? SubmissionKey { get; set; }

    /// <summary>True when taken in an assisted ("cầm tay chỉ việc") session on a team member's phone.</summary>
    public bool Assisted { get; set; }

    public string? AssistedByUserId { get; set; }

    /// <summary>The learner's unit (village or commune) when the attempt was made, for reporting.</summary>
    public string? UnitPath { get; set; }
}

public sealed class AttemptItem
{
    public int QuestionId { get; set; }

    /// <summary>Option ids in the order shown to the learner.</summary>
    public List<string> ShownOptions { get; set; } = [];

    /// <summary>
    /// The ids the learner's browser knows the shown options by, one per entry of
    /// <see cref="ShownOptions"/>: random for each attempt, so they say nothing about which option is
    /// right or where a step belongs. Empty for attempts drawn before there were such ids.
    /// </summary>
    public List<string> ShownIds { get; set; } = [];

    /// <summary>The learner's answer: chosen option ids, or the steps in the learner's order.</summary>
    public List<string>? Answer { get; set; }

    public bool? Correct { get; set; }

    public string? Competency { get; set; }
}

/// <summary>Where a learner is in a course: lessons opened and completed, by stable slugs.</summary>
public sealed class LessonProgress
{
    public long Id { get; set; }

    public required string UserId { get; set; }

    public required string CourseSlug { get; set; }

    public required string LessonSlug { get; set; }

    public DateTime FirstOpenedAt { get; set; }

    public DateTime LastOpenedAt { get; set; }

    public DateTime? CompletedAt { get; set; }

    public string? UnitPath { get; set; }
}
