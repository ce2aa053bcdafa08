using HocVuSo.Core.Common;
using HocVuSo.Core.Features.Geography;

namespace HocVuSo.Core.Features.Learning;

public sealed record Competency(string Code, string DomainCode, string DomainName, string Name);

/// <summary>
/// Viet Nam's digital competency framework for learners (Thông tư 02/2025/TT-BGDĐT): 6 domains,
/// 24 competencies, shipped in Data/Reference with its source note.
/// </summary>
public static class CompetencyFramework
{
    private static readonly Lazy<IReadOnlyDictionary<string, Competency>> Items = new(Load);

    public static IReadOnlyDictionary<string, Competency> All => Items.Value;

    public static string DomainOf(string competencyCode) => competencyCode.Split('.')[0];

    public static string DomainName(string domainCode) =>
        All.Values.FirstOrDefault(c => c.DomainCode == domainCode)?.DomainName ?? domainCode;

    private static IReadOnlyDictionary<string, Competency> Load()
    {
        using var stream = ReferenceUnits.Open("HocVuSo.Reference.digital_competency_framework.csv");
        var table = CsvTable.Read(stream, ["framework", "domain_code", "domain_name", "competency_code", "competency_name"],
            ["competency_name_variant_seen", "digcomp_2_2_same_code", "wording_status"]);
        if (!table.IsSuccess)
        {
            throw new InvalidOperationException("The embedded competency framework cannot be read: " + table.FirstError.Code);
        }

        return table.Value!.ToDictionary(
            r => r["competency_code"],
            r => new Competency(r["competency_code"], r["domain_code"], r["domain_name"], r["competency_name"]),
            StringComparer.Ordinal);
    }
}
