using Cybercantal.Edge.Agent.Sites;
using Cybercantal.Edge.Agent.Usage.Pcs;

namespace Cybercantal.Edge.Agent.Tests.Support;

/// <summary>A PC probe the test scripts: every PC answers except those in <see cref="Silent"/>.</summary>
public sealed class ScriptedPcProbe : IPcProbe
{
    public HashSet<string> Silent { get; } = [];

    public Task<bool> IsAliveAsync(PcConfiguration pc, CancellationToken cancellationToken) => Task.FromResult(!Silent.Contains(pc.Id));
}
