using System.Net;
using System.Net.Http.Json;
using HocVuSo.Core.Features.Audit;
using HocVuSo.Tests.Infrastructure;
using Microsoft.AspNetCore.TestHost;
using Microsoft.EntityFrameworkCore;

namespace HocVuSo.Tests.Web;

/// <summary>
/// X-Forwarded-For and X-Forwarded-Proto are believed only from the configured proxies
/// (<c>ForwardedHeaders:KnownProxies</c>/<c>KnownNetworks</c>): from a known proxy the client's
/// address is what rate limits and the audit trail see; from anyone else the header is ignored.
/// </summary>
public class ProxyHeadersTests(ProxyHeadersTests.Fixture fixture) : IClassFixture<ProxyHeadersTests.Fixture>
{
    private const string Proxy = "10.9.0.1";

    private static readonly Dictionary<string, string?> Settings = new()
    {
        ["ForwardedHeaders:KnownProxies:0"] = Proxy,
        ["ForwardedHeaders:KnownNetworks:0"] = "10.8.0.0/24",
        ["RateLimits:SignIn:PermitLimit"] = "3",
        ["RateLimits:SignIn:WindowSeconds"] = "600",
    };

    /// <summary>One app for the class; each test signs in from addresses and clients of its own.</summary>
    public sealed class Fixture : IAsyncLifetime
    {
        public TestApp App { get; private set; } = null!;

        public async Task InitializeAsync() => App = await TestApp.StartOwnAsync("Sqlite", Settings);

        public async Task DisposeAsync() => await App.DisposeAsync();
    }

    [Fact]
    public async Task AForgedForwardedFor_FromAnUnknownAddress_IsIgnored_ByTheRateLimit()
    {
        var app = fixture.App;
        var server = app.App.GetTestServer();

        // Each request claims to come from another client: the limit still counts them all against the sender.
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 4; i++)
        {
            statuses.Add(await SignInAsync(server, "10.5.5.1", $"203.0.113.{i + 1}", "khong.ai." + i));
        }

        statuses.Take(3).ShouldAllBe(s => s == HttpStatusCode.Unauthorized);
        statuses[3].ShouldBe(HttpStatusCode.TooManyRequests);
    }

    [Fact]
    public async Task TheForwardedClient_FromAKnownProxyOrNetwork_IsWhatTheRateLimitCounts()
    {
        var app = fixture.App;
        var server = app.App.GetTestServer();

        // Six clients behind the proxy, one attempt each: none is limited although the proxy sent six.
        for (var i = 0; i < 6; i++)
        {
            (await SignInAsync(server, Proxy, $"203.0.113.{i + 101}", "khong.ai." + i)).ShouldBe(HttpStatusCode.Unauthorized);
        }

        // One client behind the proxy (and then behind another proxy of the known network) is limited after three.
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 4; i++)
        {
            statuses.Add(await SignInAsync(server, i % 2 == 0 ? Proxy : "10.8.0.7", "198.51.100.7", "khong.ai.x" + i));
        }

        statuses.Take(3).ShouldAllBe(s => s == HttpStatusCode.Unauthorized);
        statuses[3].ShouldBe(HttpStatusCode.TooManyRequests);
    }

    [Fact]
    public async Task TheAuditTrail_RecordsTheForwardedClient_OnlyFromAKnownProxy()
    {
        var app = fixture.App;
        var server = app.App.GetTestServer();

        (await SignInAsync(server, Proxy, "198.51.100.20", "officer.eatrang", TestApp.Password)).ShouldBe(HttpStatusCode.OK);
        const string stranger = "10.5.5.2";
        (await SignInAsync(server, stranger, "198.51.100.21", "officer.bacninh", TestApp.Password)).ShouldBe(HttpStatusCode.OK);

        var entries = await app.ExecuteDbAsync(db => db.AuditEntries.AsNoTracking()
            .Where(a => a.Action == AuditActions.SignIn && (a.ActorName == "officer.eatrang" || a.ActorName == "officer.bacninh"))
            .Select(a => new { a.ActorName, a.NewValue }).ToListAsync());
        entries.Single(e => e.ActorName == "officer.eatrang").NewValue!.ShouldContain("\"ip\":\"198.51.100.20\"");
        var forged = entries.Single(e => e.ActorName == "officer.bacninh").NewValue!;
        forged.ShouldContain($"\"ip\":\"{stranger}\"");
        forged.ShouldNotContain("198.51.100.21");
    }

    [Fact]
    public async Task TheForwardedScheme_FromAKnownProxy_MakesTheRequestHttps()
    {
        var app = fixture.App;
        var server = app.App.GetTestServer();

        var viaProxy = await server.SendAsync(c => Forwarded(c, Proxy, "198.51.100.30", "https", "/Account/Login"));
        var forged = await server.SendAsync(c => Forwarded(c, "10.5.5.3", "198.51.100.31", "https", "/Account/Login"));

        viaProxy.Request.IsHttps.ShouldBeTrue();
        viaProxy.Connection.RemoteIpAddress!.ToString().ShouldBe("198.51.100.30");
        forged.Request.IsHttps.ShouldBeFalse();
        forged.Connection.RemoteIpAddress!.ToString().ShouldBe("10.5.5.3");
    }

    private static void Forwarded(Microsoft.AspNetCore.Http.HttpContext context, string from, string client, string scheme, string path)
    {
        context.Connection.RemoteIpAddress = IPAddress.Parse(from);
        context.Request.Method = "GET";
        context.Request.Path = path;
        context.Request.Headers["X-Forwarded-For"] = client;
        context.Request.Headers["X-Forwarded-Proto"] = scheme;
    }

    private static async Task<HttpStatusCode> SignInAsync(TestServer server, string from, string forwardedFor, string userName, string password = "Sai-mat-khau")
    {
        using var client = new HttpClient(server.CreateHandler(c => c.Connection.RemoteIpAddress = IPAddress.Parse(from))) { BaseAddress = new Uri("http://localhost") };
        client.DefaultRequestHeaders.Add("X-Forwarded-For", forwardedFor);
        using var response = await client.PostAsJsonAsync("/api/v1/auth/token", new { userName, password });
        return response.StatusCode;
    }
}
