using System.Globalization;
using HocVuSo.Core.Common;
using HocVuSo.Core.Common.Uploads;
using HocVuSo.Core.Data;
using HocVuSo.Core.Features.Accounts;
using HocVuSo.Core.Features.Audit;
using Microsoft.EntityFrameworkCore;

namespace HocVuSo.Core.Features.Certification;

/// <summary>A person's digital-identity milestones as officers see them.</summary>
public sealed record DigitalIdentityStatusView(string UserName, DateOnly? VneidLevel2On, string? VneidLevel2Source, DateOnly? DigitalSignatureOn, string? DigitalSignatureSource)
{
    internal static DigitalIdentityStatusView From(string userName, DigitalIdentityStatus? s) => new(
        userName, s?.VneidLevel2On, SourceName(s?.VneidLevel2Source), s?.DigitalSignatureOn, SourceName(s?.DigitalSignatureSource));

    public static string? SourceName(StatusSource? source) => source switch
    {
        StatusSource.Officer => "officer",
        StatusSource.Import => "import",
        _ => null,
    };
}

internal static class StatusDates
{
    public static readonly DateOnly Earliest = new(2020, 1, 1);

    /// <summary>dd/MM/yyyy (as people write it) or yyyy-MM-dd; between 2020 and today.</summary>
    public static (DateOnly? Date, Error? Error) Parse(string? text, string field, DateOnly today)
    {
        var value = VietnameseText.Clean(text);
        if (value.Length == 0)
        {
            return (null, null);
        }

        if (!DateOnly.TryParseExact(value, ["dd/MM/yyyy", "d/M/yyyy", "yyyy-MM-dd"], CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
        {
            return (null, Errors.Invalid("digital_status.date_invalid", field, value.Length > 20 ? value[..20] : value));
        }

        if (date < Earliest || date > today)
        {
            return (null, Errors.Invalid("digital_status.date_out_of_range", field, VietnameseFormat.Date(date), VietnameseFormat.Date(Earliest), VietnameseFormat.Date(today)));
        }

        return (date, null);
    }

    public static void Apply(DigitalIdentityStatus row, DateOnly? vneid, DateOnly? signature, StatusSource source, DateTime now)
    {
        if (vneid is { } v)
        {
            (row.VneidLevel2On, row.VneidLevel2Source, row.VneidLevel2RecordedAt) = (v, source, now);
        }

        if (signature is { } s)
        {
            (row.DigitalSignatureOn, row.DigitalSignatureSource, row.DigitalSignatureRecordedAt) = (s, source, now);
        }
    }
}

/// <summary>
/// An officer who manages identities in a person's unit records that the person activated a
/// level-2 VNeID account and/or registered a personal digital signature, with the dates (dd/MM/yyyy).
/// A date left empty keeps what was recorded. Audited.
/// </summary>
public static class SetDigitalIdentityStatus
{
    public sealed record Command(string? UserName, string? VneidLevel2On, string? DigitalSignatureOn);

    public sealed class Handler(AppDbContext db, ScopeService scopes, TimeProvider clock)
    {
        public async Task<Result<DigitalIdentityStatusView>> HandleAsync(Command command, CancellationToken ct)
        {
            var scope = await scopes.GetAsync(ct);
            var resolved = await IdentityTargets.ResolveAsync(db, scope, command.UserName, allowSelf: false, ct);
            if (!resolved.IsSuccess)
            {
                return Result<DigitalIdentityStatusView>.Fail(resolved.Errors);
            }

            var target = resolved.Value!;
            var today = clock.TodayInVietnam();
            var (vneid, vneidError) = StatusDates.Parse(command.VneidLevel2On, "vneidLevel2On", today);
            var (signature, signatureError) = StatusDates.Parse(command.DigitalSignatureOn, "digitalSignatureOn", today);
            var errors = new[] { vneidError, signatureError }.OfType<Error>().ToList();
            if (errors.Count == 0 && vneid is null && signature is null)
            {
                errors.Add(Errors.Invalid("digital_status.nothing_to_set", "vneidLevel2On"));
            }

            if (errors.Count > 0)
            {
                return Result<DigitalIdentityStatusView>.Fail(errors);
            }

            var now = clock.UtcNow();
            var row = await db.DigitalIdentityStatuses.FirstOrDefaultAsync(s => s.UserId == target.UserId, ct);
            var old = row is null ? null : new { row.VneidLevel2On, row.DigitalSignatureOn };
            if (row is null)
            {
                row = new DigitalIdentityStatus { UserId = target.UserId };
                db.DigitalIdentityStatuses.Add(row);
            }

            row.UnitPath = target.UnitPath;
            StatusDates.Apply(row, vneid, signature, StatusSource.Officer, now);
            AuditLog.Record(db, scope, now, CertificationAuditActions.StatusSet, nameof(DigitalIdentityStatus), target.UserId, target.UnitPath,
                oldValue: old, newValue: new { row.VneidLevel2On, row.DigitalSignatureOn, source = "officer" });
            await db.SaveChangesAsync(ct);
            return DigitalIdentityStatusView.From(target.UserName, row);
        }
    }
}

/// <summary>
/// Imports the commune police's list (CSV: <c>cccd;vneid_level2_date;signature_date</c>). Each row
/// is matched by the keyed hash of the identification number to a person in the officer's scope.
/// Any bad row (number invalid or not registered here, date wrong, repeated) is reported by line
/// and column in Vietnamese, and then nothing is saved: the file is taken whole or not at all. The
/// numbers are never logged or stored by the import; the audit entry counts rows.
/// </summary>
public static class ImportDigitalIdentityStatuses
{
    public const string NumberColumn = "cccd";
    public const string VneidColumn = "vneid_level2_date";
    public const string SignatureColumn = "signature_date";

    public sealed record Command(Upload File);

    public sealed class Handler(AppDbContext db, ScopeService scopes, PersonalDataProtector protector, UploadLimits limits, TimeProvider clock)
    {
        public async Task<Result<ImportReport>> HandleAsync(Command command, CancellationToken ct)
        {
            var scope = await scopes.GetAsync(ct);
            if (!scope.Has(Permission.ManageIdentities))
            {
                return Errors.Forbidden();
            }

            var table = await CsvTable.ReadAsync(command.File, [NumberColumn], [VneidColumn, SignatureColumn], limits, ct);
            if (!table.IsSuccess)
            {
                return Result<ImportReport>.Fail(table.Errors);
            }

            var today = clock.TodayInVietnam();
            var errors = new List<Error>();
            var parsed = new List<(int Line, byte[] Hash, DateOnly? Vneid, DateOnly? Signature)>();
            var seen = new Dictionary<string, int>(StringComparer.Ordinal);
            foreach (var row in table.Value!)
            {
                var number = PersonalIdNumbers.Normalise(row[NumberColumn]);
                var problems = PersonalIdNumbers.Check(number, null, null, today.Year);
                if (problems.Count > 0)
                {
                    errors.AddRange(problems.Select(p => p with { Field = NumberColumn, Row = row.Line }));
                    continue;
                }

                var hash = protector.Hash(PersonalIdNumbers.Purpose, number);
                var key = Convert.ToBase64String(hash);
                if (seen.TryGetValue(key, out var firstLine))
                {
                    errors.Add(Errors.Invalid("digital_status.repeated", NumberColumn, firstLine).AtRow(row.Line));
                    continue;
                }

                seen[key] = row.Line;
                var (vneid, vneidError) = StatusDates.Parse(row[VneidColumn], VneidColumn, today);
                var (signature, signatureError) = StatusDates.Parse(row[SignatureColumn], SignatureColumn, today);
                foreach (var error in new[] { vneidError, signatureError }.OfType<Error>())
                {
                    errors.Add(error.AtRow(row.Line));
                }

                if (vneidError is null && signatureError is null && vneid is null && signature is null)
                {
                    errors.Add(Errors.Invalid("digital_status.row_empty", VneidColumn, VneidColumn, SignatureColumn).AtRow(row.Line));
                    continue;
                }

                parsed.Add((row.Line, hash, vneid, signature));
            }

            var hashes = parsed.Select(p => p.Hash).ToList();
            var people = new List<(byte[] Hash, string UserId, string? Path)>();
            foreach (var chunk in hashes.Chunk(200))
            {
                var found = await db.PersonIdentities.AsNoTracking().Where(p => chunk.Contains(p.IdNumberHash))
                    .Select(p => new { p.IdNumberHash, p.UserId, Path = db.Users.Where(u => u.Id == p.UserId).Select(u => db.Units.Where(x => x.Id == u.HomeUnitId).Select(x => x.Path).FirstOrDefault()).FirstOrDefault() })
                    .ToListAsync(ct);
                people.AddRange(found.Select(f => (f.IdNumberHash, f.UserId, f.Path)));
            }

            var matches = new List<(string UserId, string? Path, DateOnly? Vneid, DateOnly? Signature)>();
            foreach (var row in parsed)
            {
                var person = people.FirstOrDefault(p => p.Hash.AsSpan().SequenceEqual(row.Hash));
                // A number not registered, or registered by someone outside the officer's scope, reads the same: not here.
                if (person.UserId is null || !scope.Can(Permission.ManageIdentities, person.Path ?? "/"))
                {
                    errors.Add(Errors.Invalid("digital_status.not_registered", NumberColumn).AtRow(row.Line));
                    continue;
                }

                matches.Add((person.UserId, person.Path, row.Vneid, row.Signature));
            }

            if (errors.Count > 0)
            {
                return Result<ImportReport>.Fail(errors.OrderBy(e => e.Row).ToList());
            }

            var now = clock.UtcNow();
            var ids = matches.Select(m => m.UserId).ToList();
            var existing = await db.DigitalIdentityStatuses.Where(s => ids.Contains(s.UserId)).ToDictionaryAsync(s => s.UserId, ct);
            foreach (var match in matches)
            {
                if (!existing.TryGetValue(match.UserId, out var status))
                {
                    status = new DigitalIdentityStatus { UserId = match.UserId };
                    db.DigitalIdentityStatuses.Add(status);
                    existing[match.UserId] = status;
                }

                status.UnitPath = match.Path;
                StatusDates.Apply(status, match.Vneid, match.Signature, StatusSource.Import, now);
            }

            var prefixes = scope.Prefixes(Permission.ManageIdentities);
            AuditLog.Record(db, scope, now, CertificationAuditActions.StatusImported, nameof(DigitalIdentityStatus), "import", prefixes.Count > 0 ? prefixes[0] : null,
                newValue: new { rows = matches.Count, vneidLevel2 = matches.Count(m => m.Vneid is not null), signatures = matches.Count(m => m.Signature is not null) });
            await db.SaveChangesAsync(ct);
            return new ImportReport(matches.Count, 0, []);
        }
    }
}
