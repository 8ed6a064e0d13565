namespace Cybercantal.Edge.Agent.Sites;

/// <summary>Videoconference equipment in a room.</summary>
public sealed class VisioConfiguration
{
    public required string Id { get; init; }

    public required string Zone { get; init; }

    public string? HostName { get; init; }

    public string? Description { get; init; }
}
