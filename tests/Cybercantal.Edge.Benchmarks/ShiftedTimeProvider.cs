namespace Cybercantal.Edge.Benchmarks;

/// <summary>
/// The system clock with its wall time moved by <see cref="Offset"/>; timers and timestamps stay real. Lets a
/// harness stamp journal records months in the past through the journal's own <c>Append()</c>.
/// </summary>
internal sealed class ShiftedTimeProvider : TimeProvider
{
    private long _offsetTicks;

    public TimeSpan Offset
    {
        get => TimeSpan.FromTicks(Volatile.Read(ref _offsetTicks));
        set => Volatile.Write(ref _offsetTicks, value.Ticks);
    }

    public override DateTimeOffset GetUtcNow() => System.GetUtcNow() + Offset;
}
