using System.Globalization;
using HocVuSo.Core.Common;
using HocVuSo.Core.Data;
using Microsoft.EntityFrameworkCore;

namespace HocVuSo.Core.Features.Reporting;

/// <summary>One indicator's row read back from a filled template: the cell as typed (text), or the number it holds.</summary>
public sealed record TemplateRow(int Row, string Code, string? Text, decimal? Number, string? Comment);

/// <summary>What a filled offline template says about itself (its hidden metadata) and its rows.</summary>
public sealed record FilledTemplate(string? Kind, string? Version, string? UnitCode, string? Period, IReadOnlyList<TemplateRow> Rows);

/// <summary>
/// Saves the figures of a filled offline template (.xlsx) as the report's draft, through the same
/// path as the web form, so every rule of the draft applies. The template must be the one for
/// this commune and month; cells that are not whole non-negative numbers are reported by row and
/// indicator. Any error means nothing is saved: the draft stays as it was.
/// </summary>
public static class ImportReportTemplate
{
    public const string Kind = "hocvuso.monthly-report";
    public const string Version = "1";

    public sealed class Handler(AppDbContext db, MonthlyReports.Handler reports)
    {
        public async Task<Result<ReportDto>> HandleAsync(MonthlyReports.Key key, FilledTemplate template, CancellationToken ct)
        {
            var current = await reports.GetAsync(key, ct);
            if (!current.IsSuccess)
            {
                return current;
            }

            if (current.Value!.Status is nameof(ReportStatus.Approved) or nameof(ReportStatus.Submitted))
            {
                return Errors.Conflict(current.Value.Status == nameof(ReportStatus.Approved) ? "reports.locked" : "reports.already_submitted");
            }

            if (template.Kind != Kind || template.UnitCode is null || template.Period is null)
            {
                return Errors.Invalid("ReportExport.TemplateNotOurs", "file");
            }

            if (template.Version != Version)
            {
                return Errors.Invalid("ReportExport.TemplateVersion", "file", template.Version ?? "?", Version);
            }

            if (!string.Equals(template.UnitCode, key.UnitCode, StringComparison.Ordinal) || template.Period != key.Period)
            {
                return Errors.Invalid("ReportExport.TemplateWrongReport", "file", template.UnitCode, VietnameseFormat.MonthAndYear(template.Period), key.UnitCode, VietnameseFormat.MonthAndYear(key.Period));
            }

            var names = await db.Indicators.AsNoTracking().ToDictionaryAsync(i => i.Code, i => i.NameVi, ct);
            var errors = new List<Error>();
            // The template is the whole report: an empty row clears that figure (and comment).
            var values = new Dictionary<string, decimal?>();
            var comments = new Dictionary<string, string?>();
            var rowOf = new Dictionary<string, int>();
            foreach (var row in template.Rows)
            {
                if (!names.TryGetValue(row.Code, out var name))
                {
                    errors.Add(Errors.Invalid("ReportExport.TemplateUnknownIndicator", row.Code, row.Code).AtRow(row.Row));
                    continue;
                }

                if (!rowOf.TryAdd(row.Code, row.Row))
                {
                    errors.Add(Errors.Invalid("ReportExport.TemplateDuplicate", name, rowOf[row.Code]).AtRow(row.Row));
                    continue;
                }

                comments[row.Code] = string.IsNullOrWhiteSpace(row.Comment) ? null : row.Comment;
                var number = row.Number ?? ParseText(row.Text);
                if (row.Number is null && string.IsNullOrWhiteSpace(row.Text))
                {
                    values[row.Code] = null;
                    continue;
                }

                if (number is null)
                {
                    errors.Add(Errors.Invalid("ReportExport.TemplateNotNumber", name, row.Text!.Trim()).AtRow(row.Row));
                }
                else if (number < 0 || number != Math.Round(number.Value))
                {
                    errors.Add(Errors.Invalid("ReportExport.TemplateBadNumber", name, number.Value).AtRow(row.Row));
                }
                else
                {
                    values[row.Code] = number.Value;
                }
            }

            if (errors.Count > 0)
            {
                return Result<ReportDto>.Fail(errors);
            }

            var saved = await reports.SaveDraftAsync(new MonthlyReports.Draft(key.UnitCode, key.Period, values, comments), ct);
            if (saved.IsSuccess)
            {
                return saved;
            }

            // The draft's own rules name the indicator; say which row of the file it came from, and what the indicator is called.
            return Result<ReportDto>.Fail(saved.Errors.Select(e => e.Field is { } code && rowOf.TryGetValue(code, out var row)
                ? e.AtRow(row) with { Field = names.GetValueOrDefault(code, code) }
                : e).ToList());
        }

        /// <summary>A number typed as text the Vietnamese way: "1.234" or "1 234"; anything else is not a number.</summary>
        private static decimal? ParseText(string? text)
        {
            if (string.IsNullOrWhiteSpace(text))
            {
                return null;
            }

            var clean = text.Trim().Replace(" ", string.Empty, StringComparison.Ordinal).Replace("\u00a0", string.Empty, StringComparison.Ordinal);
            return decimal.TryParse(clean, NumberStyles.AllowThousands | NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint, VietnameseFormat.Culture, out var n) ? n : null;
        }
    }
}
