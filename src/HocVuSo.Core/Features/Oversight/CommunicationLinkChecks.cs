using System.Net;
using System.Net.Http.Headers;
using System.Net.Sockets;
using HocVuSo.Core.Common;
using HocVuSo.Core.Data;
using HocVuSo.Core.Features.Messaging;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace HocVuSo.Core.Features.Oversight;

/// <summary>Configuration section <c>Communications</c>: the optional reachability check of the log's links.</summary>
public sealed class CommunicationOptions
{
    public const string Section = "Communications";

    /// <summary>
    /// Check that logged links answer (off by default: many deployments have no way out to the
    /// internet). When on, recording an item with a link, or changing its link, enqueues a check
    /// that the outbox worker runs.
    /// </summary>
    public bool CheckLinks { get; set; }

    /// <summary>How long one check may take in all, redirects included (0.5 s to 60 s).</summary>
    public TimeSpan LinkCheckTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Redirects followed before giving up (0 to 10); each target is checked against the private-address rule.</summary>
    public int MaxRedirects { get; set; } = 5;

    /// <summary>
    /// FOR TESTS ONLY, off by default, never to be set in a deployment: lets the checker connect to
    /// loopback addresses (127/8, ::1, localhost), so that tests can check links against a local
    /// server. Every other internal address stays refused, and links are still refused at
    /// recording by <see cref="CommunicationLinks.Check"/>.
    /// </summary>
    public bool AllowLoopbackForTests { get; set; }
}

/// <summary>Refuses to start with a link check that could hold an outbox lease or loop on redirects.</summary>
public sealed class CommunicationOptionsValidator : IValidateOptions<CommunicationOptions>
{
    public ValidateOptionsResult Validate(string? name, CommunicationOptions options)
    {
        var problems = new List<string>();
        if (options.LinkCheckTimeout < TimeSpan.FromMilliseconds(500) || options.LinkCheckTimeout > TimeSpan.FromSeconds(60))
        {
            problems.Add("Communications:LinkCheckTimeout must be between 0.5 and 60 seconds.");
        }

        if (options.MaxRedirects is < 0 or > 10)
        {
            problems.Add("Communications:MaxRedirects must be between 0 and 10.");
        }

        return problems.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(problems);
    }
}

/// <summary>Payload of an outbox message of type <see cref="CommunicationLinkChecks.Type"/>.</summary>
public sealed record LinkCheckRequest(Guid ItemId, string Url);

/// <summary>The result of one reachability check.</summary>
public sealed record LinkCheckResult(bool Reachable, int? Status, string? Error);

/// <summary>
/// Enqueuing reachability checks (when <see cref="CommunicationOptions.CheckLinks"/> is on): in the
/// same unit of work as the item, so a check is never lost and never made for an item that was not saved.
/// </summary>
public static class CommunicationLinkChecks
{
    public const string Type = "communications.link_check";

    /// <summary>Forgets the item's last result and, when checks are on and it has a link, adds a check to the outbox (saved by the caller).</summary>
    public static void Enqueue(AppDbContext db, TimeProvider clock, CommunicationOptions options, CommunicationItem item)
    {
        item.LinkCheckedAt = null;
        item.LinkReachable = null;
        item.LinkStatus = null;
        item.LinkError = null;
        if (!options.CheckLinks || item.Url is null)
        {
            return;
        }

        db.Enqueue(clock, Type, new LinkCheckRequest(item.Id, item.Url), $"link-check:{item.Id:N}:{Guid.NewGuid():N}", item.Id.ToString());
    }
}

/// <summary>
/// Runs a reachability check from the outbox and records its result on the item. The result is
/// what the check found, not a failed delivery: an unreachable link is recorded once, not retried.
/// An item removed since, or whose link changed since (a newer check is queued), is left alone.
/// </summary>
public sealed class CommunicationLinkCheckHandler(AppDbContext db, CommunicationLinkChecker checker, TimeProvider clock) : IOutboxHandler
{
    public string Type => CommunicationLinkChecks.Type;

    public async Task HandleAsync(OutboxMessage message, CancellationToken cancellationToken)
    {
        var request = message.ReadPayload<LinkCheckRequest>();
        var item = await db.CommunicationItems.FirstOrDefaultAsync(i => i.Id == request.ItemId, cancellationToken);
        if (item is null || item.Url != request.Url)
        {
            return;
        }

        var result = await checker.CheckAsync(request.Url, cancellationToken);
        item.LinkCheckedAt = clock.UtcNow();
        item.LinkReachable = result.Reachable;
        item.LinkStatus = result.Status;
        item.LinkError = result.Error;
    }
}

/// <summary>
/// Asks a link whether it answers: HEAD, or a GET of the first kilobyte when the server does not
/// allow HEAD (405, 501), within <see cref="CommunicationOptions.LinkCheckTimeout"/> in all.
/// Redirects are followed by hand, up to <see cref="CommunicationOptions.MaxRedirects"/>, and each
/// target must be http or https and pass the private-address rule of <see cref="CommunicationLinks"/>;
/// every address the checker connects to (after name resolution) is held to the same rule, so a
/// public name that resolves to an internal address is refused too. No proxy, no cookies.
/// Reachable means a 2xx answer.
/// </summary>
public sealed class CommunicationLinkChecker : IDisposable
{
    public const string Timeout = "timeout";
    public const string ConnectionFailed = "connection_failed";
    public const string AddressRefused = "address_refused";
    public const string RedirectRefused = "redirect_refused";
    public const string TooManyRedirects = "too_many_redirects";

    private readonly CommunicationOptions _options;
    private readonly HttpClient _http;

    public CommunicationLinkChecker(IOptions<CommunicationOptions> options)
    {
        ArgumentNullException.ThrowIfNull(options);
        _options = options.Value;
        var allowLoopback = _options.AllowLoopbackForTests;
        var handler = new SocketsHttpHandler
        {
            AllowAutoRedirect = false,
            UseProxy = false,
            UseCookies = false,
            ConnectTimeout = _options.LinkCheckTimeout,
            PooledConnectionLifetime = TimeSpan.FromMinutes(2),
            ConnectCallback = (context, ct) => ConnectAsync(context, allowLoopback, ct),
        };
        _http = new HttpClient(handler) { Timeout = System.Threading.Timeout.InfiniteTimeSpan };
        _http.DefaultRequestHeaders.UserAgent.Add(new ProductInfoHeaderValue("HocVuSo-LinkCheck", "1.0"));
    }

    public async Task<LinkCheckResult> CheckAsync(string link, CancellationToken ct)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
        timeout.CancelAfter(_options.LinkCheckTimeout);
        if (!Uri.TryCreate(link, UriKind.Absolute, out var uri))
        {
            return new LinkCheckResult(false, null, AddressRefused);
        }

        try
        {
            for (var hop = 0; ; hop++)
            {
                if (!Allowed(uri))
                {
                    return new LinkCheckResult(false, null, hop == 0 ? AddressRefused : RedirectRefused);
                }

                var (status, location) = await AskAsync(uri, timeout.Token);
                if (status is not (301 or 302 or 303 or 307 or 308) || location is null)
                {
                    return new LinkCheckResult(status is >= 200 and <= 299, status, null);
                }

                if (hop >= _options.MaxRedirects)
                {
                    return new LinkCheckResult(false, status, TooManyRedirects);
                }

                uri = location;
            }
        }
        catch (OperationCanceledException) when (!ct.IsCancellationRequested)
        {
            return new LinkCheckResult(false, null, Timeout);
        }
        catch (HttpRequestException e) when (e.InnerException is LinkAddressRefusedException || e.GetBaseException() is LinkAddressRefusedException)
        {
            return new LinkCheckResult(false, null, AddressRefused);
        }
        catch (HttpRequestException)
        {
            return new LinkCheckResult(false, null, ConnectionFailed);
        }
    }

    public void Dispose() => _http.Dispose();

    private bool Allowed(Uri uri) =>
        (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps) && uri.UserInfo.Length == 0
        && !CommunicationLinks.IsInternal(uri, _options.AllowLoopbackForTests);

    private async Task<(int Status, Uri? Location)> AskAsync(Uri uri, CancellationToken ct)
    {
        using (var head = new HttpRequestMessage(HttpMethod.Head, uri))
        using (var answer = await _http.SendAsync(head, HttpCompletionOption.ResponseHeadersRead, ct))
        {
            if (answer.StatusCode is not (HttpStatusCode.MethodNotAllowed or HttpStatusCode.NotImplemented))
            {
                return ((int)answer.StatusCode, LocationOf(uri, answer));
            }
        }

        using var get = new HttpRequestMessage(HttpMethod.Get, uri);
        get.Headers.Range = new RangeHeaderValue(0, 1023);
        using var ranged = await _http.SendAsync(get, HttpCompletionOption.ResponseHeadersRead, ct);
        return ((int)ranged.StatusCode, LocationOf(uri, ranged));
    }

    private static Uri? LocationOf(Uri from, HttpResponseMessage answer) =>
        answer.Headers.Location is not { } location ? null
        : location.IsAbsoluteUri ? location
        : Uri.TryCreate(from, location, out var absolute) ? absolute : null;

    /// <summary>Connects only to addresses outside internal networks, whatever the name resolved to.</summary>
    private static async ValueTask<Stream> ConnectAsync(SocketsHttpConnectionContext context, bool allowLoopback, CancellationToken ct)
    {
        var host = context.DnsEndPoint.Host.Trim('[', ']');
        var addresses = IPAddress.TryParse(host, out var literal) ? [literal] : await Dns.GetHostAddressesAsync(host, ct);
        var allowed = addresses.Where(a => !CommunicationLinks.IsInternalAddress(a, allowLoopback)).ToArray();
        if (allowed.Length == 0)
        {
            throw new LinkAddressRefusedException(host);
        }

        var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        try
        {
            await socket.ConnectAsync(allowed, context.DnsEndPoint.Port, ct);
            return new NetworkStream(socket, ownsSocket: true);
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }
}

/// <summary>The link's host resolved only to internal addresses.</summary>
public sealed class LinkAddressRefusedException(string host) : IOException($"The host '{host}' resolves only to internal addresses.");
