using System.Globalization;
using System.Xml;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;
using HocVuSo.Core.Common;
using HocVuSo.Core.Common.Uploads;
using HocVuSo.Core.Features.Reporting;

namespace HocVuSo.Web.Exports;

/// <summary>
/// Reads a filled offline template back. The .xlsx is checked as a .zip first (entries,
/// unpacked size, compression ratio, from its central directory), then its parts are read as
/// streams of elements (never a whole sheet in memory), counting rows, cells, columns and
/// characters against <see cref="UploadLimits"/> and stopping at the first bound passed.
/// </summary>
public sealed class ReportTemplateReader : IReportTemplateReader
{
    public Result<FilledTemplate> Read(Stream xlsx, UploadLimits limits, CancellationToken ct)
    {
        var corrupt = Errors.Invalid("ReportExport.TemplateCorrupt", "file");
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
            var reader = new SheetReader(limits, deadline.Token);
            var sheets = reader.SheetIds(workbook);
            if (!sheets.TryGetValue(ReportWorkbooks.MetaSheet, out var metaId) || !sheets.TryGetValue(ReportWorkbooks.TemplateSheet, out var dataId)
                || workbook.GetPartById(metaId) is not WorksheetPart metaPart || workbook.GetPartById(dataId) is not WorksheetPart dataPart)
            {
                return Errors.Invalid("ReportExport.TemplateNotOurs", "file");
            }

            var shared = reader.SharedStrings(workbook);
            var meta = reader.Cells(metaPart, shared, [1, 2]);
            var data = reader.Cells(dataPart, shared, [1, 5, 6]);
            string? Meta(string key) => meta.Where(c => c.Key.Column == 1 && c.Value.Text == key)
                .Select(c => meta.TryGetValue((c.Key.Row, 2), out var v) ? v.Text : null).FirstOrDefault();
            if (!int.TryParse(Meta("first_row"), NumberStyles.None, CultureInfo.InvariantCulture, out var first) || !meta.Keys.Any(k => k.Column == 1))
            {
                return Errors.Invalid("ReportExport.TemplateNotOurs", "file");
            }

            var rows = new List<TemplateRow>();
            foreach (var r in data.Keys.Where(k => k.Column == 1 && k.Row >= first).Select(k => k.Row).Order())
            {
                var code = data[(r, 1)].Text?.Trim();
                if (string.IsNullOrEmpty(code))
                {
                    continue;
                }

                var value = data.TryGetValue((r, 5), out var v) ? v : default;
                var comment = data.TryGetValue((r, 6), out var m) ? m.Text : null;
                rows.Add(new TemplateRow(r, code, value.Number is null ? value.Text : null, value.Number, comment));
            }

            return new FilledTemplate(Meta("kind"), Meta("version"), Meta("unit"), Meta("period"), rows);
        }
        catch (SheetReader.BoundException bound)
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

    internal readonly record struct CellText(string? Text, decimal? Number);

    /// <summary>Element-by-element reading of the parts a template needs, with every count bounded (also used by other imports of .xlsx files).</summary>
    internal sealed class SheetReader(UploadLimits limits, CancellationToken ct)
    {
        private int _cells;

        public sealed class BoundException(Error error) : Exception(error.Code)
        {
            public Error Error { get; } = error;
        }

        /// <summary>Sheet name → relationship id, from the workbook part.</summary>
        public Dictionary<string, string> SheetIds(WorkbookPart workbook)
        {
            var sheets = new Dictionary<string, string>(StringComparer.Ordinal);
            using var reader = OpenXmlReader.Create(workbook);
            while (reader.Read())
            {
                ct.ThrowIfCancellationRequested();
                if (reader.ElementType == typeof(Sheet) && reader.IsStartElement)
                {
                    if (sheets.Count == limits.MaxArchiveEntries)
                    {
                        throw new BoundException(UploadErrors.TooManyEntries(limits.MaxArchiveEntries));
                    }

                    var sheet = (Sheet)reader.LoadCurrentElement()!;
                    if (sheet.Name?.Value is { } name && sheet.Id?.Value is { } id)
                    {
                        sheets.TryAdd(name, id);
                    }
                }
            }

            return sheets;
        }

        public List<string> SharedStrings(WorkbookPart workbook)
        {
            var strings = new List<string>();
            if (workbook.SharedStringTablePart is not { } part)
            {
                return strings;
            }

            using var reader = OpenXmlReader.Create(part);
            while (reader.Read())
            {
                ct.ThrowIfCancellationRequested();
                if (reader.ElementType == typeof(SharedStringItem) && reader.IsStartElement)
                {
                    Count();
                    strings.Add(Bounded(reader.LoadCurrentElement()!.InnerText) ?? string.Empty);
                }
            }

            return strings;
        }

        /// <summary>The cells of the wanted columns; every row and cell of the sheet counts against the bounds, wanted or not.</summary>
        public Dictionary<(int Row, int Column), CellText> Cells(WorksheetPart part, List<string> shared, int[] columns)
        {
            var cells = new Dictionary<(int, int), CellText>();
            var rows = 0;
            using var reader = OpenXmlReader.Create(part);
            while (reader.Read())
            {
                ct.ThrowIfCancellationRequested();
                if (!reader.IsStartElement)
                {
                    continue;
                }

                if (reader.ElementType == typeof(Row) && ++rows > limits.MaxXlsxRows)
                {
                    throw new BoundException(UploadErrors.TooManyRows(limits.MaxXlsxRows));
                }

                if (reader.ElementType != typeof(Cell))
                {
                    continue;
                }

                Count();
                var cell = (Cell)reader.LoadCurrentElement()!;
                if (cell.CellReference?.Value is not { } reference)
                {
                    continue;
                }

                var (row, column) = Parse(reference);
                if (column > limits.MaxXlsxColumns)
                {
                    throw new BoundException(UploadErrors.TooManyColumns(row, limits.MaxXlsxColumns));
                }

                if (Array.IndexOf(columns, column) >= 0)
                {
                    cells[(row, column)] = Value(cell, shared);
                }
            }

            return cells;
        }

        private CellText Value(Cell cell, List<string> shared)
        {
            var raw = cell.CellValue?.Text is { } text ? Bounded(text) : null;
            var type = cell.DataType?.Value;
            if (type == CellValues.SharedString)
            {
                return new CellText(int.TryParse(raw, NumberStyles.None, CultureInfo.InvariantCulture, out var index) && index < shared.Count ? shared[index] : raw, null);
            }

            if (type == CellValues.InlineString)
            {
                return new CellText(Bounded(cell.InlineString?.InnerText), null);
            }

            if (type == CellValues.String || type == CellValues.Boolean || type == CellValues.Error)
            {
                return new CellText(raw, null);
            }

            return decimal.TryParse(raw, NumberStyles.Float, CultureInfo.InvariantCulture, out var n) ? new CellText(raw, n) : new CellText(raw, null);
        }

        private void Count()
        {
            if (++_cells > limits.MaxXlsxCells)
            {
                throw new BoundException(UploadErrors.TooManyCells(limits.MaxXlsxCells));
            }
        }

        private string? Bounded(string? text) =>
            text is { Length: var length } && length > limits.MaxCellLength ? throw new BoundException(UploadErrors.CellTooLong(limits.MaxCellLength)) : text;

        private static (int Row, int Column) Parse(string reference)
        {
            var column = 0;
            var i = 0;
            for (; i < reference.Length && char.IsAsciiLetter(reference[i]) && column < 1_000_000; i++)
            {
                column = (column * 26) + (char.ToUpperInvariant(reference[i]) - 'A' + 1);
            }

            return (int.Parse(reference.AsSpan(i), NumberStyles.None, CultureInfo.InvariantCulture), column);
        }
    }
}
