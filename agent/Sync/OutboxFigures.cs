namespace Cybercantal.Edge.Agent.Sync;

/// <summary>A snapshot of the outbox, for logs and status: how far the hub is behind this site's journal.</summary>
public readonly record struct OutboxFigures(
    long LastSequence,
    long DurableSequence,
    long Acked,
    long SentThrough,
    DateTimeOffset? LastAckAt,
    bool HubOnline,
    long BatchesSent,
    long Resends)
{
    /// <summary>Records appended that the hub has not acknowledged yet.</summary>
    public long Lag => Math.Max(0, LastSequence - Acked);
}
