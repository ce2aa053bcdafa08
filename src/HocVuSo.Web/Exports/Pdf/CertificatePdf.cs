using HocVuSo.Core.Common;
using HocVuSo.Core.Features.Certification;
using Microsoft.Extensions.Localization;
using PdfSharp.Drawing;
using PdfSharp.Drawing.Layout;
using PdfSharp.Pdf;

namespace HocVuSo.Web.Exports.Pdf;

/// <summary>
/// The certificate of universal basic digital skills: A4 landscape, the national heading, the
/// holder's name and masked number, commune and province, date, rule version, serial and
/// signature, and a QR code that opens the public verification page.
/// </summary>
public static class CertificatePdf
{
    public static byte[] Render(CertificateDocument certificate, string verifyUrl, IStringLocalizer localizer)
    {
        using var document = new PdfDocument();
        document.Info.Title = localizer["Certificate.Pdf.Title"] + " " + certificate.Serial;
        document.Info.Creator = "HocVuSo";
        var page = document.AddPage();
        page.Size = PdfSharp.PageSize.A4;
        page.Orientation = PdfSharp.PageOrientation.Landscape;
        using (var gfx = XGraphics.FromPdfPage(page))
        {
            var width = page.Width.Point;
            var height = page.Height.Point;
            OfficialDocument.DrawCertificateBorder(gfx, width, height);

            var commune = certificate.Commune ?? certificate.CommuneCode;
            var heading = new OfficialHeading(
                certificate.Province is null ? string.Empty : "UBND " + LowerFirst(certificate.Province),
                commune.Length == 0 ? string.Empty : "UBND " + LowerFirst(commune),
                localizer["Certificate.Pdf.Number", certificate.Serial],
                certificate.Place ?? commune,
                certificate.CertifiedOn);
            var y = OfficialDocument.DrawHeading(gfx, new XRect(48, 48, width - 96, 90), heading) + 36;

            var center = XStringFormats.TopCenter;
            gfx.DrawString(localizer["Certificate.Pdf.Title"].Value.ToUpperInvariant(), PdfFonts.Bold(26), new XSolidBrush(XColor.FromArgb(0x9b, 0x1c, 0x1c)), new XRect(0, y, width, 32), center);
            y += 36;
            gfx.DrawString(localizer["Certificate.Pdf.Subtitle"], PdfFonts.Italic(15), XBrushes.Black, new XRect(0, y, width, 20), center);
            y += 38;

            var left = 110.0;
            var labelWidth = 200.0;
            void Line(string label, string value, XFont font)
            {
                gfx.DrawString(label, PdfFonts.Regular(13), XBrushes.Black, new XRect(left, y, labelWidth, 18), XStringFormats.TopLeft);
                gfx.DrawString(value, font, XBrushes.Black, new XRect(left + labelWidth, y, width - left - labelWidth - 190, 18), XStringFormats.TopLeft);
                y += 24;
            }

            Line(localizer["Certificate.Pdf.Holder"], certificate.HolderName, PdfFonts.Bold(17));
            Line(localizer["Certificate.Pdf.IdNumber"], certificate.MaskedIdNumber.Length == 0 ? localizer["Certificate.Pdf.NoIdNumber"] : certificate.MaskedIdNumber, PdfFonts.Regular(13));
            Line(localizer["Certificate.Pdf.Residence"], string.Join(", ", new[] { commune, certificate.Province }.Where(s => !string.IsNullOrEmpty(s))), PdfFonts.Regular(13));
            Line(localizer["Certificate.Pdf.Date"], VietnameseFormat.Date(certificate.CertifiedOn), PdfFonts.Regular(13));
            Line(localizer["Certificate.Pdf.Rule"], certificate.RuleVersion, PdfFonts.Regular(13));
            Line(localizer["Certificate.Pdf.Serial"], certificate.Serial, PdfFonts.Bold(13));

            y += 6;
            var small = PdfFonts.Regular(8.5);
            new XTextFormatter(gfx).DrawString(
                localizer["Certificate.Pdf.Signature", certificate.SigningKeyId] + " " + certificate.Signature,
                small, XBrushes.Black, new XRect(left, y, width - left - 220, 30), XStringFormats.TopLeft);

            const double size = 130.0;
            var qx = width - 60 - size;
            var qy = height - 70 - size;
            OfficialDocument.DrawQrCode(gfx, verifyUrl, qx, qy, size);
            gfx.DrawString(localizer["Certificate.Pdf.ScanToVerify"], PdfFonts.Italic(9), XBrushes.Black, new XRect(qx - 30, qy + size + 2, size + 60, 12), center);

            gfx.DrawString(verifyUrl, PdfFonts.Regular(8), XBrushes.Gray, new XRect(left, height - 58, width - left - 220, 12), XStringFormats.TopLeft);
        }

        using var output = new MemoryStream();
        document.Save(output);
        return output.ToArray();
    }

    private static string LowerFirst(string name) => name.Length == 0 ? name : char.ToLowerInvariant(name[0]) + name[1..];
}
