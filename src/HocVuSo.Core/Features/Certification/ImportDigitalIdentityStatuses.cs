using HocVuSo.Core.Common;
using HocVuSo.Core.Common.Uploads;
using HocVuSo.Core.Data;
using HocVuSo.Core.Features.Accounts;
using HocVuSo.Core.Features.Audit;
using HocVuSo.Core.Features.Geography;
using Microsoft.EntityFrameworkCore;

namespace HocVuSo.Core.Features.Certification;

/// <summary>
/// Imports the commune police's list (CSV: <c>cccd;vneid_level2_date;signature_date[;skills_confirmed_date]</c>).
/// Each row is matched by the keyed hash of the identification number to a learner in the
/// officer's scope. <c>skills_confirmed_date</c> (optional; older files without it still import) is
/// the day the person was confirmed on VNeID as having universal digital skills through the
/// national platform: it is recorded as an <see cref="ExternalConfirmation"/>, also for a person
/// not registered here when the file names its commune (<c>unit</c>), known then only by the hash
/// and the commune. With a commune named, a learner of another commune is refused on their row.
/// A row repeated word for word is counted once and reported; any bad row (number invalid or, for
/// dates other than the confirmation, not registered here; date wrong; the same number with other
/// dates) is reported by line and column, and then nothing is saved: the file is taken whole or
/// not at all. The numbers are never logged or stored in clear; the audit entry counts rows.
/// </summary>
public static class ImportDigitalIdentityStatuses
{
    public const string NumberColumn = "cccd";
    public const string VneidColumn = "vneid_level2_date";
    public const string SignatureColumn = "signature_date";
    public const string SkillsColumn = "skills_confirmed_date";

    public sealed record Command(Upload File, string? Unit = null);

    private sealed record Parsed(int Line, byte[] Hash, DateOnly? Vneid, DateOnly? Signature, DateOnly? Skills);

    public sealed class Handler(AppDbContext db, ScopeService scopes, PersonalDataProtector protector, UploadLimits limits, TimeProvider clock)
    {
        public async Task<Result<ConfirmationImportResult>> HandleAsync(Command command, CancellationToken ct)
        {
            var scope = await scopes.GetAsync(ct);
            if (!scope.Has(Permission.ManageIdentities))
            {
                return Errors.Forbidden();
            }

            var today = clock.TodayInVietnam();
            var commune = await ExternalConfirmationImport.CommuneAsync(db, scope, command.Unit, today, ct);
            if (!commune.IsSuccess)
            {
                return Result<ConfirmationImportResult>.Fail(commune.Errors);
            }

            var table = await CsvTable.ReadAsync(command.File, [NumberColumn], [VneidColumn, SignatureColumn, SkillsColumn], limits, ct);
            if (!table.IsSuccess)
            {
                return Result<ConfirmationImportResult>.Fail(table.Errors);
            }

            var errors = new List<Error>();
            var duplicates = new List<RepeatedRow>();
            var parsed = new List<Parsed>();
            var seen = new Dictionary<string, Parsed>(StringComparer.Ordinal);
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
                var (vneid, vneidError) = StatusDates.Parse(row[VneidColumn], VneidColumn, today);
                var (signature, signatureError) = StatusDates.Parse(row[SignatureColumn], SignatureColumn, today);
                var (skills, skillsError) = ExternalConfirmationImport.ParseDate(row[SkillsColumn], SkillsColumn, today);
                var dateErrors = new[] { vneidError, signatureError, skillsError }.OfType<Error>().ToList();
                var key = Convert.ToBase64String(hash);
                if (seen.TryGetValue(key, out var first))
                {
                    // The same person twice: counted once when the rows agree, otherwise the file is wrong.
                    if (dateErrors.Count == 0 && first.Vneid == vneid && first.Signature == signature && first.Skills == skills)
                    {
                        duplicates.Add(new RepeatedRow(row.Line, first.Line));
                    }
                    else
                    {
                        errors.Add(Errors.Invalid("digital_status.repeated", NumberColumn, first.Line).AtRow(row.Line));
                    }

                    continue;
                }

                var entry = new Parsed(row.Line, hash, vneid, signature, skills);
                seen[key] = entry;
                errors.AddRange(dateErrors.Select(e => e.AtRow(row.Line)));
                if (dateErrors.Count == 0 && vneid is null && signature is null && skills is null)
                {
                    errors.Add(Errors.Invalid("digital_status.row_empty", VneidColumn, VneidColumn, SignatureColumn).AtRow(row.Line));
                    continue;
                }

                if (dateErrors.Count == 0)
                {
                    parsed.Add(entry);
                }
            }

            var people = await ExternalConfirmationImport.PeopleAsync(db, parsed.Select(p => p.Hash), ct);
            var matches = new List<(string UserId, string? Path, DateOnly? Vneid, DateOnly? Signature)>();
            var confirmations = new List<ExternalConfirmationImport.Planned>();
            var unregistered = 0;
            foreach (var row in parsed)
            {
                var person = people.GetValueOrDefault(Convert.ToBase64String(row.Hash));
                if (person is not null && commune.Value is { } named && !(person.Path ?? "/").StartsWith(named.Path, StringComparison.Ordinal))
                {
                    errors.Add(Errors.Invalid("external_confirmations.other_commune", NumberColumn).AtRow(row.Line));
                    continue;
                }

                // A number not registered, or registered by someone outside the officer's scope, reads the same: not here.
                var here = person is not null && scope.Can(Permission.ManageIdentities, person.Path ?? "/");
                if (!here && (row.Vneid is not null || row.Signature is not null))
                {
                    errors.Add(Errors.Invalid("digital_status.not_registered", NumberColumn).AtRow(row.Line));
                    continue;
                }

                if (!here && commune.Value is null)
                {
                    errors.Add(Errors.Invalid("external_confirmations.unit_required", NumberColumn).AtRow(row.Line));
                    continue;
                }

                if (here && (row.Vneid is not null || row.Signature is not null))
                {
                    matches.Add((person!.UserId, person.Path, row.Vneid, row.Signature));
                }

                if (row.Skills is { } day)
                {
                    // Without a commune named, a learner's own commune is the file's (the learner is in scope).
                    unregistered += here ? 0 : 1;
                    confirmations.Add(new ExternalConfirmationImport.Planned(row.Line, row.Hash, day, null, here ? person!.Path ?? "/" : commune.Value!.Path, here));
                }
            }

            var now = clock.UtcNow();
            var plan = new ExternalConfirmationImport.Plan([], 0, 0);
            if (confirmations.Count > 0)
            {
                plan = await ConfirmationsAsync(confirmations, commune.Value, scope, now, errors, ct);
            }

            if (errors.Count > 0)
            {
                db.ChangeTracker.Clear();
                return Result<ConfirmationImportResult>.Fail(errors.OrderBy(e => e.Row).ToList());
            }

            var ids = matches.Select(m => m.UserId).ToList();
            var existing = new Dictionary<string, DigitalIdentityStatus>(StringComparer.Ordinal);
            foreach (var chunk in ids.Chunk(500))
            {
                foreach (var status in await db.DigitalIdentityStatuses.Where(s => chunk.Contains(s.UserId)).ToListAsync(ct))
                {
                    existing[status.UserId] = status;
                }
            }

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
            AuditLog.Record(db, scope, now, CertificationAuditActions.StatusImported, nameof(DigitalIdentityStatus), "import", commune.Value?.Path ?? (prefixes.Count > 0 ? prefixes[0] : null),
                newValue: new
                {
                    rows = parsed.Count, vneidLevel2 = matches.Count(m => m.Vneid is not null), signatures = matches.Count(m => m.Signature is not null),
                    confirmationsAdded = plan.Added.Count, confirmationsUpdated = plan.Updated, repeated = duplicates.Count,
                });
            await ExternalConfirmationImport.WriteAsync(db, plan.Added, ct);
            return new ConfirmationImportResult(parsed.Count, plan.Added.Count, plan.Updated, plan.Unchanged, matches.Count, unregistered, duplicates);
        }

        // Confirmations of learners found without a commune named are grouped under each learner's commune.
        private async Task<ExternalConfirmationImport.Plan> ConfirmationsAsync(
            List<ExternalConfirmationImport.Planned> rows, Unit? named, UserScope scope, DateTime now, List<Error> errors, CancellationToken ct)
        {
            if (named is not null)
            {
                return await ExternalConfirmationImport.PlanAsync(db, named, rows, ExternalConfirmationSource.Police, scope.UserId, now, errors, NumberColumn, ct);
            }

            var added = new List<ExternalConfirmation>();
            var (updated, unchanged) = (0, 0);
            foreach (var group in rows.GroupBy(r => CommunePath(r.UnitPath)))
            {
                var commune = await db.Units.AsNoTracking().FirstOrDefaultAsync(u => u.Path == group.Key && u.Level == UnitLevel.Commune, ct);
                if (commune is null)
                {
                    errors.AddRange(group.Select(r => Errors.Invalid("external_confirmations.unit_required", NumberColumn).AtRow(r.Line)));
                    continue;
                }

                var plan = await ExternalConfirmationImport.PlanAsync(db, commune, group.ToList(), ExternalConfirmationSource.Police, scope.UserId, now, errors, NumberColumn, ct);
                added.AddRange(plan.Added);
                updated += plan.Updated;
                unchanged += plan.Unchanged;
            }

            return new ExternalConfirmationImport.Plan(added, updated, unchanged);
        }

        /// <summary>"/66/24445/24445-002/" → "/66/24445/".</summary>
        private static string CommunePath(string path)
        {
            var parts = path.Split('/', StringSplitOptions.RemoveEmptyEntries);
            return parts.Length >= 2 ? $"/{parts[0]}/{parts[1]}/" : path;
        }
    }
}
