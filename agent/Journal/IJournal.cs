namespace Cybercantal.Edge.Agent.Journal;

/// <summary>
/// The append-only journal of a site: every decision and door event, each with a gap-free per-site
/// sequence number. Appending never blocks on disk; durability follows within the group-commit delay.
/// </summary>
public interface IJournal
{
    /// <summary>Queues an entry, stamps it with wall-clock and monotonic time, and returns its sequence number.</summary>
    long Append(in JournalEntry entry);

    /// <summary>The highest sequence number known to be on disk.</summary>
    long DurableSequence { get; }

    /// <summary>Completes when every entry up to <paramref name="sequence"/> is on disk.</summary>
    ValueTask WaitDurableAsync(long sequence, CancellationToken cancellationToken = default);
}
