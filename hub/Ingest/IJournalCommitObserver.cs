using Cybercantal.Edge.Protocol.Journal;

namespace Cybercantal.Edge.Hub.Ingest;

/// <summary>
/// Told about every journal batch once it is committed (its ack queued) and before its sender hears so, on the
/// ingest writer's thread: keep it
/// short, and expect to see a record again when a site resends it (be idempotent). An exception is logged
/// and never undoes the commit.
/// </summary>
public interface IJournalCommitObserver
{
    void Committed(IReadOnlyList<JournalBatch> batches);
}
