namespace Cybercantal.Edge.Protocol.Commands;

/// <summary>
/// Hub -> agent on <c>sites/{site}/commands</c> (QoS 1, not retained). The agent executes a command at most once per <see cref="Id"/> and drops it after
/// <see cref="ExpiresAt"/> (a door-open queued during an outage must not fire hours later).
/// </summary>
public sealed record CommandEnvelope
{
    public int Schema { get; init; } = Mqtt.ProtocolLimits.EnvelopeSchema;

    public required string Id { get; init; }

    public required string Site { get; init; }

    public required string Name { get; init; }

    public required DateTimeOffset IssuedAt { get; init; }

    public required DateTimeOffset ExpiresAt { get; init; }

    public CommandArguments? Arguments { get; init; }
}
