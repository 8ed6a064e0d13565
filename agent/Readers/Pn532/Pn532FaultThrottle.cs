namespace Cybercantal.Edge.Agent.Readers.Pn532;

/// <summary>
/// Lets the first fault of a burst through, then at most one per interval, counting the ones held back,
/// so a noisy line cannot flood the log or the journal.
/// </summary>
internal sealed class Pn532FaultThrottle(TimeProvider timeProvider, TimeSpan interval)
{
    private long _lastReport = long.MinValue;
    private int _suppressed;

    /// <summary>True when this fault is to be reported; <paramref name="suppressed"/> is how many were held back before it.</summary>
    public bool ShouldReport(out int suppressed)
    {
        var now = timeProvider.GetTimestamp();
        if (_lastReport != long.MinValue && timeProvider.GetElapsedTime(_lastReport, now) < interval)
        {
            _suppressed++;
            suppressed = 0;
            return false;
        }

        suppressed = _suppressed;
        _suppressed = 0;
        _lastReport = now;
        return true;
    }
}
