using HocVuSo.Core.Features.Learning;

namespace HocVuSo.Core.Features.Contests;

/// <summary>Who may enter a contest besides living in its area: everyone, or one target group (officials, students, workers).</summary>
public enum ContestAudience
{
    Everyone,
    Officials,
    Students,
    Workers,
}

/// <summary>
/// An online contest (cuộc thi trực tuyến) organised by a province or commune for the people of its
/// area: weekly rounds, a question pool of its own, <see cref="QuestionsPerEntry"/> questions drawn
/// per entry, <see cref="Minutes"/> minutes per entry, and a prediction question that breaks ties.
/// </summary>
public sealed class Contest
{
    public int Id { get; set; }

    public required string Title { get; set; }

    public string? Description { get; set; }

    public int OrganiserUnitId { get; set; }

    public required string OrganiserUnitPath { get; set; }

    public ContestAudience Audience { get; set; }

    public int QuestionsPerEntry { get; set; }

    public int Minutes { get; set; }

    /// <summary>The tie-break question, e.g. "Bao nhiêu người sẽ tham gia vòng thi này?".</summary>
    public required string PredictionQuestion { get; set; }

    /// <summary>Demo or example content: the pages say its questions are illustrative.</summary>
    public bool Illustrative { get; set; }

    /// <summary>Raised whenever the pool changes, so every instance's cached pool is replaced.</summary>
    public int PoolVersion { get; set; }

    public DateTime CreatedAt { get; set; }

    public string? CreatedByUserId { get; set; }

    public List<ContestRound> Rounds { get; } = [];
}

/// <summary>A round (vòng thi): open from <see cref="OpensAt"/> to <see cref="ClosesAt"/> (UTC; shown in Asia/Ho_Chi_Minh).</summary>
public sealed class ContestRound
{
    public int Id { get; set; }

    public int ContestId { get; set; }

    public Contest? Contest { get; set; }

    public int Number { get; set; }

    public DateTime OpensAt { get; set; }

    public DateTime ClosesAt { get; set; }

    /// <summary>The number of entries once the round closed: the answer to the prediction question, fixed once.</summary>
    public int? FinalParticipants { get; set; }
}

/// <summary>A question of a contest's pool, of the learning question types; the explanation is shown once the round has closed.</summary>
public sealed class ContestQuestion
{
    public int Id { get; set; }

    public int ContestId { get; set; }

    /// <summary>The author's id of the question in the pool ("q01").</summary>
    public required string Slug { get; set; }

    public required string Type { get; set; }

    public string? Competency { get; set; }

    public Variants Text { get; set; } = [];

    public Variants Explanation { get; set; } = [];

    /// <summary>Options; for ordering questions, the steps in their correct order.</summary>
    public List<QuestionOption> Options { get; set; } = [];
}

/// <summary>
/// One person's entry in a round (bài dự thi). At most one per person (by the keyed hash of their
/// identification number) per round, and one open entry per account at a time; the deadline is
/// fixed by the server when the entry starts.
/// </summary>
public sealed class ContestEntry
{
    public Guid Id { get; set; }

    public int RoundId { get; set; }

    public required string UserId { get; set; }

    /// <summary>The keyed hash of the person's identification number (never the number).</summary>
    public required byte[] PersonKey { get; set; }

    /// <summary>Set to the account while the entry is open: a unique index allows one open entry per account.</summary>
    public string? OpenForUserId { get; set; }

    public int HomeUnitId { get; set; }

    public required string HomeUnitPath { get; set; }

    /// <summary>The group the person belonged to when entering (officials, students, workers), if any.</summary>
    public ContestAudience Group { get; set; }

    /// <summary>The name as the public ranking shows it ("Nguyễn V. A.").</summary>
    public required string PublicName { get; set; }

    /// <summary>The commune as the public ranking shows it ("Xã Ea Trang").</summary>
    public required string PublicUnit { get; set; }

    public DateTime StartedAt { get; set; }

    public DateTime Deadline { get; set; }

    /// <summary>The questions drawn, in the order shown.</summary>
    public List<int> QuestionIds { get; set; } = [];

    public DateTime? SubmittedAt { get; set; }

    public string? SubmissionKey { get; set; }

    /// <summary>The answers as sent (question id → authored option ids), JSON.</summary>
    public string? Answers { get; set; }

    public int? Correct { get; set; }

    /// <summary>Milliseconds from start to submission (capped at the time allowed).</summary>
    public int? TimeTakenMs { get; set; }

    public long? Prediction { get; set; }

    /// <summary>|prediction − participants|, known once the round has closed.</summary>
    public long? PredictionDistance { get; set; }

    /// <summary>Submitted after the deadline: the answers were not counted.</summary>
    public bool Late { get; set; }
}

/// <summary>A prize awarded by decision (quyết định trao giải) to an entry of a round.</summary>
public sealed class ContestPrize
{
    public int Id { get; set; }

    public int RoundId { get; set; }

    public Guid EntryId { get; set; }

    public required string Prize { get; set; }

    public required string DecisionNumber { get; set; }

    public DateOnly DecisionDate { get; set; }

    public DateTime AwardedAt { get; set; }

    public string? AwardedByUserId { get; set; }
}

public static class ContestRules
{
    public const int MaxTitle = 300;
    public const int MaxText = 2000;
    public const int MaxPrize = 200;
    public const int MaxQuestionsPerEntry = 100;
    public const int MaxMinutes = 180;
    public const int PageSize = 50;

    /// <summary>Time given to a submission sent at the deadline to arrive over a slow phone network.</summary>
    public static readonly TimeSpan NetworkGrace = TimeSpan.FromSeconds(5);

    public static string Audience(ContestAudience audience) => audience switch
    {
        ContestAudience.Officials => "officials",
        ContestAudience.Students => "students",
        ContestAudience.Workers => "workers",
        _ => "everyone",
    };

    public static ContestAudience? ParseAudience(string? text) => (text ?? "everyone").Trim().ToLowerInvariant() switch
    {
        "everyone" or "" => ContestAudience.Everyone,
        "officials" => ContestAudience.Officials,
        "students" => ContestAudience.Students,
        "workers" => ContestAudience.Workers,
        _ => null,
    };

    /// <summary>A name as the public sees it: the family name, then initials ("Nguyễn Văn An" → "Nguyễn V. A.").</summary>
    public static string PublicName(string? fullName)
    {
        var words = (fullName ?? string.Empty).Split(' ', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        if (words.Length == 0)
        {
            return "•••";
        }

        return words.Length == 1 ? words[0][0] + "." : words[0] + " " + string.Join(' ', words.Skip(1).Select(w => char.IsSurrogate(w[0]) ? "•." : w[0] + "."));
    }
}
