using System.Text.RegularExpressions;
using HocVuSo.Core.Common;
using HocVuSo.Core.Data;
using HocVuSo.Core.Features.Accounts;
using HocVuSo.Core.Features.Audit;
using Microsoft.EntityFrameworkCore;

namespace HocVuSo.Core.Features.Geography;

/// <summary>
/// Imports the official list of provinces and communes (Cục Thống kê codes, state of 01/07/2025)
/// in the format of Data/Reference/admin_units_2025.csv. Units already present are left as they
/// are (changes go through <see cref="ApplyUnitChanges"/>); rows with bad codes or kinds are
/// reported by line and the rest is saved in one transaction.
/// </summary>
public static partial class ImportOfficialUnits
{
    public static readonly DateOnly OfficialListDate = new(2025, 7, 1);

    private static readonly string[] Columns =
        ["province_code", "province_name", "province_type", "commune_code", "commune_name", "commune_type", "commune_full_name"];

    public sealed record Command(Stream Csv, DateOnly? ValidFrom = null);

    public sealed class Handler(AppDbContext db, ScopeService scopes, TimeProvider clock)
    {
        public async Task<Result<ImportReport>> HandleAsync(Command command, CancellationToken ct)
        {
            var scope = await scopes.GetAsync(ct);
            if (!scope.Can(Permission.ManageUnits, "/"))
            {
                return Errors.Forbidden();
            }

            var table = CsvTable.Read(command.Csv, Columns, ct: ct);
            if (!table.IsSuccess)
            {
                return Result<ImportReport>.Fail(table.Errors);
            }

            var validFrom = command.ValidFrom ?? OfficialListDate;
            var now = clock.UtcNow();
            var nation = await EnsureNationAsync(db, validFrom, now, ct);
            var current = await db.Units.Where(u => u.ValidTo == null && u.Level <= UnitLevel.Commune)
                .ToDictionaryAsync(u => u.Code, ct);
            var errors = new List<Error>();
            var created = 0;
            var unchanged = 0;

            foreach (var row in table.Value!)
            {
                var provinceCode = row["province_code"];
                var communeCode = row["commune_code"];
                var provinceKind = UnitKinds.FromWord(row["province_type"]);
                var communeKind = UnitKinds.FromWord(row["commune_type"]);
                Error? error =
                    !ProvinceCodePattern().IsMatch(provinceCode) ? Errors.Invalid("units.bad_province_code", "province_code", provinceCode) :
                    !CommuneCodePattern().IsMatch(communeCode) ? Errors.Invalid("units.bad_commune_code", "commune_code", communeCode) :
                    provinceKind is not (UnitKinds.Province or UnitKinds.City) ? Errors.Invalid("units.bad_kind", "province_type", row["province_type"]) :
                    communeKind is not (UnitKinds.Commune or UnitKinds.Ward or UnitKinds.SpecialZone) ? Errors.Invalid("units.bad_kind", "commune_type", row["commune_type"]) :
                    row["province_name"].Length == 0 ? Errors.Invalid("field.required", "province_name") :
                    row["commune_name"].Length == 0 ? Errors.Invalid("field.required", "commune_name") :
                    null;
                if (error is not null)
                {
                    errors.Add(error.AtRow(row.Line));
                    continue;
                }

                if (!current.TryGetValue(provinceCode, out var province))
                {
                    var name = row["province_name"];
                    province = new Unit
                    {
                        Code = provinceCode,
                        Name = name,
                        FullName = UnitKinds.Prefix(provinceKind!) + " " + name,
                        Kind = provinceKind!,
                        Level = UnitLevel.Province,
                        Parent = nation,
                        ParentCode = nation.Code,
                        Path = "/" + provinceCode + "/",
                        ProvinceCode = provinceCode,
                        SearchName = VietnameseText.Fold(UnitKinds.Prefix(provinceKind!) + " " + name),
                        ValidFrom = validFrom,
                        CreatedAt = now,
                    };
                    db.Units.Add(province);
                    current[provinceCode] = province;
                    created++;
                }

                if (current.TryGetValue(communeCode, out var existing))
                {
                    if (existing.ProvinceCode != provinceCode)
                    {
                        errors.Add(Errors.Conflict("units.code_in_other_province", "commune_code", communeCode, existing.ProvinceCode ?? "").AtRow(row.Line));
                    }
                    else
                    {
                        unchanged++;
                    }

                    continue;
                }

                var fullName = row["commune_full_name"].Length > 0 ? row["commune_full_name"] : UnitKinds.Prefix(communeKind!) + " " + row["commune_name"];
                var commune = new Unit
                {
                    Code = communeCode,
                    Name = row["commune_name"],
                    FullName = fullName,
                    Kind = communeKind!,
                    Level = UnitLevel.Commune,
                    Parent = province,
                    ParentCode = provinceCode,
                    Path = province.Path + communeCode + "/",
                    ProvinceCode = provinceCode,
                    SearchName = VietnameseText.Fold(fullName),
                    ValidFrom = validFrom,
                    CreatedAt = now,
                };
                db.Units.Add(commune);
                current[communeCode] = commune;
                created++;
            }

            if (created > 0)
            {
                AuditLog.Record(db, scope, now, AuditActions.UnitsImported, nameof(Unit), "official-list", "/",
                    newValue: new { created, unchanged, rejected = errors.Count });
            }

            await db.SaveChangesAsync(ct);
            return new ImportReport(created, unchanged, errors);
        }
    }

    internal static async Task<Unit> EnsureNationAsync(AppDbContext db, DateOnly validFrom, DateTime now, CancellationToken ct)
    {
        var nation = await db.Units.FirstOrDefaultAsync(u => u.Level == UnitLevel.Nation && u.ValidTo == null, ct);
        if (nation is null)
        {
            nation = new Unit
            {
                Code = "VN",
                Name = "Việt Nam",
                FullName = "Việt Nam",
                Kind = UnitKinds.Nation,
                Level = UnitLevel.Nation,
                Path = "/",
                SearchName = VietnameseText.Fold("Việt Nam"),
                ValidFrom = validFrom,
                CreatedAt = now,
            };
            db.Units.Add(nation);
        }

        return nation;
    }

    [GeneratedRegex("^[0-9]{2}$")]
    private static partial Regex ProvinceCodePattern();

    [GeneratedRegex("^[0-9]{5}$")]
    private static partial Regex CommuneCodePattern();
}
