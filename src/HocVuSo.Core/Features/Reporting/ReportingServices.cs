using HocVuSo.Core.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace HocVuSo.Core.Features.Reporting;

public static class ReportingServices
{
    public static IServiceCollection AddReporting(this IServiceCollection services)
    {
        services.AddOptions<ReportingDeadlines>().BindConfiguration(ReportingDeadlines.Section).ValidateOnStart();
        services.AddSingleton<IValidateOptions<ReportingDeadlines>, ReportingDeadlinesValidator>();
        services.AddScoped<IndicatorComputations>();
        // Dashboards and status lists read the replica when one is configured (ReadOnlyDb).
        services.AddReadOnlyScoped<ListIndicators.Handler>();
        services.AddReadOnlyScoped<GetDashboard.Handler>();
        services.AddScoped<MonthlyReports.Handler>();
        services.AddScoped<ListReportStatus.Handler>();
        services.AddScoped<GetReportDocument.Handler>();
        services.AddScoped<ProvincialSummary.Handler>();
        services.AddScoped<ImportReportTemplate.Handler>();
        services.AddScoped<SendReportReminders.Handler>();
        services.AddReadOnlyScoped<GetTrend.Handler>();
        services.AddReadOnlyScoped<GetRanking.Handler>();
        services.AddScoped<GetReportHistory.Handler>();
        services.AddScoped<RollupJob>();
        services.AddScoped<IssueProvincialReport.Handler>();
        services.AddReadOnlyScoped<ListProvinceReportStatus.Handler>();
        return services;
    }

    /// <summary>Loads the national indicator set into an empty database (reference data, like the unit list).</summary>
    public static async Task<int> EnsureIndicatorsAsync(AppDbContext db, CancellationToken ct)
    {
        var existing = await db.Indicators.Select(i => i.Code).ToListAsync(ct);
        var missing = IndicatorCatalogue.National.Where(i => !existing.Contains(i.Code)).ToList();
        db.Indicators.AddRange(missing.Select(i => new Indicator
        {
            Code = i.Code, NameVi = i.NameVi, NameEn = i.NameEn, Denominator = i.Denominator, Unit = i.Unit, IsNational = i.IsNational,
            Cumulative = i.Cumulative, Computation = i.Computation, Position = i.Position,
        }));

        // An indicator loaded before the catalogue named its computation takes it (one that has another is left alone).
        var computed = IndicatorCatalogue.National.Where(i => i.Computation != null).ToDictionary(i => i.Code, i => i.Computation);
        var codes = computed.Keys.ToList();
        foreach (var indicator in await db.Indicators.Where(i => i.Computation == null && codes.Contains(i.Code)).ToListAsync(ct))
        {
            indicator.Computation = computed[indicator.Code];
        }

        await db.SaveChangesAsync(ct);
        return missing.Count;
    }
}
