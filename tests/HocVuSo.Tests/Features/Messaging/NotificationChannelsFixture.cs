using System.Globalization;
using HocVuSo.Tests.Infrastructure;

namespace HocVuSo.Tests.Features.Messaging;

/// <summary>
/// A platform of its own per provider whose e-mail goes to a local aiosmtpd and whose SMS and Zalo
/// go to local gateway sandboxes; the servers live as long as the test class.
/// </summary>
public sealed class NotificationChannelsFixture : IAsyncLifetime
{
    private readonly Dictionary<string, Lazy<Task<TestApp>>> _apps = [];

    public NotificationChannelsFixture()
    {
        foreach (var provider in new[] { "Sqlite", "Postgres" })
        {
            _apps[provider] = new(() => TestApp.StartOwnAsync(provider, Settings()));
        }
    }

    public LocalSmtpServer Smtp { get; } = new();

    public GatewaySandbox Sms { get; } = new();

    public GatewaySandbox Zalo { get; } = new();

    public GatewaySandbox SandboxOf(Core.Features.Messaging.NotificationChannel channel) =>
        channel == Core.Features.Messaging.NotificationChannel.Zalo ? Zalo : Sms;

    public Task<TestApp> AppAsync(string provider) => _apps[provider].Value;

    public Task InitializeAsync()
    {
        Smtp.Start();
        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        foreach (var app in _apps.Values.Where(a => a.IsValueCreated))
        {
            await (await app.Value).DisposeAsync();
        }

        Smtp.Dispose();
        Sms.Dispose();
        Zalo.Dispose();
    }

    private Dictionary<string, string?> Settings() => new()
    {
        ["Messaging:Smtp:Host"] = "127.0.0.1",
        ["Messaging:Smtp:Port"] = Smtp.Port.ToString(CultureInfo.InvariantCulture),
        ["Messaging:Smtp:Security"] = "None",
        ["Messaging:Smtp:From"] = "Bình dân học vụ số <no-reply@hocvuso.test>",
        ["Messaging:Smtp:TimeoutSeconds"] = "5",
        ["Messaging:Sms:BaseUrl"] = Sms.BaseUrl.ToString(),
        ["Messaging:Sms:ApiKey"] = GatewaySandbox.ApiKey,
        ["Messaging:Sms:Sender"] = "HOCVUSO",
        ["Messaging:Sms:TimeoutSeconds"] = "1",
        ["Messaging:Zalo:BaseUrl"] = Zalo.BaseUrl.ToString(),
        ["Messaging:Zalo:ApiKey"] = GatewaySandbox.ApiKey,
        ["Messaging:Zalo:Sender"] = "oa-1234567890",
        ["Messaging:Zalo:TimeoutSeconds"] = "1",
    };
}
