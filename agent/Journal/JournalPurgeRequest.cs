namespace Cybercantal.Edge.Agent.Journal;

/// <summary>
/// One bounded delete of old records, queued to the journal's writer thread so it runs between two group
/// commits on the writer's own connection (no second writer contending for the SQLite lock).
/// </summary>
internal sealed class JournalPurgeRequest(long throughSequence, long olderThanUnixMilliseconds, int maxRows)
{
    public long ThroughSequence { get; } = throughSequence;

    public long OlderThanUnixMilliseconds { get; } = olderThanUnixMilliseconds;

    public int MaxRows { get; } = maxRows;

    public TaskCompletionSource<int> Completion { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
}
