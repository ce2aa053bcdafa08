using System.Globalization;
using HocVuSo.Core.Common;
using HocVuSo.Core.Features.Geography;
using HocVuSo.Core.Features.Oversight;
using PdfSharp.Drawing;
using PdfSharp.Drawing.Layout;
using PdfSharp.Pdf;

namespace HocVuSo.Web.Exports.Pdf;

/// <summary>
/// The minutes of an inspection visit (biên bản kiểm tra), portrait A4: national heading with the
/// inspecting body, title, the day, place and team, the findings per criterion with the unit's
/// answers, the follow-up tasks, and the signatures of the inspected unit and the head of the team.
/// </summary>
public static class InspectionMinutesPdf
{
    private const double Margin = 48;

    public static byte[] Render(InspectionMinutesDto minutes, ReportText text)
    {
        var visit = minutes.Visit;
        using var pdf = new PdfDocument();
        pdf.Info.Title = text["Minutes.Title"] + " " + visit.UnitName + " " + VietnameseFormat.Date(visit.Date);
        using (var writer = new PdfPageWriter(pdf, PdfSharp.PageSize.A4, PdfSharp.PageOrientation.Portrait, Margin))
        {
            var y = writer.NewPage();
            var gfx = writer.Graphics;
            var area = writer.Area;
            var governing = minutes.OwnerLevel == UnitLevel.Province ? string.Empty : text["GoverningBody", minutes.ProvinceName];
            var heading = new OfficialHeading(governing, text["IssuingBody", ReportText.LowerFirst(minutes.OwnerName)], text["Minutes.Number"], minutes.Place, visit.Date);
            y = OfficialDocument.DrawHeading(gfx, area, heading) + 18;
            y += OfficialDocument.DrawParagraph(gfx, text["Minutes.Title"], PdfFonts.Bold(14), new XRect(area.X, y, area.Width, 18), XParagraphAlignment.Center);
            y += OfficialDocument.DrawParagraph(gfx, visit.PlanTitle, PdfFonts.Bold(12), new XRect(area.X + 30, y, area.Width - 60, 16), XParagraphAlignment.Center) + 10;

            y = Paragraph(writer, y, text["Minutes.Opening", VietnameseFormat.Date(visit.Date), visit.UnitName, minutes.OwnerName, text["Minutes.Kind." + visit.PlanKind]]);
            y = Section(writer, y, text["Minutes.Members"]);
            y = Paragraph(writer, y, text["Minutes.Team"]);
            foreach (var member in visit.Members.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            {
                y = Paragraph(writer, y, "- " + member, indent: 14);
            }

            y = Paragraph(writer, y, text["Minutes.Inspected", visit.UnitName]);

            y = Section(writer, y + 4, text["Minutes.Findings"]);
            var findings = new PdfTable(
            [
                new PdfColumn(text["Column.Number"], 0.45, XParagraphAlignment.Center),
                new PdfColumn(text["Minutes.Column.Criterion"], 2.4),
                new PdfColumn(text["Minutes.Column.Rating"], 0.9, XParagraphAlignment.Center),
                new PdfColumn(text["Minutes.Column.Finding"], 2.2),
                new PdfColumn(text["Minutes.Column.Evidence"], 1.3),
                new PdfColumn(text["Minutes.Column.Answer"], 1.8),
            ], fontSize: 8.5);
            y = findings.Draw(writer, y, visit.Findings.Select(f => new PdfRow(
            [
                f.Criterion.ToString(CultureInfo.InvariantCulture), f.CriterionText, Rating(f, text), f.Text ?? string.Empty,
                string.Join("\n", new[] { f.EvidenceUrl, f.EvidenceFileName }.Where(e => e is not null)), f.Answer ?? string.Empty,
            ])).ToList()) + 12;

            y = Section(writer, y, text["Minutes.FollowUps"]);
            if (visit.FollowUps.Count == 0)
            {
                y = Paragraph(writer, y, text["Minutes.NoFollowUps"]);
            }
            else
            {
                var followUps = new PdfTable(
                [
                    new PdfColumn(text["Column.Number"], 0.45, XParagraphAlignment.Center),
                    new PdfColumn(text["Minutes.Column.FollowUp"], 4),
                    new PdfColumn(text["Column.Lead"], 2),
                    new PdfColumn(text["Column.Due"], 1.1, XParagraphAlignment.Center),
                ], fontSize: 8.5);
                y = followUps.Draw(writer, y, visit.FollowUps.Select((f, i) => new PdfRow(
                [
                    (i + 1).ToString(CultureInfo.InvariantCulture), f.Text, f.LeadName, VietnameseFormat.Date(f.Due),
                ])).ToList()) + 12;
            }

            y = Paragraph(writer, y, text["Minutes.Closing"]);
            Signatures(writer, y + 8, text);
        }

        using var stream = new MemoryStream();
        pdf.Save(stream);
        return stream.ToArray();
    }

    /// <summary>"4/5" on a score; "Đạt", "Đạt một phần", "Không đạt" on the yes/no scales.</summary>
    private static string Rating(FindingDto finding, ReportText text) =>
        finding.Scale == InspectionScales.Score ? finding.Rating + "/5" : text["Minutes.Rating." + finding.Rating];

    private static double Paragraph(PdfPageWriter writer, double y, string paragraph, double indent = 0)
    {
        var font = PdfFonts.Regular(10.5);
        var lines = OfficialDocument.CountLines(writer.Graphics, paragraph, font, writer.Area.Width - indent);
        y = writer.Ensure(y, (lines * font.GetHeight()) + 4);
        return y + OfficialDocument.DrawParagraph(writer.Graphics, paragraph, font, new XRect(writer.Area.X + indent, y, writer.Area.Width - indent, 14), XParagraphAlignment.Left) + 3;
    }

    private static double Section(PdfPageWriter writer, double y, string title)
    {
        y = writer.Ensure(y, 40);
        return y + OfficialDocument.DrawParagraph(writer.Graphics, title, PdfFonts.Bold(11), new XRect(writer.Area.X, y, writer.Area.Width, 14)) + 4;
    }

    /// <summary>Two signatures side by side: the inspected unit's representative on the left, the head of the inspection team on the right.</summary>
    private static void Signatures(PdfPageWriter writer, double y, ReportText text)
    {
        y = writer.Ensure(y, 130);
        var gfx = writer.Graphics;
        var area = writer.Area;
        foreach (var (x, title) in new[] { (area.X, text["Minutes.SignUnit"]), (area.X + (area.Width / 2), text["Minutes.SignHead"]) })
        {
            var line = y;
            line += OfficialDocument.DrawParagraph(gfx, title, PdfFonts.Bold(11), new XRect(x, line, area.Width / 2, 14), XParagraphAlignment.Center);
            line += OfficialDocument.DrawParagraph(gfx, text["Minutes.SignHint"], PdfFonts.Italic(9.5), new XRect(x, line, area.Width / 2, 14), XParagraphAlignment.Center);
            OfficialDocument.DrawParagraph(gfx, text["SignName"], PdfFonts.Regular(10), new XRect(x, line + 62, area.Width / 2, 14), XParagraphAlignment.Center);
        }
    }
}
