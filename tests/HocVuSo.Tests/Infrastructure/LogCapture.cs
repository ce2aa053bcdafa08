using System.Collections.Concurrent;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace HocVuSo.Tests.Infrastructure;

public sealed record LogEntry(string Category, LogLevel Level, string Message);

/// <summary>A logger that keeps what it is told, for tests that check what is (not) logged.</summary>
public sealed class ListLogger<T> : ILogger<T>
{
    public ConcurrentQueue<LogEntry> Entries { get; } = new();

    public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

    public bool IsEnabled(LogLevel logLevel) => true;

    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
        Entries.Enqueue(new LogEntry(typeof(T).FullName!, logLevel, formatter(state, exception) + (exception is null ? string.Empty : "\n" + exception)));
}

/// <summary>
/// Everything the test app logs from now on, at every level (including EF's SQL commands and the
/// request log), whatever the configured levels of the other providers.
/// </summary>
public sealed class LogCapture : ILoggerProvider
{
    private static readonly ConcurrentDictionary<IServiceProvider, LogCapture> Attached = new();

    public ConcurrentQueue<LogEntry> Entries { get; } = new();

    public static LogCapture For(TestApp app) => Attached.GetOrAdd(app.Services, services =>
    {
        var capture = new LogCapture();
        // A rule for this provider alone: the other providers keep the configured levels.
        services.GetRequiredService<IOptionsMonitor<LoggerFilterOptions>>().CurrentValue.Rules
            .Add(new LoggerFilterRule(typeof(LogCapture).FullName, null, LogLevel.Trace, null));
        services.GetRequiredService<ILoggerFactory>().AddProvider(capture);
        return capture;
    });

    public ILogger CreateLogger(string categoryName) => new Logger(this, categoryName);

    public void Dispose()
    {
    }

    private sealed class Logger(LogCapture capture, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            var values = state is IEnumerable<KeyValuePair<string, object?>> pairs ? string.Join(" ", pairs.Select(p => p.Key + "=" + p.Value)) : string.Empty;
            capture.Entries.Enqueue(new LogEntry(category, logLevel, formatter(state, exception) + " " + values + (exception is null ? string.Empty : "\n" + exception)));
        }
    }
}
