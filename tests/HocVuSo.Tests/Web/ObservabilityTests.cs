using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using HocVuSo.Tests.Infrastructure;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Console;
using Microsoft.Extensions.Options;

namespace HocVuSo.Tests.Web;

/// <summary>
/// <c>/metrics</c> exposes the platform's series in the Prometheus format to loopback (or a
/// configured network, or the token) only; the console log is one JSON object per line, with the
/// request id, and without the phone or identity numbers a request carried.
/// </summary>
public class ObservabilityTests
{
    public static TheoryData<string> Providers => TestApp.Providers;

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task Metrics_ExposeTheNamedSeries_ToLoopbackOrTheToken_Only(string provider)
    {
        await using var app = await TestApp.StartOwnAsync(provider, new Dictionary<string, string?>
        {
            ["RateLimits:SignIn:PermitLimit"] = "1",
            ["Reporting:Rollup:Interval"] = "00:00:01",
            ["Reporting:Rollup:DirtyPoll"] = "00:00:00.300",
            ["Metrics:Token"] = "metrics-test-token",
            ["Metrics:OutboxSampleSeconds"] = "1",
        });
        var server = app.App.GetTestServer();

        // A sign-in refused by the per-address limit, so that the rejection is counted.
        for (var i = 0; i < 2; i++)
        {
            using var client = Client(server, "10.6.0.1");
            await client.PostAsJsonAsync("/api/v1/auth/token", new { userName = "khong.ai", password = "Sai-mat-khau" });
        }

        string[] series =
        [
            "http_server_request_duration_seconds_bucket",
            "hocvuso_rate_limit_rejections_total{",
            "limit=\"sign-in\"",
            "hocvuso_outbox_backlog",
            "hocvuso_outbox_oldest_pending_age_seconds",
            "hocvuso_rollup_duration_seconds_bucket",
            "hocvuso_vneid_circuit_state",
        ];
        if (provider == "Postgres")
        {
            series = [.. series, "db_client_connection"];
        }

        var text = string.Empty;
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (true)
        {
            using var local = Client(server, "127.0.0.1");
            using var response = await local.GetAsync("/metrics");
            response.StatusCode.ShouldBe(HttpStatusCode.OK);
            text = await response.Content.ReadAsStringAsync();
            if (series.All(text.Contains) || DateTime.UtcNow > deadline)
            {
                break;
            }

            await Task.Delay(500);
        }

        foreach (var name in series)
        {
            text.ShouldContain(name, customMessage: $"/metrics lacks {name}:\n{text}");
        }

        using (var outsider = Client(server, "203.0.113.9"))
        {
            (await outsider.GetAsync("/metrics")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
            outsider.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", "wrong");
            (await outsider.GetAsync("/metrics")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
            outsider.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", "metrics-test-token");
            (await outsider.GetAsync("/metrics")).StatusCode.ShouldBe(HttpStatusCode.OK);
        }

        // A forged X-Forwarded-For from an outsider does not make it loopback.
        using var forged = Client(server, "203.0.113.10");
        forged.DefaultRequestHeaders.Add("X-Forwarded-For", "127.0.0.1");
        (await forged.GetAsync("/metrics")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task TheJsonLog_CarriesTheRequestId_AndNoPhoneOrIdentityNumber()
    {
        await using var app = await TestApp.StartOwnAsync("Sqlite", new Dictionary<string, string?>
        {
            ["Logging:Format"] = "json",
            ["Logging:LogLevel:Default"] = "Information",
            ["Logging:LogLevel:Microsoft.AspNetCore.Hosting.Diagnostics"] = "Information",
        });
        app.Services.GetRequiredService<IOptionsMonitor<ConsoleLoggerOptions>>().CurrentValue.FormatterName.ShouldBe(ConsoleFormatterNames.Json);
        var json = app.Services.GetServices<ConsoleFormatter>().Single(f => f.Name == ConsoleFormatterNames.Json);
        using var lines = new JsonLines(json);
        app.Services.GetRequiredService<ILoggerFactory>().AddProvider(lines);

        const string phone = "0912345678";
        const string cccd = "079203001234";
        var client = app.CreateClient();
        (await client.PostAsJsonAsync("/api/v1/auth/token", new { userName = phone, password = "Sai-mat-khau" })).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        (await client.PostAsJsonAsync("/api/v1/auth/token", new { userName = cccd, password = cccd })).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);

        var written = lines.Lines.ToList();
        written.ShouldNotBeEmpty();
        var requestIds = new List<string>();
        foreach (var line in written)
        {
            line.Trim().Split('\n').Length.ShouldBe(1, $"not one line: {line}");
            using var document = JsonDocument.Parse(line);
            document.RootElement.TryGetProperty("Timestamp", out _).ShouldBeTrue();
            if (document.RootElement.TryGetProperty("Scopes", out var scopes))
            {
                requestIds.AddRange(scopes.EnumerateArray().Where(s => s.ValueKind == JsonValueKind.Object && s.TryGetProperty("RequestId", out _)).Select(s => s.GetProperty("RequestId").GetString()!));
            }

            line.ShouldNotContain(phone);
            line.ShouldNotContain(phone[1..]);
            line.ShouldNotContain(cccd);
        }

        requestIds.ShouldNotBeEmpty("no log line carried a request id");
        requestIds.Distinct().Count().ShouldBeGreaterThanOrEqualTo(2);
    }

    private static HttpClient Client(TestServer server, string address) =>
        new(server.CreateHandler(c => c.Connection.RemoteIpAddress = IPAddress.Parse(address))) { BaseAddress = new Uri("http://localhost") };

    /// <summary>Writes every log event through the app's JSON console formatter, with the app's scopes, into a list.</summary>
    private sealed class JsonLines(ConsoleFormatter formatter) : ILoggerProvider, ISupportExternalScope
    {
        private IExternalScopeProvider _scopes = new LoggerExternalScopeProvider();

        public ConcurrentQueue<string> Lines { get; } = new();

        public ILogger CreateLogger(string categoryName) => new Logger(this, categoryName);

        public void SetScopeProvider(IExternalScopeProvider scopeProvider) => _scopes = scopeProvider;

        public void Dispose()
        {
        }

        private sealed class Logger(JsonLines owner, string category) : ILogger
        {
            public IDisposable? BeginScope<TState>(TState state) where TState : notnull => owner._scopes.Push(state);

            public bool IsEnabled(LogLevel logLevel) => logLevel != LogLevel.None;

            public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
            {
                using var writer = new StringWriter();
                owner.Formatter.Write(new Microsoft.Extensions.Logging.Abstractions.LogEntry<TState>(logLevel, category, eventId, state, exception, formatter), owner._scopes, writer);
                owner.Lines.Enqueue(writer.ToString());
            }
        }

        private ConsoleFormatter Formatter => formatter;
    }
}
