namespace Cybercantal.Edge.Hub.Ingest;

public enum IngestStatus
{
    /// <summary>Stored durably (or already stored); the ack has been queued for publishing.</summary>
    Committed = 0,

    /// <summary>Refused as malformed; nothing stored. Resending the same bytes will be refused again.</summary>
    Refused = 1,

    /// <summary>Not stored because of the hub (store error, shutting down); the agent must resend.</summary>
    Failed = 2,
}
