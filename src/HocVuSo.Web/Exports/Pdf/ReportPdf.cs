using HocVuSo.Core.Features.Reporting;
using PdfSharp.Drawing;
using PdfSharp.Drawing.Layout;
using PdfSharp.Pdf;

namespace HocVuSo.Web.Exports.Pdf;

/// <summary>
/// The monthly report of a commune and the provincial summary as official administrative
/// documents: national heading, issuing body, number and date line, title, table, signature
/// block with the list of recipients.
/// </summary>
public static class ReportPdf
{
    public const string ContentType = "application/pdf";

    private const double Margin = 42;

    /// <summary>A commune's monthly report, portrait A4.</summary>
    public static byte[] MonthlyReport(MonthlyReportDocument document, ReportText text)
    {
        var report = document.Report;
        using var pdf = new PdfDocument();
        pdf.Info.Title = text["Title"] + " " + document.CommuneName + " " + ReportText.Month(report.Period);
        using (var writer = new PdfPageWriter(pdf, PdfSharp.PageSize.A4, PdfSharp.PageOrientation.Portrait, Margin))
        {
            var y = writer.NewPage();
            var heading = new OfficialHeading(text["GoverningBody", document.ProvinceName], text["IssuingBody", document.CommuneName],
                text["CommuneNumber"], document.Place, document.DocumentDate);
            y = OfficialDocument.DrawHeading(writer.Graphics, writer.Area, heading) + 18;
            y = DrawTitle(writer, y, text["Title"], text["Subtitle", ReportText.Month(report.Period)]);
            y += OfficialDocument.DrawParagraph(writer.Graphics, text.StatusLine(report), PdfFonts.Italic(10), new XRect(writer.Area.X, y, writer.Area.Width, 14),
                XParagraphAlignment.Center) + 8;

            var table = new PdfTable(
            [
                new PdfColumn(text["Column.Number"], 0.45, XParagraphAlignment.Center),
                new PdfColumn(text["Column.Indicator"], 2.6),
                new PdfColumn(text["Column.Measure"], 0.8, XParagraphAlignment.Center),
                new PdfColumn(text["Column.Reported"], 1.0, XParagraphAlignment.Right),
                new PdfColumn(text["Column.Computed"], 1.0, XParagraphAlignment.Right),
                new PdfColumn(text["Column.Difference"], 0.9, XParagraphAlignment.Right),
                new PdfColumn(text["Column.Verified"], 1.45, XParagraphAlignment.Right),
                new PdfColumn(text["Column.Target"], 1.15, XParagraphAlignment.Center),
                new PdfColumn(text["Column.Comment"], 1.2),
            ], fontSize: 8.5);
            var rows = document.Lines.Select((l, i) => new PdfRow(
            [
                (i + 1).ToString(System.Globalization.CultureInfo.InvariantCulture), l.Name, text.Measure(l.Code, l.Unit, l.Denominator),
                ReportText.Number(l.Reported), ReportText.Number(l.Computed), ReportText.WithSign(l.Difference), l.Verified?.DisplayWithSize() ?? "—",
                text.Target(l.Target, l.Unit), l.Comment ?? string.Empty,
            ])).ToList();
            y = table.Draw(writer, y, rows) + 16;
            DrawSignature(writer, y, text["CommuneRecipients", ReportText.LowerFirst(document.ProvinceName)], text["CommuneSigner1"], text["CommuneSigner2"], text);
        }

        return Save(pdf);
    }

    /// <summary>The province's summary of its communes' reports, landscape A4.</summary>
    public static byte[] ProvincialSummary(ProvincialSummaryDto summary, ReportText text)
    {
        using var pdf = new PdfDocument();
        pdf.Info.Title = text["SummaryTitle"] + " " + summary.ProvinceName + " " + ReportText.Month(summary.Period);
        using (var writer = new PdfPageWriter(pdf, PdfSharp.PageSize.A4, PdfSharp.PageOrientation.Landscape, Margin))
        {
            var y = writer.NewPage();
            var heading = new OfficialHeading(text["GoverningBody", summary.ProvinceName], text["ProvinceIssuingBody"], text["ProvinceNumber"], summary.Place,
                summary.DocumentDate);
            var headingArea = new XRect(writer.Area.X + (writer.Area.Width * 0.1), writer.Area.Y, writer.Area.Width * 0.8, writer.Area.Height);
            y = OfficialDocument.DrawHeading(writer.Graphics, headingArea, heading) + 14;
            y = DrawTitle(writer, y, text["SummaryTitle"], text["SummarySubtitle", ReportText.Month(summary.Period)]);
            var counts = text["SummaryCounts", summary.Approved, summary.Rows.Count, summary.Late, summary.Missing,
                Core.Common.VietnameseFormat.Date(summary.CommuneDueDate), Core.Common.VietnameseFormat.Date(summary.ProvinceDueDate)];
            y += OfficialDocument.DrawParagraph(writer.Graphics, counts, PdfFonts.Italic(10), new XRect(writer.Area.X, y, writer.Area.Width, 14), XParagraphAlignment.Center) + 8;

            y = DrawSection(writer, y, text["SummaryProvinceSection"]);
            var province = new PdfTable(
            [
                new PdfColumn(text["Column.Number"], 0.45, XParagraphAlignment.Center),
                new PdfColumn(text["Column.Indicator"], 3.6),
                new PdfColumn(text["Column.ApprovedTotal"], 1.2, XParagraphAlignment.Right),
                new PdfColumn(text["Column.Computed"], 1.2, XParagraphAlignment.Right),
                new PdfColumn(text["Column.Denominator"], 1.1, XParagraphAlignment.Right),
                new PdfColumn(text["Column.Result"], 1.1, XParagraphAlignment.Right),
                new PdfColumn(text["Column.Target"], 1.4, XParagraphAlignment.Center),
            ], fontSize: 8.5);
            y = province.Draw(writer, y, summary.Indicators.Select((i, n) => new PdfRow(
            [
                (n + 1).ToString(System.Globalization.CultureInfo.InvariantCulture), i.Name, ReportText.Number(i.ApprovedTotal), ReportText.Number(i.Computed),
                ReportText.Number(i.Denominator), text.Value(i.Value, i.Unit), text.Target(i.Target, i.Unit),
            ])).ToList()) + 14;

            // The communes' figures, a few indicators at a time so the columns stay readable.
            const int PerTable = 6;
            for (var start = 0; start < summary.Indicators.Count; start += PerTable)
            {
                var group = summary.Indicators.Skip(start).Take(PerTable).ToList();
                y = writer.Ensure(y, 80);
                y = DrawSection(writer, y, text["SummaryCommuneSection", start + 1, start + group.Count]);
                var columns = new List<PdfColumn>
                {
                    new(text["Column.Number"], 0.45, XParagraphAlignment.Center),
                    new(text["Column.Commune"], 1.6),
                    new(text["Column.Status"], 1.3),
                };
                columns.AddRange(group.Select(i => new PdfColumn(i.Name, 1.2, XParagraphAlignment.Right)));
                var rows = summary.Rows.Select((r, n) => new PdfRow(new[]
                {
                    (n + 1).ToString(System.Globalization.CultureInfo.InvariantCulture), r.UnitName, text.Status(r.Status, r.Late),
                }.Concat(group.Select(i => ReportText.Number(r.Values.TryGetValue(i.Code, out var v) ? v : null))).ToList())).ToList();
                rows.Add(new PdfRow(new[] { string.Empty, text["TotalApproved"], text["ApprovedCount", summary.Approved, summary.Rows.Count] }
                    .Concat(group.Select(i => ReportText.Number(i.ApprovedTotal))).ToList(), Bold: true));
                y = new PdfTable(columns, fontSize: 7.5).Draw(writer, y, rows) + 14;
            }

            DrawSignature(writer, y, text["ProvinceRecipients"], text["ProvinceSigner1"], text["ProvinceSigner2"], text);
        }

        return Save(pdf);
    }

    /// <summary>
    /// "Báo cáo kết quả thực hiện Kế hoạch" for a period, landscape A4: one row per task with its
    /// lead and coordinating bodies, deadline, targets and their progress, state, and the updates of
    /// the period with their evidence.
    /// </summary>
    public static byte[] PlanReport(Core.Features.Plans.PlanReportDto report, ReportText text)
    {
        using var pdf = new PdfDocument();
        pdf.Info.Title = text["PlanTitle"] + " " + report.PlanNumber + " " + report.UnitName;
        using (var writer = new PdfPageWriter(pdf, PdfSharp.PageSize.A4, PdfSharp.PageOrientation.Landscape, Margin))
        {
            var y = writer.NewPage();
            var headingArea = new XRect(writer.Area.X + (writer.Area.Width * 0.1), writer.Area.Y, writer.Area.Width * 0.8, writer.Area.Height);
            y = OfficialDocument.DrawHeading(writer.Graphics, headingArea, text.PlanHeading(report)) + 14;
            y = DrawTitle(writer, y, text["PlanTitle"], text.PlanSubtitle(report));
            y += OfficialDocument.DrawParagraph(writer.Graphics, text.PlanPeriod(report), PdfFonts.Italic(10), new XRect(writer.Area.X, y, writer.Area.Width, 14),
                XParagraphAlignment.Center) + 8;
            var table = new PdfTable(
            [
                new PdfColumn(text["Column.Number"], 0.45, XParagraphAlignment.Center),
                new PdfColumn(text["Column.Task"], 2.6),
                new PdfColumn(text["Column.Lead"], 1.6),
                new PdfColumn(text["Column.Due"], 1.2),
                new PdfColumn(text["Column.TargetProgress"], 2.4),
                new PdfColumn(text["Column.State"], 0.9, XParagraphAlignment.Center),
                new PdfColumn(text["Column.Updates"], 2.4),
            ], fontSize: 8);
            var rows = report.Tasks.Select(t => new PdfRow(
            [
                t.Number, t.Title, text.PlanLead(t), t.ScheduleText ?? (t.Due is { } due ? Core.Common.VietnameseFormat.Date(due) : string.Empty),
                text.PlanTargets(t), text.PlanState(t.State), text.PlanUpdates(t),
            ])).ToList();
            y = table.Draw(writer, y, rows) + 16;
            DrawSignature(writer, y, text.PlanRecipients(report), text["CommuneSigner1"], text["CommuneSigner2"], text);
        }

        return Save(pdf);
    }

    /// <summary>
    /// The year-end summary (báo cáo tổng kết), portrait A4: national heading, issuing body, number
    /// and date line, the title; "DỰ THẢO" while a draft; the results with the tasks' outcomes and
    /// the year's figures, then each written section under its heading; the signature block.
    /// </summary>
    public static byte[] PlanSummary(Core.Features.Plans.PlanYearSummaryDto summary, ReportText text)
    {
        using var pdf = new PdfDocument();
        pdf.Info.Title = text["YearSummaryTitle"] + " " + summary.UnitName + " " + summary.Year.ToString(System.Globalization.CultureInfo.InvariantCulture);
        using (var writer = new PdfPageWriter(pdf, PdfSharp.PageSize.A4, PdfSharp.PageOrientation.Portrait, Margin))
        {
            var y = writer.NewPage();
            y = OfficialDocument.DrawHeading(writer.Graphics, writer.Area, text.SummaryHeading(summary)) + 14;
            if (summary.Status == "draft")
            {
                y += OfficialDocument.DrawParagraph(writer.Graphics, text["YearSummaryDraft"], PdfFonts.Bold(11), new XRect(writer.Area.X, y, writer.Area.Width, 14), XParagraphAlignment.Center) + 4;
            }

            y = DrawTitle(writer, y, text["PlanTitle"], text.SummarySubtitle(summary));
            var figures = summary.Figures;
            var number = 0;
            y = DrawSection(writer, y, text.SummaryHeading(++number, "YearSummaryResults", summary.Year));
            y = DrawText(writer, y, summary.Results);
            y = DrawText(writer, y, text.SummaryFigures(summary));
            var table = new PdfTable(
            [
                new PdfColumn(text["Column.Number"], 0.5, XParagraphAlignment.Center),
                new PdfColumn(text["Column.Task"], 2.4),
                new PdfColumn(text["Column.Lead"], 1.4),
                new PdfColumn(text["Column.YearSummaryTargets"], 2.4),
                new PdfColumn(text["Column.State"], 0.9, XParagraphAlignment.Center),
            ], fontSize: 7.5);
            y = table.Draw(writer, y, figures.Tasks.Select(t => new PdfRow([t.Number, t.Title, t.Lead ?? string.Empty, text.SummaryTargets(t), text.PlanState(t.State)])).ToList()) + 10;
            foreach (var (key, body) in new[]
            {
                ("YearSummaryShortcomings", summary.Shortcomings), ("YearSummaryCauses", summary.Causes), ("YearSummaryLessons", summary.Lessons),
                ("YearSummaryNextYear", summary.NextYear), ("YearSummaryProposals", summary.Proposals),
            })
            {
                if (!string.IsNullOrWhiteSpace(body))
                {
                    y = DrawSection(writer, writer.Ensure(y, 40), text.SummaryHeading(++number, key, summary.Year + 1));
                    y = DrawText(writer, y, body);
                }
            }

            DrawSignature(writer, y + 10, text.SummaryRecipients(summary), text["CommuneSigner1"], text["CommuneSigner2"], text);
        }

        return Save(pdf);
    }

    /// <summary>Paragraph by paragraph, each kept whole on a page.</summary>
    private static double DrawText(PdfPageWriter writer, double y, string body)
    {
        var font = PdfFonts.Regular(10.5);
        foreach (var paragraph in body.Split('\n'))
        {
            var height = (OfficialDocument.CountLines(writer.Graphics, paragraph, font, writer.Area.Width) * font.GetHeight()) + 4;
            y = writer.Ensure(y, height);
            y += OfficialDocument.DrawParagraph(writer.Graphics, paragraph, font, new XRect(writer.Area.X, y, writer.Area.Width, height)) + 2;
        }

        return y + 4;
    }

    private static double DrawTitle(PdfPageWriter writer, double y, string title, string subtitle)
    {
        var area = writer.Area;
        y += OfficialDocument.DrawParagraph(writer.Graphics, title, PdfFonts.Bold(14), new XRect(area.X, y, area.Width, 18), XParagraphAlignment.Center);
        y += OfficialDocument.DrawParagraph(writer.Graphics, subtitle, PdfFonts.Bold(12), new XRect(area.X + 40, y, area.Width - 80, 16), XParagraphAlignment.Center);
        return y + 6;
    }

    private static double DrawSection(PdfPageWriter writer, double y, string title) =>
        y + OfficialDocument.DrawParagraph(writer.Graphics, title, PdfFonts.Bold(10.5), new XRect(writer.Area.X, y, writer.Area.Width, 14)) + 4;

    /// <summary>Recipients on the left; on the right the signer's capacity and title, room for the signature and the name.</summary>
    private static void DrawSignature(PdfPageWriter writer, double y, string recipients, string capacity, string title, ReportText text)
    {
        y = writer.Ensure(y, 150);
        var gfx = writer.Graphics;
        var area = writer.Area;
        var left = new XRect(area.X, y, area.Width * 0.45, 120);
        var right = new XRect(area.X + (area.Width * 0.5), y, area.Width * 0.5, 150);
        var used = OfficialDocument.DrawParagraph(gfx, text["Recipients"], PdfFonts.BoldItalic(10), left);
        OfficialDocument.DrawParagraph(gfx, recipients, PdfFonts.Regular(9), new XRect(left.X, left.Y + used, left.Width, 100));

        var line = right.Y;
        line += OfficialDocument.DrawParagraph(gfx, capacity, PdfFonts.Bold(11), new XRect(right.X, line, right.Width, 14), XParagraphAlignment.Center);
        line += OfficialDocument.DrawParagraph(gfx, title, PdfFonts.Bold(11), new XRect(right.X, line, right.Width, 14), XParagraphAlignment.Center);
        line += OfficialDocument.DrawParagraph(gfx, text["SignHint"], PdfFonts.Italic(9.5), new XRect(right.X, line, right.Width, 14), XParagraphAlignment.Center);
        OfficialDocument.DrawParagraph(gfx, text["SignName"], PdfFonts.Regular(10), new XRect(right.X, line + 62, right.Width, 14), XParagraphAlignment.Center);
    }

    private static byte[] Save(PdfDocument pdf)
    {
        using var stream = new MemoryStream();
        pdf.Save(stream);
        return stream.ToArray();
    }
}
