using HocVuSo.Core.Common.Coordination;
using HocVuSo.Core.Common.Uploads;
using HocVuSo.Core.Data;
using HocVuSo.Core.Features.Accounts;
using HocVuSo.Core.Features.Assistant;
using HocVuSo.Core.Features.Awards;
using HocVuSo.Core.Features.Certification;
using HocVuSo.Core.Features.Demo;
using HocVuSo.Core.Features.Geography;
using HocVuSo.Core.Features.Learning;
using HocVuSo.Core.Features.Messaging;
using HocVuSo.Core.Features.Oversight;
using HocVuSo.Core.Features.Plans;
using HocVuSo.Core.Features.Privacy;
using HocVuSo.Core.Features.Reporting;
using HocVuSo.Core.Features.ServiceDesk;
using HocVuSo.Core.Features.Teams;
using HocVuSo.Web.Api;
using HocVuSo.Web.Messaging;
using HocVuSo.Web.Vneid;
using Microsoft.AspNetCore.ResponseCompression;

namespace HocVuSo.Web.Hosting;

/// <summary>Composition of the platform: the same container serves the web and the CLI verbs.</summary>
public static class PlatformHost
{
    /// <param name="configure">Lets tests put the host on a test server with their own configuration.</param>
    public static WebApplication Build(string[] args, bool forCommandLine = false, Action<WebApplicationBuilder>? configure = null)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions
        {
            Args = args,
            ApplicationName = typeof(PlatformHost).Assembly.GetName().Name,
            ContentRootPath = AppContext.BaseDirectory,
        });
        if (File.Exists(Path.Combine(AppContext.BaseDirectory, "hocvuso.staticwebassets.runtime.json")))
        {
            // Running from the build output (not a publish): serve wwwroot from the project.
            builder.WebHost.UseStaticWebAssets();
        }

        // No "Server: Kestrel" header: the response does not name the engine behind it.
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.AddServerHeader = false);
        configure?.Invoke(builder);
        builder.AddObservability();

        if (!builder.Environment.IsDevelopment() && builder.Configuration["ReloadStaticAssetsAtRuntime"] is null)
        {
            // Outside Development, serve the precompressed, cacheable assets even from the build output.
            builder.Configuration["ReloadStaticAssetsAtRuntime"] = "false";
        }

        var database = DatabaseOptions.FromConfiguration(builder.Configuration);
        builder.Services.AddSingleton(TimeProvider.System);
        builder.Services.AddAppDatabase(database);
        builder.Services.AddCoordination();
        builder.Services.AddUploads();
        builder.Services.AddUploadPageLimits();
        builder.Services.AddGeography();
        builder.Services.AddAccounts();
        builder.Services.AddLearning();
        builder.Services.AddTeams();
        builder.Services.AddReporting();
        builder.Services.AddReportExports();
        builder.Services.AddCertification();
        builder.Services.AddDemo();
        builder.Services.AddMessaging();
        builder.Services.AddMessagingChannels(builder.Configuration);
        builder.Services.AddPrivacy();
        builder.Services.AddPlans();
        builder.Services.AddServiceDesk();
        builder.Services.AddCommunicationsEdge();
        builder.Services.AddVerification();
        builder.Services.AddInspections();
        builder.Services.AddPublicResponseCache(builder.Configuration);
        builder.Services.AddLessonOutputCache();
        builder.Services.AddAwards();
        builder.Services.AddContests(builder.Configuration);
        builder.Services.AddAssistant(builder.Configuration);
        // Pages are compressed for slow mobile connections (a lesson page shrinks from 6.7 KB to
        // 2.9 KB, the catalogue from 25 KB to 4.3 KB). Static assets come precompressed from
        // MapStaticAssets, and fonts are woff2 already.
        builder.Services.AddResponseCompression(o =>
        {
            o.EnableForHttps = true;
            o.Providers.Add<BrotliCompressionProvider>();
            o.Providers.Add<GzipCompressionProvider>();
        });
        builder.Services.AddPlatformIdentity(builder.Configuration);
        builder.Services.AddPlatformRateLimits(builder.Configuration);
        builder.Services.AddProxyHeaders(builder.Configuration);
        builder.Services.AddApiAntiforgery();
        builder.Services.AddSecurityHeaders(builder.Configuration);
        builder.AddVneid();
        builder.Services.AddPlatformLocalization();
        builder.Services.AddPlatformDataProtection(builder.Configuration);
        builder.Services.AddPlatformHealthChecks(builder.Configuration);
        builder.Services.AddOpenApi();
        builder.Services.AddPlatformProblemDetails();
        builder.Services.AddRazorPages(o =>
            {
                o.Conventions.AuthorizeFolder("/Staff");
                o.Conventions.AuthorizeFolder("/Author");
                o.Conventions.AuthorizeFolder("/Admin");
            })
            .AddViewLocalization()
            .AddDataAnnotationsLocalization(o => o.DataAnnotationLocalizerProvider = (_, factory) => factory.Create(typeof(SharedResource)));
        builder.Services.AddValidationMessages();
        builder.Services.AddHttpContextAccessor();
        builder.Services.Configure<RollupOptions>(builder.Configuration.GetSection("Reporting:Rollup"));
        if (forCommandLine)
        {
            builder.Services.AddScoped<ICurrentUser, SystemUser>();
        }
        else
        {
            builder.Services.AddScoped<ICurrentUser, HttpCurrentUser>();
            builder.Services.AddHostedService<OutboxWorker>();
            builder.Services.AddHostedService<RollupWorker>();
            builder.Services.AddHostedService<RetentionWorker>();
            builder.Services.AddHostedService<AssistantIndexWarmup>();
        }

        var app = builder.Build();
        // First: everything after it (rate limits, the audit trail, secure cookies) sees the client, not the proxy.
        app.UseProxyHeaders(app.Configuration);
        app.UseMetricsGuard();
        app.UseSecurityHeaders(app.Environment);
        // Compressing a stable secret next to reflected input (every page echoes its URL in the
        // toolbar's return URL) lets its size reveal the secret (BREACH). Antiforgery tokens change
        // in every response; the authenticator enrolment page shows the TOTP key, so it is not compressed.
        app.UseWhen(
            context => !context.Request.Path.StartsWithSegments("/Account/EnableAuthenticator", StringComparison.OrdinalIgnoreCase),
            compressed => compressed.UseResponseCompression());
        // The language is chosen first, so that error pages and problems speak it too.
        app.UsePlatformLocalization();
        app.UsePlatformErrorPages();
        app.UseFrontEndLibraries();
        app.UseRouting();
        app.UseRateLimiter();
        app.UseAuthentication();
        app.UseBearerRevocation();
        app.UseApiAntiforgery();
        app.UseAuthorization();
        app.UseTwoFactorEnrolment();
        app.UseOutputCache();

        app.MapStaticAssets();
        app.MapRazorPages().WithStaticAssets();
        app.MapPlatformHealthChecks();
        app.MapMetrics();
        app.MapOpenApi();
        app.MapAuthApi();
        app.MapAccountApi();
        app.MapApiAntiforgery();
        app.MapUnitsApi();
        app.MapStaffApi();
        app.MapLearningApi();
        app.MapTeamsApi();
        app.MapReportingApi();
        app.MapIdentityApi();
        app.MapCertificationApi();
        app.MapOutboxApi();
        app.MapPlansApi();
        app.MapCommunicationsApi();
        app.MapVerificationApi();
        app.MapServiceDeskApi();
        app.MapInspectionsApi();
        app.MapAwardsApi();
        app.MapContestsApi();
        app.MapPrivacyApi();
        app.MapAssistantApi();
        app.MapVneid();
        return app;
    }
}
