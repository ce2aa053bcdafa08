using System.Globalization;
using System.Net;
using System.Net.Sockets;
using HocVuSo.Core.Common;

namespace HocVuSo.Core.Features.Oversight;

/// <summary>
/// The form of a communications item's link: an absolute http or https address of a public
/// host, at most <see cref="MaxLength"/> characters, without a user name or password. Addresses
/// that point inside a network are refused — localhost, loopback, private (10/8, 172.16/12,
/// 192.168/16, fc00::/7), link-local (169.254/16, fe80::/10), carrier-grade NAT (100.64/10) and
/// unspecified ones — so that a later reachability check can never be aimed at the server's own
/// network. Host names are not resolved here (only their form is checked); the reachability
/// check (<see cref="CommunicationLinkChecker"/>) applies the same rule to every address it connects to.
/// </summary>
public static class CommunicationLinks
{
    public const int MaxLength = 2000;

    /// <summary>The link as stored, or an error on field <paramref name="field"/>; null in, null out.</summary>
    public static Result<string?> Check(string? text, string field = "url")
    {
        var link = text?.Trim();
        if (string.IsNullOrEmpty(link))
        {
            return Result<string?>.Ok(null);
        }

        if (link.Length > MaxLength)
        {
            return Errors.Invalid("communications.url_too_long", field, MaxLength);
        }

        if (!Uri.TryCreate(link, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps))
        {
            return Errors.Invalid("communications.url_scheme", field, link);
        }

        if (uri.UserInfo.Length > 0 || uri.Host.Length == 0)
        {
            return Errors.Invalid("communications.url_scheme", field, link);
        }

        return IsInternal(uri) ? Errors.Invalid("communications.url_private", field, uri.Host) : Result<string?>.Ok(link);
    }

    /// <summary>The link as duplicates are compared: scheme and host in lower case, no default port, no fragment, no trailing slash (path and query keep their case: video ids differ by it).</summary>
    public static string? Key(string? link)
    {
        if (link is null || !Uri.TryCreate(link, UriKind.Absolute, out var uri))
        {
            return null;
        }

        var path = uri.AbsolutePath.TrimEnd('/');
        var port = uri.IsDefaultPort ? string.Empty : ":" + uri.Port.ToString(CultureInfo.InvariantCulture);
        var key = uri.Scheme.ToLowerInvariant() + "://" + uri.IdnHost.ToLowerInvariant() + port + path + uri.Query;
        return key.Length <= MaxLength ? key : key[..MaxLength];
    }

    /// <summary>
    /// Whether an absolute address points inside a network by the rule above. With
    /// <paramref name="allowLoopback"/> (the link checker's test-only setting) loopback hosts and
    /// addresses pass; every other internal address is still refused.
    /// </summary>
    public static bool IsInternal(Uri uri, bool allowLoopback = false)
    {
        var host = uri.IdnHost.TrimEnd('.').ToLowerInvariant();
        if (host is "localhost" || host.EndsWith(".localhost", StringComparison.Ordinal))
        {
            return !allowLoopback;
        }

        if (uri.HostNameType == UriHostNameType.Dns && !host.Contains('.', StringComparison.Ordinal))
        {
            return true;
        }

        if (uri.HostNameType is not (UriHostNameType.IPv4 or UriHostNameType.IPv6) || !IPAddress.TryParse(uri.Host.Trim('[', ']'), out var address))
        {
            return false;
        }

        return IsInternalAddress(address, allowLoopback);
    }

    /// <summary>Whether an IP address is loopback, unspecified, private, link-local or carrier-grade NAT (loopback passes with <paramref name="allowLoopback"/>).</summary>
    public static bool IsInternalAddress(IPAddress address, bool allowLoopback = false)
    {
        ArgumentNullException.ThrowIfNull(address);
        if (address.IsIPv4MappedToIPv6)
        {
            address = address.MapToIPv4();
        }

        if (IPAddress.IsLoopback(address))
        {
            return !allowLoopback;
        }

        if (address.Equals(IPAddress.Any) || address.Equals(IPAddress.IPv6Any) || address.Equals(IPAddress.None))
        {
            return true;
        }

        if (address.AddressFamily == AddressFamily.InterNetworkV6)
        {
            var first = address.GetAddressBytes();
            return address.IsIPv6LinkLocal || address.IsIPv6SiteLocal || (first[0] & 0xFE) == 0xFC;
        }

        var b = address.GetAddressBytes();
        return b[0] is 0 or 10 or 127
            || (b[0] == 172 && b[1] is >= 16 and <= 31)
            || (b[0] == 192 && b[1] == 168)
            || (b[0] == 169 && b[1] == 254)
            || (b[0] == 100 && b[1] is >= 64 and <= 127);
    }
}
