using Cybercantal.Edge.Agent.Journal;
using Cybercantal.Edge.Protocol.Journal;

namespace Cybercantal.Edge.Hub.Tests.Support;

/// <summary>An in-memory agent journal for end-to-end tests.</summary>
internal sealed class ListJournal : IJournal
{
    private readonly Lock _lock = new();
    private readonly List<JournalEntry> _entries = [];

    public long DurableSequence
    {
        get
        {
            lock (_lock)
            {
                return _entries.Count;
            }
        }
    }

    public IReadOnlyList<JournalEntry> OfKind(JournalRecordKind kind)
    {
        lock (_lock)
        {
            return [.. _entries.Where(e => e.Kind == kind)];
        }
    }

    public long Append(in JournalEntry entry)
    {
        lock (_lock)
        {
            _entries.Add(entry);
            return _entries.Count;
        }
    }

    public ValueTask WaitDurableAsync(long sequence, CancellationToken cancellationToken = default) => ValueTask.CompletedTask;
}
