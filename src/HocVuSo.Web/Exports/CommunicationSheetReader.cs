using System.Xml;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using HocVuSo.Core.Common;
using HocVuSo.Core.Common.Uploads;
using HocVuSo.Core.Features.Oversight;

namespace HocVuSo.Web.Exports;

/// <summary>
/// Reads the first sheet of an uploaded .xlsx as a table: line 1 holds the column names (any
/// case), each later line one row; values trimmed and in NFC, as <see cref="CsvTable"/> gives
/// them. The file is checked as a .zip first and read element by element within the upload
/// bounds (<see cref="ReportTemplateReader.SheetReader"/>).
/// </summary>
public sealed class CommunicationSheetReader : ICommunicationSheetReader
{
    public Result<IReadOnlyList<CsvRow>> Read(Stream xlsx, IReadOnlyList<string> required, IReadOnlyList<string> optional, UploadLimits limits, CancellationToken ct)
    {
        var corrupt = Errors.Invalid("communications.xlsx_corrupt", "file");
        if (ArchiveGuard.Check(xlsx, limits.MaxXlsxUncompressedBytes, limits.MaxArchiveEntries, limits.MaxCompressionRatio, corrupt) is { } refused)
        {
            return refused;
        }

        using var deadline = limits.Deadline(ct);
        try
        {
            var settings = new OpenSettings { MaxCharactersInPart = limits.MaxXlsxUncompressedBytes, AutoSave = false };
            using var document = SpreadsheetDocument.Open(xlsx, false, settings);
            var workbook = document.WorkbookPart ?? throw new InvalidDataException("no workbook");
            var reader = new ReportTemplateReader.SheetReader(limits, deadline.Token);
            var first = reader.SheetIds(workbook).Values.FirstOrDefault();
            if (first is null || workbook.GetPartById(first) is not WorksheetPart part)
            {
                return Errors.Invalid("csv.empty");
            }

            var cells = reader.Cells(part, reader.SharedStrings(workbook), [.. Enumerable.Range(1, limits.MaxXlsxColumns)]);
            string Text(int row, int column) => cells.TryGetValue((row, column), out var cell) ? VietnameseText.Clean(cell.Text) : string.Empty;

            var header = cells.Keys.Where(k => k.Row == 1).Select(k => k.Column).Order()
                .Select(c => (Column: c, Name: Text(1, c).ToLowerInvariant())).Where(h => h.Name.Length > 0).ToList();
            if (header.Count == 0)
            {
                return Errors.Invalid("csv.empty");
            }

            var names = header.Select(h => h.Name).ToList();
            var missing = required.Where(r => !names.Contains(r)).ToList();
            if (missing.Count > 0)
            {
                return Errors.Invalid("csv.missing_columns", null, string.Join(", ", missing), string.Join(", ", required));
            }

            var known = required.Concat(optional).ToHashSet(StringComparer.Ordinal);
            var extra = names.Where(n => !known.Contains(n)).ToList();
            if (extra.Count > 0)
            {
                return Errors.Invalid("csv.unknown_columns", null, string.Join(", ", extra), string.Join(", ", known));
            }

            var rows = new List<CsvRow>();
            foreach (var line in cells.Keys.Where(k => k.Row > 1).Select(k => k.Row).Distinct().Order())
            {
                var values = header.ToDictionary(h => h.Name, h => Text(line, h.Column), StringComparer.Ordinal);
                if (values.Values.Any(v => v.Length > 0))
                {
                    rows.Add(new CsvRow(line, values));
                }
            }

            return rows;
        }
        catch (ReportTemplateReader.SheetReader.BoundException bound)
        {
            return bound.Error;
        }
        catch (OperationCanceledException) when (!ct.IsCancellationRequested)
        {
            return UploadErrors.TooSlow(limits.ProcessingTimeout);
        }
        catch (Exception e) when (e is OpenXmlPackageException or InvalidDataException or FileFormatException or IOException or XmlException
            or InvalidOperationException or ArgumentException or KeyNotFoundException or FormatException or OverflowException)
        {
            return corrupt;
        }
    }
}
