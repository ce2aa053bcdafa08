using System.Net.Http.Headers;
using Microsoft.AspNetCore.Authentication;
using System.Security.Claims;
using System.Text.Json;
using HocVuSo.Core.Features.Certification;
using Microsoft.AspNetCore.Authentication.OAuth;
using Microsoft.AspNetCore.Identity;

namespace HocVuSo.Web.Vneid;

/// <summary>The claims the platform reads from VNeID's userinfo (besides the name identifier and name).</summary>
public static class VneidClaims
{
    public const string PersonalIdNumber = "vneid:cccd";
    public const string BirthYear = "vneid:birth_year";
    public const string Gender = "vneid:gender";
}

/// <summary>
/// Composition of the VNeID connector: options, the HTTP client of the confirmation API, sign-in
/// with VNeID through the framework's OAuth 2.0 handler (only when configured, or with the
/// sandbox), and the in-process sandbox (Development, or <c>Vneid:Sandbox:Enabled</c> outside
/// Production).
/// </summary>
public static partial class VneidSetup
{
    public const string BackchannelClient = "VneidBackchannel";

    public static WebApplicationBuilder AddVneid(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        var sandboxOn = VneidSandbox.IsEnabled(builder.Environment, builder.Configuration);
        services.AddSingleton(sp => new VneidSandbox(sandboxOn, sp.GetRequiredService<TimeProvider>()));
        services.AddOptions<VneidOptions>().BindConfiguration(VneidOptions.Section).ValidateOnStart();
        services.AddSingleton<Microsoft.Extensions.Options.IValidateOptions<VneidOptions>, VneidOptionsValidator>();
        services.AddSingleton<VneidEndpoints>();
        services.AddSingleton<VneidResilience>();
        services.AddVneidIdentity();
        services.AddHttpClient<IVneidClient, HttpVneidClient>((sp, client) =>
            client.Timeout = Timeout(sp.GetRequiredService<Microsoft.Extensions.Options.IOptions<VneidOptions>>().Value));
        services.AddHttpClient(BackchannelClient, (sp, client) =>
        {
            client.Timeout = Timeout(sp.GetRequiredService<Microsoft.Extensions.Options.IOptions<VneidOptions>>().Value);
            client.DefaultRequestHeaders.UserAgent.Add(new ProductInfoHeaderValue("HocVuSo", "1.0"));
        });

        var options = builder.Configuration.GetSection(VneidOptions.Section).Get<VneidOptions>() ?? new VneidOptions();
        if (!VneidEndpoints.IsConfigured(options) && !sandboxOn)
        {
            // No VNeID sign-in: nothing to register, and the sign-in page shows no button.
            return builder;
        }

        services.AddAuthentication().AddOAuth(LinkVneidIdentity.LoginProvider, "VNeID", o =>
        {
            o.SignInScheme = IdentityConstants.ExternalScheme;
            o.CallbackPath = options.CallbackPath;
            o.UsePkce = true;
            // VNeID sends the browser back with a top-level GET, which carries Lax cookies; plain-HTTP
            // demos and tests keep the correlation cookie too (HTTPS deployments still mark it Secure).
            o.CorrelationCookie.SameSite = SameSiteMode.Lax;
            o.CorrelationCookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
            o.SaveTokens = false;
            o.Scope.Add("openid");
            o.Scope.Add("profile");
            o.Scope.Add("cccd");
            o.ClaimActions.MapJsonKey(ClaimTypes.NameIdentifier, "sub");
            o.ClaimActions.MapJsonKey(ClaimTypes.Name, "name");
            o.ClaimActions.MapJsonKey(VneidClaims.PersonalIdNumber, "cccd");
            o.ClaimActions.MapJsonKey(VneidClaims.BirthYear, "birth_year");
            o.ClaimActions.MapJsonKey(VneidClaims.Gender, "gender");
            o.Events.OnCreatingTicket = async context =>
            {
                using var request = new HttpRequestMessage(HttpMethod.Get, context.Options.UserInformationEndpoint);
                request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", context.AccessToken);
                request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
                using var response = await context.Backchannel.SendAsync(request, context.HttpContext.RequestAborted);
                if (!response.IsSuccessStatusCode)
                {
                    throw new VneidException($"VNeID's userinfo answered {(int)response.StatusCode}.", response.StatusCode);
                }

                using var user = JsonDocument.Parse(await response.Content.ReadAsStringAsync(context.HttpContext.RequestAborted));
                context.RunClaimActions(user.RootElement);
            };
            o.Events.OnRemoteFailure = context =>
            {
                // Cancelled at VNeID, a bad code, an unreachable VNeID: back to the sign-in page with a message.
                LogRemoteFailure(context.HttpContext.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(VneidSetup)), context.Failure?.Message ?? "unknown");
                context.Response.Redirect("/Account/Login?vneid=failed");
                context.HandleResponse();
                return Task.CompletedTask;
            };
        });

        // Addresses and credentials are resolved when the handler first runs (the server is listening by then).
        services.AddOptions<OAuthOptions>(LinkVneidIdentity.LoginProvider).Configure<VneidEndpoints, IHttpClientFactory>((o, endpoints, factory) =>
        {
            o.ClientId = endpoints.ClientId;
            o.ClientSecret = endpoints.ClientSecret;
            o.AuthorizationEndpoint = endpoints.AuthorizationEndpoint;
            o.TokenEndpoint = endpoints.TokenEndpoint;
            o.UserInformationEndpoint = endpoints.UserInformationEndpoint;
            o.Backchannel = factory.CreateClient(BackchannelClient);
        });
        return builder;
    }

    public static WebApplication MapVneid(this WebApplication app)
    {
        if (app.Services.GetRequiredService<VneidSandbox>().Enabled)
        {
            app.MapVneidSandboxApi();
        }
        else if (string.IsNullOrWhiteSpace(app.Services.GetRequiredService<Microsoft.Extensions.Options.IOptions<VneidOptions>>().Value.ApiBaseUrl))
        {
            // Said once, when the server starts (not by the command-line verbs, not on every retry of the outbox).
            var logger = app.Services.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(VneidSetup).FullName!);
            app.Lifetime.ApplicationStarted.Register(() => LogNotConfigured(logger, VneidEndpoints.NotConfigured));
        }

        return app;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Message} Confirmations to VNeID wait in the outbox until it is (see docs/VNEID.md).")]
    private static partial void LogNotConfigured(ILogger logger, string message);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Sign-in with VNeID failed: {Reason}")]
    private static partial void LogRemoteFailure(ILogger logger, string reason);

    private static TimeSpan Timeout(VneidOptions options) => TimeSpan.FromSeconds(Math.Clamp(options.TimeoutSeconds, 0.1, 300));
}
