using System.Text.Json;
using Cybercantal.Edge.Agent.Access;
using Cybercantal.Edge.Agent.Journal;
using Cybercantal.Edge.Protocol.Journal;
using Cybercantal.Edge.Protocol.Mqtt;
using Cybercantal.Edge.Protocol.Serialization;

namespace Cybercantal.Edge.Agent.Sync;

/// <summary>
/// Turns stored journal records into the wire <see cref="JournalBatch"/>. Anything the hub would refuse
/// for reasons the agent can fix (over-long fields, a batch over the byte limit) is fixed here, so a batch
/// is never refused for good and the sequence never stalls behind it.
/// </summary>
public static class JournalBatchBuilder
{
    /// <summary>
    /// Serializes the longest prefix of <paramref name="records"/> that fits <see cref="ProtocolLimits.MaxBatchBytes"/>;
    /// returns the payload and how many records it holds.
    /// </summary>
    public static (byte[] Payload, int Count) Build(string site, IReadOnlyList<JournalRecord> records, long head, long timestampFrequency)
    {
        ArgumentNullException.ThrowIfNull(records);
        ArgumentOutOfRangeException.ThrowIfZero(records.Count);
        var wire = new JournalBatchRecord[records.Count];
        for (var i = 0; i < wire.Length; i++)
        {
            wire[i] = ToWire(records[i], timestampFrequency);
        }

        var count = wire.Length;
        while (true)
        {
            var batch = new JournalBatch { Site = site, Head = head, Records = count == wire.Length ? wire : wire[..count] };
            var payload = JsonSerializer.SerializeToUtf8Bytes(batch, ProtocolJsonContext.Default.JournalBatch);
            if (payload.Length <= ProtocolLimits.MaxBatchBytes || count == 1)
            {
                return (payload, count);
            }

            count /= 2;
        }
    }

    public static JournalBatchRecord ToWire(JournalRecord record, long timestampFrequency)
    {
        ArgumentNullException.ThrowIfNull(record);
        return new JournalBatchRecord
        {
            Seq = record.Sequence,
            Kind = record.Kind,
            At = record.WallClock.ToUniversalTime(),
            Mono = timestampFrequency > 0 ? (long)(record.Monotonic * (1000.0 / timestampFrequency)) : record.Monotonic,
            Door = Clip(record.DoorId),
            Reader = Clip(record.ReaderId),
            Credential = Clip(record.CredentialText),
            Member = Clip(record.MemberId),
            Granted = record.Granted,
            Reason = record.Reason == DenyReason.None ? null : record.Reason.ToString(),
            Basis = record.Basis == GrantBasis.None ? null : record.Basis.ToString(),
            Detail = Clip(record.Detail),
        };
    }

    private static string? Clip(string? value) =>
        value is { Length: > ProtocolLimits.MaxFieldLength } ? value[..ProtocolLimits.MaxFieldLength] : value;
}
