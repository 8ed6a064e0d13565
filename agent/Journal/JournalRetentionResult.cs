namespace Cybercantal.Edge.Agent.Journal;

/// <summary>What one retention run did (counts only: no personal data).</summary>
/// <param name="Deleted">Journal records deleted.</param>
/// <param name="Batches">Delete transactions run.</param>
/// <param name="Cutoff">Records stamped before this instant were old enough.</param>
/// <param name="ThroughSequence">Highest sequence that could be deleted (hub ack, or the durable sequence without a hub).</param>
/// <param name="Pruned">Bookkeeping rows pruned in stores beside the journal.</param>
public sealed record JournalRetentionResult(long Deleted, int Batches, DateTimeOffset Cutoff, long ThroughSequence, int Pruned);
