namespace Cybercantal.Edge.Agent.Readers.Wiegand;

/// <summary>
/// Decides which reader faults get a log line so a noisy line cannot flood the journal of the gateway:
/// the first fault of a burst is logged, the following ones are counted, and the count is logged when the
/// next burst starts or, for a burst that never ends, once per <c>repeatInterval</c>. A burst ends after
/// <c>quietPeriod</c> without a fault. Not thread-safe: callers serialise.
/// </summary>
internal sealed class WiegandFaultLogLimiter(TimeSpan quietPeriod, TimeSpan repeatInterval)
{
    private DateTimeOffset? _lastFault;
    private DateTimeOffset _lastLogged;
    private long _suppressed;

    public TimeSpan QuietPeriod { get; } = quietPeriod;

    /// <summary>Records a fault at <paramref name="now"/>. Returns whether to log it, and how many earlier faults went unlogged (to report first).</summary>
    public bool ShouldLog(DateTimeOffset now, out long suppressedBefore)
    {
        var newBurst = _lastFault is null || now - _lastFault.Value >= QuietPeriod;
        _lastFault = now;
        if (newBurst || now - _lastLogged >= repeatInterval)
        {
            suppressedBefore = _suppressed;
            _suppressed = 0;
            _lastLogged = now;
            return true;
        }

        _suppressed++;
        suppressedBefore = 0;
        return false;
    }
}
