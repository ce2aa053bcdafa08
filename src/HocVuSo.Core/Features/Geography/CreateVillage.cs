using System.Globalization;
using HocVuSo.Core.Common;
using HocVuSo.Core.Common.Uploads;
using HocVuSo.Core.Data;
using HocVuSo.Core.Features.Accounts;
using HocVuSo.Core.Features.Audit;
using Microsoft.EntityFrameworkCore;

namespace HocVuSo.Core.Features.Geography;

/// <summary>
/// A commune officer adds a village-level unit (thôn, buôn, bản, ấp, làng, tổ dân phố, khu phố)
/// to a commune in their scope. It gets the next code "&lt;commune&gt;-&lt;nnn&gt;"; a name already
/// used in the commune (compared without diacritics) is refused.
/// </summary>
public static class CreateVillage
{
    public sealed record Command(string CommuneCode, string? Name, string? Kind);

    public sealed class Handler(AppDbContext db, ScopeService scopes, TimeProvider clock)
    {
        public async Task<Result<UnitDto>> HandleAsync(Command command, CancellationToken ct)
        {
            var scope = await scopes.GetAsync(ct);
            var today = clock.TodayInVietnam();
            var commune = await db.Units.ValidOn(today)
                .FirstOrDefaultAsync(u => u.Code == command.CommuneCode && u.Level == UnitLevel.Commune, ct);
            if (commune is null)
            {
                return Errors.NotFound("units.commune_not_found", command.CommuneCode);
            }

            if (scope.Check(Permission.ManageVillages, commune.Path) is { } forbidden)
            {
                return forbidden;
            }

            var existing = await db.Units.Where(u => u.ParentCode == commune.Code && u.Level == UnitLevel.Village)
                .Select(u => new { u.Code, u.SearchName, u.Kind, u.Name, u.ValidTo })
                .ToListAsync(ct);
            var taken = existing.Where(e => e.ValidTo == null).Select(e => VietnameseText.Fold(e.Name)).ToHashSet(StringComparer.Ordinal);
            var next = existing.Select(e => ParseSuffix(e.Code)).DefaultIfEmpty(0).Max() + 1;

            var validation = Validate(command.Name, command.Kind, taken);
            if (validation is not null)
            {
                return validation;
            }

            var village = Build(commune, VietnameseText.Clean(command.Name), UnitKinds.FromWord(command.Kind)!, next, today, clock.UtcNow());
            db.Units.Add(village);
            AuditLog.Record(db, scope, village.CreatedAt, AuditActions.UnitCreated, nameof(Unit), village.Code, village.Path,
                newValue: new { village.Code, village.FullName, village.Kind });
            await db.SaveChangesAsync(ct);
            return village.ToDto();
        }
    }

    /// <summary>Checks a village's name and kind; <paramref name="takenNames"/> are folded names already in the commune.</summary>
    internal static Error? Validate(string? name, string? kind, ISet<string> takenNames)
    {
        var checkedName = VietnameseText.Check(name, "name", TextLimits.PlaceName);
        if (!checkedName.IsSuccess)
        {
            return checkedName.FirstError;
        }

        var clean = checkedName.Value!;
        if (clean.Length == 0)
        {
            return Errors.Invalid("field.required", "name");
        }

        var parsedKind = UnitKinds.FromWord(kind);
        if (parsedKind is null || !UnitKinds.VillageKinds.Contains(parsedKind))
        {
            return Errors.Invalid("units.bad_village_kind", "kind", kind ?? string.Empty);
        }

        return takenNames.Contains(VietnameseText.Fold(clean))
            ? Errors.Conflict("units.village_name_taken", "name", clean)
            : null;
    }

    internal static Unit Build(Unit commune, string name, string kind, int number, DateOnly validFrom, DateTime now)
    {
        var code = string.Create(CultureInfo.InvariantCulture, $"{commune.Code}-{number:000}");
        var fullName = name.StartsWith(UnitKinds.Prefix(kind) + " ", StringComparison.OrdinalIgnoreCase) ? name : UnitKinds.Prefix(kind) + " " + name;
        return new Unit
        {
            Code = code,
            Name = name,
            FullName = fullName,
            Kind = kind,
            Level = UnitLevel.Village,
            ParentId = commune.Id,
            ParentCode = commune.Code,
            Path = commune.Path + code + "/",
            ProvinceCode = commune.ProvinceCode,
            SearchName = VietnameseText.Fold(fullName),
            ValidFrom = validFrom,
            CreatedAt = now,
        };
    }

    internal static int ParseSuffix(string code)
    {
        var dash = code.LastIndexOf('-');
        return dash >= 0 && int.TryParse(code.AsSpan(dash + 1), NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? n : 0;
    }
}

/// <summary>
/// Imports villages from CSV (columns commune_code, name, kind). Every row is checked against the
/// same rules as <see cref="CreateVillage"/> and the caller's scope; valid rows are saved together
/// in one transaction, invalid rows are reported by line and field and nothing of them is saved.
/// </summary>
public static class ImportVillages
{
    private static readonly string[] Columns = ["commune_code", "name", "kind"];

    public sealed record Command(Upload Csv);

    public sealed class Handler(AppDbContext db, ScopeService scopes, UploadLimits limits, TimeProvider clock)
    {
        public async Task<Result<ImportReport>> HandleAsync(Command command, CancellationToken ct)
        {
            var scope = await scopes.GetAsync(ct);
            if (!scope.Has(Permission.ManageVillages))
            {
                return Errors.Forbidden();
            }

            var table = await CsvTable.ReadAsync(command.Csv, Columns, null, limits, ct);
            if (!table.IsSuccess)
            {
                return Result<ImportReport>.Fail(table.Errors);
            }

            var today = clock.TodayInVietnam();
            var now = clock.UtcNow();
            var rows = table.Value!;
            var communeCodes = rows.Select(r => r["commune_code"]).Distinct().ToList();
            var communes = await db.Units.ValidOn(today)
                .Where(u => u.Level == UnitLevel.Commune && communeCodes.Contains(u.Code))
                .ToDictionaryAsync(u => u.Code, ct);
            var villages = await db.Units.Where(u => u.Level == UnitLevel.Village && communeCodes.Contains(u.ParentCode!))
                .Select(u => new { u.ParentCode, u.Code, u.Name, u.ValidTo })
                .ToListAsync(ct);
            var taken = communeCodes.ToDictionary(c => c, c => (ISet<string>)villages
                .Where(v => v.ParentCode == c && v.ValidTo == null).Select(v => VietnameseText.Fold(v.Name)).ToHashSet(StringComparer.Ordinal));
            var next = communeCodes.ToDictionary(c => c, c => villages
                .Where(v => v.ParentCode == c).Select(v => CreateVillage.ParseSuffix(v.Code)).DefaultIfEmpty(0).Max() + 1);

            var errors = new List<Error>();
            var saved = 0;
            foreach (var row in rows)
            {
                var code = row["commune_code"];
                if (!communes.TryGetValue(code, out var commune))
                {
                    errors.Add(Errors.NotFound("units.commune_not_found", code) with { Field = "commune_code", Row = row.Line });
                    continue;
                }

                if (!scope.Can(Permission.ManageVillages, commune.Path))
                {
                    errors.Add(Errors.Forbidden() with { Field = "commune_code", Row = row.Line });
                    continue;
                }

                if (CreateVillage.Validate(row["name"], row["kind"], taken[code]) is { } invalid)
                {
                    errors.Add(invalid.AtRow(row.Line));
                    continue;
                }

                var village = CreateVillage.Build(commune, row["name"], UnitKinds.FromWord(row["kind"])!, next[code]++, today, now);
                taken[code].Add(VietnameseText.Fold(village.Name));
                db.Units.Add(village);
                AuditLog.Record(db, scope, now, AuditActions.UnitCreated, nameof(Unit), village.Code, village.Path,
                    newValue: new { village.Code, village.FullName, village.Kind }, reason: "csv");
                saved++;
            }

            await db.SaveChangesAsync(ct);
            return new ImportReport(saved, errors.Count, errors);
        }
    }
}
