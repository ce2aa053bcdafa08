using System.Globalization;
using HocVuSo.Core.Features.Reporting;
using HocVuSo.Web.Hosting;

namespace HocVuSo.Web.Api;

/// <summary>A partial change to a report: indicators left out keep their stored figure and comment; a null figure or comment clears it.</summary>
public sealed record ReportDraftRequest(Dictionary<string, decimal?>? Values, Dictionary<string, string?>? Comments);

/// <summary>An approver's decision on a report: the comment is optional on approval, required to return or unlock.</summary>
public sealed record DecisionRequest(string? Comment);

public static class ReportingApi
{
    public static IEndpointRouteBuilder MapReportingApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v1/reporting").WithTags("Reporting");

        group.MapGet("/indicators", async (ListIndicators.Handler handler, ErrorMessages messages, CancellationToken ct) =>
                (await handler.HandleAsync(English(), ct)).ToHttp(messages, TypedResults.Ok))
            .WithName("ListIndicators")
            .WithSummary("The indicators, including the five national ones.");

        group.MapGet("/dashboard", async (string unit, string? period, GetDashboard.Handler handler, ErrorMessages messages, CancellationToken ct) =>
                (await handler.HandleAsync(new GetDashboard.Query(unit, period, English()), ct)).ToHttp(messages, d => TypedResults.Ok(new
                {
                    unit = d.Unit,
                    period = d.Period,
                    indicators = d.Indicators.Select(i => new
                    {
                        code = i.Code, name = i.Name, numerator = i.Numerator, denominator = i.Denominator, value = i.Value,
                        target = i.Target?.Value, targetDeadline = i.Target?.Deadline, targetSetAt = i.Target?.SetAt,
                        reported = i.Reported, computed = i.Computed, difference = i.Difference, reportedStatus = i.ReportedStatus, light = i.Light,
                        verified = i.Verified,
                        sources = i.Sources,
                    }),
                    computedAt = d.ComputedAt,
                    reportedAt = d.ReportedAt,
                })))
            .RequireAuthorization()
            .WithName("ReportingDashboard")
            .WithSummary("Indicators of a unit for a month (YYYY-MM): reported and computed figures, denominator, value and target; unit=VN is the nation. Scoped. Read from the pre-aggregated figures: computedAt says when they were last rolled up.");

        group.MapGet("/trend", async (string unit, string indicator, string? period, int? months, GetTrend.Handler handler, ErrorMessages messages, CancellationToken ct) =>
                (await handler.HandleAsync(new GetTrend.Query(unit, indicator, period, months ?? 12, English()), ct)).ToHttp(messages, TypedResults.Ok))
            .RequireAuthorization()
            .WithName("ReportingTrend")
            .WithSummary("An indicator of a unit month by month: the last `months` months (12 by default, at most 36) up to `period` (default: this month). Scoped.");

        group.MapGet("/ranking", async (string unit, string indicator, string? period, GetRanking.Handler handler, ErrorMessages messages, CancellationToken ct) =>
                (await handler.HandleAsync(new GetRanking.Query(unit, indicator, period, English()), ct)).ToHttp(messages, TypedResults.Ok))
            .RequireAuthorization()
            .WithName("ReportingRanking")
            .WithSummary("The units directly below a unit ranked by an indicator for a month, best first; units without a value last. Scoped.");

        group.MapGet("/status", async (string unit, string? period, ListReportStatus.Handler handler, ErrorMessages messages, CancellationToken ct) =>
                (await handler.HandleAsync(new ListReportStatus.Query(unit, period), ct)).ToHttp(messages, TypedResults.Ok))
            .RequireAuthorization()
            .WithName("ReportStatus")
            .WithSummary("Each commune's report for a month under a unit: missing, draft, submitted, returned or approved; late after the 20th.");

        var reports = group.MapGroup("/reports/{unit}/{period}").RequireAuthorization();
        reports.MapGet("/", async (string unit, string period, MonthlyReports.Handler handler, ErrorMessages messages, CancellationToken ct) =>
            (await handler.GetAsync(new MonthlyReports.Key(unit, period), ct)).ToHttp(messages, TypedResults.Ok)).WithName("GetMonthlyReport");
        reports.MapPut("/", async (string unit, string period, ReportDraftRequest r, MonthlyReports.Handler handler, ErrorMessages messages, CancellationToken ct) =>
            (await handler.SaveDraftAsync(new MonthlyReports.Draft(unit, period, r.Values, r.Comments), ct)).ToHttp(messages, TypedResults.Ok))
            .WithName("SaveMonthlyReport")
            .WithSummary("Changes the draft: only the indicators given change (a figure or comment left out is kept); a null figure or comment clears it.");
        reports.MapPost("/submit", async (string unit, string period, [Microsoft.AspNetCore.Mvc.FromHeader(Name = "Idempotency-Key")] string? key,
                MonthlyReports.Handler handler, ErrorMessages messages, CancellationToken ct) =>
            (await handler.SubmitAsync(new MonthlyReports.Key(unit, period), ct, string.IsNullOrWhiteSpace(key) ? null : key.Trim())).ToHttp(messages, TypedResults.Ok))
            .WithIdempotentReplay()
            .WithName("SubmitMonthlyReport")
            .WithSummary("Submits the report to the province. The same Idempotency-Key again returns the first result; a second submission otherwise is 409.");
        reports.MapPost("/approve", async (string unit, string period, DecisionRequest? r, MonthlyReports.Handler handler, ErrorMessages messages, CancellationToken ct) =>
            (await handler.ApproveAsync(new MonthlyReports.Key(unit, period), r?.Comment, ct)).ToHttp(messages, TypedResults.Ok))
            .WithName("ApproveMonthlyReport")
            .WithSummary("The province's approver approves a submitted report, which is then locked; an optional {\"comment\"} is kept in its history.");
        reports.MapPost("/return", async (string unit, string period, DecisionRequest r, MonthlyReports.Handler handler, ErrorMessages messages, CancellationToken ct) =>
            (await handler.ReturnAsync(new MonthlyReports.Key(unit, period), r.Comment, ct)).ToHttp(messages, TypedResults.Ok)).WithName("ReturnMonthlyReport");
        reports.MapGet("/history", async (string unit, string period, string? element, GetReportHistory.Handler handler, ErrorMessages messages, CancellationToken ct) =>
            (await handler.HandleAsync(new GetReportHistory.Query(unit, period, element), ct)).ToHttp(messages, TypedResults.Ok))
            .WithName("MonthlyReportHistory")
            .WithSummary("Every change of the report's figures (who, when, old, new) and of its status (with the reason), from the audit trail; `element` narrows it to one indicator.");

        reports.MapPost("/unlock", async (string unit, string period, DecisionRequest r, MonthlyReports.Handler handler, ErrorMessages messages, CancellationToken ct) =>
            (await handler.UnlockAsync(new MonthlyReports.Key(unit, period), r.Comment, ct)).ToHttp(messages, TypedResults.Ok))
            .WithName("UnlockMonthlyReport")
            .WithSummary("An approver reopens an approved report for correction, with a reason (audited).");
        app.MapReportExportApi();
        return app;
    }

    private static bool English() => CultureInfo.CurrentUICulture.TwoLetterISOLanguageName == "en";
}
