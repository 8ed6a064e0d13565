namespace Cybercantal.Edge.Agent.Sites;

/// <summary>A PC seat whose sessions are tracked.</summary>
public sealed class PcConfiguration
{
    public required string Id { get; init; }

    public required string Zone { get; init; }

    public required string HostName { get; init; }
}
