using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace Cybercantal.Edge.Testing;

/// <summary>Keeps every log line of a hub so tests can check what was logged (and what was not).</summary>
public sealed class LogCollector : ILoggerProvider
{
    public ConcurrentQueue<(int EventId, LogLevel Level, string Message)> Lines { get; } = new();

    public ILogger CreateLogger(string categoryName) => new Logger(this);

    public bool Contains(int eventId, params string[] fragments) =>
        Lines.Any(l => l.EventId == eventId && fragments.All(f => l.Message.Contains(f, StringComparison.Ordinal)));

    public void Dispose()
    {
    }

    private sealed class Logger(LogCollector owner) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Information;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (IsEnabled(logLevel))
            {
                owner.Lines.Enqueue((eventId.Id, logLevel, formatter(state, exception)));
            }
        }
    }
}
