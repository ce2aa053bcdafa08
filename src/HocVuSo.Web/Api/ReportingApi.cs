using System.Globalization;
using HocVuSo.Core.Features.Reporting;
using HocVuSo.Web.Hosting;

namespace HocVuSo.Web.Api;

public sealed record ReportDraftRequest(Dictionary<string, decimal>? Values, Dictionary<string, string>? Comments);

public sealed record ReturnRequest(string? Comment);

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
                        reported = i.Reported, computed = i.Computed, difference = i.Difference,
                    }),
                })))
            .RequireAuthorization()
            .WithName("ReportingDashboard")
            .WithSummary("Indicators of a unit for a month (YYYY-MM): reported and computed figures, denominator, value and target; unit=VN is the nation. Scoped.");

        group.MapGet("/status", async (string unit, string? period, ListReportStatus.Handler handler, ErrorMessages messages, CancellationToken ct) =>
                (await handler.HandleAsync(new ListReportStatus.Query(unit, period), ct)).ToHttp(messages, TypedResults.Ok))
            .RequireAuthorization()
            .WithName("ReportStatus")
            .WithSummary("Each commune's report for a month under a unit: missing, draft, submitted, returned or approved; late after the 20th.");

        var reports = group.MapGroup("/reports/{unit}/{period}").RequireAuthorization();
        reports.MapGet("/", async (string unit, string period, MonthlyReports.Handler handler, ErrorMessages messages, CancellationToken ct) =>
            (await handler.GetAsync(new MonthlyReports.Key(unit, period), ct)).ToHttp(messages, TypedResults.Ok)).WithName("GetMonthlyReport");
        reports.MapPut("/", async (string unit, string period, ReportDraftRequest r, MonthlyReports.Handler handler, ErrorMessages messages, CancellationToken ct) =>
            (await handler.SaveDraftAsync(new MonthlyReports.Draft(unit, period, r.Values, r.Comments), ct)).ToHttp(messages, TypedResults.Ok)).WithName("SaveMonthlyReport");
        reports.MapPost("/submit", async (string unit, string period, MonthlyReports.Handler handler, ErrorMessages messages, CancellationToken ct) =>
            (await handler.SubmitAsync(new MonthlyReports.Key(unit, period), ct)).ToHttp(messages, TypedResults.Ok)).WithName("SubmitMonthlyReport");
        reports.MapPost("/approve", async (string unit, string period, MonthlyReports.Handler handler, ErrorMessages messages, CancellationToken ct) =>
            (await handler.ApproveAsync(new MonthlyReports.Key(unit, period), ct)).ToHttp(messages, TypedResults.Ok)).WithName("ApproveMonthlyReport");
        reports.MapPost("/return", async (string unit, string period, ReturnRequest r, MonthlyReports.Handler handler, ErrorMessages messages, CancellationToken ct) =>
            (await handler.ReturnAsync(new MonthlyReports.Key(unit, period), r.Comment, ct)).ToHttp(messages, TypedResults.Ok)).WithName("ReturnMonthlyReport");
        reports.MapPost("/unlock", async (string unit, string period, ReturnRequest r, MonthlyReports.Handler handler, ErrorMessages messages, CancellationToken ct) =>
            (await handler.UnlockAsync(new MonthlyReports.Key(unit, period), r.Comment, ct)).ToHttp(messages, TypedResults.Ok))
            .WithName("UnlockMonthlyReport")
            .WithSummary("An approver reopens an approved report for correction, with a reason (audited).");
        app.MapReportExportApi();
        return app;
    }

    private static bool English() => CultureInfo.CurrentUICulture.TwoLetterISOLanguageName == "en";
}
