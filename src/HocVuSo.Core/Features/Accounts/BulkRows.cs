using HocVuSo.Core.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Storage;

namespace HocVuSo.Core.Features.Accounts;

/// <summary>
/// Writes many new rows of mapped entities at database speed, inside the caller's transaction:
/// on PostgreSQL one binary <c>COPY</c> per call, the columns, value converters (so protected
/// personal data is encrypted exactly as <c>SaveChanges</c> would) and store types taken from the
/// EF model; on SQLite the rows are added to the context and written by <see cref="FlushAsync"/>
/// as EF Core's batched <c>INSERT</c>s, after which the change tracker is cleared. Rows with a
/// store-generated key (identity columns) get no key back on PostgreSQL: only use it for rows
/// nothing refers to by that key in the same import. Save-changes interceptors do not see the
/// copied rows; that is right for brand-new accounts (<see cref="StaffGrantStamps"/> skips those anyway).
/// </summary>
public sealed class BulkRows(AppDbContext db)
{
    public bool UsesCopy => db.Database.IsNpgsql();

    /// <summary>Writes <paramref name="rows"/> now (PostgreSQL) or adds them to be written by <see cref="FlushAsync"/> (SQLite).</summary>
    public async Task AddAsync<T>(IReadOnlyCollection<T> rows, CancellationToken ct)
        where T : class
    {
        if (rows.Count == 0)
        {
            return;
        }

        if (!UsesCopy)
        {
            db.Set<T>().AddRange(rows);
            return;
        }

        if (db.Database.CurrentTransaction is null)
        {
            throw new InvalidOperationException("Bulk rows are written inside a transaction of the caller.");
        }

        var entityType = db.Model.FindEntityType(typeof(T)) ?? throw new InvalidOperationException($"{typeof(T).Name} is not mapped.");
        var columns = Columns(entityType);
        var table = StoreObjectIdentifier.Table(entityType.GetTableName()!, entityType.GetSchema());
        var target = (entityType.GetSchema() is { } schema ? Quote(schema) + "." : string.Empty) + Quote(table.Name);
        var sql = $"COPY {target} ({string.Join(", ", columns.Select(c => Quote(c.Property.GetColumnName(table)!)))}) FROM STDIN (FORMAT BINARY)";
        var connection = (Npgsql.NpgsqlConnection)db.Database.GetDbConnection();
        await using var writer = await connection.BeginBinaryImportAsync(sql, ct);
        foreach (var row in rows)
        {
            await writer.StartRowAsync(ct);
            foreach (var column in columns)
            {
                var value = column.Getter.GetClrValueUsingContainingEntity(row);
                if (value is not null && column.Converter is { } converter)
                {
                    value = converter.ConvertToProvider(value);
                }

                if (value is null)
                {
                    await writer.WriteNullAsync(ct);
                }
                else
                {
                    await writer.WriteAsync(value, column.StoreType, ct);
                }
            }
        }

        await writer.CompleteAsync(ct);
    }

    /// <summary>SQLite: writes what <see cref="AddAsync"/> added, then forgets it (the memory stays flat over a long file). PostgreSQL: nothing to do.</summary>
    public async Task FlushAsync(CancellationToken ct)
    {
        if (UsesCopy)
        {
            return;
        }

        await db.SaveChangesAsync(ct);
        db.ChangeTracker.Clear();
    }

    private sealed record Column(IProperty Property, IClrPropertyGetter Getter, Microsoft.EntityFrameworkCore.Storage.ValueConversion.ValueConverter? Converter, string StoreType);

    private static List<Column> Columns(IEntityType entityType)
    {
        if (entityType.GetNavigations().Any(n => n.TargetEntityType.IsOwned()) || entityType.GetComplexProperties().Any())
        {
            throw new NotSupportedException($"{entityType.DisplayName()}: owned and complex types are not written by bulk rows.");
        }

        var columns = new List<Column>();
        foreach (var property in entityType.GetProperties())
        {
            if (property.ValueGenerated == ValueGenerated.OnAdd && property.IsPrimaryKey() && property.ClrType is var t && (t == typeof(int) || t == typeof(long)))
            {
                continue; // identity column: the database numbers the row
            }

            if (property.IsShadowProperty())
            {
                throw new NotSupportedException($"{entityType.DisplayName()}.{property.Name}: shadow properties are not written by bulk rows.");
            }

            var mapping = (RelationalTypeMapping)property.GetTypeMapping();
            columns.Add(new Column(property, property.GetGetter(), mapping.Converter, mapping.StoreTypeNameBase));
        }

        return columns;
    }

    private static string Quote(string name) => "\"" + name.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";
}
