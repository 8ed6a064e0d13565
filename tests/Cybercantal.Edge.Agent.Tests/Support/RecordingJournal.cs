using Cybercantal.Edge.Agent.Journal;
using Cybercantal.Edge.Protocol.Journal;

namespace Cybercantal.Edge.Agent.Tests.Support;

/// <summary>An in-memory journal for tests: keeps every entry in order and reports it durable at once.</summary>
public sealed class RecordingJournal : IJournal
{
    private readonly Lock _gate = new();
    private readonly List<JournalEntry> _entries = [];

    public long DurableSequence
    {
        get
        {
            lock (_gate)
            {
                return _entries.Count;
            }
        }
    }

    public IReadOnlyList<JournalEntry> Entries
    {
        get
        {
            lock (_gate)
            {
                return [.. _entries];
            }
        }
    }

    public IReadOnlyList<JournalEntry> OfKind(JournalRecordKind kind) => [.. Entries.Where(e => e.Kind == kind)];

    public long Append(in JournalEntry entry)
    {
        lock (_gate)
        {
            _entries.Add(entry);
            return _entries.Count;
        }
    }

    public ValueTask WaitDurableAsync(long sequence, CancellationToken cancellationToken = default) => ValueTask.CompletedTask;
}
