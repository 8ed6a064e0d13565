namespace Cybercantal.Edge.Agent.Sync;

/// <summary>
/// Token bucket on payload bytes for backlog batches. The bucket holds at most one second of budget, so
/// an idle link does not build up a burst that would crowd out live traffic later. A batch larger than
/// the budget is sent once the bucket is full and leaves it in debt: the next backlog batch waits longer.
/// </summary>
public sealed class BacklogBandwidthLimiter
{
    private readonly TimeProvider _time;
    private readonly double _bytesPerSecond;
    private double _tokens;
    private long _stamp;

    public BacklogBandwidthLimiter(int bytesPerSecond, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(time);
        ArgumentOutOfRangeException.ThrowIfNegative(bytesPerSecond);
        _time = time;
        _bytesPerSecond = bytesPerSecond;
        _tokens = bytesPerSecond;
        _stamp = time.GetTimestamp();
    }

    public bool IsUnlimited => _bytesPerSecond == 0;

    /// <summary>How long to wait before a batch of <paramref name="bytes"/> may go (zero when it may go now).</summary>
    public TimeSpan DelayFor(int bytes)
    {
        if (IsUnlimited)
        {
            return TimeSpan.Zero;
        }

        Refill();
        var needed = Math.Min(bytes, _bytesPerSecond);
        return _tokens >= needed ? TimeSpan.Zero : TimeSpan.FromSeconds((needed - _tokens) / _bytesPerSecond);
    }

    /// <summary>Takes the bytes of a batch that was sent.</summary>
    public void Consume(int bytes)
    {
        if (IsUnlimited)
        {
            return;
        }

        Refill();
        _tokens -= bytes;
    }

    private void Refill()
    {
        var now = _time.GetTimestamp();
        _tokens = Math.Min(_bytesPerSecond, _tokens + (_time.GetElapsedTime(_stamp, now).TotalSeconds * _bytesPerSecond));
        _stamp = now;
    }
}
