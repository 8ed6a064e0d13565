using Cybercantal.Edge.Agent.Sites;

namespace Cybercantal.Edge.Agent.Usage.Pcs;

/// <summary>Tells whether a PC is alive. Never throws for a network problem: false.</summary>
public interface IPcProbe
{
    Task<bool> IsAliveAsync(PcConfiguration pc, CancellationToken cancellationToken);
}
