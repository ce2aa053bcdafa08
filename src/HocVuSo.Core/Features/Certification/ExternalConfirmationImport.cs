using HocVuSo.Core.Common;
using HocVuSo.Core.Data;
using HocVuSo.Core.Features.Accounts;
using HocVuSo.Core.Features.Geography;
using Microsoft.EntityFrameworkCore;

namespace HocVuSo.Core.Features.Certification;

/// <summary>What an import of confirmations did: rows taken, confirmations added or moved to an earlier date, and repeated rows counted once.</summary>
public sealed record ConfirmationImportResult(int Saved, int ConfirmationsAdded, int ConfirmationsUpdated, int ConfirmationsUnchanged, int StatusesSaved, int PeopleNotRegistered,
    IReadOnlyList<RepeatedRow> Duplicates);

/// <summary>A row that repeats an earlier one word for word: counted once, at <see cref="FirstRow"/>.</summary>
public sealed record RepeatedRow(int Row, int FirstRow);

/// <summary>
/// What the police list and the national-platform list share: the commune a file is for, finding
/// people by the keyed hash of their number, the rules of a confirmation date, and writing the
/// confirmations in one transaction (binary COPY on PostgreSQL, batched inserts on SQLite).
/// </summary>
internal static class ExternalConfirmationImport
{
    /// <summary>The national platform opened in 2025: no confirmation of universal digital skills is older.</summary>
    public static readonly DateOnly Earliest = new(2025, 1, 1);

    private const int BatchSize = 1000;

    public sealed record Person(string UserId, string? Path);

    public sealed record Planned(int Line, byte[] Hash, DateOnly Date, string? Course, string UnitPath, bool Registered);

    public sealed record Plan(List<ExternalConfirmation> Added, int Updated, int Unchanged);

    /// <summary>The commune named by <c>unit</c>, where the officer manages identities; null code: none named.</summary>
    public static async Task<Result<Unit?>> CommuneAsync(AppDbContext db, UserScope scope, string? code, DateOnly today, CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(code))
        {
            return Result<Unit?>.Ok(null);
        }

        var found = await db.UnitInScopeAsync(scope, code.Trim(), today, Permission.ManageIdentities, ct);
        if (!found.IsSuccess)
        {
            return Result<Unit?>.Fail(found.Errors);
        }

        return found.Value!.Level != UnitLevel.Commune ? Errors.Invalid("external_confirmations.unit_not_commune", "unit", code.Trim()) : found.Value;
    }

    /// <summary>A confirmation date: dd/MM/yyyy or yyyy-MM-dd, from 2025 to today.</summary>
    public static (DateOnly? Date, Error? Error) ParseDate(string? text, string field, DateOnly today)
    {
        var (date, error) = StatusDates.Parse(text, field, today);
        if (error is not null || date is not { } d)
        {
            return (date, error);
        }

        return d < Earliest
            ? (null, Errors.Invalid("digital_status.date_out_of_range", field, VietnameseFormat.Date(d), VietnameseFormat.Date(Earliest), VietnameseFormat.Date(today)))
            : (d, null);
    }

    /// <summary>The learners whose number has one of <paramref name="hashes"/>, with their home unit's path.</summary>
    public static async Task<Dictionary<string, Person>> PeopleAsync(AppDbContext db, IEnumerable<byte[]> hashes, CancellationToken ct)
    {
        var people = new Dictionary<string, Person>(StringComparer.Ordinal);
        foreach (var chunk in hashes.Chunk(500))
        {
            var found = await db.PersonIdentities.AsNoTracking().Where(p => chunk.Contains(p.IdNumberHash))
                .Select(p => new { p.IdNumberHash, p.UserId, Path = db.Users.Where(u => u.Id == p.UserId).Select(u => db.Units.Where(x => x.Id == u.HomeUnitId).Select(x => x.Path).FirstOrDefault()).FirstOrDefault() })
                .ToListAsync(ct);
            foreach (var f in found)
            {
                people[Convert.ToBase64String(f.IdNumberHash)] = new Person(f.UserId, f.Path);
            }
        }

        return people;
    }

    /// <summary>
    /// Compares the rows with the confirmations already recorded: a new person is added; a person
    /// already recorded takes the earlier date (and the course, if none was known); a person recorded
    /// for another commune and not registered here is refused (the row is named).
    /// </summary>
    public static async Task<Plan> PlanAsync(AppDbContext db, Unit commune, IReadOnlyList<Planned> rows, ExternalConfirmationSource source, string? userId, DateTime now,
        List<Error> errors, string numberColumn, CancellationToken ct)
    {
        var existing = new Dictionary<string, ExternalConfirmation>(StringComparer.Ordinal);
        foreach (var chunk in rows.Select(r => r.Hash).Chunk(500))
        {
            foreach (var row in await db.ExternalConfirmations.Where(c => chunk.Contains(c.IdNumberHash)).ToListAsync(ct))
            {
                existing[Convert.ToBase64String(row.IdNumberHash)] = row;
            }
        }

        var added = new List<ExternalConfirmation>();
        var (updated, unchanged) = (0, 0);
        foreach (var row in rows)
        {
            if (existing.TryGetValue(Convert.ToBase64String(row.Hash), out var known))
            {
                if (!row.Registered && !known.UnitPath.StartsWith(commune.Path, StringComparison.Ordinal))
                {
                    errors.Add(Errors.Invalid("external_confirmations.other_commune", numberColumn).AtRow(row.Line));
                    continue;
                }

                var changed = false;
                if (row.Date < known.SkillsConfirmedOn)
                {
                    (known.SkillsConfirmedOn, known.ConfirmedFromUtc, known.Source) = (row.Date, StartUtc(row.Date), source);
                    changed = true;
                }

                if (known.Course is null && row.Course is not null)
                {
                    known.Course = row.Course;
                    changed = true;
                }

                if (known.UnitPath != row.UnitPath)
                {
                    (known.UnitPath, known.CommuneId) = (row.UnitPath, commune.Id);
                    changed = true;
                }

                if (changed)
                {
                    known.UpdatedAt = now;
                    updated++;
                }
                else
                {
                    unchanged++;
                }

                continue;
            }

            added.Add(new ExternalConfirmation
            {
                IdNumberHash = row.Hash,
                CommuneId = commune.Id,
                UnitPath = row.UnitPath,
                SkillsConfirmedOn = row.Date,
                ConfirmedFromUtc = StartUtc(row.Date),
                Source = source,
                Course = row.Course,
                RecordedAt = now,
                UpdatedAt = now,
                RecordedByUserId = userId,
            });
        }

        return new Plan(added, updated, unchanged);
    }

    /// <summary>The start of a day in Viet Nam (UTC+7) as a UTC instant.</summary>
    public static DateTime StartUtc(DateOnly day) =>
        day.ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc).AddHours(-Reporting.ComputationWindow.VietnamOffsetHours);

    /// <summary>Saves what is tracked and inserts the new confirmations, all in one transaction: nothing is half-written.</summary>
    public static async Task WriteAsync(AppDbContext db, IReadOnlyList<ExternalConfirmation> added, CancellationToken ct)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        await db.SaveChangesAsync(ct);
        // The project's bulk writer (binary COPY on PostgreSQL, batched inserts on SQLite), with the model's columns and types.
        var bulk = new Accounts.BulkRows(db);
        foreach (var chunk in added.Chunk(BatchSize))
        {
            await bulk.AddAsync(chunk, ct);
            await bulk.FlushAsync(ct);
        }

        await transaction.CommitAsync(ct);
    }
}
