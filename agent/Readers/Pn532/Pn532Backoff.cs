namespace Cybercantal.Edge.Agent.Readers.Pn532;

/// <summary>Exponential reconnect delay: initial, doubled after each failure, capped; reset on success.</summary>
internal sealed class Pn532Backoff
{
    private readonly TimeSpan _initial;
    private readonly TimeSpan _max;
    private TimeSpan _next;

    public Pn532Backoff(TimeSpan initial, TimeSpan max)
    {
        _initial = initial;
        _max = max;
        _next = initial;
    }

    /// <summary>The delay to wait now; the following call returns twice as much, up to the cap.</summary>
    public TimeSpan Next()
    {
        var current = _next < _max ? _next : _max;
        _next = _next >= _max / 2 ? _max : _next * 2;
        return current;
    }

    public void Reset() => _next = _initial;
}
