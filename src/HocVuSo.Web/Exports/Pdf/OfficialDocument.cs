using System.Globalization;
using PdfSharp.Drawing;
using QRCoder;
using PdfSharp.Drawing.Layout;

namespace HocVuSo.Web.Exports.Pdf;

/// <summary>
/// The heading of a Vietnamese administrative document (Nghị định 30/2020/NĐ-CP, Phụ lục I): on the
/// left the governing body, the issuing body and the document number; on the right the national
/// title and motto, then the place and date. The national title and motto are fixed wording of the
/// state and are never translated, so they live here rather than in the resource files.
/// </summary>
public sealed record OfficialHeading(string GoverningBody, string IssuingBody, string? DocumentNumber, string Place, DateOnly Date)
{
    public const string NationalTitle = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM";
    public const string NationalMotto = "Độc lập - Tự do - Hạnh phúc";

    /// <summary>
    /// "Ea Trang, ngày 05 tháng 3 năm 2026": the decree writes a leading zero for days below 10 and
    /// for months 1 and 2 only.
    /// </summary>
    public string PlaceAndDate
    {
        get
        {
            var month = Date.Month <= 2 ? Date.Month.ToString("00", CultureInfo.InvariantCulture) : Date.Month.ToString(CultureInfo.InvariantCulture);
            return string.Create(CultureInfo.InvariantCulture, $"{Place}, ngày {Date.Day:00} tháng {month} năm {Date.Year}");
        }
    }
}

public static class OfficialDocument
{
    /// <summary>The dark red of certificates' borders and titles.</summary>
    public static readonly XColor CertificateRed = XColor.FromArgb(0x9b, 0x1c, 0x1c);

    /// <summary>The border of a certificate page: a thick red rule 24 pt inside the edge, and a thin one 6 pt further in when <paramref name="inner"/>.</summary>
    public static void DrawCertificateBorder(XGraphics gfx, double width, double height, bool inner = true)
    {
        gfx.DrawRectangle(new XPen(CertificateRed, 2.5), 24, 24, width - 48, height - 48);
        if (inner)
        {
            gfx.DrawRectangle(new XPen(CertificateRed, 0.8), 30, 30, width - 60, height - 60);
        }
    }

    /// <summary>A QR code of <paramref name="url"/> as a square of <paramref name="size"/> points at (<paramref name="x"/>, <paramref name="y"/>).</summary>
    public static void DrawQrCode(XGraphics gfx, string url, double x, double y, double size)
    {
        // RGBA colours: PdfSharp reads 32-bit PNGs, not the palette PNG QRCoder writes by default.
        using var qr = new QRCodeGenerator();
        using var data = qr.CreateQrCode(url, QRCodeGenerator.ECCLevel.M);
        var png = new PngByteQRCode(data).GetGraphic(8, [0, 0, 0, 255], [255, 255, 255, 255]);
        using var stream = new MemoryStream(png);
        gfx.DrawImage(XImage.FromStream(stream), x, y, size, size);
    }

    /// <summary>Draws <paramref name="heading"/> across the top of <paramref name="area"/>; returns the y just below it.</summary>
    public static double DrawHeading(XGraphics gfx, XRect area, OfficialHeading heading)
    {
        var left = new XRect(area.X, area.Y, area.Width * 0.42, 80);
        var right = new XRect(area.X + area.Width * 0.42, area.Y, area.Width * 0.58, 80);
        var center = XStringFormats.TopCenter;

        var regular = PdfFonts.Regular(11);
        var bold = PdfFonts.Bold(11.5);
        var boldMotto = PdfFonts.Bold(12);

        // Left: governing body (regular), issuing body (bold) with a short rule under it, number.
        var y = left.Y;
        gfx.DrawString(heading.GoverningBody.ToUpper(VietnameseCulture), regular, XBrushes.Black, new XRect(left.X, y, left.Width, 14), center);
        y += 15;
        gfx.DrawString(heading.IssuingBody.ToUpper(VietnameseCulture), bold, XBrushes.Black, new XRect(left.X, y, left.Width, 14), center);
        y += 17;
        DrawCenteredRule(gfx, left.X + left.Width / 2, y, 60);
        if (!string.IsNullOrWhiteSpace(heading.DocumentNumber))
        {
            gfx.DrawString(heading.DocumentNumber, regular, XBrushes.Black, new XRect(left.X, y + 6, left.Width, 14), center);
        }

        // Right: national title (bold, upper case), motto (bold) underlined as wide as itself, place and date (italic).
        y = right.Y;
        gfx.DrawString(OfficialHeading.NationalTitle, bold, XBrushes.Black, new XRect(right.X, y, right.Width, 14), center);
        y += 15;
        gfx.DrawString(OfficialHeading.NationalMotto, boldMotto, XBrushes.Black, new XRect(right.X, y, right.Width, 14), center);
        y += 17;
        var mottoWidth = gfx.MeasureString(OfficialHeading.NationalMotto, boldMotto).Width;
        DrawCenteredRule(gfx, right.X + right.Width / 2, y, mottoWidth);
        gfx.DrawString(heading.PlaceAndDate, PdfFonts.Italic(11), XBrushes.Black, new XRect(right.X, y + 6, right.Width, 14), center);

        return area.Y + 64;
    }

    /// <summary>Draws wrapped text in <paramref name="box"/> and returns the height it used (estimated from line count).</summary>
    public static double DrawParagraph(XGraphics gfx, string text, XFont font, XRect box, XParagraphAlignment alignment = XParagraphAlignment.Left)
    {
        var formatter = new XTextFormatter(gfx) { Alignment = alignment };
        var lines = CountLines(gfx, text, font, box.Width);
        var height = lines * font.GetHeight() + 2;
        formatter.DrawString(text, font, XBrushes.Black, new XRect(box.X, box.Y, box.Width, Math.Max(height, box.Height)), XStringFormats.TopLeft);
        return height;
    }

    /// <summary>The number of lines <paramref name="text"/> takes when wrapped at word boundaries to <paramref name="width"/>.</summary>
    public static int CountLines(XGraphics gfx, string text, XFont font, double width)
    {
        var count = 0;
        foreach (var paragraph in text.Split('\n'))
        {
            count++;
            var line = string.Empty;
            foreach (var word in paragraph.Split(' ', StringSplitOptions.RemoveEmptyEntries))
            {
                var candidate = line.Length == 0 ? word : line + " " + word;
                if (line.Length > 0 && gfx.MeasureString(candidate, font).Width > width)
                {
                    count++;
                    line = word;
                }
                else
                {
                    line = candidate;
                }
            }
        }

        return count;
    }

    private static void DrawCenteredRule(XGraphics gfx, double centerX, double y, double width) =>
        gfx.DrawLine(new XPen(XColors.Black, 0.6), centerX - width / 2, y, centerX + width / 2, y);

    private static readonly CultureInfo VietnameseCulture = CultureInfo.GetCultureInfo("vi-VN");
}
