using HocVuSo.Core.Common;
using HocVuSo.Core.Features.Awards;
using Microsoft.Extensions.Localization;
using PdfSharp.Drawing;
using PdfSharp.Drawing.Layout;
using PdfSharp.Pdf;

namespace HocVuSo.Web.Exports.Pdf;

/// <summary>
/// The certificate of merit (giấy khen): A4 landscape with the national heading of the issuing
/// unit, the recipient, the model recognised, the decision (number, date), the signer, the serial
/// and signature, and a QR code to its public check — laid out like the skills certificate.
/// </summary>
public static class MeritCertificatePdf
{
    public static byte[] Render(MeritCertificateDocument certificate, string verifyUrl, IStringLocalizer localizer)
    {
        using var document = new PdfDocument();
        document.Info.Title = localizer["Awards.Pdf.Title"] + " " + certificate.Serial;
        document.Info.Creator = "HocVuSo";
        var page = document.AddPage();
        page.Size = PdfSharp.PageSize.A4;
        page.Orientation = PdfSharp.PageOrientation.Landscape;
        using (var gfx = XGraphics.FromPdfPage(page))
        {
            var width = page.Width.Point;
            var height = page.Height.Point;
            var red = OfficialDocument.CertificateRed;
            OfficialDocument.DrawCertificateBorder(gfx, width, height);
            var heading = new OfficialHeading(certificate.GoverningBody ?? string.Empty, certificate.IssuingBody,
                localizer["Awards.Pdf.Decision", certificate.DecisionNumber], certificate.Place, certificate.DecisionDate);
            var y = OfficialDocument.DrawHeading(gfx, new XRect(48, 48, width - 96, 90), heading) + 36;
            var center = XStringFormats.TopCenter;
            gfx.DrawString(localizer["Awards.Pdf.Title"].Value.ToUpperInvariant(), PdfFonts.Bold(30), new XSolidBrush(red), new XRect(0, y, width, 36), center);
            y += 44;
            gfx.DrawString(localizer["Awards.Pdf.AwardedTo"], PdfFonts.Italic(14), XBrushes.Black, new XRect(0, y, width, 20), center);
            y += 26;
            gfx.DrawString(certificate.Recipient, PdfFonts.Bold(22), XBrushes.Black, new XRect(0, y, width, 28), center);
            y += 38;
            var text = localizer["Awards.Pdf.Body", certificate.Title, certificate.Year].Value;
            y += OfficialDocument.DrawParagraph(gfx, text, PdfFonts.Regular(14), new XRect(120, y, width - 240, 40), XParagraphAlignment.Center) + 14;
            gfx.DrawString(localizer["Awards.Pdf.DecisionLine", certificate.DecisionNumber, VietnameseFormat.Date(certificate.DecisionDate)], PdfFonts.Regular(12),
                XBrushes.Black, new XRect(0, y, width, 18), center);
            y += 22;
            gfx.DrawString(localizer["Awards.Pdf.Serial", certificate.Serial], PdfFonts.Bold(12), XBrushes.Black, new XRect(0, y, width, 18), center);

            var signX = width * 0.55;
            gfx.DrawString(localizer["Awards.Pdf.SignerTitle"], PdfFonts.Bold(12), XBrushes.Black, new XRect(signX, height - 150, width * 0.3, 16), center);
            gfx.DrawString(certificate.Signer, PdfFonts.Bold(13), XBrushes.Black, new XRect(signX, height - 90, width * 0.3, 16), center);
            new XTextFormatter(gfx).DrawString(localizer["Certificate.Pdf.Signature", certificate.SigningKeyId] + " " + certificate.Signature,
                PdfFonts.Regular(8), XBrushes.Black, new XRect(60, height - 76, width * 0.45, 24), XStringFormats.TopLeft);

            const double size = 110.0;
            OfficialDocument.DrawQrCode(gfx, verifyUrl, 60, height - 80 - size - 10, size);
            gfx.DrawString(localizer["Certificate.Pdf.ScanToVerify"], PdfFonts.Italic(9), XBrushes.Black, new XRect(40, height - 88, size + 40, 12), center);

            gfx.DrawString(verifyUrl, PdfFonts.Regular(8), XBrushes.Gray, new XRect(60, height - 52, width - 120, 12), XStringFormats.TopLeft);
        }

        using var output = new MemoryStream();
        document.Save(output);
        return output.ToArray();
    }
}
