using Cybercantal.Edge.Agent.Hosting;

namespace Cybercantal.Edge.Agent.Sync;

/// <summary>
/// Unhealthy only when the outbox loop itself died. A hub that cannot be reached is not a reason to
/// restart the agent (the doors work offline), so link state never makes this check fail.
/// </summary>
public sealed class OutboxWatchdogCheck(JournalOutbox outbox) : IWatchdogCheck
{
    public string Name => "sync-outbox";

    public bool IsHealthy(out string? reason)
    {
        reason = outbox.Faulted ? "the journal outbox loop stopped on an unexpected error" : null;
        return reason is null;
    }
}
