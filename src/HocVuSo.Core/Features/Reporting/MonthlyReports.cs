using System.Globalization;
using HocVuSo.Core.Common;
using HocVuSo.Core.Data;
using HocVuSo.Core.Features.Accounts;
using HocVuSo.Core.Features.Audit;
using HocVuSo.Core.Features.Geography;
using Microsoft.EntityFrameworkCore;

namespace HocVuSo.Core.Features.Reporting;

public sealed record ReportDto(string UnitCode, string UnitName, string Period, string Status, IReadOnlyDictionary<string, decimal> Values,
    IReadOnlyDictionary<string, string> Comments, IReadOnlyDictionary<string, decimal?> Computed, string? ReturnComment, DateTime? SubmittedAt, DateTime? DecidedAt,
    bool CanEdit, bool CanDecide)
{
    /// <summary>
    /// Figures the form starts from where the commune has typed none: what the commune's own
    /// evidence logs count (<see cref="Computation.PrefillsReport"/>), when they count anything.
    /// </summary>
    public IReadOnlyDictionary<string, decimal> Prefill { get; init; } = new Dictionary<string, decimal>();

    /// <summary>
    /// The verified share of the indicators a call-back sample of the commune and month checks
    /// (<see cref="Oversight.VerificationFigures"/>), by indicator code; empty when none was verified.
    /// </summary>
    public IReadOnlyDictionary<string, Oversight.VerifiedFigure> Verified { get; init; } = new Dictionary<string, Oversight.VerifiedFigure>();
}

/// <summary>
/// The monthly report workflow. A commune's officers fill the month's figures (a draft), submit
/// them; the province's approvers approve — the report is then locked — or return it with a
/// comment for correction. Figures are checked: no negatives, a numerator never above its
/// denominator, year-to-date figures never below last month's, no month in the future. Every
/// change of a figure is kept in the audit trail with the old and new value.
/// </summary>
public static class MonthlyReports
{
    public static bool TryParsePeriod(string? text, out DateOnly period) => VietnameseFormat.TryParsePeriod(text, out period);

    /// <summary>The longest comment a decision keeps.</summary>
    public const int MaxCommentLength = TextLimits.Comment;

    /// <summary>A comment on a figure or a decision, as stored: the text rule of <see cref="VietnameseText.Check"/>, line breaks kept.</summary>
    public static Result<string> CheckComment(string? comment) => VietnameseText.Check(comment, "comment", MaxCommentLength, TextShape.MultiLine);

    public sealed record Key(string UnitCode, string Period);

    /// <summary>
    /// A change to a report's draft. Only the indicators named change: a figure or comment left out
    /// keeps what is stored; a null figure (or a null or blank comment) clears it.
    /// </summary>
    public sealed record Draft(string UnitCode, string Period, IReadOnlyDictionary<string, decimal?>? Values, IReadOnlyDictionary<string, string?>? Comments);

    public sealed class Handler(AppDbContext db, ScopeService scopes, IndicatorComputations computations, TimeProvider clock)
    {
        public async Task<Result<ReportDto>> GetAsync(Key key, CancellationToken ct)
        {
            var context = await LoadAsync(key, Permission.ViewStaffData, ct);
            return context.IsSuccess ? await DescribeAsync(context.Value!, ct) : Result<ReportDto>.Fail(context.Errors);
        }

        public async Task<Result<ReportDto>> SaveDraftAsync(Draft draft, CancellationToken ct)
        {
            var context = await LoadAsync(new Key(draft.UnitCode, draft.Period), Permission.EditReports, ct);
            if (!context.IsSuccess)
            {
                return Result<ReportDto>.Fail(context.Errors);
            }

            var (unit, period, report, scope) = context.Value!;
            if (report?.Status is ReportStatus.Approved or ReportStatus.Submitted)
            {
                return Errors.Conflict(report.Status == ReportStatus.Approved ? "reports.locked" : "reports.already_submitted");
            }

            var indicators = await db.Indicators.AsNoTracking().ToDictionaryAsync(i => i.Code, ct);
            var given = draft.Values ?? new Dictionary<string, decimal?>();
            var errors = new List<Error>();
            var previous = await db.MonthlyReports.AsNoTracking().Where(r => r.UnitId == unit.Id && r.Period < period && r.Period.Year == period.Year)
                .OrderByDescending(r => r.Period).FirstOrDefaultAsync(ct);
            var today = clock.TodayInVietnam();
            var denominators = new Dictionary<Denominator, decimal?>();
            foreach (var (code, figure) in given)
            {
                if (!indicators.TryGetValue(code, out var indicator))
                {
                    errors.Add(Errors.Invalid("reports.unknown_indicator", code, code));
                    continue;
                }

                if (figure is not { } value)
                {
                    continue;
                }

                if (value < 0 || value != Math.Round(value))
                {
                    errors.Add(Errors.Invalid("reports.bad_value", code));
                    continue;
                }

                decimal? denominator = null;
                if (indicator.Unit == IndicatorUnit.Percent && !denominators.TryGetValue(indicator.Denominator, out denominator))
                {
                    denominators[indicator.Denominator] = denominator = await computations.DenominatorAsync(indicator.Denominator, unit, period.Year, today, ct);
                }
                if (denominator is { } d && value > d)
                {
                    errors.Add(Errors.Invalid("reports.over_denominator", code, value, d));
                }

                if (indicator.Cumulative && previous?.Values.TryGetValue(code, out var before) == true && value < before)
                {
                    errors.Add(Errors.Invalid("reports.decreasing", code, value, before));
                }
            }

            foreach (var (code, comment) in draft.Comments ?? new Dictionary<string, string?>())
            {
                if (CheckComment(comment) is { IsSuccess: false } refused)
                {
                    errors.Add(refused.FirstError with { Field = "comments." + code });
                }
            }

            if (errors.Count > 0)
            {
                return Result<ReportDto>.Fail(errors);
            }

            var now = clock.UtcNow();
            if (report is null)
            {
                report = new MonthlyReport { UnitId = unit.Id, UnitPath = unit.Path, Period = period, Status = ReportStatus.Draft };
                db.MonthlyReports.Add(report);
            }

            var old = new Dictionary<string, decimal>(report.Values);
            var values = new Dictionary<string, decimal>(report.Values);
            foreach (var (code, value) in given)
            {
                if (value is { } v)
                {
                    values[code] = v;
                }
                else
                {
                    values.Remove(code);
                }
            }

            var comments = new Dictionary<string, string>(report.Comments);
            // Comments on codes that are not indicators are ignored, as ever.
            foreach (var (code, comment) in (draft.Comments ?? new Dictionary<string, string?>()).Where(c => indicators.ContainsKey(c.Key)))
            {
                if (CheckComment(comment).Value is { Length: > 0 } clean)
                {
                    comments[code] = clean;
                }
                else
                {
                    comments.Remove(code);
                }
            }

            report.Values = values;
            report.Comments = comments;
            report.Status = report.Status == ReportStatus.Returned ? ReportStatus.Returned : ReportStatus.Draft;
            report.UpdatedAt = now;
            report.UpdatedByUserId = scope.UserId;
            foreach (var code in values.Keys.Union(old.Keys).Where(c => old.GetValueOrDefault(c, -1) != values.GetValueOrDefault(c, -1)))
            {
                // The figure's comment, as it stands with this change, is the change's reason.
                AuditLog.Record(db, scope, now, "reports.value_changed", nameof(MonthlyReport), $"{unit.Code}/{draft.Period}/{code}", unit.Path,
                    old.TryGetValue(code, out var o) ? o : null, values.TryGetValue(code, out var n) ? n : null, report.Comments.GetValueOrDefault(code));
            }

            await db.SaveChangesAsync(ct);
            return await DescribeAsync((unit, period, report, scope), ct);
        }

        /// <summary>
        /// Submits the report. A phone that retries the same submission (same
        /// <paramref name="idempotencyKey"/>) gets the first result back; a second submission
        /// without it, or with another key, is refused as already submitted.
        /// </summary>
        public async Task<Result<ReportDto>> SubmitAsync(Key key, CancellationToken ct, string? idempotencyKey = null)
        {
            if (idempotencyKey is { Length: > 100 })
            {
                return Errors.Invalid("reports.bad_idempotency_key", "Idempotency-Key");
            }

            var context = await LoadAsync(key, Permission.EditReports, ct);
            if (context.IsSuccess && IsReplay(context.Value.Report, idempotencyKey))
            {
                return await DescribeAsync(context.Value, ct);
            }

            if (context.IsSuccess && context.Value.Report is { } report && await UnexplainedOutliersAsync(context.Value.Unit, report, ct) is { Count: > 0 } outliers)
            {
                return Result<ReportDto>.Fail(outliers);
            }

            return await TransitionAsync(key, Permission.EditReports, [ReportStatus.Draft, ReportStatus.Returned], ReportStatus.Submitted, null, ct, idempotencyKey);
        }

        /// <summary>
        /// The report form's "submit": saves the figures as the draft, then submits them. The same
        /// form sent again (same <paramref name="submissionKey"/>) after it was submitted shows the
        /// first result and saves nothing.
        /// </summary>
        public async Task<Result<ReportDto>> SaveAndSubmitAsync(Draft draft, string? submissionKey, CancellationToken ct)
        {
            var key = new Key(draft.UnitCode, draft.Period);
            if (submissionKey is not null)
            {
                var context = await LoadAsync(key, Permission.EditReports, ct);
                if (context.IsSuccess && IsReplay(context.Value.Report, submissionKey))
                {
                    return await DescribeAsync(context.Value, ct);
                }
            }

            var saved = await SaveDraftAsync(draft, ct);
            return saved.IsSuccess ? await SubmitAsync(key, ct, submissionKey) : saved;
        }

        /// <summary>True when <paramref name="report"/> was already submitted with this idempotency key.</summary>
        private static bool IsReplay(MonthlyReport? report, string? idempotencyKey) =>
            idempotencyKey is not null && report?.SubmissionKey == idempotencyKey && report.Status is ReportStatus.Submitted or ReportStatus.Approved;

        /// <summary>An approver reopens an approved report for correction; the reason is kept in the audit trail.</summary>
        public Task<Result<ReportDto>> UnlockAsync(Key key, string? reason, CancellationToken ct) =>
            DecideAsync(key, [ReportStatus.Approved], ReportStatus.Returned, reason, required: true, ct);

        private async Task<List<Error>> UnexplainedOutliersAsync(Unit unit, MonthlyReport report, CancellationToken ct)
        {
            var history = await db.MonthlyReports.AsNoTracking().Where(r => r.UnitId == unit.Id && r.Period < report.Period)
                .OrderByDescending(r => r.Period).Take(12).Select(r => r.Values).ToListAsync(ct);
            var provincePath = unit.Path[..(unit.Path.IndexOf('/', 1) + 1)];
            var peers = await db.MonthlyReports.AsNoTracking()
                .Where(r => r.Period == report.Period && r.UnitId != unit.Id && r.UnitPath.StartsWith(provincePath) && r.Status != ReportStatus.Draft)
                .Select(r => r.Values).ToListAsync(ct);
            var errors = new List<Error>();
            foreach (var (code, value) in report.Values)
            {
                var own = history.Where(h => h.ContainsKey(code)).Select(h => h[code]).ToList();
                var others = peers.Where(p => p.ContainsKey(code)).Select(p => p[code]).ToList();
                if (OutlierRule.IsOutlier(value, own, others) && string.IsNullOrWhiteSpace(report.Comments.GetValueOrDefault(code)))
                {
                    errors.Add(Errors.Invalid("reports.outlier_needs_comment", code, value));
                }
            }

            return errors;
        }

        /// <summary>The province's approver approves a submitted report, with an optional comment kept in the audit trail; the report is then locked.</summary>
        public Task<Result<ReportDto>> ApproveAsync(Key key, string? comment, CancellationToken ct) =>
            DecideAsync(key, [ReportStatus.Submitted], ReportStatus.Approved, comment, required: false, ct);

        /// <summary>The province's approver returns a submitted report for correction; the comment (what to correct) is required.</summary>
        public Task<Result<ReportDto>> ReturnAsync(Key key, string? comment, CancellationToken ct) =>
            DecideAsync(key, [ReportStatus.Submitted], ReportStatus.Returned, comment, required: true, ct);

        /// <summary>A decision of the province's approver; its comment (required for a return or an unlock) is the audit entry's reason.</summary>
        private Task<Result<ReportDto>> DecideAsync(Key key, ReportStatus[] from, ReportStatus to, string? comment, bool required, CancellationToken ct)
        {
            var checkedComment = CheckComment(comment);
            if (!checkedComment.IsSuccess)
            {
                return Task.FromResult(Result<ReportDto>.Fail(checkedComment.Errors));
            }

            var clean = checkedComment.Value!;
            if (required && clean.Length == 0)
            {
                return Task.FromResult(Result<ReportDto>.Fail(Errors.Invalid("reports.comment_required", "comment")));
            }

            return TransitionAsync(key, Permission.ApproveReports, from, to, clean.Length == 0 ? null : clean, ct);
        }

        private async Task<Result<ReportDto>> TransitionAsync(Key key, Permission permission, ReportStatus[] from, ReportStatus to, string? comment, CancellationToken ct,
            string? submissionKey = null)
        {
            var context = await LoadAsync(key, permission, ct);
            if (!context.IsSuccess)
            {
                return Result<ReportDto>.Fail(context.Errors);
            }

            var (unit, _, report, scope) = context.Value!;
            if (permission == Permission.ApproveReports && !MayDecide(scope, unit))
            {
                return Errors.Forbidden();
            }

            if (report is null)
            {
                return Errors.NotFound("reports.not_found", key.UnitCode, VietnameseFormat.MonthAndYear(key.Period));
            }

            if (!from.Contains(report.Status))
            {
                return Errors.Conflict(report.Status == ReportStatus.Approved ? "reports.locked" : "reports.bad_transition", null, report.Status.ToString());
            }

            var now = clock.UtcNow();
            var old = report.Status;
            report.Status = to;
            if (to == ReportStatus.Submitted)
            {
                report.SubmittedAt = now;
                report.SubmissionKey = submissionKey;
            }
            else
            {
                report.DecidedAt = now;
                report.DecidedByUserId = scope.UserId;
                // The comment of a return or an unlock is what the commune must correct; an approval's comment lives in the history.
                report.ReturnComment = to == ReportStatus.Returned ? comment : null;
            }

            // Reopening an approved report is an unlock, not a return, in the history.
            var action = old == ReportStatus.Approved && to == ReportStatus.Returned ? "reports.unlocked" : "reports." + to.ToString().ToLowerInvariant();
            AuditLog.Record(db, scope, now, action, nameof(MonthlyReport), $"{unit.Code}/{key.Period}", unit.Path, old.ToString(), to.ToString(), comment);
            await db.SaveChangesAsync(ct);
            return await DescribeAsync(context.Value! with { Item3 = report }, ct);
        }

        private async Task<Result<(Unit Unit, DateOnly Period, MonthlyReport? Report, UserScope Scope)>> LoadAsync(Key key, Permission permission, CancellationToken ct)
        {
            var scope = await scopes.GetAsync(ct);
            var today = clock.TodayInVietnam();
            if (!TryParsePeriod(key.Period, out var period))
            {
                return Errors.Invalid("reports.bad_period", "period", key.Period);
            }

            if (period > new DateOnly(today.Year, today.Month, 1))
            {
                return Errors.Invalid("reports.future_period", "period", VietnameseFormat.MonthAndYear(key.Period));
            }

            var found = await db.UnitInScopeAsync(scope, key.UnitCode, today, permission, ct);
            if (!found.IsSuccess)
            {
                return Result<(Unit, DateOnly, MonthlyReport?, UserScope)>.Fail(found.Errors);
            }

            if (found.Value!.Level != UnitLevel.Commune)
            {
                return Errors.Invalid("reports.commune_only", "unit", key.UnitCode);
            }

            var report = await db.MonthlyReports.FirstOrDefaultAsync(r => r.UnitId == found.Value.Id && r.Period == period, ct);
            return (found.Value, period, report, scope);
        }

        /// <summary>The province approves its communes' reports: approval rights held at the commune itself do not count.</summary>
        private static bool MayDecide(UserScope scope, Unit unit) => scope.CanAbove(Permission.ApproveReports, unit.Path);

        private async Task<ReportDto> DescribeAsync((Unit Unit, DateOnly Period, MonthlyReport? Report, UserScope Scope) context, CancellationToken ct)
        {
            var (unit, period, report, scope) = context;
            var status = report?.Status ?? ReportStatus.Draft;
            var computed = new Dictionary<string, decimal?>();
            var prefill = new Dictionary<string, decimal>();
            foreach (var indicator in await db.Indicators.AsNoTracking().Where(i => i.Computation != null).ToListAsync(ct))
            {
                var value = computed[indicator.Code] = await computations.ComputeAsync(indicator.Computation, unit.Path, period, ct);
                if (value is > 0 && IndicatorComputations.All.TryGetValue(indicator.Computation!, out var definition) && definition.PrefillsReport && report?.Values.ContainsKey(indicator.Code) != true)
                {
                    prefill[indicator.Code] = value.Value;
                }
            }

            return new ReportDto(unit.Code, unit.FullName, period.ToString("yyyy-MM", CultureInfo.InvariantCulture), status.ToString(),
                report?.Values ?? new Dictionary<string, decimal>(), report?.Comments ?? new Dictionary<string, string>(), computed,
                report?.ReturnComment, report?.SubmittedAt, report?.DecidedAt,
                status is ReportStatus.Draft or ReportStatus.Returned && scope.Can(Permission.EditReports, unit.Path),
                status == ReportStatus.Submitted && MayDecide(scope, unit))
            {
                Prefill = prefill,
                Verified = await Oversight.VerificationFigures.ForAsync(db, unit.Id, period, ct),
            };
        }
    }
}
