namespace Cybercantal.Edge.Agent.Readers.Pcsc;

/// <summary>Tuning of <see cref="PcscReaderMonitor"/>; the defaults suit a gateway.</summary>
public sealed class PcscMonitorOptions
{
    /// <summary>How long a card may take to answer GET DATA before the read is abandoned and reported as a fault.</summary>
    public TimeSpan ReadTimeout { get; init; } = TimeSpan.FromSeconds(2);

    /// <summary>First wait before re-establishing a lost pcscd context; doubles on each failure.</summary>
    public TimeSpan InitialBackoff { get; init; } = TimeSpan.FromMilliseconds(250);

    /// <summary>Longest wait between two attempts to reach pcscd.</summary>
    public TimeSpan MaxBackoff { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>A repeated problem is logged once per window, then summarised with a count.</summary>
    public TimeSpan LogBurstWindow { get; init; } = TimeSpan.FromMinutes(1);
}
