using Cybercantal.Edge.Agent.Journal;

namespace Cybercantal.Edge.Agent.Hosting;

/// <summary>Unhealthy when records wait to be written and nothing has reached the disk for a while.</summary>
public sealed class JournalWatchdogCheck(SqliteJournal journal, TimeProvider time) : IWatchdogCheck
{
    private static readonly TimeSpan StallLimit = TimeSpan.FromSeconds(60);
    private long _lastDurable = -1;
    private long _lastProgress = time.GetTimestamp();

    public string Name => "journal";

    public bool IsHealthy(out string? reason)
    {
        var durable = journal.DurableSequence;
        if (durable != _lastDurable || journal.LastSequence == durable)
        {
            _lastDurable = durable;
            _lastProgress = time.GetTimestamp();
        }

        var stalled = time.GetElapsedTime(_lastProgress);
        reason = stalled > StallLimit
            ? $"{journal.LastSequence - durable} record(s) not written for {stalled.TotalSeconds:F0} s ({journal.DatabasePath})"
            : null;
        return reason is null;
    }
}
