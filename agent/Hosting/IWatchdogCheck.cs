namespace Cybercantal.Edge.Agent.Hosting;

/// <summary>A part of the agent whose failure should make systemd restart it (journal writer stuck, doors dead).</summary>
public interface IWatchdogCheck
{
    string Name { get; }

    /// <summary>False, with a reason, when the part cannot do its job any more.</summary>
    bool IsHealthy(out string? reason);
}
