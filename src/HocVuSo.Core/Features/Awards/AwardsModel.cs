namespace HocVuSo.Core.Features.Awards;

/// <summary>Who a scheme lets be nominated (đối tượng xét công nhận).</summary>
public enum NomineeKind
{
    Person,
    Household,
    Village,
    Market,
    Organisation,
    Team,
}

/// <summary>
/// Where a nomination stands. A person's nomination waits for their consent; a submitted one is
/// appraised; when the scheme's appraisal ends its result is one of recommended, not recommended,
/// tie or no quorum (explicit states, never guessed); a recommended one may be recognised by one
/// decision. Withdrawn is final.
/// </summary>
public enum NominationState
{
    AwaitingConsent,
    Submitted,
    Withdrawn,
    Recommended,
    NotRecommended,
    Tie,
    NoQuorum,
    Recognised,
}

/// <summary>
/// An award scheme (mô hình thi đua, e.g. "Công dân số tiêu biểu") of a province or commune for a
/// year: who may be nominated, weighted criteria each evidenced from the platform's records or by
/// attached evidence, the nomination window, the appraisal council with its quorum, and the rule
/// that turns scores and votes into a result (a pass mark on the weighted score out of 100 and more
/// votes for than against).
/// </summary>
public sealed class AwardScheme
{
    public int Id { get; set; }

    public int UnitId { get; set; }

    public required string UnitPath { get; set; }

    public int Year { get; set; }

    public required string Title { get; set; }

    /// <summary>Which exemplary model it recognises (<see cref="AwardModels"/>): decisions on the citizen and village models feed the indicators.</summary>
    public required string Model { get; set; }

    /// <summary>The nominee kinds allowed, comma-separated keys (<see cref="AwardKeys"/>).</summary>
    public required string NomineeKinds { get; set; }

    public DateOnly OpensOn { get; set; }

    public DateOnly ClosesOn { get; set; }

    /// <summary>The weighted score (0–100) a nomination needs to be recommended.</summary>
    public int PassScore { get; set; }

    /// <summary>How many council members must have scored and voted for a result.</summary>
    public int Quorum { get; set; }

    /// <summary>When the appraisal ended (results computed); scores are closed from then on.</summary>
    public DateTime? AppraisalEndedAt { get; set; }

    /// <summary>Demo data: shown labelled as illustrative (minh họa) wherever the scheme appears.</summary>
    public bool Illustrative { get; set; }

    public string? CreatedByUserId { get; set; }

    public DateTime CreatedAt { get; set; }

    public List<AwardCriterion> Criteria { get; set; } = [];

    public List<CouncilMember> Council { get; set; } = [];
}

/// <summary>A criterion (tiêu chí): its weight, its scale (0 to <see cref="ScaleMax"/>), and its source of evidence.</summary>
public sealed class AwardCriterion
{
    public int Id { get; set; }

    public int SchemeId { get; set; }

    public int Number { get; set; }

    public required string Title { get; set; }

    public int Weight { get; set; }

    public int ScaleMax { get; set; }

    /// <summary><c>attached</c>, or the key of a figure from the records (<see cref="AwardFigures"/>).</summary>
    public required string Source { get; set; }
}

/// <summary>
/// A member of a scheme's appraisal council (hội đồng thẩm định) with a role, and the village or
/// organisation they belong to, declared so that they never appraise a nomination from it.
/// </summary>
public sealed class CouncilMember
{
    public int Id { get; set; }

    public int SchemeId { get; set; }

    public required string UserId { get; set; }

    /// <summary>chair, secretary or member.</summary>
    public required string Role { get; set; }

    public int? VillageUnitId { get; set; }

    public string? VillagePath { get; set; }

    public int? OrganisationId { get; set; }
}

/// <summary>
/// A nomination (hồ sơ đề nghị) of one nominee for a scheme, by a body allowed to nominate, with its
/// story and evidence; the figures from the records are frozen in it at submission.
/// </summary>
public sealed class Nomination
{
    public int Id { get; set; }

    public int SchemeId { get; set; }

    public NomineeKind Kind { get; set; }

    /// <summary>The nominee's unit (the village of a person, household, market, team or village; the organisation's unit).</summary>
    public int UnitId { get; set; }

    public required string UnitPath { get; set; }

    public string? NomineeUserId { get; set; }

    public int? NomineeOrganisationId { get; set; }

    /// <summary>The name of a household, market or team (a household's is personal data: stored encrypted).</summary>
    public string? NomineeName { get; set; }

    public string? Story { get; set; }

    public string? PhotoUrl { get; set; }

    public NominationState State { get; set; }

    public string? NominatedByUserId { get; set; }

    public int? NominatedByOrganisationId { get; set; }

    public DateTime SubmittedAt { get; set; }

    public DateTime? ConsentedAt { get; set; }

    /// <summary>The person agreed that their full name (not only initials) is shown publicly.</summary>
    public bool ConsentPublishName { get; set; }

    /// <summary>The person agreed that the photo and story are shown publicly.</summary>
    public bool ConsentPublishStory { get; set; }

    public DateTime? WithdrawnAt { get; set; }

    public string? WithdrawnReason { get; set; }

    /// <summary>The weighted score out of 100 when the appraisal ended.</summary>
    public decimal? ResultScore { get; set; }

    public int VotesFor { get; set; }

    public int VotesAgainst { get; set; }

    public int Appraisers { get; set; }

    public List<NominationFigure> Figures { get; set; } = [];

    public List<NominationEvidence> Evidence { get; set; } = [];
}

/// <summary>A figure from the records as it stood when the nomination was submitted (frozen).</summary>
public sealed class NominationFigure
{
    public int Id { get; set; }

    public int NominationId { get; set; }

    public int CriterionId { get; set; }

    public required string Metric { get; set; }

    public decimal Value { get; set; }

    public decimal? Denominator { get; set; }
}

/// <summary>Attached evidence for a criterion: a description and an optional http(s) link.</summary>
public sealed class NominationEvidence
{
    public int Id { get; set; }

    public int NominationId { get; set; }

    public int? CriterionId { get; set; }

    public required string Text { get; set; }

    public string? Url { get; set; }
}

/// <summary>One council member's score of one criterion of a nomination.</summary>
public sealed class AppraisalScore
{
    public int Id { get; set; }

    public int NominationId { get; set; }

    public int MemberId { get; set; }

    public int CriterionId { get; set; }

    public int Score { get; set; }

    public DateTime At { get; set; }
}

/// <summary>One council member's vote on a nomination (for, against, abstain), or their declared conflict of interest.</summary>
public sealed class AppraisalVote
{
    public int Id { get; set; }

    public int NominationId { get; set; }

    public int MemberId { get; set; }

    /// <summary>for, against, abstain, or conflict (declared: the member takes no part).</summary>
    public required string Vote { get; set; }

    public string? Comment { get; set; }

    public DateTime At { get; set; }
}

/// <summary>A recognition decision (quyết định công nhận): number, date, signer, and the nominations it recognises.</summary>
public sealed class RecognitionDecision
{
    public int Id { get; set; }

    public int UnitId { get; set; }

    public required string UnitPath { get; set; }

    public required string Number { get; set; }

    public DateOnly Date { get; set; }

    public required string Signer { get; set; }

    public string? IssuedByUserId { get; set; }

    public DateTime IssuedAt { get; set; }

    /// <summary>Demo data: not a real decision; the honours page and the check label it illustrative.</summary>
    public bool Illustrative { get; set; }

    public List<DecisionItem> Items { get; set; } = [];
}

/// <summary>
/// One recognised nomination of a decision, with its certificate of merit (giấy khen): serial and
/// signature over the printed fields, and a revocation with its reason. A nomination is in at most
/// one decision (a unique index).
/// </summary>
public sealed class DecisionItem
{
    public int Id { get; set; }

    public int DecisionId { get; set; }

    public int NominationId { get; set; }

    /// <summary>The nominee's unit path, so the indicators count recognitions up the tree.</summary>
    public required string UnitPath { get; set; }

    public required string Model { get; set; }

    public DateOnly RecognisedOn { get; set; }

    public required string Serial { get; set; }

    /// <summary>The name printed on the certificate (personal data for a person or household: encrypted).</summary>
    public required string RecipientName { get; set; }

    public required string Signature { get; set; }

    public required string SigningKeyId { get; set; }

    public DateTime? RevokedAt { get; set; }

    public string? RevocationReason { get; set; }
}

/// <summary>An event of a unit's 10/10 programme (Ngày hội toàn dân học tập số): title, place and time.</summary>
public sealed class FestivalEvent
{
    public int Id { get; set; }

    public int UnitId { get; set; }

    public required string UnitPath { get; set; }

    public int Year { get; set; }

    public required string Title { get; set; }

    public required string Place { get; set; }

    public DateTime StartsAt { get; set; }

    public bool Illustrative { get; set; }
}
