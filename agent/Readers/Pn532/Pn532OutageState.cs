namespace Cybercantal.Edge.Agent.Readers.Pn532;

/// <summary>The current outage of a reader, so it is logged and journaled once, not at every retry.</summary>
internal sealed class Pn532OutageState
{
    public bool Active { get; set; }

    /// <summary><see cref="TimeProvider.GetTimestamp"/> at the start of the outage.</summary>
    public long Since { get; set; }

    public int FailedAttempts { get; set; }
}
