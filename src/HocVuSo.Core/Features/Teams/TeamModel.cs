namespace HocVuSo.Core.Features.Teams;

/// <summary>
/// A community digital technology team (Tổ Công nghệ số cộng đồng): one per village as a rule, also
/// per commune or agency. Its members go "đi từng ngõ, gõ từng nhà, hướng dẫn từng người".
/// </summary>
public sealed class CommunityTeam
{
    public int Id { get; set; }

    public int UnitId { get; set; }

    /// <summary>Path of the team's unit, for scope and roll-up.</summary>
    public required string UnitPath { get; set; }

    public required string Name { get; set; }

    public TeamKind Kind { get; set; }

    public DateTime CreatedAt { get; set; }

    public List<TeamMember> Members { get; } = [];
}

public enum TeamKind
{
    Village,
    Commune,
    Agency,
}

public enum TeamRole
{
    Leader,
    Deputy,
    Member,
}

/// <summary>Where a member comes from; reinforcement of teams is counted by organisation.</summary>
public enum MemberOrganisation
{
    CommunePolice,
    YouthUnion,
    WomensUnion,
    FarmersUnion,
    Veterans,
    School,
    Enterprise,
    Telecom,
    Other,
}

public sealed class TeamMember
{
    public int Id { get; set; }

    public int TeamId { get; set; }

    public CommunityTeam? Team { get; set; }

    public required string FullName { get; set; }

    public TeamRole Role { get; set; }

    public MemberOrganisation Organisation { get; set; }

    public string? Phone { get; set; }

    /// <summary>Languages spoken besides Vietnamese, comma-separated codes (ede, jra, …).</summary>
    public string Languages { get; set; } = string.Empty;

    public DateOnly ActiveFrom { get; set; }

    public DateOnly? ActiveTo { get; set; }

    /// <summary>The member's sign-in account, when they record activities themselves.</summary>
    public string? UserId { get; set; }

    public DateTime AddedAt { get; set; }
}

public enum ActivityType
{
    /// <summary>Đi từng ngõ, gõ từng nhà.</summary>
    DoorToDoorVisit,

    /// <summary>Buổi hướng dẫn trực tiếp.</summary>
    GuidanceSession,

    /// <summary>Buổi sinh hoạt hằng tuần của Tổ.</summary>
    WeeklySession,
}

public static class ActivityTopics
{
    public static readonly IReadOnlyList<string> All =
    [
        "install-vneid", "vneid-level2", "online-public-services", "cashless-payment", "digital-signature",
        "online-safety", "e-commerce", "learning-platform", "other",
    ];
}

/// <summary>
/// A field activity recorded by a team member, possibly offline first: identified by the client's
/// id so a retried sync never duplicates it. Edits carry a revision number: the higher revision
/// wins; an edit at a revision the server already has, with other content, is a conflict the member
/// is shown (the server's copy stays).
/// </summary>
public sealed class FieldActivity
{
    public Guid Id { get; set; }

    public required string ClientId { get; set; }

    public required string RecordedByUserId { get; set; }

    public ActivityType Type { get; set; }

    public int UnitId { get; set; }

    public required string UnitPath { get; set; }

    public required string VillageCode { get; set; }

    public int? TeamId { get; set; }

    public DateOnly Date { get; set; }

    public string? Place { get; set; }

    public int DurationMinutes { get; set; }

    /// <summary>Comma-separated topic keys (see <see cref="ActivityTopics"/>).</summary>
    public string Topics { get; set; } = string.Empty;

    public int Participants { get; set; }

    /// <summary>People helped per topic, as "topic=count" pairs.</summary>
    public Dictionary<string, int> HelpedByTopic { get; set; } = [];

    /// <summary>Learner accounts of people helped, when known (never an identity number).</summary>
    public List<string> LearnerUserIds { get; set; } = [];

    public string? Notes { get; set; }

    public int Revision { get; set; }

    public DateTime RecordedAt { get; set; }

    public DateTime UpdatedAt { get; set; }
}
