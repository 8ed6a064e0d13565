namespace Cybercantal.Edge.Agent.Journal;

/// <summary>
/// The highest journal sequence the hub has durably acknowledged, as persisted by the sync side. Journal
/// retention never deletes a record above it: the journal is also the hub outbox.
/// </summary>
public interface IJournalAcknowledgement
{
    long AcknowledgedThrough { get; }
}
