namespace Cybercantal.Edge.Agent.Journal;

/// <summary>
/// A store beside the journal holding bookkeeping rows with personal data (for example settled bookings
/// keyed by member): the journal retention run asks it to forget rows older than the retention.
/// </summary>
public interface IRetentionPrunable
{
    /// <summary>Deletes rows older than <paramref name="cutoff"/>; returns how many.</summary>
    int PruneOlderThan(DateTimeOffset cutoff);
}
