using HocVuSo.Core.Common;
using HocVuSo.Core.Features.Contests;
using Microsoft.Extensions.Localization;
using PdfSharp.Drawing;
using PdfSharp.Pdf;

namespace HocVuSo.Web.Exports.Pdf;

/// <summary>
/// The certificate of participation in a contest round (giấy chứng nhận tham gia): A4 landscape,
/// the national heading, the entrant's name and unit, the contest, round, result and any prize. An
/// illustrative (demo) contest says so on the page.
/// </summary>
public static class ContestCertificatePdf
{
    public const string ContentType = "application/pdf";

    public static byte[] Render(ParticipationCertificate certificate, IStringLocalizer localizer)
    {
        using var document = new PdfDocument();
        document.Info.Title = localizer["contests.certificate.title"];
        document.Info.Creator = "HocVuSo";
        var page = document.AddPage();
        page.Size = PdfSharp.PageSize.A4;
        page.Orientation = PdfSharp.PageOrientation.Landscape;
        using (var gfx = XGraphics.FromPdfPage(page))
        {
            var width = page.Width.Point;
            var red = OfficialDocument.CertificateRed;
            OfficialDocument.DrawCertificateBorder(gfx, width, page.Height.Point, inner: false);
            var day = DateOnly.FromDateTime(TimeZoneInfo.ConvertTimeFromUtc(certificate.SubmittedAt, VietnameseFormat.TimeZone));
            var heading = new OfficialHeading(string.Empty, certificate.Organiser.ToUpperInvariant(), null, certificate.Organiser, day);
            var y = OfficialDocument.DrawHeading(gfx, new XRect(48, 48, width - 96, 90), heading) + 30;
            var center = XStringFormats.TopCenter;
            gfx.DrawString(localizer["contests.certificate.title"].Value.ToUpperInvariant(), PdfFonts.Bold(24), new XSolidBrush(red), new XRect(0, y, width, 30), center);
            y += 44;
            void Line(string text, XFont font)
            {
                y += OfficialDocument.DrawParagraph(gfx, text, font, new XRect(90, y, width - 180, 20), PdfSharp.Drawing.Layout.XParagraphAlignment.Center) + 8;
            }

            Line(certificate.FullName, PdfFonts.Bold(20));
            Line(certificate.HomeUnit, PdfFonts.Regular(13));
            Line(localizer["contests.certificate.took_part", certificate.RoundNumber, certificate.ContestTitle], PdfFonts.Regular(14));
            Line(localizer["contests.certificate.result", certificate.Correct, certificate.Total, VietnameseFormat.Date(day)], PdfFonts.Regular(13));
            if (certificate.Prize is not null)
            {
                Line(localizer["contests.certificate.prize", certificate.Prize], PdfFonts.Bold(14));
            }

            if (certificate.Illustrative)
            {
                Line(localizer["contests.illustrative"], PdfFonts.Italic(11));
            }
        }

        using var stream = new MemoryStream();
        document.Save(stream);
        return stream.ToArray();
    }
}
