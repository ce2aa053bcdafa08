using System.Globalization;
using HocVuSo.Core.Common;
using HocVuSo.Core.Data;
using HocVuSo.Core.Features.Accounts;
using HocVuSo.Core.Features.Audit;
using Microsoft.EntityFrameworkCore;

namespace HocVuSo.Core.Features.Geography;

/// <summary>
/// Applies dated changes to units (a province becoming a centrally-run city, a commune becoming a
/// ward, a rename): the version in force is closed on the effective date and a successor version
/// with the same code is opened, so both states stay queryable. Applying the same file twice
/// changes nothing. The whole file is one transaction.
/// </summary>
public static class ApplyUnitChanges
{
    private static readonly string[] Columns =
        ["code", "name", "level", "type_before", "type_after", "full_name_before", "full_name_after", "effective_date"];

    private static readonly string[] OptionalColumns = ["legal_basis_as_reported", "legal_basis"];

    public sealed record Command(Stream Csv);

    public sealed class Handler(AppDbContext db, ScopeService scopes, TimeProvider clock)
    {
        public async Task<Result<ImportReport>> HandleAsync(Command command, CancellationToken ct)
        {
            var scope = await scopes.GetAsync(ct);
            if (!scope.Can(Permission.ManageUnits, "/"))
            {
                return Errors.Forbidden();
            }

            var table = CsvTable.Read(command.Csv, Columns, OptionalColumns, ct: ct);
            if (!table.IsSuccess)
            {
                return Result<ImportReport>.Fail(table.Errors);
            }

            var now = clock.UtcNow();
            var errors = new List<Error>();
            var applied = 0;
            var skipped = 0;
            await using var transaction = await db.Database.BeginTransactionAsync(ct);

            foreach (var row in table.Value!)
            {
                if (!DateOnly.TryParseExact(row["effective_date"], "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var effective))
                {
                    errors.Add(Errors.Invalid("field.bad_date", "effective_date", row["effective_date"]).AtRow(row.Line));
                    continue;
                }

                var kindAfter = UnitKinds.FromWord(row["type_after"]);
                if (kindAfter is null)
                {
                    errors.Add(Errors.Invalid("units.bad_kind", "type_after", row["type_after"]).AtRow(row.Line));
                    continue;
                }

                var code = row["code"];
                var open = await db.Units.FirstOrDefaultAsync(u => u.Code == code && u.ValidTo == null, ct);
                if (open is null)
                {
                    errors.Add(Errors.NotFound("units.not_found", code) with { Field = "code", Row = row.Line });
                    continue;
                }

                if (open.ValidFrom >= effective)
                {
                    skipped++;
                    continue;
                }

                var nameCheck = VietnameseText.Check(row["name"], "name", TextLimits.PlaceName);
                var fullNameCheck = VietnameseText.Check(row["full_name_after"], "full_name_after", TextLimits.PlaceName + 50);
                if (!nameCheck.IsSuccess || !fullNameCheck.IsSuccess)
                {
                    errors.Add((nameCheck.IsSuccess ? fullNameCheck.FirstError : nameCheck.FirstError).AtRow(row.Line));
                    continue;
                }

                var fullName = row["full_name_after"].Length > 0 ? row["full_name_after"] : UnitKinds.Prefix(kindAfter) + " " + row["name"];
                var successor = new Unit
                {
                    Code = open.Code,
                    Name = row["name"].Length > 0 ? row["name"] : open.Name,
                    FullName = fullName,
                    Kind = kindAfter,
                    Level = open.Level,
                    ParentId = open.ParentId,
                    ParentCode = open.ParentCode,
                    Path = open.Path,
                    ProvinceCode = open.ProvinceCode,
                    SearchName = VietnameseText.Fold(fullName),
                    ValidFrom = effective,
                    ChangeNote = row["legal_basis_as_reported"].Length > 0 ? row["legal_basis_as_reported"] : row["legal_basis"],
                    CreatedAt = now,
                };
                db.Units.Add(successor);
                open.ValidTo = effective;
                await db.SaveChangesAsync(ct);

                open.SuccessorId = successor.Id;
                await db.Units.Where(u => u.ParentId == open.Id && u.ValidTo == null)
                    .ExecuteUpdateAsync(s => s.SetProperty(u => u.ParentId, successor.Id), ct);
                AuditLog.Record(db, scope, now, AuditActions.UnitChanged, nameof(Unit), open.Code, open.Path,
                    new { open.Kind, open.FullName, open.ValidFrom },
                    new { successor.Kind, successor.FullName, successor.ValidFrom },
                    successor.ChangeNote);
                await db.SaveChangesAsync(ct);
                applied++;
            }

            await transaction.CommitAsync(ct);
            return new ImportReport(applied, skipped, errors);
        }
    }
}
