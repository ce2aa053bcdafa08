using PdfSharp.Drawing;
using PdfSharp.Drawing.Layout;
using PdfSharp.Pdf;

namespace HocVuSo.Web.Exports.Pdf;

/// <summary>A column of a <see cref="PdfTable"/>: its header, its share of the table's width and how its cells are aligned.</summary>
public sealed record PdfColumn(string Header, double Weight, XParagraphAlignment Alignment = XParagraphAlignment.Left);

/// <summary>A row of a <see cref="PdfTable"/>; bold rows are for totals.</summary>
public sealed record PdfRow(IReadOnlyList<string> Cells, bool Bold = false);

/// <summary>
/// Writes a bordered table over as many pages as it needs: cells wrap inside their column, a row
/// never splits across pages, and the header row is repeated at the top of each new page.
/// </summary>
public sealed class PdfTable(IReadOnlyList<PdfColumn> columns, double fontSize = 9)
{
    private const double Padding = 3;

    /// <summary>Draws the table from <paramref name="top"/> on the writer's current page; returns the y below it.</summary>
    public double Draw(PdfPageWriter writer, double top, IReadOnlyList<PdfRow> rows)
    {
        var regular = PdfFonts.Regular(fontSize);
        var bold = PdfFonts.Bold(fontSize);
        var widths = Widths(writer.Area.Width);
        var header = new PdfRow(columns.Select(c => c.Header).ToList(), Bold: true);
        var headerHeight = Height(writer.Graphics, header, widths, bold);
        var y = top;
        if (y + headerHeight + Height(writer.Graphics, rows.Count > 0 ? rows[0] : header, widths, regular) > writer.Area.Bottom)
        {
            y = writer.NewPage();
        }

        y = DrawRow(writer.Graphics, header, widths, y, headerHeight, bold, shaded: true, center: true);
        foreach (var row in rows)
        {
            var font = row.Bold ? bold : regular;
            var height = Height(writer.Graphics, row, widths, font);
            if (y + height > writer.Area.Bottom)
            {
                y = writer.NewPage();
                headerHeight = Height(writer.Graphics, header, widths, bold);
                y = DrawRow(writer.Graphics, header, widths, y, headerHeight, bold, shaded: true, center: true);
            }

            y = DrawRow(writer.Graphics, row, widths, y, height, font, shaded: false, center: false);
        }

        return y;
    }

    private double[] Widths(double total)
    {
        var sum = columns.Sum(c => c.Weight);
        return columns.Select(c => total * c.Weight / sum).ToArray();
    }

    private static double Height(XGraphics gfx, PdfRow row, double[] widths, XFont font)
    {
        var lines = 1;
        for (var i = 0; i < widths.Length && i < row.Cells.Count; i++)
        {
            lines = Math.Max(lines, OfficialDocument.CountLines(gfx, row.Cells[i], font, widths[i] - (2 * Padding)));
        }

        return (lines * font.GetHeight()) + (2 * Padding);
    }

    private double DrawRow(XGraphics gfx, PdfRow row, double[] widths, double y, double height, XFont font, bool shaded, bool center)
    {
        var x = (gfx.PageSize.Width - widths.Sum()) / 2;
        var pen = new XPen(XColors.Black, 0.5);
        var formatter = new XTextFormatter(gfx);
        for (var i = 0; i < widths.Length; i++)
        {
            var cell = new XRect(x, y, widths[i], height);
            if (shaded)
            {
                gfx.DrawRectangle(new XSolidBrush(XColor.FromArgb(235, 235, 235)), cell);
            }

            gfx.DrawRectangle(pen, cell);
            formatter.Alignment = center ? XParagraphAlignment.Center : columns[i].Alignment;
            var text = i < row.Cells.Count ? row.Cells[i] : string.Empty;
            formatter.DrawString(text, font, XBrushes.Black,
                new XRect(cell.X + Padding, cell.Y + Padding, cell.Width - (2 * Padding), cell.Height - Padding), XStringFormats.TopLeft);
            x += widths[i];
        }

        return y + height;
    }
}

/// <summary>Pages of one document with the same size and margins; tables and paragraphs ask it for a new page when full.</summary>
public sealed class PdfPageWriter(PdfDocument document, PdfSharp.PageSize size, PdfSharp.PageOrientation orientation, double margin) : IDisposable
{
    private XGraphics? _gfx;

    public XGraphics Graphics => _gfx ?? throw new InvalidOperationException("No page yet.");

    public XRect Area { get; private set; }

    /// <summary>Starts a new page and returns the top of its writable area.</summary>
    public double NewPage()
    {
        _gfx?.Dispose();
        var page = document.AddPage();
        page.Size = size;
        page.Orientation = orientation;
        _gfx = XGraphics.FromPdfPage(page);
        Area = new XRect(margin, margin, page.Width.Point - (2 * margin), page.Height.Point - (2 * margin));
        return Area.Top;
    }

    /// <summary>Makes sure <paramref name="height"/> fits below <paramref name="y"/>, starting a new page if not.</summary>
    public double Ensure(double y, double height) => y + height > Area.Bottom ? NewPage() : y;

    public void Dispose() => _gfx?.Dispose();
}
