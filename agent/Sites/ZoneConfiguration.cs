namespace Cybercantal.Edge.Agent.Sites;

/// <summary>A zone of a centre: entrance, open space, private office, room.</summary>
public sealed class ZoneConfiguration
{
    public required string Id { get; init; }

    public required string Name { get; init; }

    public required ZoneKind Kind { get; init; }

    /// <summary>Number of PC seats (a private office has 4).</summary>
    public int Seats { get; init; }

    /// <summary>
    /// The zone this one is part of when it has no door of its own (a copier corner inside the open
    /// space); null for a zone entered through a door.
    /// </summary>
    public string? Within { get; init; }
}
