using HocVuSo.Core.Features.Messaging;
using Microsoft.Extensions.Options;

namespace HocVuSo.Web.Messaging;

/// <summary>
/// The notification channels' adapters: SMTP e-mail (<c>Messaging:Smtp</c>), the SMS gateway
/// (<c>Messaging:Sms</c>) and the Zalo OA gateway (<c>Messaging:Zalo</c>), each registered only
/// when configured; a channel without one falls back to the logging sender (development).
/// </summary>
public static class MessagingSetup
{
    public const string SmsOptions = "Sms";
    public const string ZaloOptions = "Zalo";

    public static string OptionsName(NotificationChannel channel) => channel == NotificationChannel.Zalo ? ZaloOptions : SmsOptions;

    public static IServiceCollection AddMessagingChannels(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddSingleton<MessagingOptionsValidator>();
        services.AddSingleton<IValidateOptions<SmtpOptions>>(sp => sp.GetRequiredService<MessagingOptionsValidator>());
        services.AddSingleton<IValidateOptions<GatewayOptions>>(sp => sp.GetRequiredService<MessagingOptionsValidator>());
        services.AddOptions<SmtpOptions>().BindConfiguration(SmtpOptions.Section).ValidateOnStart();
        services.AddOptions<GatewayOptions>(SmsOptions).BindConfiguration(GatewayOptions.SmsSection).ValidateOnStart();
        services.AddOptions<GatewayOptions>(ZaloOptions).BindConfiguration(GatewayOptions.ZaloSection).ValidateOnStart();

        if (!string.IsNullOrWhiteSpace(configuration[SmtpOptions.Section + ":Host"]))
        {
            services.AddKeyedSingleton<INotificationSender, SmtpNotificationSender>(NotificationChannel.Email);
        }

        foreach (var (channel, section) in new[] { (NotificationChannel.Sms, GatewayOptions.SmsSection), (NotificationChannel.Zalo, GatewayOptions.ZaloSection) })
        {
            if (string.IsNullOrWhiteSpace(configuration[section + ":BaseUrl"]))
            {
                continue;
            }

            var name = OptionsName(channel);
            services.AddHttpClient(name, (sp, client) =>
                {
                    client.Timeout = TimeSpan.FromSeconds(sp.GetRequiredService<IOptionsMonitor<GatewayOptions>>().Get(name).TimeoutSeconds);
                    client.DefaultRequestHeaders.UserAgent.Add(new System.Net.Http.Headers.ProductInfoHeaderValue("HocVuSo", "1.0"));
                })
                // The gateway is outside the process, always over the network (also in tests, whose
                // default handler goes to the in-memory test server).
                .ConfigurePrimaryHttpMessageHandler(() => new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(5) });
            services.AddKeyedSingleton<INotificationSender>(channel, (sp, _) => new GatewayNotificationSender(
                channel, sp.GetRequiredService<IHttpClientFactory>().CreateClient(name), sp.GetRequiredService<IOptionsMonitor<GatewayOptions>>()));
        }

        return services;
    }
}
