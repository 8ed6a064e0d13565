using Cybercantal.Edge.Agent.Access;

namespace Cybercantal.Edge.Agent.Usage.Copiers;

/// <summary>An open copier session and what the idle check tracks of it.</summary>
internal sealed class CopierSession(OpenUsageSession open, Credential credential, long? counter, DateTimeOffset at)
{
    public OpenUsageSession Open { get; } = open;

    public Credential Credential { get; } = credential;

    public long? LastCounter { get; set; } = counter;

    public DateTimeOffset LastActivity { get; set; } = at;
}
