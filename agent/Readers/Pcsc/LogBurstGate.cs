namespace Cybercantal.Edge.Agent.Readers.Pcsc;

/// <summary>
/// Keeps a flapping reader or a dead daemon from flooding the log: the first occurrence of a problem in a window
/// is logged, the following ones are only counted, and the count is reported when the window rolls over or the
/// problem clears. Clearing does not re-arm the problem before its window ends: a daemon or reader that flaps
/// (gone, back, gone...) is one burst, not one line per flap. Thread-safe.
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
    /// The problem is over for now: returns how many occurrences were not logged since the last report. It stays
    /// muted until its window ends, so a recurrence soon after is counted, not logged.
    /// </summary>
    public int Clear(string problem)
    {
        lock (_gate)
        {
            if (!_bursts.TryGetValue(problem, out var burst))
            {
                return 0;
            }

            var suppressed = burst.Suppressed;
            burst.Suppressed = 0;
            return suppressed;
        }
    }

    private sealed class Burst
    {
        public long WindowStart { get; init; }

        public int Suppressed { get; set; }
    }
}
