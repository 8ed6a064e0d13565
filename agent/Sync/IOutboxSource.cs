using Cybercantal.Edge.Agent.Journal;

namespace Cybercantal.Edge.Agent.Sync;

/// <summary>What the outbox reads: the site journal (see <see cref="SqliteOutboxSource"/>), or a prepared backlog in load tests.</summary>
public interface IOutboxSource
{
    /// <summary>Highest sequence on disk: only records up to it are sent.</summary>
    long DurableSequence { get; }

    /// <summary>Highest sequence assigned (sent as the batch's <c>head</c>).</summary>
    long LastSequence { get; }

    /// <summary>Stored records after <paramref name="afterSequence"/>, in order, at most <paramref name="max"/>.</summary>
    IReadOnlyList<JournalRecord> ReadAfter(long afterSequence, int max);

    /// <summary>Completes when <paramref name="sequence"/> is durable.</summary>
    ValueTask WaitDurableAsync(long sequence, CancellationToken cancellationToken);

    /// <summary>Frequency of the records' monotonic timestamps (ticks per second).</summary>
    long TimestampFrequency { get; }
}
