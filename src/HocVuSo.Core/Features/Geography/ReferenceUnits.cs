using HocVuSo.Core.Common;
using HocVuSo.Core.Data;
using Microsoft.EntityFrameworkCore;

namespace HocVuSo.Core.Features.Geography;

/// <summary>
/// The official administrative units shipped with the platform (Data/Reference, with SOURCES.md):
/// the 34 provinces and 3,321 communes of 01/07/2025 and the dated changes since. They are loaded
/// into an empty database by <c>hocvuso migrate</c> and by the demo seed.
/// </summary>
public sealed class ReferenceUnits(ImportOfficialUnits.Handler importUnits, ApplyUnitChanges.Handler applyChanges, AppDbContext db)
{
    public const string OfficialListResource = "HocVuSo.Reference.admin_units_2025.csv";
    public const string ChangesResource = "HocVuSo.Reference.admin_changes_after_2025-07.csv";

    public static Stream Open(string resource) =>
        typeof(ReferenceUnits).Assembly.GetManifestResourceStream(resource)
        ?? throw new InvalidOperationException("Missing embedded reference data " + resource);

    /// <summary>Loads the official list when no province exists yet, then applies any changes not yet applied.</summary>
    public async Task<Result<(ImportReport Units, ImportReport Changes)>> EnsureAsync(CancellationToken ct)
    {
        ImportReport units = new(0, 0, []);
        if (!await db.Units.AnyAsync(u => u.Level == UnitLevel.Province, ct))
        {
            await using var list = Open(OfficialListResource);
            var imported = await importUnits.HandleAsync(new ImportOfficialUnits.Command(list), ct);
            if (!imported.IsSuccess)
            {
                return Result<(ImportReport, ImportReport)>.Fail(imported.Errors);
            }

            units = imported.Value!;
        }

        await using var changesFile = Open(ChangesResource);
        var changes = await applyChanges.HandleAsync(new ApplyUnitChanges.Command(changesFile), ct);
        if (!changes.IsSuccess)
        {
            return Result<(ImportReport, ImportReport)>.Fail(changes.Errors);
        }

        return (units, changes.Value!);
    }
}
