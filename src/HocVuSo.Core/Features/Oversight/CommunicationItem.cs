namespace HocVuSo.Core.Features.Oversight;

/// <summary>
/// One item of a unit's communications log (nhật ký truyền thông): a news article, a video, a
/// poster, a loudspeaker broadcast… that a commune or one of its villages published, with its
/// link and/or photo as evidence. The indicators "posts per month", "visual propaganda
/// activities" and "items in minority languages" are counted from these items
/// (<see cref="CommunicationCounting"/>). The same link logged twice in one commune and month is
/// kept but flagged: the later item points to the first (<see cref="DuplicateOfId"/>) and is not
/// counted.
/// </summary>
public sealed class CommunicationItem
{
    public Guid Id { get; set; }

    /// <summary>One of <see cref="CommunicationKinds.All"/>.</summary>
    public required string Kind { get; set; }

    /// <summary>A lower-case key of where it was published: portal, fanpage, zalo, youtube, radio…</summary>
    public required string Channel { get; set; }

    public required string Title { get; set; }

    /// <summary>The day it was published or held (Viet Nam's calendar).</summary>
    public DateOnly Date { get; set; }

    /// <summary>The first day of <see cref="Date"/>'s month: duplicates are looked for within it.</summary>
    public DateOnly Period { get; set; }

    /// <summary>The commune or village it belongs to.</summary>
    public int UnitId { get; set; }

    public required string UnitPath { get; set; }

    /// <summary>The commune: a link logged by a village and by its commune is the same item.</summary>
    public int CommuneId { get; set; }

    /// <summary>ISO 639-3 code of its language (<see cref="CommunicationLanguages"/>); "vie" by default.</summary>
    public required string Language { get; set; }

    public string? Topic { get; set; }

    /// <summary>The link as typed (checked: http or https, not a private address).</summary>
    public string? Url { get; set; }

    /// <summary>The link in the form compared for duplicates (<see cref="CommunicationLinks.Key"/>).</summary>
    public string? UrlKey { get; set; }

    /// <summary>People reached (views, listeners, participants), when known.</summary>
    public int? Reach { get; set; }

    /// <summary>The earlier item of the same commune and month with the same link; null for an item that counts.</summary>
    public Guid? DuplicateOfId { get; set; }

    /// <summary>When the optional reachability check last ran on <see cref="Url"/> (null: never, or the link changed since).</summary>
    public DateTime? LinkCheckedAt { get; set; }

    /// <summary>The check's verdict: the address answered with a 2xx status (after allowed redirects).</summary>
    public bool? LinkReachable { get; set; }

    /// <summary>The HTTP status of the last answer, when there was one.</summary>
    public int? LinkStatus { get; set; }

    /// <summary>Why the link was not reached, as a stable key (<see cref="CommunicationLinkChecker"/>): timeout, connection_failed, address_refused, redirect_refused, too_many_redirects.</summary>
    public string? LinkError { get; set; }

    public required string RecordedByUserId { get; set; }

    public DateTime RecordedAt { get; set; }

    public DateTime? ChangedAt { get; set; }
}

/// <summary>Photo evidence of a communications item (one per item), stored re-encoded like team photos.</summary>
public sealed class CommunicationPhoto
{
    public int Id { get; set; }

    public Guid ItemId { get; set; }

    public required string ContentType { get; set; }

    public required byte[] Bytes { get; set; }

    public required string UploadedByUserId { get; set; }

    public DateTime UploadedAt { get; set; }
}

/// <summary>The kinds of communications items (keys of the API and the import files).</summary>
public static class CommunicationKinds
{
    public const string NewsArticle = "news-article";
    public const string ShortVideo = "short-video";
    public const string Report = "report";
    public const string Infographic = "infographic";
    public const string Broadcast = "broadcast";
    public const string Poster = "poster";
    public const string VisualActivity = "visual-activity";
    public const string SocialPost = "social-post";
    public const string ZaloMessage = "zalo-message";

    public static IReadOnlyList<string> All { get; } =
        [NewsArticle, ShortVideo, Report, Infographic, Broadcast, Poster, VisualActivity, SocialPost, ZaloMessage];
}

/// <summary>
/// Which items each computed indicator counts (documented in docs/COMMUNICATIONS.md). Flagged
/// duplicates never count.
/// </summary>
public static class CommunicationCounting
{
    /// <summary>"Tin, bài, video trong tháng": what is published as news, articles, reports, videos, infographics, posts and OA messages.</summary>
    public static IReadOnlyList<string> Posts { get; } =
        [CommunicationKinds.NewsArticle, CommunicationKinds.ShortVideo, CommunicationKinds.Report, CommunicationKinds.Infographic,
         CommunicationKinds.SocialPost, CommunicationKinds.ZaloMessage];

    /// <summary>"Hoạt động tuyên truyền trực quan": posters, banners, panels and visual activities — what is seen in public places.</summary>
    public static IReadOnlyList<string> Visual { get; } = [CommunicationKinds.Poster, CommunicationKinds.VisualActivity];
}
