using Cybercantal.Edge.Agent.Journal;

namespace Cybercantal.Edge.Benchmarks;

/// <summary>A journal that drops every entry, so benchmarks measure the caller alone.</summary>
internal sealed class NullJournal : IJournal
{
    public long DurableSequence => 0;

    public long Append(in JournalEntry entry) => 0;

    public ValueTask WaitDurableAsync(long sequence, CancellationToken cancellationToken = default) => ValueTask.CompletedTask;
}
