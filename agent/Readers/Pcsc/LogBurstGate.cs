namespace Cybercantal.Edge.Agent.Readers.Pcsc;

/// <summary>
/// Keeps a flapping reader or a dead daemon from flooding the log: the first occurrence of a problem in a window
/// is logged, the following ones are only counted, and the count is reported once the window has passed (at the
/// next occurrence or when the problem clears). A daemon or reader that flaps (gone, back, gone...) within the
/// window is one burst: one line, then one summary, not a line per flap. Thread-safe.
/// </summary>
internal sealed class LogBurstGate(TimeProvider timeProvider, TimeSpan window)
{
    private readonly Lock _gate = new();
    private readonly Dictionary<string, Burst> _bursts = new(StringComparer.Ordinal);

    /// <summary>
    /// Records one occurrence of <paramref name="problem"/>. Returns true when it must be logged;
    /// <paramref name="suppressed"/> then holds how many occurrences of the previous window went unlogged.
    /// </summary>
    public bool ShouldLog(string problem, out int suppressed)
    {
        var now = timeProvider.GetTimestamp();
        lock (_gate)
        {
            if (_bursts.TryGetValue(problem, out var burst) && timeProvider.GetElapsedTime(burst.WindowStart, now) < window)
            {
                burst.Suppressed++;
                suppressed = 0;
                return false;
            }

            suppressed = burst?.Suppressed ?? 0;
            _bursts[problem] = new Burst { WindowStart = now };
            return true;
        }
    }

    /// <summary>
    /// The problem is over for now. Inside its window nothing is reported and the burst stays open: a
    /// recurrence is counted, and the count is reported once, when the window rolls over. After the window,
    /// the burst closes and its unlogged count is returned.
    /// </summary>
    public int Clear(string problem)
    {
        var now = timeProvider.GetTimestamp();
        lock (_gate)
        {
            if (!_bursts.TryGetValue(problem, out var burst) || timeProvider.GetElapsedTime(burst.WindowStart, now) < window)
            {
                return 0;
            }

            _bursts.Remove(problem);
            return burst.Suppressed;
        }
    }

    private sealed class Burst
    {
        public long WindowStart { get; init; }

        public int Suppressed { get; set; }
    }
}
