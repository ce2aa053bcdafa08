using System.Globalization;
using HocVuSo.Core.Common;
using HocVuSo.Core.Common.Uploads;
using HocVuSo.Core.Data;
using HocVuSo.Core.Features.Accounts;
using HocVuSo.Core.Features.Audit;
using HocVuSo.Core.Features.Geography;
using Microsoft.EntityFrameworkCore;

namespace HocVuSo.Core.Features.Oversight;

/// <summary>Reads the first sheet of an .xlsx as a table (header on line 1), within the upload bounds; the spreadsheet format lives at the edge.</summary>
public interface ICommunicationSheetReader
{
    /// <summary>The rows under the header, with the same column rules as <see cref="CsvTable"/>; a file that is not a readable .xlsx or past a bound is an error.</summary>
    Result<IReadOnlyList<CsvRow>> Read(Stream xlsx, IReadOnlyList<string> required, IReadOnlyList<string> optional, UploadLimits limits, CancellationToken ct);
}

/// <summary>
/// Imports a communications log from CSV or .xlsx into a commune or village: columns kind,
/// channel, title, date (dd/MM/yyyy or yyyy-MM-dd; in .xlsx also a date cell), optional unit (the
/// unit imported into or a village under it; by default the unit itself), language (ISO 639-3,
/// by default vie), topic, url, reach. Every row passes the same rules as an item recorded alone
/// (<see cref="CommunicationRules"/>). All or nothing: any bad row and nothing is saved; each error
/// names the line and the column. Links repeated in the file or already logged that month are
/// saved and flagged as duplicates, the first one counting.
/// </summary>
public static class ImportCommunications
{
    public static readonly string[] Columns = ["kind", "channel", "title", "date"];
    public static readonly string[] Optional = ["unit", "language", "topic", "url", "reach"];

    public sealed record Command(string UnitCode, Upload File);

    public sealed record Report(int Imported, int Duplicates);

    public sealed class Handler(AppDbContext db, ScopeService scopes, ICommunicationSheetReader sheets, UploadLimits limits, TimeProvider clock,
        Microsoft.Extensions.Options.IOptionsMonitor<CommunicationOptions> options)
    {
        public async Task<Result<Report>> HandleAsync(Command command, CancellationToken ct)
        {
            var scope = await scopes.GetAsync(ct);
            var today = clock.TodayInVietnam();
            var target = await db.Units.AsNoTracking().ValidOn(today).FirstOrDefaultAsync(u => u.Code == command.UnitCode && u.Level >= UnitLevel.Commune, ct);
            if (target is null)
            {
                return Errors.NotFound("units.not_found", command.UnitCode);
            }

            // The right is checked before the file is read.
            if (scope.UserId is null || scope.Check(Permission.RecordActivities, target.Path) is not null)
            {
                return Errors.Forbidden();
            }

            var table = await ReadAsync(command.File, ct);
            if (!table.IsSuccess)
            {
                return Result<Report>.Fail(table.Errors);
            }

            var (rows, fromSheet) = table.Value;
            var errors = new List<Error>();
            var units = new Dictionary<string, Unit?>(StringComparer.Ordinal);
            var now = clock.UtcNow();
            var items = new List<CommunicationItem>();
            foreach (var row in rows)
            {
                var unitCode = row["unit"].Length == 0 ? target.Code : row["unit"];
                var rowErrors = new List<Error>();
                if (!ParseDate(row["date"], fromSheet, out var date))
                {
                    rowErrors.Add(Errors.Invalid("communications.bad_date", "date", row["date"]));
                }

                int? reach = null;
                if (row["reach"].Length > 0)
                {
                    if (int.TryParse(row["reach"].Replace(".", string.Empty, StringComparison.Ordinal), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var r))
                    {
                        reach = r;
                    }
                    else
                    {
                        rowErrors.Add(Errors.Invalid("communications.bad_reach", "reach", row["reach"]));
                    }
                }

                var input = new CommunicationInput(unitCode, row["kind"], row["channel"], row["title"], rowErrors.Any(e => e.Field == "date") ? null : date,
                    row["language"], row["topic"], row["url"], reach);
                var valid = await CommunicationRules.CheckAsync(db, scope, input, today, ct, units);
                if (valid.IsSuccess && !valid.Value!.Unit.Path.StartsWith(target.Path, StringComparison.Ordinal))
                {
                    rowErrors.Add(Errors.Invalid("communications.unit_outside_import", "unit", unitCode, target.Code));
                }
                else if (!valid.IsSuccess)
                {
                    // A unit that is unknown or outside the caller's scope is a mistake in this row, named like the others.
                    rowErrors.AddRange(valid.Errors
                        .Where(e => !(e.Field == "date" && rowErrors.Any(d => d.Field == "date")))
                        .Select(e => e.Kind is ErrorKind.NotFound or ErrorKind.Forbidden ? Errors.Invalid("communications.unit_not_allowed", "unit", unitCode) : e));
                }

                if (rowErrors.Count > 0)
                {
                    errors.AddRange(rowErrors.Select(e => e.AtRow(row.Line)));
                    continue;
                }

                var item = new CommunicationItem { Id = Guid.CreateVersion7(), Kind = string.Empty, Channel = string.Empty, Title = string.Empty, UnitPath = string.Empty, Language = string.Empty, RecordedByUserId = scope.UserId, RecordedAt = now };
                CommunicationRules.Apply(item, valid.Value!);
                items.Add(item);
            }

            if (errors.Count > 0)
            {
                return Result<Report>.Fail(errors);
            }

            if (items.Count == 0)
            {
                return Errors.Invalid("csv.empty", "file");
            }

            var existing = await CommunicationDuplicates.GroupsAsync(db, items, ct);
            CommunicationDuplicates.Settle([.. existing, .. items]);
            db.CommunicationItems.AddRange(items);
            foreach (var item in items)
            {
                CommunicationLinkChecks.Enqueue(db, clock, options.CurrentValue, item);
            }

            var duplicates = items.Count(i => i.DuplicateOfId is not null);
            AuditLog.Record(db, scope, now, "communications.imported", nameof(CommunicationItem), target.Code, target.Path, newValue: new { imported = items.Count, duplicates });
            await db.SaveChangesAsync(ct);
            return new Report(items.Count, duplicates);
        }

        /// <summary>The file's rows, and whether it was a spreadsheet (a .xlsx is a zip: it starts with "PK").</summary>
        private async Task<Result<(IReadOnlyList<CsvRow> Rows, bool FromSheet)>> ReadAsync(Upload upload, CancellationToken ct)
        {
            var opened = await upload.OpenAsync(ct);
            if (!opened.IsSuccess)
            {
                return Result<(IReadOnlyList<CsvRow>, bool)>.Fail(opened.Errors);
            }

            var buffered = await BoundedStream.BufferAsync(opened.Value!, Math.Max(limits.MaxCsvBytes, limits.MaxXlsxBytes), ct);
            if (!buffered.IsSuccess)
            {
                return Result<(IReadOnlyList<CsvRow>, bool)>.Fail(buffered.Errors);
            }

            await using var file = buffered.Value!;
            if (file.Length == 0)
            {
                return UploadErrors.Missing();
            }

            var bytes = file.GetBuffer();
            var isSheet = file.Length > 4 && bytes[0] == (byte)'P' && bytes[1] == (byte)'K' && bytes[2] == 3 && bytes[3] == 4;
            if (isSheet && file.Length > limits.MaxXlsxBytes)
            {
                return UploadErrors.TooLarge(limits.MaxXlsxBytes);
            }

            if (!isSheet && file.Length > limits.MaxCsvBytes)
            {
                return UploadErrors.TooLarge(limits.MaxCsvBytes);
            }

            file.Position = 0;
            var rows = isSheet ? sheets.Read(file, Columns, Optional, limits, ct) : CsvTable.Read(file, Columns, Optional, limits, ct);
            return rows.IsSuccess ? (rows.Value!, isSheet) : Result<(IReadOnlyList<CsvRow>, bool)>.Fail(rows.Errors);
        }
    }

    /// <summary>A day as people type it; in a spreadsheet also a date cell (a serial day number).</summary>
    public static bool ParseDate(string text, bool fromSheet, out DateOnly date)
    {
        if (VietnameseFormat.TryParseDate(text, out date))
        {
            return true;
        }

        // Excel stores dates as days since 30/12/1899; 36526 is 01/01/2000, 2958465 is 31/12/9999.
        if (fromSheet && double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var serial) && serial is >= 36526 and <= 2958465)
        {
            date = DateOnly.FromDateTime(DateTime.FromOADate(Math.Floor(serial)));
            return true;
        }

        return false;
    }
}
