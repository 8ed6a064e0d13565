using Cybercantal.Edge.Agent.Journal;

namespace Cybercantal.Edge.Agent.Sync;

/// <summary>The outbox reading the site's SQLite journal.</summary>
public sealed class SqliteOutboxSource(SqliteJournal journal, TimeProvider time) : IOutboxSource
{
    public long DurableSequence => journal.DurableSequence;

    public long LastSequence => journal.LastSequence;

    public long TimestampFrequency => time.TimestampFrequency;

    public IReadOnlyList<JournalRecord> ReadAfter(long afterSequence, int max) => journal.ReadAfter(afterSequence, max);

    public ValueTask WaitDurableAsync(long sequence, CancellationToken cancellationToken) => journal.WaitDurableAsync(sequence, cancellationToken);
}
