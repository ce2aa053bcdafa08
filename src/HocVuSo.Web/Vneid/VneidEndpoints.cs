using HocVuSo.Core.Features.Messaging;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Options;

namespace HocVuSo.Web.Vneid;

/// <summary>
/// The addresses the platform uses to reach VNeID: the configured ones, or — with the sandbox on
/// and nothing configured — this application itself, found from the addresses the server listens
/// on (resolved once the server has started).
/// </summary>
public sealed class VneidEndpoints(IOptions<VneidOptions> options, IServer server, VneidSandbox sandbox)
{
    public const string SandboxPath = "/sandbox/vneid";

    public const string NotConfigured = "VNeID is not configured: set Vneid:ApiBaseUrl.";

    private readonly VneidOptions _options = options.Value;

    /// <summary>True when sign-in with VNeID is possible: configured credentials, or the sandbox.</summary>
    public bool SignInAvailable => IsConfigured(_options) || sandbox.Enabled;

    public string ClientId => string.IsNullOrWhiteSpace(_options.ClientId) ? VneidOptions.SandboxClientId : _options.ClientId.Trim();

    public string ClientSecret => string.IsNullOrWhiteSpace(_options.ClientSecret) ? VneidOptions.SandboxClientSecret : _options.ClientSecret;

    public static bool IsConfigured(VneidOptions options) =>
        !string.IsNullOrWhiteSpace(options.Authority) && !string.IsNullOrWhiteSpace(options.ClientId) && !string.IsNullOrWhiteSpace(options.ClientSecret);

    /// <summary>Where the browser is sent to sign in; relative (this host) when it is the sandbox here.</summary>
    public string AuthorizationEndpoint => string.IsNullOrWhiteSpace(_options.Authority)
        ? SandboxPath + "/authorize"
        : Combine(_options.Authority, "authorize");

    public string TokenEndpoint => Combine(AuthorityForServer, "token");

    public string UserInformationEndpoint => Combine(AuthorityForServer, "userinfo");

    /// <summary>The confirmation API's base address, ending in a slash.</summary>
    public Uri ApiBaseAddress
    {
        get
        {
            if (!string.IsNullOrWhiteSpace(_options.ApiBaseUrl))
            {
                return new Uri(Combine(_options.ApiBaseUrl, string.Empty));
            }

            // Without the sandbox there is nowhere to send confirmations: say so where administrators look (the outbox's last error).
            return sandbox.Enabled
                ? new Uri(Combine(Self() + SandboxPath + "/api", string.Empty))
                : throw new OutboxDestinationNotConfiguredException(NotConfigured);
        }
    }

    private string AuthorityForServer => string.IsNullOrWhiteSpace(_options.Authority) ? Self() + SandboxPath : _options.Authority;

    private static string Combine(string baseUrl, string relative) => baseUrl.TrimEnd('/') + "/" + relative;

    /// <summary>This application as seen from itself: the first address the server listens on, with a wildcard host made local.</summary>
    private string Self()
    {
        var address = server.Features.Get<IServerAddressesFeature>()?.Addresses
            .OrderBy(a => a.StartsWith("https", StringComparison.OrdinalIgnoreCase) ? 1 : 0)
            .FirstOrDefault();
        if (address is null)
        {
            return "http://localhost";
        }

        var uri = new UriBuilder(address.Replace("://+", "://localhost", StringComparison.Ordinal).Replace("://*", "://localhost", StringComparison.Ordinal));
        if (uri.Host is "0.0.0.0" or "[::]" or "::")
        {
            uri.Host = "localhost";
        }

        return uri.Uri.GetLeftPart(UriPartial.Authority);
    }
}
