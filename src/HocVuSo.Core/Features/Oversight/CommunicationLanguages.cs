namespace HocVuSo.Core.Features.Oversight;

/// <summary>A language a communications item may be in: its ISO 639-3 code, the reference name of the code table, and what people here call it.</summary>
public sealed record CommunicationLanguage(string Code, string ReferenceName, string NameVi);

/// <summary>
/// The languages a communications item may be in: Vietnamese and languages of Viet Nam's ethnic
/// minorities, by ISO 639-3 code. Codes and reference names are those of the ISO 639-3 code table
/// (SIL International, iso-639-3.tab); the list and its sources are in docs/COMMUNICATIONS.md. A
/// language missing here is added here (one line), with its code checked against the table.
/// </summary>
public static class CommunicationLanguages
{
    public const string Vietnamese = "vie";

    public static IReadOnlyList<CommunicationLanguage> All { get; } =
    [
        new(Vietnamese, "Vietnamese", "Tiếng Việt"),
        new("rad", "Rade", "Tiếng Ê Đê"),
        new("jra", "Jarai", "Tiếng Gia Rai"),
        new("bdq", "Bahnar", "Tiếng Ba Na"),
        new("kpm", "Koho", "Tiếng Cơ Ho"),
        new("mnn", "Southern Mnong", "Tiếng M'Nông (Nam)"),
        new("cmo", "Central Mnong", "Tiếng M'Nông (Trung)"),
        new("mng", "Eastern Mnong", "Tiếng M'Nông (Đông)"),
        new("sed", "Sedang", "Tiếng Xơ Đăng"),
        new("hre", "Hre", "Tiếng Hrê"),
        new("stg", "Trieng", "Tiếng Giẻ Triêng"),
        new("cje", "Chru", "Tiếng Chu Ru"),
        new("cma", "Maa", "Tiếng Mạ"),
        new("rog", "Northern Roglai", "Tiếng Raglai (Bắc)"),
        new("rgs", "Southern Roglai", "Tiếng Raglai (Nam)"),
        new("ktv", "Eastern Katu", "Tiếng Cơ Tu"),
        new("bru", "Eastern Bru", "Tiếng Bru - Vân Kiều"),
        new("brb", "Brao", "Tiếng Brâu"),
        new("rmx", "Romam", "Tiếng Rơ Măm"),
        new("crw", "Chrau", "Tiếng Chơ Ro"),
        new("cja", "Western Cham", "Tiếng Chăm (Tây)"),
        new("cjm", "Eastern Cham", "Tiếng Chăm (Đông)"),
        new("khm", "Khmer", "Tiếng Khmer"),
        new("tyz", "Tày", "Tiếng Tày"),
        new("nut", "Nung (Viet Nam)", "Tiếng Nùng"),
        new("blt", "Tai Dam", "Tiếng Thái (Thái Đen)"),
        new("twh", "Tai Dón", "Tiếng Thái (Thái Trắng)"),
        new("mtq", "Muong", "Tiếng Mường"),
        new("hmn", "Hmong", "Tiếng Mông"),
        new("mww", "Hmong Daw", "Tiếng Mông (Mông Trắng)"),
        new("hnj", "Hmong Njua", "Tiếng Mông (Mông Xanh)"),
        new("ium", "Iu Mien", "Tiếng Dao (Iu Miền)"),
        new("mji", "Kim Mun", "Tiếng Dao (Kìm Mùn)"),
        new("mlc", "Cao Lan", "Tiếng Sán Chay (Cao Lan)"),
        new("hni", "Hani", "Tiếng Hà Nhì"),
        new("lhu", "Lahu", "Tiếng La Hủ"),
        new("kjm", "Kháng", "Tiếng Kháng"),
        new("lao", "Lao", "Tiếng Lào"),
    ];

    private static readonly Dictionary<string, CommunicationLanguage> ByCode = All.ToDictionary(l => l.Code, StringComparer.Ordinal);

    /// <summary>The language with this code (trimmed, any case); null for a code not in the list.</summary>
    public static CommunicationLanguage? Find(string? code) =>
        code is null ? null : ByCode.GetValueOrDefault(code.Trim().ToLowerInvariant());
}
