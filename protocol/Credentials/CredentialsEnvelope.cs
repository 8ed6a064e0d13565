namespace Cybercantal.Edge.Protocol.Credentials;

/// <summary>
/// Hub -> agent on <c>sites/{site}/credentials</c> (QoS 1; the latest snapshot is retained). <see cref="Version"/> increases with every change; a
/// <see cref="CredentialsEnvelopeKind.Delta"/> applies only on top of <see cref="BaseVersion"/>, otherwise
/// the agent waits for (or asks for) a snapshot. <see cref="Payload"/> holds the members.
/// </summary>
public sealed record CredentialsEnvelope
{
    public int Schema { get; init; } = Mqtt.ProtocolLimits.EnvelopeSchema;

    public required string Id { get; init; }

    public required string Site { get; init; }

    public required CredentialsEnvelopeKind Kind { get; init; }

    public required long Version { get; init; }

    public long? BaseVersion { get; init; }

    public required DateTimeOffset IssuedAt { get; init; }

    public DateTimeOffset? ExpiresAt { get; init; }

    public CredentialsPayload? Payload { get; init; }
}
