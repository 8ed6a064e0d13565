namespace Cybercantal.Edge.Demo;

/// <summary>
/// A clock that starts at a chosen instant and runs <see cref="Speed"/> times faster than the real one:
/// wall time, monotonic timestamps and timers (hence <c>Task.Delay(..., time)</c>) are all scaled, so
/// every component that takes its <see cref="TimeProvider"/> from DI lives the accelerated day consistently.
/// </summary>
public sealed class AcceleratedTimeProvider : TimeProvider
{
    private readonly TimeProvider _real;
    private readonly DateTimeOffset _start;
    private readonly long _realOrigin;

    public AcceleratedTimeProvider(DateTimeOffset start, double speed, TimeProvider? real = null)
    {
        if (!double.IsFinite(speed) || speed < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(speed), speed, "The speed must be a finite factor of at least 1.");
        }

        _real = real ?? System;
        _start = start;
        Speed = speed;
        _realOrigin = _real.GetTimestamp();
    }

    public double Speed { get; }

    /// <summary>The accelerated instant the clock started at.</summary>
    public DateTimeOffset Start => _start;

    public override long TimestampFrequency => _real.TimestampFrequency;

    public override DateTimeOffset GetUtcNow() => _start.ToUniversalTime() + Accelerated(_real.GetElapsedTime(_realOrigin));

    // Monotonic and scaled from the same origin as the wall clock, so elapsed times agree with it.
    public override long GetTimestamp() => _realOrigin + (long)((_real.GetTimestamp() - _realOrigin) * Speed);

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period) =>
        new ScaledTimer(_real.CreateTimer(callback, state, TimerDuration(dueTime), TimerDuration(period)), this);

    /// <summary>The real duration an accelerated one takes (infinite and zero stay as they are).</summary>
    public TimeSpan Real(TimeSpan accelerated) =>
        accelerated == Timeout.InfiniteTimeSpan || accelerated <= TimeSpan.Zero ? accelerated : TimeSpan.FromTicks(Math.Max(1, (long)(accelerated.Ticks / Speed)));

    /// <summary>
    /// A timer's real duration, rounded UP to the system timers' millisecond: a timer must never fire before
    /// its accelerated due time (components such as debounced inputs check the elapsed time when it fires
    /// and wait for the next edge if it came early).
    /// </summary>
    public TimeSpan TimerDuration(TimeSpan accelerated)
    {
        var real = Real(accelerated);
        return real <= TimeSpan.Zero ? real : TimeSpan.FromMilliseconds(Math.Ceiling(real.TotalMilliseconds));
    }

    /// <summary>The accelerated duration that passes during a real one.</summary>
    public TimeSpan Accelerated(TimeSpan real) => TimeSpan.FromTicks((long)(real.Ticks * Speed));

    private sealed class ScaledTimer(ITimer inner, AcceleratedTimeProvider clock) : ITimer
    {
        public bool Change(TimeSpan dueTime, TimeSpan period) => inner.Change(clock.TimerDuration(dueTime), clock.TimerDuration(period));

        public void Dispose() => inner.Dispose();

        public ValueTask DisposeAsync() => inner.DisposeAsync();
    }
}
