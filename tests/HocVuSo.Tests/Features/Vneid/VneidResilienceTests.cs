using System.Diagnostics.Metrics;
using System.Net;
using HocVuSo.Core.Features.Certification;
using HocVuSo.Core.Features.Messaging;
using HocVuSo.Tests.Infrastructure;
using HocVuSo.Web.Vneid;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace HocVuSo.Tests.Features.Vneid;

/// <summary>A failing VNeID opens the circuit: later calls fail at once and VNeID is left alone; every call is counted.</summary>
public class VneidResilienceTests
{
    private static readonly VneidConfirmation Confirmation = new("066190001234", "A", "HVS-2026-TEST-TEST-T", new DateOnly(2026, 11, 20), "v1-2026", "24445");

    [Fact]
    public async Task RepeatedServerErrors_OpenTheCircuit_ThenCallsFailWithoutReachingVneid_AndOutcomesAreMeasured()
    {
        var app = await TestApp.GetAsync("Sqlite");
        var options = Options.Create(new VneidOptions { CircuitBreaker = new VneidCircuitBreakerOptions { FailureRatio = 0.5, MinimumThroughput = 3, SamplingSeconds = 30, BreakSeconds = 30 } });
        // A pipeline of this test's own, so the application's breaker (shared by other tests) stays closed.
        var resilience = new VneidResilience(options, TimeProvider.System, app.Services.GetRequiredService<IMeterFactory>());
        var vneid = new ScriptedVneid(HttpStatusCode.InternalServerError);
        using var http = new HttpClient(vneid);
        var client = new HttpVneidClient(http, app.Services.GetRequiredService<VneidEndpoints>(), resilience, TimeProvider.System);

        var outcomes = new List<string>();
        using var listener = new MeterListener();
        listener.InstrumentPublished = (instrument, l) =>
        {
            if (instrument.Meter.Name == VneidResilience.MeterName && instrument.Name == "hocvuso.vneid.confirmations")
            {
                l.EnableMeasurementEvents(instrument);
            }
        };
        listener.SetMeasurementEventCallback<long>((_, _, tags, _) =>
        {
            foreach (var tag in tags)
            {
                if (tag.Key == "outcome")
                {
                    lock (outcomes)
                    {
                        outcomes.Add((string)tag.Value!);
                    }
                }
            }
        });
        listener.Start();

        for (var i = 0; i < 3; i++)
        {
            (await Should.ThrowAsync<VneidException>(() => client.ConfirmAsync(Confirmation, "k" + i, CancellationToken.None))).Status.ShouldBe(HttpStatusCode.InternalServerError);
        }

        var paused = await Should.ThrowAsync<VneidException>(() => client.ConfirmAsync(Confirmation, "k3", CancellationToken.None));
        paused.Message.ShouldStartWith("VNeID calls are paused after repeated failures");
        vneid.Calls.ShouldBe(3, "the open circuit keeps the fourth call from VNeID");
        // The meter is the application's (other tests' calls are counted too): this test's calls are among them.
        outcomes.Count(o => o == "failed").ShouldBeGreaterThanOrEqualTo(3);
        outcomes.ShouldContain("circuit_open");
    }

    [Fact]
    public async Task RefusalsOfOneRequest_DoNotOpenTheCircuit_AndAcknowledgementsAreMeasured()
    {
        var app = await TestApp.GetAsync("Sqlite");
        var options = Options.Create(new VneidOptions { CircuitBreaker = new VneidCircuitBreakerOptions { FailureRatio = 0.5, MinimumThroughput = 2, SamplingSeconds = 30, BreakSeconds = 30 } });
        var resilience = new VneidResilience(options, TimeProvider.System, app.Services.GetRequiredService<IMeterFactory>());
        var refusing = new ScriptedVneid(HttpStatusCode.UnprocessableEntity);
        using var http = new HttpClient(refusing);
        var client = new HttpVneidClient(http, app.Services.GetRequiredService<VneidEndpoints>(), resilience, TimeProvider.System);

        for (var i = 0; i < 4; i++)
        {
            (await Should.ThrowAsync<VneidException>(() => client.ConfirmAsync(Confirmation, "r" + i, CancellationToken.None))).Status.ShouldBe(HttpStatusCode.UnprocessableEntity);
        }

        refusing.Calls.ShouldBe(4, "a request VNeID refuses is the request's fault, not VNeID's: every call still goes through");
    }

    [Fact]
    public async Task AnOpenCircuitAfterSocketErrors_IsDescribedToStaffAsThePause_NotAsTheLastSocketError()
    {
        var app = await TestApp.GetAsync("Sqlite");
        var options = Options.Create(new VneidOptions { CircuitBreaker = new VneidCircuitBreakerOptions { FailureRatio = 0.5, MinimumThroughput = 2, SamplingSeconds = 30, BreakSeconds = 30 } });
        var resilience = new VneidResilience(options, TimeProvider.System, app.Services.GetRequiredService<IMeterFactory>());
        using var http = new HttpClient(new UnreachableVneid());
        var client = new HttpVneidClient(http, app.Services.GetRequiredService<VneidEndpoints>(), resilience, TimeProvider.System);

        for (var i = 0; i < 2; i++)
        {
            var unreachable = await Should.ThrowAsync<HttpRequestException>(() => client.ConfirmAsync(Confirmation, "u" + i, CancellationToken.None));
            OutboxDispatcher.Describe(unreachable).ShouldStartWith("HttpRequestException: ");
        }

        var paused = await Should.ThrowAsync<VneidException>(() => client.ConfirmAsync(Confirmation, "u2", CancellationToken.None));
        paused.GetBaseException().ShouldBeOfType<System.Net.Sockets.SocketException>("the breaker keeps the last failure inside its own exception");
        var described = OutboxDispatcher.Describe(paused);
        described.ShouldStartWith("VneidException: VNeID calls are paused after repeated failures");
        described.ShouldNotContain("SocketException");
    }

    [Fact]
    public void Describe_UnwrapsOnlyBareWrappers()
    {
        var cause = new InvalidOperationException("the real cause");
        OutboxDispatcher.Describe(new AggregateException(cause)).ShouldBe("InvalidOperationException: the real cause");
        OutboxDispatcher.Describe(new System.Reflection.TargetInvocationException(cause)).ShouldBe("InvalidOperationException: the real cause");
        OutboxDispatcher.Describe(new Microsoft.EntityFrameworkCore.DbUpdateException("saving failed", cause)).ShouldBe("InvalidOperationException: the real cause");
        OutboxDispatcher.Describe(new VneidException("VNeID answered 503.", HttpStatusCode.ServiceUnavailable, cause)).ShouldBe("VneidException: VNeID answered 503.");
        OutboxDispatcher.Describe(new AggregateException(cause, new TimeoutException("late"))).ShouldStartWith("AggregateException: ");
    }

    /// <summary>Fails every call the way a refused TCP connection does.</summary>
    private sealed class UnreachableVneid : HttpMessageHandler
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken) =>
            Task.FromException<HttpResponseMessage>(new HttpRequestException("Connection refused (127.0.0.1:9)", new System.Net.Sockets.SocketException((int)System.Net.Sockets.SocketError.ConnectionRefused)));
    }

    private sealed class ScriptedVneid(HttpStatusCode status) : HttpMessageHandler
    {
        private int _calls;

        public int Calls => _calls;

        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            Interlocked.Increment(ref _calls);
            return Task.FromResult(new HttpResponseMessage(status) { Content = new StringContent("{\"code\":\"scripted\"}", System.Text.Encoding.UTF8, "application/json") });
        }
    }
}
