using System.Globalization;
using HocVuSo.Core.Common;
using HocVuSo.Core.Common.Uploads;
using HocVuSo.Core.Data;
using HocVuSo.Core.Features.Accounts;
using Microsoft.EntityFrameworkCore;

namespace HocVuSo.Core.Features.Reporting;

/// <summary>One indicator's row read back from a filled template: the cell as typed (text), or the number it holds.</summary>
public sealed record TemplateRow(int Row, string Code, string? Text, decimal? Number, string? Comment);

/// <summary>What a filled offline template says about itself (its hidden metadata) and its rows.</summary>
public sealed record FilledTemplate(string? Kind, string? Version, string? UnitCode, string? Period, IReadOnlyList<TemplateRow> Rows);

/// <summary>Reads a filled template (.xlsx) within the upload bounds; the spreadsheet format lives at the edge.</summary>
public interface IReportTemplateReader
{
    /// <summary>The template's metadata and rows; a file that is not a readable .xlsx, not one of ours, or past a bound is an error.</summary>
    Result<FilledTemplate> Read(Stream xlsx, UploadLimits limits, CancellationToken ct);
}

/// <summary>
/// Saves the figures of a filled offline template (.xlsx) as the report's draft, through the same
/// path as the web form, so every rule of the draft applies. Only officers who may edit the
/// commune's report get the file read at all. The template must be the one for this commune and
/// month; cells that are not whole non-negative numbers are reported by row and indicator. Any
/// error means nothing is saved: the draft stays as it was.
/// An upload changes only what it holds: an indicator whose row is not in the file keeps its
/// figure and comment. A row that is in the file states that indicator as the file shows it (the
/// template is handed out filled with the stored figures and comments): a figure cell left blank
/// removes the figure, a comment cell left blank removes the comment. The outcome lists every
/// change, old → new.
/// </summary>
public static class ImportReportTemplate
{
    public const string Kind = "hocvuso.monthly-report";
    public const string Version = "1";

    public sealed record Command(MonthlyReports.Key Key, Upload File);

    /// <summary>One element the upload changed: an indicator's figure (<c>value</c>) or its comment (<c>comment</c>), as text; null is "nothing".</summary>
    public sealed record Change(string Code, string Name, string Element, string? Old, string? New);

    public sealed record Outcome(ReportDto Report, IReadOnlyList<Change> Changes);

    public sealed class Handler(AppDbContext db, ScopeService scopes, MonthlyReports.Handler reports, IReportTemplateReader reader, UploadLimits limits, TimeProvider clock)
    {
        public async Task<Result<Outcome>> HandleAsync(Command command, CancellationToken ct)
        {
            var key = command.Key;
            var scope = await scopes.GetAsync(ct);
            var unit = await db.UnitInScopeAsync(scope, key.UnitCode, clock.TodayInVietnam(), Permission.EditReports, ct);
            if (!unit.IsSuccess)
            {
                return Result<Outcome>.Fail(unit.Errors);
            }

            var current = await reports.GetAsync(key, ct);
            if (!current.IsSuccess)
            {
                return Result<Outcome>.Fail(current.Errors);
            }

            if (current.Value!.Status is nameof(ReportStatus.Approved) or nameof(ReportStatus.Submitted))
            {
                return Errors.Conflict(current.Value.Status == nameof(ReportStatus.Approved) ? "reports.locked" : "reports.already_submitted");
            }

            var template = await ReadAsync(command.File, ct);
            if (!template.IsSuccess)
            {
                return Result<Outcome>.Fail(template.Errors);
            }

            return await SaveAsync(key, current.Value, template.Value!, ct);
        }

        private async Task<Result<FilledTemplate>> ReadAsync(Upload upload, CancellationToken ct)
        {
            var opened = await upload.OpenAsync(ct);
            if (!opened.IsSuccess)
            {
                return Result<FilledTemplate>.Fail(opened.Errors);
            }

            var buffered = await BoundedStream.BufferAsync(opened.Value!, limits.MaxXlsxBytes, ct);
            if (!buffered.IsSuccess)
            {
                return Result<FilledTemplate>.Fail(buffered.Errors);
            }

            await using var xlsx = buffered.Value!;
            if (xlsx.Length == 0)
            {
                return Errors.Invalid("ReportExport.TemplateMissing", "file");
            }

            return reader.Read(xlsx, limits, ct);
        }

        private async Task<Result<Outcome>> SaveAsync(MonthlyReports.Key key, ReportDto current, FilledTemplate template, CancellationToken ct)
        {
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

            var order = await db.Indicators.AsNoTracking().OrderBy(i => i.Position).Select(i => new { i.Code, i.NameVi }).ToListAsync(ct);
            var names = order.ToDictionary(i => i.Code, i => i.NameVi, StringComparer.Ordinal);
            var errors = new List<Error>();
            // Only the rows the file holds change (the draft is a partial write): a blank cell in a
            // present row clears that figure or comment; an indicator whose row is missing keeps its value.
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

                var comment = MonthlyReports.CheckComment(row.Comment);
                if (!comment.IsSuccess)
                {
                    errors.Add(comment.FirstError.AtRow(row.Row));
                    continue;
                }

                comments[row.Code] = comment.Value!.Length == 0 ? null : comment.Value;
                if (row.Number is null && string.IsNullOrWhiteSpace(row.Text))
                {
                    values[row.Code] = null;
                    continue;
                }

                var number = row.Number ?? ParseText(row.Text);
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
                return Result<Outcome>.Fail(errors);
            }

            var changes = Changes(current, values, comments, order.Select(i => (i.Code, i.NameVi)).ToList());
            if (changes.Count == 0)
            {
                return new Outcome(current, changes);
            }

            var saved = await reports.SaveDraftAsync(new MonthlyReports.Draft(key.UnitCode, key.Period, values, comments), ct);
            if (saved.IsSuccess)
            {
                return new Outcome(saved.Value!, changes);
            }

            // The draft's own rules name the indicator; say which row of the file it came from, and what the indicator is called.
            return Result<Outcome>.Fail(saved.Errors.Select(e => e.Field is { } code && rowOf.TryGetValue(code, out var row)
                ? e.AtRow(row) with { Field = names.GetValueOrDefault(code, code) }
                : e).ToList());
        }

        /// <summary>Every figure and comment that differs between the stored report and the merged upload, in the indicators' order.</summary>
        private static List<Change> Changes(ReportDto current, Dictionary<string, decimal?> values, Dictionary<string, string?> comments, List<(string Code, string Name)> indicators)
        {
            var changes = new List<Change>();
            foreach (var (code, name) in indicators)
            {
                decimal? oldValue = current.Values.TryGetValue(code, out var o) ? o : null;
                var newValue = values.TryGetValue(code, out var n) ? n : oldValue;
                if (oldValue != newValue)
                {
                    changes.Add(new Change(code, name, "value", oldValue?.ToString(CultureInfo.InvariantCulture), newValue?.ToString(CultureInfo.InvariantCulture)));
                }

                var oldComment = current.Comments.GetValueOrDefault(code);
                var newComment = comments.TryGetValue(code, out var c) ? c : oldComment;
                if (!string.Equals(oldComment, newComment, StringComparison.Ordinal))
                {
                    changes.Add(new Change(code, name, "comment", oldComment, newComment));
                }
            }

            return changes;
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
