using Cybercantal.Edge.Agent.Journal;
using Cybercantal.Edge.Agent.Sync;

namespace Cybercantal.Edge.Sync.LoadTest;

/// <summary>A gateway's journal reduced to a prepared, fully durable backlog in memory (1,000 SQLite files would measure the disk, not the link).</summary>
internal sealed class PreparedBacklog(IReadOnlyList<JournalRecord> records) : IOutboxSource
{
    public long DurableSequence => records.Count;

    public long LastSequence => records.Count;

    public long TimestampFrequency => TimeProvider.System.TimestampFrequency;

    public static PreparedBacklog Create(int count)
    {
        var now = DateTimeOffset.UtcNow;
        var list = new JournalRecord[count];
        for (var i = 0; i < count; i++)
        {
            var seq = i + 1L;
            var entry = JournalStressCommand.ExpectedEntry(seq);
            list[i] = new JournalRecord(seq, entry.Kind, now.AddMilliseconds(seq), seq * 1000)
            {
                DoorId = entry.DoorId,
                ReaderId = entry.ReaderId,
                Credential = entry.Credential,
                CredentialText = entry.Credential.ToString(),
                MemberId = entry.MemberId,
                Granted = entry.Granted,
                Reason = entry.Reason,
                Basis = entry.Basis,
                Detail = entry.Detail,
            };
        }

        return new PreparedBacklog(list);
    }

    public IReadOnlyList<JournalRecord> ReadAfter(long afterSequence, int max)
    {
        var start = (int)Math.Max(0, afterSequence);
        var count = Math.Min(max, records.Count - start);
        return count <= 0 ? [] : records.Skip(start).Take(count).ToList();
    }

    public ValueTask WaitDurableAsync(long sequence, CancellationToken cancellationToken) =>
        sequence <= records.Count ? ValueTask.CompletedTask : new ValueTask(Task.Delay(Timeout.InfiniteTimeSpan, cancellationToken));
}
