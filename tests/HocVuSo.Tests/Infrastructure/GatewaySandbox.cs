using System.Collections.Concurrent;
using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json;

namespace HocVuSo.Tests.Infrastructure;

/// <summary>
/// A local stand-in for an SMS or Zalo OA provider gateway speaking the contract of
/// docs/MESSAGING.md, on an HttpListener on 127.0.0.1. It records every request and answers by
/// the recipient's number: a script per number (status codes in turn, or a delay longer than the
/// client's timeout), 202 when none is set.
/// </summary>
public sealed class GatewaySandbox : IDisposable
{
    public const string ApiKey = "sandbox-key-123";

    private readonly HttpListener _listener = new();
    private readonly ConcurrentDictionary<string, ConcurrentQueue<Answer>> _scripts = new();
    private readonly CancellationTokenSource _stop = new();

    public sealed record Answer(int Status, int DelayMs = 0, string? Error = null);

    public sealed record Received(string Method, string Path, string? Authorization, string? IdempotencyKey, string ContentType, JsonElement Body)
    {
        public string To => Body.GetProperty("to").GetString()!;
    }

    public GatewaySandbox()
    {
        Port = LocalSmtpServer.FreePort();
        _listener.Prefixes.Add($"http://127.0.0.1:{Port.ToString(CultureInfo.InvariantCulture)}/");
        _listener.Start();
        _ = Task.Run(LoopAsync);
    }

    public int Port { get; }

    public Uri BaseUrl => new($"http://127.0.0.1:{Port.ToString(CultureInfo.InvariantCulture)}/");

    public ConcurrentBag<Received> Requests { get; } = [];

    /// <summary>The answers to give, in turn, for messages to <paramref name="to"/> (international form, e.g. 84912345678); 202 after them.</summary>
    public void Script(string to, params Answer[] answers) => _scripts[to] = new ConcurrentQueue<Answer>(answers);

    public IReadOnlyList<Received> RequestsTo(string to) => Requests.Where(r => r.To == to).ToList();

    public void Dispose()
    {
        _stop.Cancel();
        _listener.Close();
        _stop.Dispose();
    }

    private async Task LoopAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            HttpListenerContext context;
            try
            {
                context = await _listener.GetContextAsync();
            }
            catch (Exception) when (_stop.IsCancellationRequested)
            {
                return;
            }
            catch (HttpListenerException)
            {
                return;
            }

            _ = Task.Run(() => AnswerAsync(context));
        }
    }

    private async Task AnswerAsync(HttpListenerContext context)
    {
        try
        {
            using var reader = new StreamReader(context.Request.InputStream, Encoding.UTF8);
            var text = await reader.ReadToEndAsync();
            using var json = JsonDocument.Parse(text);
            var received = new Received(context.Request.HttpMethod, context.Request.Url!.AbsolutePath, context.Request.Headers["Authorization"],
                context.Request.Headers["Idempotency-Key"], context.Request.ContentType ?? string.Empty, json.RootElement.Clone());
            Requests.Add(received);

            var answer = new Answer(202);
            if (context.Request.Headers["Authorization"] != "Bearer " + ApiKey)
            {
                answer = new Answer(401, Error: "unauthorized");
            }
            else if (_scripts.TryGetValue(received.To, out var queue) && queue.TryDequeue(out var scripted))
            {
                answer = scripted;
            }

            if (answer.DelayMs > 0)
            {
                await Task.Delay(answer.DelayMs, _stop.Token);
            }

            context.Response.StatusCode = answer.Status;
            context.Response.ContentType = "application/json";
            var body = answer.Status < 300
                ? JsonSerializer.Serialize(new { id = Guid.NewGuid().ToString("N"), status = "accepted" })
                : JsonSerializer.Serialize(new { error = answer.Error ?? "sandbox_error", message = "Sandbox answer for " + received.To });
            var bytes = Encoding.UTF8.GetBytes(body);
            await context.Response.OutputStream.WriteAsync(bytes);
            context.Response.Close();
        }
#pragma warning disable CA1031 // The client went away (a timeout): nothing to answer.
        catch (Exception)
#pragma warning restore CA1031
        {
            try
            {
                context.Response.Abort();
            }
            catch (ObjectDisposedException)
            {
            }
        }
    }
}
