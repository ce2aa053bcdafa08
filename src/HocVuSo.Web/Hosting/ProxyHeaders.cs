using System.Net;
using Microsoft.AspNetCore.HttpOverrides;

namespace HocVuSo.Web.Hosting;

/// <summary>
/// Behind nginx the connection comes from the proxy: the client's address and scheme arrive in
/// <c>X-Forwarded-For</c> and <c>X-Forwarded-Proto</c>. They are believed only from the proxies
/// named in <c>ForwardedHeaders:KnownProxies</c> (addresses) and <c>ForwardedHeaders:KnownNetworks</c>
/// (CIDR ranges), loopback by default; from any other address the headers are ignored, so a client
/// cannot choose the address that rate limits and the audit trail see. <c>ForwardedHeaders:Enabled=false</c>
/// turns this off (the platform then faces clients directly).
/// </summary>
public static class ProxyHeaders
{
    public static IServiceCollection AddProxyHeaders(this IServiceCollection services, IConfiguration configuration)
    {
        var section = configuration.GetSection("ForwardedHeaders");
        var proxies = List(section.GetSection("KnownProxies")).Select(Address).ToList();
        var networks = List(section.GetSection("KnownNetworks")).Select(Network).ToList();
        var limit = section.GetValue<int?>("ForwardLimit") ?? 1;
        services.Configure<ForwardedHeadersOptions>(o =>
        {
            o.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto;
            o.ForwardLimit = Math.Max(1, limit);
            if (proxies.Count > 0 || networks.Count > 0)
            {
                // Named proxies replace the default (loopback); list loopback too when nginx runs on the same machine.
                o.KnownProxies.Clear();
                o.KnownIPNetworks.Clear();
                proxies.ForEach(o.KnownProxies.Add);
                networks.ForEach(o.KnownIPNetworks.Add);
            }
        });
        return services;
    }

    public static IApplicationBuilder UseProxyHeaders(this IApplicationBuilder app, IConfiguration configuration)
    {
        if (configuration.GetValue("ForwardedHeaders:Enabled", true))
        {
            app.UseForwardedHeaders();
        }

        return app;
    }

    /// <summary>The entries of a list setting: <c>KnownProxies:0</c>, <c>KnownProxies:1</c> …, or one value separated by commas (handy in an environment variable).</summary>
    private static IEnumerable<string> List(IConfigurationSection section)
    {
        var items = section.Value is { } single ? single.Split(',') : section.GetChildren().Select(c => c.Value ?? string.Empty);
        return items.Select(i => i.Trim()).Where(i => i.Length > 0);
    }

    private static IPAddress Address(string text) => IPAddress.TryParse(text, out var address)
        ? address
        : throw new InvalidOperationException($"ForwardedHeaders:KnownProxies: '{text}' is not an IP address.");

    private static System.Net.IPNetwork Network(string text) => System.Net.IPNetwork.TryParse(text, out var network)
        ? network
        : throw new InvalidOperationException($"ForwardedHeaders:KnownNetworks: '{text}' is not a network in CIDR notation (e.g. 10.0.0.0/24).");
}
