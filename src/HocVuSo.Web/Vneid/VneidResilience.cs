using System.Diagnostics;
using System.Diagnostics.Metrics;
using System.Net;
using Microsoft.Extensions.Options;
using Polly;
using Polly.CircuitBreaker;

namespace HocVuSo.Web.Vneid;

/// <summary>
/// Circuit breaking and metrics of the VNeID confirmation API (ARCHITECTURE: every adapter).
/// Retries are the outbox's job, with its own back-off, so this pipeline does not retry: when
/// VNeID keeps failing (server errors, timeouts, refused connections) the circuit opens and
/// further calls fail at once, without load on VNeID, until the break is over. One per process.
/// </summary>
public sealed class VneidResilience
{
    public const string MeterName = "HocVuSo.Vneid";

    private readonly Counter<long> _calls;
    private readonly Histogram<double> _duration;
    private readonly CircuitBreakerStateProvider _state = new();

    public VneidResilience(IOptions<VneidOptions> options, TimeProvider clock, IMeterFactory meters)
    {
        var breaker = options.Value.CircuitBreaker;
        Pipeline = new ResiliencePipelineBuilder { TimeProvider = clock }
            .AddCircuitBreaker(new CircuitBreakerStrategyOptions
            {
                FailureRatio = breaker.FailureRatio,
                MinimumThroughput = breaker.MinimumThroughput,
                SamplingDuration = TimeSpan.FromSeconds(breaker.SamplingSeconds),
                BreakDuration = TimeSpan.FromSeconds(breaker.BreakSeconds),
                ShouldHandle = new PredicateBuilder().Handle<TimeoutException>().Handle<HttpRequestException>()
                    .Handle<VneidException>(e => e.Status is null || (int)e.Status >= 500),
                StateProvider = _state,
            })
            .Build();
        var meter = meters.Create(MeterName);
        _calls = meter.CreateCounter<long>("hocvuso.vneid.confirmations", description: "Confirmation calls to VNeID by outcome.");
        _duration = meter.CreateHistogram<double>("hocvuso.vneid.confirmation.duration", unit: "ms", description: "Time VNeID took to answer a confirmation.");
        meter.CreateObservableGauge("hocvuso.vneid.circuit.state", () => (int)_state.CircuitState,
            description: "The VNeID circuit breaker: 0 closed (calls go through), 1 open (calls paused), 2 half-open (one trial call), 3 isolated.");
    }

    /// <summary>The circuit breaker's state now.</summary>
    public CircuitState CircuitState => _state.CircuitState;

    public ResiliencePipeline Pipeline { get; }

    /// <summary>Runs one call through the circuit breaker and records its outcome; an open circuit becomes a <see cref="VneidException"/>.</summary>
    public async Task<T> ExecuteAsync<T>(Func<CancellationToken, Task<T>> call, Func<T, string> outcome, CancellationToken cancellationToken)
    {
        var started = Stopwatch.GetTimestamp();
        try
        {
            var result = await Pipeline.ExecuteAsync(async ct => await call(ct), cancellationToken);
            Record(outcome(result), started);
            return result;
        }
        catch (BrokenCircuitException e)
        {
            _calls.Add(1, new KeyValuePair<string, object?>("outcome", "circuit_open"));
            throw new VneidException($"VNeID calls are paused after repeated failures; the next try is allowed after {e.RetryAfter?.TotalSeconds ?? 0:0} s.", HttpStatusCode.ServiceUnavailable, e);
        }
        catch (Exception e) when (e is VneidException or TimeoutException or HttpRequestException)
        {
            Record(e is TimeoutException ? "timeout" : "failed", started);
            throw;
        }
    }

    private void Record(string outcome, long started)
    {
        var tag = new KeyValuePair<string, object?>("outcome", outcome);
        _calls.Add(1, tag);
        _duration.Record(Stopwatch.GetElapsedTime(started).TotalMilliseconds, tag);
    }
}
