using HocVuSo.Core.Common.Uploads;
using System.Globalization;
using HocVuSo.Core.Common;
using HocVuSo.Core.Features.Plans;
using HocVuSo.Core.Features.Reporting;
using HocVuSo.Web.Exports;
using HocVuSo.Web.Exports.Pdf;
using HocVuSo.Web.Hosting;

namespace HocVuSo.Web.Api;

/// <summary>
/// The official documents of the reporting workflow: a commune's monthly report (PDF, .xlsx), the
/// provincial summary (PDF, .xlsx), the offline .xlsx template (download and upload), and the
/// reminders to communes late with their report.
/// </summary>
public static class ReportExportApi
{
    public static IServiceCollection AddReportExports(this IServiceCollection services)
    {
        services.AddScoped<ReportText>();
        services.AddSingleton<IReportTemplateReader, ReportTemplateReader>();
        services.AddScoped<IReminderWording, ReminderWording>();
        services.AddScoped<IPlanReminderWording, PlanReminderWording>();
        return services;
    }

    public static IEndpointRouteBuilder MapReportExportApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v1/reporting").WithTags("Reporting").RequireAuthorization();
        var reports = group.MapGroup("/reports/{unit}/{period}");

        reports.MapGet("/pdf", async (string unit, string period, GetReportDocument.Handler handler, ReportText text, ErrorMessages messages, CancellationToken ct) =>
                FileOr(await handler.HandleAsync(new MonthlyReports.Key(unit, period), English(), ct), d => ReportPdf.MonthlyReport(d, text), ReportPdf.ContentType, $"bao-cao-{unit}-{period}.pdf", messages))
            .WithName("ExportMonthlyReportPdf")
            .WithSummary("The monthly report as an official document (PDF, A4): heading, title, table of indicators, signature block. Same scope as reading the report.");

        reports.MapGet("/xlsx", async (string unit, string period, GetReportDocument.Handler handler, ReportText text, ErrorMessages messages, CancellationToken ct) =>
                FileOr(await handler.HandleAsync(new MonthlyReports.Key(unit, period), English(), ct), d => ReportWorkbooks.MonthlyReport(d, text), TableExport.XlsxType, $"bao-cao-{unit}-{period}.xlsx", messages))
            .WithName("ExportMonthlyReportXlsx")
            .WithSummary("The monthly report as an Excel workbook in the layout of the PDF.");

        reports.MapGet("/template", async (string unit, string period, GetReportDocument.Handler handler, ReportText text, ErrorMessages messages, CancellationToken ct) =>
                FileOr(await handler.HandleAsync(new MonthlyReports.Key(unit, period), English(), ct), d => ReportWorkbooks.Template(d, text), TableExport.XlsxType, $"mau-bao-cao-{unit}-{period}.xlsx", messages))
            .WithName("DownloadReportTemplate")
            .WithSummary("The offline .xlsx template of the month's report, to fill and upload.");

        var limits = app.ServiceProvider.GetRequiredService<UploadLimits>();
        reports.MapPost("/template", async (string unit, string period, HttpRequest request, ImportReportTemplate.Handler handler, UploadLimits limits, ErrorMessages messages, CancellationToken ct) =>
                (await handler.HandleAsync(new ImportReportTemplate.Command(new MonthlyReports.Key(unit, period), UploadRequests.FileOf(request, limits.MaxXlsxBytes)), ct))
                    .ToHttp(messages, TypedResults.Ok))
            .DisableAntiforgery()
            .LimitUpload(limits.MaxXlsxBytes)
            .WithName("UploadReportTemplate")
            .WithSummary("Upload a filled template (multipart, field 'file'): the rows it holds are saved to the draft if every row is valid (rows left out keep their figures and comments); the answer lists what changed. Otherwise nothing is saved.");

        var summary = group.MapGroup("/summary/{province}/{period}");
        summary.MapGet("/", async (string province, string period, ProvincialSummary.Handler handler, ErrorMessages messages, CancellationToken ct) =>
                (await handler.HandleAsync(new ProvincialSummary.Query(province, period, English()), ct)).ToHttp(messages, TypedResults.Ok))
            .WithName("GetProvincialSummary")
            .WithSummary("The province's monthly summary as data: communes with their report status (late marked), approved figures, totals and province-level figures.");
        summary.MapGet("/pdf", async (string province, string period, ProvincialSummary.Handler handler, ReportText text, ErrorMessages messages, CancellationToken ct) =>
                FileOr(await handler.HandleAsync(new ProvincialSummary.Query(province, period, English()), ct), d => ReportPdf.ProvincialSummary(d, text), ReportPdf.ContentType, $"tong-hop-{province}-{period}.pdf", messages))
            .WithName("ExportProvincialSummaryPdf")
            .WithSummary("The province's monthly summary (PDF): every commune's status, figures of approved reports, totals, province-level figures.");

        summary.MapGet("/xlsx", async (string province, string period, ProvincialSummary.Handler handler, ReportText text, ErrorMessages messages, CancellationToken ct) =>
                FileOr(await handler.HandleAsync(new ProvincialSummary.Query(province, period, English()), ct), d => ReportWorkbooks.ProvincialSummary(d, text), TableExport.XlsxType, $"tong-hop-{province}-{period}.xlsx", messages))
            .WithName("ExportProvincialSummaryXlsx")
            .WithSummary("The province's monthly summary as an Excel workbook.");

        summary.MapPost("/issue", async (string province, string period, DecisionRequest? r, IssueProvincialReport.Handler handler, ErrorMessages messages, CancellationToken ct) =>
                (await handler.HandleAsync(new IssueProvincialReport.Command(province, period, r?.Comment), ct)).ToHttp(messages, TypedResults.Ok))
            .WithName("IssueProvincialReport")
            .WithSummary("The province's approver issues the month's summary (due on the 25th unless configured): the approved communes' totals are frozen as issued; a second issue is 409. An optional {\"comment\"} is kept in the province's report history.");

        group.MapGet("/provinces/status", async (string? period, ListProvinceReportStatus.Handler handler, ErrorMessages messages, CancellationToken ct) =>
                (await handler.HandleAsync(new ListProvinceReportStatus.Query(period), ct)).ToHttp(messages, TypedResults.Ok))
            .WithName("ListProvinceReportStatus")
            .WithSummary("Provinces in the user's scope with the month's summary issued or not, late when not issued by the province due day.");

        group.MapPost("/reminders", async (string? period, SendReportReminders.Handler handler, ErrorMessages messages, CancellationToken ct) =>
                (await handler.HandleAsync(new SendReportReminders.Command(period), ct)).ToHttp(messages, TypedResults.Ok))
            .WithName("SendReportReminders")
            .WithSummary("Enqueue reminder e-mails to the communes late with the month's report and to their province (once per unit, period and day). Province staff.");
        return app;
    }

    /// <summary>The rendered file when the document could be read; otherwise the errors as a problem.</summary>
    internal static IResult FileOr<T>(Result<T> document, Func<T, byte[]> render, string contentType, string fileName, ErrorMessages messages) =>
        document.IsSuccess ? Results.File(render(document.Value!), contentType, fileName) : messages.ToProblem(document.Errors);

    private static bool English() => CultureInfo.CurrentUICulture.TwoLetterISOLanguageName == "en";
}
