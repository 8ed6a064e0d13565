using Cybercantal.Edge.Protocol.Journal;

namespace Cybercantal.Edge.Hub.Ingest;

/// <summary>The fate of one received journal batch.</summary>
public readonly record struct IngestOutcome(IngestStatus Status, JournalAck? Ack, string? Error)
{
    public static IngestOutcome Refused(string error) => new(IngestStatus.Refused, null, error);

    public static IngestOutcome Failed(string error) => new(IngestStatus.Failed, null, error);
}
