namespace Cybercantal.Edge.Protocol.Journal;

/// <summary>
/// Hub -> agent on <c>sites/{site}/ack</c> (QoS 1, retained). <see cref="CommittedThrough"/> is the highest
/// sequence the hub holds durably with no gap below it (0 when none); the agent may forget every record up
/// to it. <see cref="ResendFrom"/> is set when the hub holds records beyond a gap: the agent must resend
/// from that sequence.
/// </summary>
public sealed record JournalAck
{
    public required string Site { get; init; }

    public required long CommittedThrough { get; init; }

    public long? ResendFrom { get; init; }
}
