namespace HocVuSo.Core.Features.Geography;

/// <summary>
/// An administrative unit (đơn vị hành chính): the nation (level 0), a province or centrally-run
/// city (1), a commune, ward or special zone (2), or a village-level residential unit such as a
/// thôn, buôn, bản or tổ dân phố (3). Units are never deleted: a merger, rename or change of kind
/// closes one version (<see cref="ValidTo"/>, <see cref="SuccessorId"/>) and opens another with the
/// same <see cref="Code"/>, so history and past reports stay readable.
/// </summary>
public sealed class Unit
{
    public int Id { get; set; }

    /// <summary>Official code: province 2 digits, commune 5 digits, village "&lt;commune&gt;-&lt;nnn&gt;"; the nation is "VN".</summary>
    public required string Code { get; set; }

    /// <summary>Short name without the kind word, e.g. "Ea Trang".</summary>
    public required string Name { get; set; }

    /// <summary>Name as written officially, e.g. "Xã Ea Trang".</summary>
    public required string FullName { get; set; }

    public required string Kind { get; set; }

    public int Level { get; set; }

    public int? ParentId { get; set; }

    public Unit? Parent { get; set; }

    public string? ParentCode { get; set; }

    /// <summary>Materialised path of codes, e.g. "/66/24445/24445-003/"; the nation is "/".</summary>
    public required string Path { get; set; }

    /// <summary>Province code, carried for sharding by province.</summary>
    public string? ProvinceCode { get; set; }

    /// <summary>Folded name (no diacritics, lower case) for search.</summary>
    public required string SearchName { get; set; }

    public DateOnly ValidFrom { get; set; }

    public DateOnly? ValidTo { get; set; }

    public int? SuccessorId { get; set; }

    /// <summary>Legal basis or reason of the change that opened this version.</summary>
    public string? ChangeNote { get; set; }

    public DateTime CreatedAt { get; set; }

    public bool IsValidOn(DateOnly day) => ValidFrom <= day && (ValidTo is null || ValidTo > day);
}

public static class UnitLevel
{
    public const int Nation = 0;
    public const int Province = 1;
    public const int Commune = 2;
    public const int Village = 3;
}

/// <summary>Kinds of unit, stored as these stable keys; display names come from resources.</summary>
public static class UnitKinds
{
    public const string Nation = "quoc_gia";
    public const string Province = "tinh";
    public const string City = "thanh_pho";
    public const string Commune = "xa";
    public const string Ward = "phuong";
    public const string SpecialZone = "dac_khu";

    /// <summary>Village-level kinds: thôn, buôn, bản, ấp, làng, tổ dân phố, khu phố.</summary>
    public static readonly IReadOnlyList<string> VillageKinds = ["thon", "buon", "ban", "ap", "lang", "to_dan_pho", "khu_pho"];

    /// <summary>The Vietnamese word that starts a full name ("Buôn", "Tổ dân phố").</summary>
    public static string Prefix(string kind) => kind switch
    {
        Province => "Tỉnh",
        City => "Thành phố",
        Commune => "Xã",
        Ward => "Phường",
        SpecialZone => "Đặc khu",
        "thon" => "Thôn",
        "buon" => "Buôn",
        "ban" => "Bản",
        "ap" => "Ấp",
        "lang" => "Làng",
        "to_dan_pho" => "Tổ dân phố",
        "khu_pho" => "Khu phố",
        _ => string.Empty,
    };

    /// <summary>Reads the kind word used in official lists ("tỉnh", "thành phố", "xã", "phường", "đặc khu", "buôn"…).</summary>
    public static string? FromWord(string? word) => Common.VietnameseText.Fold(word) switch
    {
        "tinh" => Province,
        "thanh pho" => City,
        "xa" => Commune,
        "phuong" => Ward,
        "dac khu" => SpecialZone,
        "thon" => "thon",
        "buon" => "buon",
        "ban" => "ban",
        "ap" => "ap",
        "lang" => "lang",
        "to dan pho" or "to_dan_pho" => "to_dan_pho",
        "khu pho" or "khu_pho" => "khu_pho",
        _ => null,
    };
}
