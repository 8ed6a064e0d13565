using Cybercantal.Edge.Agent.Journal;

namespace Cybercantal.Edge.Agent.Tests.Doors;

/// <summary>A journal that only counts, so allocation measurements see the door's own allocations alone.</summary>
internal sealed class CountingJournal : IJournal
{
    private long _count;

    public long DurableSequence => Interlocked.Read(ref _count);

    public long Append(in JournalEntry entry) => Interlocked.Increment(ref _count);

    public ValueTask WaitDurableAsync(long sequence, CancellationToken cancellationToken = default) => ValueTask.CompletedTask;
}
