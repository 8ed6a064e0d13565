namespace Cybercantal.Edge.Agent.Journal;

/// <summary>An appended entry waiting for the writer: a value type so queueing it allocates nothing.</summary>
internal readonly record struct PendingRecord(long Sequence, long WallClockUnixMilliseconds, long Monotonic, JournalEntry Entry);
