namespace Cybercantal.Edge.Protocol.Journal;

/// <summary>
/// Agent -> hub on <c>sites/{site}/journal</c>: consecutive journal records of one site, strictly
/// increasing by <see cref="JournalBatchRecord.Seq"/>.
/// </summary>
public sealed record JournalBatch
{
    public int Schema { get; init; } = Mqtt.ProtocolLimits.JournalSchema;

    public required string Site { get; init; }

    /// <summary>The agent's newest sequence number when it sent the batch (optional): lets the hub report lag.</summary>
    public long? Head { get; init; }

    public required IReadOnlyList<JournalBatchRecord> Records { get; init; }
}
