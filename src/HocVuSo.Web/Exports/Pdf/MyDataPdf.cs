using System.Globalization;
using HocVuSo.Core.Common;
using HocVuSo.Core.Features.Privacy;
using Microsoft.Extensions.Localization;
using PdfSharp.Drawing;
using PdfSharp.Drawing.Layout;
using PdfSharp.Pdf;

namespace HocVuSo.Web.Exports.Pdf;

/// <summary>
/// A learner's own data as a readable document: one section per kind of record, in the same order
/// and with the same content as the JSON download, dates in Viet Nam time. The identification
/// number appears masked, as on the page.
/// </summary>
public static class MyDataPdf
{
    private const double Margin = 42;

    public static byte[] Render(MyDataDocument data, IStringLocalizer localizer)
    {
        string L(string key) => localizer["MyData." + key];
        string When(DateTime? at) => at is { } t ? VietnameseFormat.DateTime(t) : string.Empty;
        string YesNo(bool value) => value ? L("Yes") : L("No");

        using var pdf = new PdfDocument();
        pdf.Info.Title = L("Title");
        pdf.Info.Creator = "HocVuSo";
        using (var writer = new PdfPageWriter(pdf, PdfSharp.PageSize.A4, PdfSharp.PageOrientation.Portrait, Margin))
        {
            var y = writer.NewPage();
            writer.Graphics.DrawString(L("Title").ToUpper(CultureInfo.GetCultureInfo("vi-VN")), PdfFonts.Bold(15), XBrushes.Black,
                new XRect(writer.Area.X, y, writer.Area.Width, 20), XStringFormats.TopCenter);
            y += 24;
            y += OfficialDocument.DrawParagraph(writer.Graphics, string.Format(CultureInfo.CurrentCulture, L("Generated"), When(data.GeneratedAt)), PdfFonts.Italic(10),
                new XRect(writer.Area.X, y, writer.Area.Width, 14), XParagraphAlignment.Center) + 10;

            double Section(double top, string title)
            {
                top = writer.Ensure(top, 40);
                writer.Graphics.DrawString(title, PdfFonts.Bold(12), XBrushes.Black, new XRect(writer.Area.X, top, writer.Area.Width, 16), XStringFormats.TopLeft);
                return top + 20;
            }

            double Facts(double top, params (string Label, string? Value)[] facts)
            {
                var table = new PdfTable([new PdfColumn(L("Field"), 1.2), new PdfColumn(L("Value"), 2.8)], fontSize: 9.5);
                return table.Draw(writer, top, facts.Select(f => new PdfRow([f.Label, f.Value ?? string.Empty])).ToList()) + 14;
            }

            double Table(double top, string[] headers, IEnumerable<string[]> rows)
            {
                var list = rows.Select(r => new PdfRow(r)).ToList();
                if (list.Count == 0)
                {
                    return top + OfficialDocument.DrawParagraph(writer.Graphics, L("None"), PdfFonts.Italic(9.5), new XRect(writer.Area.X, top, writer.Area.Width, 14)) + 10;
                }

                return new PdfTable(headers.Select(h => new PdfColumn(h, 1)).ToList(), fontSize: 8.5).Draw(writer, top, list) + 14;
            }

            var a = data.Account;
            y = Section(y, L("Section.Account"));
            y = Facts(y,
                (L("Account.FullName"), a.FullName),
                (L("Account.SignInName"), a.SignInName),
                (L("Account.Phone"), a.Phone),
                (L("Account.Email"), a.Email),
                (L("Account.HomeUnit"), a.HomeUnit is null ? a.HomeUnitCode : $"{a.HomeUnit} ({a.HomeUnitCode})"),
                (L("Account.CreatedAt"), When(a.CreatedAt)),
                (L("Account.RegisteredByTeamMember"), YesNo(a.RegisteredByTeamMember)),
                (L("Account.VneidLinked"), YesNo(a.VneidLinked)));

            y = Section(y, L("Section.Identity"));
            y = data.Identity is { } id
                ? Facts(y, (L("Identity.Number"), id.Masked), (L("Identity.BirthYear"), id.BirthYear.ToString(CultureInfo.InvariantCulture)),
                    (L("Identity.Gender"), id.Gender), (L("Identity.RecordedAt"), When(id.RecordedAt)), (L("Identity.VneidVerifiedAt"), When(id.VneidVerifiedAt)))
                : Table(y, [], []);

            y = Section(y, L("Section.Consents"));
            y = Table(y, [L("Consent.Purpose"), L("Consent.Granted"), L("Consent.At"), L("Consent.Channel"), L("Consent.Wording")],
                data.Consents.Select(c => new[] { localizer["privacy.consent." + c.Purpose + ".label"].Value, YesNo(c.Granted), When(c.At), localizer["privacy.channel." + c.Channel].Value, c.WordingVersion }));

            y = Section(y, L("Section.Lessons"));
            y = Table(y, [L("Lesson.Course"), L("Lesson.Lesson"), L("Lesson.FirstOpened"), L("Lesson.Completed")],
                data.Lessons.Select(l => new[] { l.Course, l.Lesson, When(l.FirstOpenedAt), When(l.CompletedAt) }));

            y = Section(y, L("Section.Attempts"));
            y = Table(y, [L("Attempt.Quiz"), L("Attempt.Started"), L("Attempt.Score"), L("Attempt.Passed")],
                data.Attempts.Select(t => new[]
                {
                    t.QuizTitle, When(t.StartedAt), t.Score is { } s ? VietnameseFormat.Percent(s) : string.Empty, t.Passed is { } p ? YesNo(p) : string.Empty,
                }));

            y = Section(y, L("Section.Certificate"));
            y = data.Certificate is { } c
                ? Facts(y, (L("Certificate.Status"), localizer["Certificate.Learner.Status." + c.Status].Value), (L("Certificate.Serial"), c.Serial),
                    (L("Certificate.CertifiedOn"), c.CertifiedOn is { } on ? VietnameseFormat.Date(on) : null), (L("Certificate.Holder"), c.HolderName),
                    (L("Certificate.VneidConfirmedAt"), When(c.VneidConfirmedAt)), (L("Certificate.RevokedAt"), When(c.RevokedAt)), (L("Certificate.RevocationReason"), c.RevocationReason))
                : Table(y, [], []);

            y = Section(y, L("Section.AssistedSessions"));
            y = Table(y, [L("Session.Started"), L("Session.Ended")], data.AssistedSessions.Select(s => new[] { When(s.StartedAt), When(s.EndedAt) }));

            y = Section(y, L("Section.DeletionRequests"));
            y = Table(y, [L("Deletion.RequestedAt"), L("Deletion.DueAt"), L("Deletion.Status"), L("Deletion.CompletedAt")],
                data.DeletionRequests.Select(r => new[] { When(r.RequestedAt), When(r.DueAt), localizer["MyData.Deletion.Status." + r.Status].Value, When(r.CompletedAt) }));

            y = Section(y, L("Section.Audit"));
            Table(y, [L("Audit.At"), L("Audit.Action"), L("Audit.By")],
                data.AuditEntries.Select(e => new[] { When(e.At), e.Action, L("Audit.By." + e.By) }));
        }

        using var output = new MemoryStream();
        pdf.Save(output);
        return output.ToArray();
    }
}
