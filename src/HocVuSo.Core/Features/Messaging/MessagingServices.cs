using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace HocVuSo.Core.Features.Messaging;

public static class MessagingServices
{
    /// <summary>The outbox dispatcher, its options, the admin use cases and the <c>notification.email</c> handler (logging sender unless another is registered).</summary>
    public static IServiceCollection AddMessaging(this IServiceCollection services)
    {
        services.AddOptions<OutboxOptions>().BindConfiguration(OutboxOptions.Section).ValidateOnStart();
        services.AddSingleton<Microsoft.Extensions.Options.IValidateOptions<OutboxOptions>, OutboxOptionsValidator>();
        services.AddOptions<NotificationOptions>().BindConfiguration(NotificationOptions.Section);
        services.AddSingleton<OutboxDispatcher>();
        services.AddScoped<ListOutbox.Handler>();
        services.AddScoped<RetryOutboxMessage.Handler>();
        services.TryAddSingleton<INotificationSender, LoggingNotificationSender>();
        services.AddScoped<IOutboxHandler, NotificationEmailHandler>();
        return services;
    }
}
