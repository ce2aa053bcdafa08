namespace HocVuSo.Core.Features.ServiceDesk;

/// <summary>
/// An online public service (dịch vụ công trực tuyến) the help desk guides people through, by its
/// name in the national public-service portal. The list is data, kept for the communes and
/// changed by administrators; a retired service stays for the visits that name it.
/// </summary>
public sealed class DeskService
{
    public int Id { get; set; }

    public required string Name { get; set; }

    public int Position { get; set; }

    public bool Active { get; set; } = true;
}

/// <summary>
/// One person helped at the commune's public administrative service centre (Trung tâm phục vụ
/// hành chính công) by its staff or the youth-union volunteers there: the online service done,
/// whether the person did it themselves ("tự thao tác"), minutes spent, and an anonymous age band
/// and gender; optionally the learner record of the person.
/// </summary>
public sealed class DeskVisit
{
    public long Id { get; set; }

    public int CommuneId { get; set; }

    public required string UnitPath { get; set; }

    public DateOnly Date { get; set; }

    public int ServiceId { get; set; }

    public DeskService? Service { get; set; }

    public bool SelfDone { get; set; }

    public int Minutes { get; set; }

    public required string AgeBand { get; set; }

    public required string Gender { get; set; }

    public string? LearnerUserId { get; set; }

    public required string RecordedByUserId { get; set; }

    public DateTime RecordedAt { get; set; }
}
