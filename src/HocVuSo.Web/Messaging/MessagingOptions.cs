namespace HocVuSo.Web.Messaging;

/// <summary>How the platform talks to the SMTP server; e-mail goes through SMTP only when <see cref="Host"/> is set.</summary>
public sealed class SmtpOptions
{
    public const string Section = "Messaging:Smtp";

    public string? Host { get; set; }

    public int Port { get; set; } = 587;

    /// <summary><c>StartTls</c> (default: required on port 587), <c>SslOnConnect</c> (port 465), <c>Auto</c> or <c>None</c> (a relay on the same machine only).</summary>
    public SmtpSecurity Security { get; set; } = SmtpSecurity.StartTls;

    /// <summary>Sign-in name; none for a relay that does not ask.</summary>
    public string? User { get; set; }

    public string? Password { get; set; }

    /// <summary>The sender, e.g. <c>"HocVuSo &lt;no-reply@hocvuso.example.vn&gt;"</c>.</summary>
    public string? From { get; set; }

    public int TimeoutSeconds { get; set; } = 30;
}

public enum SmtpSecurity
{
    None,
    Auto,
    StartTls,
    SslOnConnect,
}

/// <summary>
/// A provider gateway speaking the platform's JSON contract (docs/MESSAGING.md): the SMS gateway
/// (<c>Messaging:Sms</c>) and the Zalo OA gateway (<c>Messaging:Zalo</c>). The channel is used
/// only when <see cref="BaseUrl"/> is set.
/// </summary>
public sealed class GatewayOptions
{
    public const string SmsSection = "Messaging:Sms";
    public const string ZaloSection = "Messaging:Zalo";

    /// <summary>The gateway's root, e.g. <c>https://sms-gateway.example.vn/</c>.</summary>
    public Uri? BaseUrl { get; set; }

    /// <summary>Sent as <c>Authorization: Bearer …</c>.</summary>
    public string? ApiKey { get; set; }

    /// <summary>SMS: the registered brand name shown as the sender. Zalo: the Official Account id.</summary>
    public string? Sender { get; set; }

    public int TimeoutSeconds { get; set; } = 15;
}

/// <summary>Refuses to start with a half-configured channel (a host without a sender, a gateway without its key).</summary>
public sealed class MessagingOptionsValidator :
    Microsoft.Extensions.Options.IValidateOptions<SmtpOptions>,
    Microsoft.Extensions.Options.IValidateOptions<GatewayOptions>
{
    public Microsoft.Extensions.Options.ValidateOptionsResult Validate(string? name, SmtpOptions options)
    {
        if (string.IsNullOrWhiteSpace(options.Host))
        {
            return Microsoft.Extensions.Options.ValidateOptionsResult.Success;
        }

        var problems = new List<string>();
        if (options.Port is < 1 or > 65535)
        {
            problems.Add("Messaging:Smtp:Port must be between 1 and 65535.");
        }

        if (string.IsNullOrWhiteSpace(options.From) || !MimeKit.MailboxAddress.TryParse(options.From, out _))
        {
            problems.Add("Messaging:Smtp:From must be a sender address, e.g. \"HocVuSo <no-reply@example.vn>\".");
        }

        if (!string.IsNullOrEmpty(options.User) && string.IsNullOrEmpty(options.Password))
        {
            problems.Add("Messaging:Smtp:Password is required with Messaging:Smtp:User.");
        }

        if (options.TimeoutSeconds is < 1 or > 600)
        {
            problems.Add("Messaging:Smtp:TimeoutSeconds must be between 1 and 600.");
        }

        return problems.Count == 0 ? Microsoft.Extensions.Options.ValidateOptionsResult.Success : Microsoft.Extensions.Options.ValidateOptionsResult.Fail(problems);
    }

    public Microsoft.Extensions.Options.ValidateOptionsResult Validate(string? name, GatewayOptions options)
    {
        if (options.BaseUrl is null)
        {
            return Microsoft.Extensions.Options.ValidateOptionsResult.Success;
        }

        var section = name == MessagingSetup.ZaloOptions ? GatewayOptions.ZaloSection : GatewayOptions.SmsSection;
        var problems = new List<string>();
        if (!options.BaseUrl.IsAbsoluteUri || options.BaseUrl.Scheme is not ("https" or "http"))
        {
            problems.Add($"{section}:BaseUrl must be an absolute http(s) address.");
        }

        if (string.IsNullOrWhiteSpace(options.ApiKey))
        {
            problems.Add($"{section}:ApiKey is required with {section}:BaseUrl.");
        }

        if (string.IsNullOrWhiteSpace(options.Sender))
        {
            problems.Add($"{section}:Sender is required with {section}:BaseUrl.");
        }

        if (options.TimeoutSeconds is < 1 or > 120)
        {
            problems.Add($"{section}:TimeoutSeconds must be between 1 and 120.");
        }

        return problems.Count == 0 ? Microsoft.Extensions.Options.ValidateOptionsResult.Success : Microsoft.Extensions.Options.ValidateOptionsResult.Fail(problems);
    }
}
