using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;

namespace HocVuSo.Tests.Features.Oversight;

/// <summary>
/// A local web server on 127.0.0.1 playing the sites that logged links point to: /ok (200),
/// /missing (404), /slow (answers after 5 s), /to-private (302 to a private address), /to-ok
/// (302 to /ok), /loop (302 to itself), /no-head (405 to HEAD, 206 to a ranged GET).
/// </summary>
public sealed class LinkSite : IDisposable
{
    private readonly HttpListener _listener = new();
    private readonly CancellationTokenSource _stop = new();

    private LinkSite(int port)
    {
        Port = port;
        _listener.Prefixes.Add($"http://127.0.0.1:{port}/");
        _listener.Start();
        _ = Task.Run(ServeAsync);
    }

    public int Port { get; }

    /// <summary>"METHOD /path range" of every request received.</summary>
    public ConcurrentQueue<string> Requests { get; } = new();

    public static LinkSite Start()
    {
        using var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        var port = ((IPEndPoint)probe.LocalEndpoint).Port;
        probe.Stop();
        return new LinkSite(port);
    }

    public string Url(string path) => $"http://127.0.0.1:{Port}/{path}";

    public void Dispose()
    {
        _stop.Cancel();
        _listener.Close();
        _stop.Dispose();
    }

    private async Task ServeAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            HttpListenerContext context;
            try
            {
                context = await _listener.GetContextAsync();
            }
            catch (Exception e) when (e is HttpListenerException or ObjectDisposedException or InvalidOperationException)
            {
                return;
            }

            _ = Task.Run(() => AnswerAsync(context));
        }
    }

    private async Task AnswerAsync(HttpListenerContext context)
    {
        var request = context.Request;
        var response = context.Response;
        var path = request.Url!.AbsolutePath;
        Requests.Enqueue($"{request.HttpMethod} {path} {request.Headers["Range"]}".TrimEnd());
        try
        {
            switch (path)
            {
                case "/ok":
                    response.StatusCode = 200;
                    break;
                case "/slow":
                    await Task.Delay(TimeSpan.FromSeconds(5), _stop.Token);
                    response.StatusCode = 200;
                    break;
                case "/to-private":
                    response.StatusCode = 302;
                    response.RedirectLocation = "http://10.1.2.3/tin";
                    break;
                case "/to-ok":
                    response.StatusCode = 302;
                    response.RedirectLocation = "/ok";
                    break;
                case "/loop":
                    response.StatusCode = 302;
                    response.RedirectLocation = "/loop";
                    break;
                case "/no-head":
                    response.StatusCode = request.HttpMethod == "HEAD" ? 405 : request.Headers["Range"] is null ? 400 : 206;
                    break;
                default:
                    response.StatusCode = 404;
                    break;
            }

            response.Close();
        }
        catch (Exception e) when (e is HttpListenerException or ObjectDisposedException or OperationCanceledException or InvalidOperationException)
        {
            // The checker gave up (timeout) or the site is closing.
        }
    }
}
