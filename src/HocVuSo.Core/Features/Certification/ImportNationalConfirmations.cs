using HocVuSo.Core.Common;
using HocVuSo.Core.Common.Uploads;
using HocVuSo.Core.Data;
using HocVuSo.Core.Features.Accounts;
using HocVuSo.Core.Features.Audit;

namespace HocVuSo.Core.Features.Certification;

/// <summary>
/// Imports a list exported from the national platform (binhdanhocvuso.gov.vn) for one commune
/// (<c>unit</c>, required): CSV <c>cccd;confirmed_date[;course]</c> — the identification number, the
/// day the person was confirmed on VNeID as having universal digital skills, and optionally the
/// course. Each person is matched by the keyed hash of the number to a learner of the commune, or
/// recorded as a person known only by the hash and the commune (<see cref="ExternalConfirmation"/>).
/// A row repeated word for word is counted once and reported; a bad number or date, the same number
/// with another date, or a learner of another commune is reported by line and column, and then
/// nothing is saved.
/// </summary>
public static class ImportNationalConfirmations
{
    public const string NumberColumn = "cccd";
    public const string DateColumn = "confirmed_date";
    public const string CourseColumn = "course";
    public const int CourseMaxLength = 200;

    public sealed record Command(Upload File, string? Unit);

    public sealed class Handler(AppDbContext db, ScopeService scopes, PersonalDataProtector protector, UploadLimits limits, TimeProvider clock)
    {
        public async Task<Result<ConfirmationImportResult>> HandleAsync(Command command, CancellationToken ct)
        {
            var scope = await scopes.GetAsync(ct);
            if (!scope.Has(Permission.ManageIdentities))
            {
                return Errors.Forbidden();
            }

            if (string.IsNullOrWhiteSpace(command.Unit))
            {
                return Errors.Invalid("external_confirmations.unit_missing", "unit");
            }

            var today = clock.TodayInVietnam();
            var found = await ExternalConfirmationImport.CommuneAsync(db, scope, command.Unit, today, ct);
            if (!found.IsSuccess)
            {
                return Result<ConfirmationImportResult>.Fail(found.Errors);
            }

            var commune = found.Value!;
            var table = await CsvTable.ReadAsync(command.File, [NumberColumn, DateColumn], [CourseColumn], limits, ct);
            if (!table.IsSuccess)
            {
                return Result<ConfirmationImportResult>.Fail(table.Errors);
            }

            var errors = new List<Error>();
            var duplicates = new List<RepeatedRow>();
            var rows = new List<(int Line, byte[] Hash, DateOnly Date, string? Course)>();
            var seen = new Dictionary<string, (int Line, DateOnly? Date, string? Course)>(StringComparer.Ordinal);
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
                var (date, dateError) = ExternalConfirmationImport.ParseDate(row[DateColumn], DateColumn, today);
                var course = VietnameseText.Clean(row[CourseColumn]) is { Length: > 0 } c ? c : null;
                var key = Convert.ToBase64String(hash);
                if (seen.TryGetValue(key, out var first))
                {
                    if (dateError is null && first.Date == date && first.Course == course)
                    {
                        duplicates.Add(new RepeatedRow(row.Line, first.Line));
                    }
                    else
                    {
                        errors.Add(Errors.Invalid("digital_status.repeated", NumberColumn, first.Line).AtRow(row.Line));
                    }

                    continue;
                }

                seen[key] = (row.Line, date, course);
                if (dateError is not null)
                {
                    errors.Add(dateError.AtRow(row.Line));
                    continue;
                }

                if (date is null)
                {
                    errors.Add(Errors.Invalid("external_confirmations.date_missing", DateColumn).AtRow(row.Line));
                    continue;
                }

                if (course is { Length: > CourseMaxLength })
                {
                    errors.Add(Errors.Invalid("external_confirmations.course_too_long", CourseColumn, CourseMaxLength).AtRow(row.Line));
                    continue;
                }

                rows.Add((row.Line, hash, date.Value, course));
            }

            var people = await ExternalConfirmationImport.PeopleAsync(db, rows.Select(r => r.Hash), ct);
            var planned = new List<ExternalConfirmationImport.Planned>();
            foreach (var row in rows)
            {
                var person = people.GetValueOrDefault(Convert.ToBase64String(row.Hash));
                if (person is not null && !(person.Path ?? "/").StartsWith(commune.Path, StringComparison.Ordinal))
                {
                    errors.Add(Errors.Invalid("external_confirmations.other_commune", NumberColumn).AtRow(row.Line));
                    continue;
                }

                planned.Add(new ExternalConfirmationImport.Planned(row.Line, row.Hash, row.Date, row.Course, person?.Path ?? commune.Path, person is not null));
            }

            var now = clock.UtcNow();
            var plan = await ExternalConfirmationImport.PlanAsync(db, commune, planned, ExternalConfirmationSource.NationalPlatform, scope.UserId, now, errors, NumberColumn, ct);
            if (errors.Count > 0)
            {
                db.ChangeTracker.Clear();
                return Result<ConfirmationImportResult>.Fail(errors.OrderBy(e => e.Row).ToList());
            }

            AuditLog.Record(db, scope, now, CertificationAuditActions.ExternalConfirmationsImported, nameof(ExternalConfirmation), "import", commune.Path,
                newValue: new { rows = planned.Count, confirmationsAdded = plan.Added.Count, confirmationsUpdated = plan.Updated, repeated = duplicates.Count });
            await ExternalConfirmationImport.WriteAsync(db, plan.Added, ct);
            return new ConfirmationImportResult(planned.Count, plan.Added.Count, plan.Updated, plan.Unchanged, 0, planned.Count(p => !p.Registered), duplicates);
        }
    }
}
