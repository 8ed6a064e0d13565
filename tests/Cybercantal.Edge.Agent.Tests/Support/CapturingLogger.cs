using Microsoft.Extensions.Logging;

namespace Cybercantal.Edge.Agent.Tests.Support;

/// <summary>Keeps every log entry (event id, level, message) so tests can assert what was reported.</summary>
public sealed class CapturingLogger<T> : ILogger<T>
{
    private readonly Lock _gate = new();
    private readonly List<(EventId EventId, LogLevel Level, string Message, Exception? Exception)> _entries = [];

    public IReadOnlyList<(EventId EventId, LogLevel Level, string Message, Exception? Exception)> Entries
    {
        get
        {
            lock (_gate)
            {
                return [.. _entries];
            }
        }
    }

    public int Count(int eventId) => Entries.Count(e => e.EventId.Id == eventId);

    public IDisposable? BeginScope<TState>(TState state)
        where TState : notnull => null;

    public bool IsEnabled(LogLevel logLevel) => true;

    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
    {
        ArgumentNullException.ThrowIfNull(formatter);
        lock (_gate)
        {
            _entries.Add((eventId, logLevel, formatter(state, exception), exception));
        }
    }
}
