namespace HocVuSo.Web.Vneid;

/// <summary>Configuration section <c>Vneid</c> (docs/VNEID.md lists every key).</summary>
public sealed class VneidOptions
{
    public const string Section = "Vneid";

    /// <summary>Client id and secret the sandbox accepts when none are configured (never valid against the real VNeID).</summary>
    public const string SandboxClientId = "hocvuso-sandbox";

    public const string SandboxClientSecret = "sandbox-secret-not-for-production";

    /// <summary>
    /// Base address of VNeID's OAuth 2.0 endpoints: {Authority}/authorize, /token, /userinfo.
    /// Empty with the sandbox on: this application's own <c>/sandbox/vneid</c>.
    /// </summary>
    public string? Authority { get; set; }

    /// <summary>Base address of the confirmation API: POST {ApiBaseUrl}/confirmations. Empty with the sandbox on: <c>/sandbox/vneid/api</c> here.</summary>
    public string? ApiBaseUrl { get; set; }

    public string? ClientId { get; set; }

    public string? ClientSecret { get; set; }

    /// <summary>Where VNeID sends the browser back after sign-in (registered with VNeID as the redirect URI).</summary>
    public string CallbackPath { get; set; } = "/signin-vneid";

    /// <summary>Seconds the confirmation API and the token exchange may take before the call counts as failed.</summary>
    public double TimeoutSeconds { get; set; } = 10;

    public VneidSandboxOptions Sandbox { get; set; } = new();

    public VneidCircuitBreakerOptions CircuitBreaker { get; set; } = new();
}

/// <summary>Configuration section <c>Vneid:CircuitBreaker</c>: when to stop calling a failing VNeID for a while.</summary>
public sealed class VneidCircuitBreakerOptions
{
    /// <summary>Share of failed calls in the sampling window that opens the circuit.</summary>
    public double FailureRatio { get; set; } = 0.5;

    /// <summary>Calls in the window before the ratio counts.</summary>
    public int MinimumThroughput { get; set; } = 10;

    public double SamplingSeconds { get; set; } = 60;

    /// <summary>How long calls fail at once before one is let through to test VNeID again.</summary>
    public double BreakSeconds { get; set; } = 30;
}

/// <summary>Configuration section <c>Vneid:Sandbox</c>.</summary>
public sealed class VneidSandboxOptions
{
    /// <summary>Turns the sandbox on outside Development (never in Production).</summary>
    public bool Enabled { get; set; }

    /// <summary>How long the "timeout" switch makes the confirmation API wait before answering; longer than <see cref="VneidOptions.TimeoutSeconds"/>.</summary>
    public double TimeoutDelaySeconds { get; set; } = 60;
}

/// <summary>Refuses to start with VNeID settings that cannot work: relative or non-HTTP addresses, an authority without credentials, a timeout of zero.</summary>
public sealed class VneidOptionsValidator : Microsoft.Extensions.Options.IValidateOptions<VneidOptions>
{
    public Microsoft.Extensions.Options.ValidateOptionsResult Validate(string? name, VneidOptions options)
    {
        var problems = new List<string>();
        foreach (var (key, value) in new[] { ("Vneid:Authority", options.Authority), ("Vneid:ApiBaseUrl", options.ApiBaseUrl) })
        {
            if (!string.IsNullOrWhiteSpace(value) && (!Uri.TryCreate(value, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https")))
            {
                problems.Add($"{key} must be an absolute http(s) address.");
            }
        }

        if (!string.IsNullOrWhiteSpace(options.Authority) && (string.IsNullOrWhiteSpace(options.ClientId) || string.IsNullOrWhiteSpace(options.ClientSecret)))
        {
            problems.Add("Vneid:Authority needs Vneid:ClientId and Vneid:ClientSecret.");
        }

        if (!options.CallbackPath.StartsWith('/'))
        {
            problems.Add("Vneid:CallbackPath must start with '/'.");
        }

        if (options.TimeoutSeconds is <= 0 or > 300)
        {
            problems.Add("Vneid:TimeoutSeconds must be between 0 and 300.");
        }

        // Polly's own limits: a ratio in (0, 1], at least 2 calls, a window of at least 0.5 s, a break of at least 0.5 s.
        var breaker = options.CircuitBreaker;
        if (breaker.FailureRatio is <= 0 or > 1 || breaker.MinimumThroughput < 2 || breaker.SamplingSeconds < 0.5 || breaker.BreakSeconds < 0.5)
        {
            problems.Add("Vneid:CircuitBreaker needs FailureRatio in (0, 1], MinimumThroughput ≥ 2, SamplingSeconds ≥ 0.5 and BreakSeconds ≥ 0.5.");
        }

        return problems.Count == 0 ? Microsoft.Extensions.Options.ValidateOptionsResult.Success : Microsoft.Extensions.Options.ValidateOptionsResult.Fail(problems);
    }
}
