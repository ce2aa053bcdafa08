using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace HocVuSo.Core.Features.Messaging;

public static class MessagingServices
{
    /// <summary>The outbox dispatcher, its options, the admin use cases and the notification handlers, one per channel (logging sender unless the channel's adapter is registered).</summary>
    public static IServiceCollection AddMessaging(this IServiceCollection services)
    {
        services.AddOptions<OutboxOptions>().BindConfiguration(OutboxOptions.Section).ValidateOnStart();
        services.AddSingleton<Microsoft.Extensions.Options.IValidateOptions<OutboxOptions>, OutboxOptionsValidator>();
        services.AddOptions<NotificationOptions>().BindConfiguration(NotificationOptions.Section);
        services.AddSingleton<OutboxDispatcher>();
        services.AddScoped<ListOutbox.Handler>();
        services.AddScoped<RetryOutboxMessage.Handler>();
        services.AddScoped<ListDeliveries.Handler>();
        services.AddScoped<GetNotificationPreferences.Handler>();
        services.AddScoped<SetNotificationPreferences.Handler>();
        services.TryAddSingleton<INotificationSender, LoggingNotificationSender>();
        foreach (var channel in Notifications.Channels)
        {
            services.AddScoped<IOutboxHandler>(sp => new NotificationHandler(channel, sp.GetRequiredService<Data.AppDbContext>(), sp));
        }

        return services;
    }
}
