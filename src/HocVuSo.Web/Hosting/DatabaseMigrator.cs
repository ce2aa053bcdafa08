using HocVuSo.Core.Common;
using HocVuSo.Core.Data;
using HocVuSo.Core.Features.Accounts;
using HocVuSo.Core.Features.Certification;
using HocVuSo.Core.Features.Geography;
using HocVuSo.Core.Features.Reporting;
using Microsoft.EntityFrameworkCore;

namespace HocVuSo.Web.Hosting;

/// <summary>
/// Brings the database to the current schema, encrypts names and phone numbers still stored in
/// clear (PersonalDataAtRest, idempotent) and loads the official unit list into an empty
/// database. Run by <c>hocvuso migrate</c>; at start-up in Development and for the embedded SQLite
/// default (one process owns that file), or whenever Database:AutoMigrate is true.
/// </summary>
public static class DatabaseMigrator
{
    public static async Task<Result<(ImportReport Units, ImportReport Changes)>> MigrateAsync(IServiceProvider services, CancellationToken ct)
    {
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        await db.Database.MigrateAsync(ct);
        // Names and phones written before they were encrypted are encrypted now (once; idempotent).
        await PersonalDataAtRest.ProtectAsync(db, scope.ServiceProvider.GetRequiredService<LoginNames>(), ct);
        scope.ServiceProvider.GetRequiredService<ScopeService>().UseSystemScope();
        await ReportingServices.EnsureIndicatorsAsync(db, ct);
        await Core.Features.ServiceDesk.DeskServiceList.EnsureAsync(db, ct);
        await CertificationServices.EnsureDefaultRuleAsync(db, scope.ServiceProvider.GetRequiredService<TimeProvider>(), ct);
        return await scope.ServiceProvider.GetRequiredService<ReferenceUnits>().EnsureAsync(ct);
    }

    public static bool ShouldMigrateAtStartup(WebApplication app)
    {
        var configured = app.Configuration["Database:AutoMigrate"];
        if (bool.TryParse(configured, out var explicitChoice))
        {
            return explicitChoice;
        }

        return app.Environment.IsDevelopment() || app.Services.GetRequiredService<DatabaseOptions>().Provider == DatabaseProvider.Sqlite;
    }
}
