using System.Globalization;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;
using HocVuSo.Core.Common;
using HocVuSo.Core.Features.Reporting;
using HocVuSo.Web.Exports.Pdf;

namespace HocVuSo.Web.Exports;

/// <summary>
/// The report documents as Excel workbooks: the monthly report and the provincial summary in the
/// same layout as their PDFs (heading rows, title, table, signature rows), and the offline
/// template a commune fills and uploads, with its identity in a hidden, protected sheet.
/// </summary>
public static class ReportWorkbooks
{
    public const string TemplateSheet = "BaoCao";
    public const string MetaSheet = "_hocvuso";

    /// <summary>A commune's monthly report, laid out like its PDF.</summary>
    public static byte[] MonthlyReport(MonthlyReportDocument document, ReportText text)
    {
        var report = document.Report;
        var sheet = new SheetBuilder([6, 48, 12, 14, 14, 12, 22, 20, 30]) { Portrait = true };
        var heading = new OfficialHeading(text["GoverningBody", document.ProvinceName], text["IssuingBody", document.CommuneName],
            text["CommuneNumber"], document.Place, document.DocumentDate);
        var row = Heading(sheet, heading, 9);
        row = Title(sheet, row + 1, 9, text["Title"], text["Subtitle", ReportText.Month(report.Period)], text.StatusLine(report));
        sheet.Row(row++, Style.Header, text["Column.Number"], text["Column.Indicator"], text["Column.Measure"], text["Column.Reported"], text["Column.Computed"],
            text["Column.Difference"], text["Column.Verified"], text["Column.Target"], text["Column.Comment"]);
        var number = 0;
        foreach (var line in document.Lines)
        {
            sheet.Row(row++, Style.Cell, ++number, line.Name, text.Measure(line.Code, line.Unit, line.Denominator), line.Reported, line.Computed, line.Difference,
                line.Verified?.DisplayWithSize() ?? "—", text.Target(line.Target, line.Unit), line.Comment);
        }

        Signature(sheet, row + 1, 9, text["CommuneRecipients", ReportText.LowerFirst(document.ProvinceName)], text["CommuneSigner1"], text["CommuneSigner2"], text);
        return sheet.Save(text["SheetReport"]);
    }

    /// <summary>The provincial summary: heading, the province-level figures, one row per commune with every indicator, totals, signature.</summary>
    public static byte[] ProvincialSummary(ProvincialSummaryDto summary, ReportText text)
    {
        var width = 3 + summary.Indicators.Count;
        var sheet = new SheetBuilder([6, 28, 22, .. summary.Indicators.Select(_ => 14d)]);
        var heading = new OfficialHeading(text["GoverningBody", summary.ProvinceName], text["ProvinceIssuingBody"], text["ProvinceNumber"], summary.Place, summary.DocumentDate);
        var row = Heading(sheet, heading, width);
        var counts = text["SummaryCounts", summary.Approved, summary.Rows.Count, summary.Late, summary.Missing,
            VietnameseFormat.Date(summary.CommuneDueDate), VietnameseFormat.Date(summary.ProvinceDueDate)];
        row = Title(sheet, row + 1, width, text["SummaryTitle"], text["SummarySubtitle", ReportText.Month(summary.Period)], counts);

        sheet.Text(row++, 1, text["SummaryProvinceSection"], Style.Bold);
        sheet.Row(row++, Style.Header, text["Column.Number"], text["Column.Indicator"], null, text["Column.ApprovedTotal"], text["Column.Computed"],
            text["Column.Denominator"], text["Column.Result"], text["Column.Target"]);
        sheet.Merge(row - 1, 2, row - 1, 3);
        var number = 0;
        foreach (var i in summary.Indicators)
        {
            sheet.Row(row, Style.Cell, ++number, i.Name, null, i.ApprovedTotal, i.Computed, i.Denominator, i.Value, text.Target(i.Target, i.Unit));
            sheet.Merge(row, 2, row, 3);
            row++;
        }

        row++;
        sheet.Text(row++, 1, text["SummaryCommuneSection", 1, summary.Indicators.Count], Style.Bold);
        sheet.Row(row++, Style.Header, [text["Column.Number"], text["Column.Commune"], text["Column.Status"], .. summary.Indicators.Select(i => (object?)i.Name)]);
        number = 0;
        foreach (var r in summary.Rows)
        {
            sheet.Row(row++, Style.Cell, [++number, r.UnitName, text.Status(r.Status, r.Late),
                .. summary.Indicators.Select(i => (object?)(r.Values.TryGetValue(i.Code, out var v) ? v : null))]);
        }

        sheet.Row(row++, Style.Total, [null, text["TotalApproved"], text["ApprovedCount", summary.Approved, summary.Rows.Count],
            .. summary.Indicators.Select(i => (object?)i.ApprovedTotal)]);
        Signature(sheet, row + 1, Math.Max(width, 8), text["ProvinceRecipients"], text["ProvinceSigner1"], text["ProvinceSigner2"], text);
        return sheet.Save(text["SheetSummary"]);
    }

    /// <summary>
    /// The offline template of a month's report: one row per indicator with its code, name, unit,
    /// the computed figure (read-only), and unlocked cells for the reported figure and the comment.
    /// The sheet is protected; the commune, month and template version sit in a very hidden sheet.
    /// </summary>
    public static byte[] Template(MonthlyReportDocument document, ReportText text)
    {
        var report = document.Report;
        var sheet = new SheetBuilder([30, 52, 12, 18, 16, 40]);
        sheet.Text(1, 1, text["TemplateTitle", document.CommuneName, report.UnitCode, ReportText.Month(report.Period)], Style.Title);
        sheet.Merge(1, 1, 1, 6);
        sheet.Text(2, 1, text["TemplateHelp"], Style.Wrap);
        sheet.Merge(2, 1, 2, 6);
        sheet.Height(2, 45);
        sheet.Row(4, Style.Header, text["Column.Code"], text["Column.Indicator"], text["Column.Measure"], text["Column.ComputedReadOnly"], text["Column.Reported"],
            text["Column.Comment"]);
        var row = FirstTemplateRow;
        foreach (var line in document.Lines)
        {
            sheet.Row(row, Style.Cell, line.Code, line.Name, text.Measure(line.Code, line.Unit, line.Denominator), line.Computed);
            sheet.Set(row, 5, line.Reported, Style.Input);
            sheet.Set(row, 6, line.Comment, Style.InputText);
            row++;
        }

        sheet.Protect = true;
        sheet.WholeNumbers = ($"E{FirstTemplateRow}:E{row - 1}", text["TemplateValidationTitle"], text["TemplateValidation"]);
        return sheet.Save(TemplateSheet, new Dictionary<string, string>
        {
            ["kind"] = ImportReportTemplate.Kind,
            ["version"] = ImportReportTemplate.Version,
            ["unit"] = report.UnitCode,
            ["period"] = report.Period,
            ["first_row"] = FirstTemplateRow.ToString(CultureInfo.InvariantCulture),
        });
    }

    private const int FirstTemplateRow = 5;

    /// <summary>The plan report ("Báo cáo kết quả thực hiện Kế hoạch"), laid out like its PDF.</summary>
    public static byte[] PlanReport(Core.Features.Plans.PlanReportDto report, ReportText text)
    {
        var sheet = new SheetBuilder([8, 44, 26, 20, 40, 14, 44]);
        var row = Heading(sheet, text.PlanHeading(report), 7);
        row = Title(sheet, row + 1, 7, text["PlanTitle"], text.PlanSubtitle(report), text.PlanPeriod(report));
        sheet.Row(row++, Style.Header, text["Column.Number"], text["Column.Task"], text["Column.Lead"], text["Column.Due"], text["Column.TargetProgress"],
            text["Column.State"], text["Column.Updates"]);
        foreach (var t in report.Tasks)
        {
            sheet.Row(row++, Style.Cell, t.Number, t.Title, text.PlanLead(t), t.ScheduleText ?? (t.Due is { } due ? VietnameseFormat.Date(due) : null),
                text.PlanTargets(t), text.PlanState(t.State), text.PlanUpdates(t));
        }

        Signature(sheet, row + 1, 7, text.PlanRecipients(report), text["CommuneSigner1"], text["CommuneSigner2"], text);
        return sheet.Save(text["SheetPlanReport"]);
    }

    /// <summary>Rows 1–3: governing and issuing bodies and the number on the left; national title, motto, place and date on the right.</summary>
    private static int Heading(SheetBuilder sheet, OfficialHeading heading, int width)
    {
        var split = Math.Max(2, width * 2 / 5);
        var culture = CultureInfo.GetCultureInfo("vi-VN");
        sheet.Text(1, 1, heading.GoverningBody.ToUpper(culture), Style.Center);
        sheet.Text(2, 1, heading.IssuingBody.ToUpper(culture), Style.BoldCenter);
        sheet.Text(3, 1, heading.DocumentNumber, Style.Center);
        sheet.Text(1, split + 1, OfficialHeading.NationalTitle, Style.BoldCenter);
        sheet.Text(2, split + 1, OfficialHeading.NationalMotto, Style.BoldCenter);
        sheet.Text(3, split + 1, heading.PlaceAndDate, Style.ItalicCenter);
        for (var r = 1; r <= 3; r++)
        {
            sheet.Merge(r, 1, r, split);
            sheet.Merge(r, split + 1, r, width);
        }

        return 4;
    }

    private static int Title(SheetBuilder sheet, int row, int width, string title, string subtitle, string note)
    {
        foreach (var (text, style) in new[] { (title, Style.Title), (subtitle, Style.BoldCenter), (note, Style.ItalicCenter) })
        {
            sheet.Text(row, 1, text, style);
            sheet.Merge(row, 1, row, width);
            row++;
        }

        return row + 1;
    }

    private static void Signature(SheetBuilder sheet, int row, int width, string recipients, string capacity, string title, ReportText text)
    {
        var split = Math.Max(2, width / 2);
        sheet.Text(row, 1, text["Recipients"], Style.Bold);
        sheet.Text(row, split + 1, capacity, Style.BoldCenter);
        sheet.Text(row + 1, split + 1, title, Style.BoldCenter);
        sheet.Text(row + 2, split + 1, text["SignHint"], Style.ItalicCenter);
        sheet.Text(row + 7, split + 1, text["SignName"], Style.Center);
        var r = row + 1;
        foreach (var line in recipients.Split('\n'))
        {
            sheet.Text(r++, 1, line, Style.Plain);
        }

        foreach (var k in new[] { 0, 1, 2, 7 })
        {
            sheet.Merge(row + k, split + 1, row + k, width);
        }
    }

    private enum Style : uint
    {
        Plain = 0,
        Bold = 1,
        Center = 2,
        BoldCenter = 3,
        ItalicCenter = 4,
        Title = 5,
        Header = 6,
        Cell = 7,
        Integer = 8,
        Decimal = 9,
        Total = 10,
        TotalNumber = 11,
        Input = 12,
        InputText = 13,
        Wrap = 14,
    }

    /// <summary>Collects cells, merges and column widths, then writes one worksheet (plus the hidden metadata sheet, if any).</summary>
    private sealed class SheetBuilder(double[] widths)
    {
        private readonly SortedDictionary<int, SortedDictionary<int, Cell>> _rows = [];
        private readonly List<string> _merges = [];
        private readonly Dictionary<int, double> _heights = [];

        public bool Protect { get; set; }

        public bool Portrait { get; set; }

        /// <summary>Cells where Excel itself accepts only whole numbers from 0, with the message it shows otherwise.</summary>
        public (string Range, string Title, string Message)? WholeNumbers { get; set; }

        public void Text(int row, int column, string? text, Style style) => Set(row, column, text, style);

        public void Height(int row, double points) => _heights[row] = points;

        /// <summary>Cells of a row from column 1; numbers get the number styles of <paramref name="style"/>.</summary>
        public void Row(int row, Style style, params object?[] values)
        {
            for (var i = 0; i < values.Length; i++)
            {
                Set(row, i + 1, values[i], style);
            }
        }

        public void Set(int row, int column, object? value, Style style)
        {
            if (!_rows.TryGetValue(row, out var cells))
            {
                _rows[row] = cells = [];
            }

            var reference = Name(column) + row.ToString(CultureInfo.InvariantCulture);
            var number = value switch
            {
                int i => (decimal?)i,
                decimal d => d,
                _ => null,
            };
            Cell cell;
            if (number is { } n)
            {
                var numberStyle = style switch
                {
                    Style.Cell => n == Math.Round(n) ? Style.Integer : Style.Decimal,
                    Style.Total => Style.TotalNumber,
                    _ => style,
                };
                cell = new Cell { CellReference = reference, CellValue = new CellValue(n.ToString(CultureInfo.InvariantCulture)), DataType = CellValues.Number, StyleIndex = (uint)numberStyle };
            }
            else
            {
                cell = new Cell { CellReference = reference, StyleIndex = (uint)style };
                if (value is not null && Convert.ToString(value, CultureInfo.InvariantCulture) is { Length: > 0 } text)
                {
                    cell.DataType = CellValues.InlineString;
                    cell.InlineString = new InlineString(new Text(text) { Space = SpaceProcessingModeValues.Preserve });
                }
            }

            cells[column] = cell;
        }

        public void Merge(int fromRow, int fromColumn, int toRow, int toColumn) =>
            _merges.Add($"{Name(fromColumn)}{fromRow}:{Name(toColumn)}{toRow}");

        public byte[] Save(string sheetName, IReadOnlyDictionary<string, string>? meta = null)
        {
            using var stream = new MemoryStream();
            using (var document = SpreadsheetDocument.Create(stream, SpreadsheetDocumentType.Workbook))
            {
                var workbook = document.AddWorkbookPart();
                workbook.Workbook = new Workbook();
                workbook.AddNewPart<WorkbookStylesPart>().Stylesheet = Styles();
                var sheets = new Sheets();
                var part = workbook.AddNewPart<WorksheetPart>();
                part.Worksheet = Worksheet();
                sheets.Append(new Sheet { Id = workbook.GetIdOfPart(part), SheetId = 1, Name = sheetName });
                if (meta is not null)
                {
                    var hidden = workbook.AddNewPart<WorksheetPart>();
                    var data = new SheetData();
                    uint r = 1;
                    foreach (var (key, value) in meta)
                    {
                        data.Append(new Row(
                            new Cell { CellReference = "A" + r, DataType = CellValues.InlineString, InlineString = new InlineString(new Text(key)) },
                            new Cell { CellReference = "B" + r, DataType = CellValues.InlineString, InlineString = new InlineString(new Text(value)) }) { RowIndex = r });
                        r++;
                    }

                    hidden.Worksheet = new Worksheet(data, new SheetProtection { Sheet = true, Objects = true, Scenarios = true });
                    sheets.Append(new Sheet { Id = workbook.GetIdOfPart(hidden), SheetId = 2, Name = MetaSheet, State = SheetStateValues.VeryHidden });
                    workbook.Workbook.Append(new WorkbookProtection { LockStructure = true });
                }

                workbook.Workbook.Append(sheets);
                workbook.Workbook.Save();
            }

            return stream.ToArray();
        }

        private Worksheet Worksheet()
        {
            var columns = new Columns(widths.Select((w, i) => new Column { Min = (uint)(i + 1), Max = (uint)(i + 1), Width = w, CustomWidth = true }));
            var data = new SheetData();
            foreach (var (index, cells) in _rows)
            {
                var row = new Row { RowIndex = (uint)index };
                if (_heights.TryGetValue(index, out var height))
                {
                    row.Height = height;
                    row.CustomHeight = true;
                }

                row.Append(cells.Values);
                data.Append(row);
            }

            var sheet = new Worksheet(columns, data);
            if (Protect)
            {
                // Order matters in the schema: sheetProtection comes right after sheetData.
                sheet.Append(new SheetProtection { Sheet = true, Objects = true, Scenarios = true, FormatColumns = false, FormatRows = false });
            }

            if (_merges.Count > 0)
            {
                sheet.Append(new MergeCells(_merges.Select(m => new MergeCell { Reference = m })));
            }

            if (WholeNumbers is { } rule)
            {
                sheet.Append(new DataValidations(new DataValidation(new Formula1("0"))
                {
                    Type = DataValidationValues.Whole,
                    Operator = DataValidationOperatorValues.GreaterThanOrEqual,
                    AllowBlank = true,
                    ShowErrorMessage = true,
                    ErrorTitle = rule.Title,
                    Error = rule.Message,
                    SequenceOfReferences = new ListValue<StringValue> { InnerText = rule.Range },
                }) { Count = 1 });
            }

            sheet.Append(new PageSetup { PaperSize = 9, Orientation = Portrait ? OrientationValues.Portrait : OrientationValues.Landscape });
            return sheet;
        }

        private static string Name(int column)
        {
            var name = string.Empty;
            while (column > 0)
            {
                var rest = (column - 1) % 26;
                name = (char)('A' + rest) + name;
                column = (column - rest - 1) / 26;
            }

            return name;
        }

        private static Stylesheet Styles()
        {
            var thin = new Border(
                new LeftBorder { Style = BorderStyleValues.Thin }, new RightBorder { Style = BorderStyleValues.Thin },
                new TopBorder { Style = BorderStyleValues.Thin }, new BottomBorder { Style = BorderStyleValues.Thin }, new DiagonalBorder());
            CellFormat Format(uint font, uint border = 0, uint fill = 0, uint numberFormat = 0, HorizontalAlignmentValues? align = null, bool wrap = false, bool locked = true)
            {
                var format = new CellFormat { FontId = font, BorderId = border, FillId = fill, NumberFormatId = numberFormat, ApplyFont = true, ApplyBorder = border > 0, ApplyNumberFormat = numberFormat > 0 };
                if (align is not null || wrap)
                {
                    format.Append(new Alignment { Horizontal = align, Vertical = VerticalAlignmentValues.Top, WrapText = wrap });
                    format.ApplyAlignment = true;
                }

                if (!locked)
                {
                    format.Append(new Protection { Locked = false });
                    format.ApplyProtection = true;
                }

                return format;
            }

            return new Stylesheet(
                new NumberingFormats(
                    new NumberingFormat { NumberFormatId = 164, FormatCode = "#,##0" },
                    new NumberingFormat { NumberFormatId = 165, FormatCode = "#,##0.0" }) { Count = 2 },
                new Fonts(
                    new Font(new FontSize { Val = 11 }, new FontName { Val = "Times New Roman" }),
                    new Font(new Bold(), new FontSize { Val = 11 }, new FontName { Val = "Times New Roman" }),
                    new Font(new Italic(), new FontSize { Val = 11 }, new FontName { Val = "Times New Roman" }),
                    new Font(new Bold(), new FontSize { Val = 13 }, new FontName { Val = "Times New Roman" })),
                new Fills(
                    new Fill(new PatternFill { PatternType = PatternValues.None }),
                    new Fill(new PatternFill { PatternType = PatternValues.Gray125 }),
                    new Fill(new PatternFill(new ForegroundColor { Rgb = "FFE8E8E8" }) { PatternType = PatternValues.Solid }),
                    new Fill(new PatternFill(new ForegroundColor { Rgb = "FFFFF8D6" }) { PatternType = PatternValues.Solid })),
                new Borders(new Border(), thin),
                new CellFormats(
                    Format(0),                                                               // Plain
                    Format(1),                                                               // Bold
                    Format(0, align: HorizontalAlignmentValues.Center),                      // Center
                    Format(1, align: HorizontalAlignmentValues.Center),                      // BoldCenter
                    Format(2, align: HorizontalAlignmentValues.Center, wrap: true),          // ItalicCenter
                    Format(3, align: HorizontalAlignmentValues.Center),                      // Title
                    Format(1, 1, 2, align: HorizontalAlignmentValues.Center, wrap: true),    // Header
                    Format(0, 1, wrap: true),                                                // Cell
                    Format(0, 1, numberFormat: 164),                                         // Integer
                    Format(0, 1, numberFormat: 165),                                         // Decimal
                    Format(1, 1, wrap: true),                                                // Total
                    Format(1, 1, numberFormat: 164),                                         // TotalNumber
                    Format(0, 1, 3, numberFormat: 164, locked: false),                       // Input
                    Format(0, 1, 3, wrap: true, locked: false),                              // InputText
                    Format(2, wrap: true)));                                                 // Wrap
        }
    }
}
