using System.Buffers;
using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using Cybercantal.Edge.Protocol.Mqtt;
using Cybercantal.Edge.Protocol.Serialization;

namespace Cybercantal.Edge.Protocol.Journal;

/// <summary>
/// Parses and checks a journal batch as the hub receives it. Every refusal comes with a sentence naming
/// the problem and where it is (record index, sequence), fit for a log line and for the agent's developer.
/// </summary>
public static class JournalBatchValidation
{
    private static readonly PayloadRules<JournalBatch> Rules = new("batch", ProtocolLimits.MaxBatchBytes, ProtocolJsonContext.Default.JournalBatch, Validate);

    /// <summary>Parses a batch published on the journal topic of <paramref name="topicSite"/> and validates it.</summary>
    public static bool TryRead(
        ReadOnlySequence<byte> payload,
        string topicSite,
        [NotNullWhen(true)] out JournalBatch? batch,
        [NotNullWhen(false)] out string? error) =>
        ProtocolPayload.TryRead(payload, Rules, topicSite, out batch, out error);

    /// <summary>Checks a parsed batch; returns null when it is acceptable, else why it is not.</summary>
    public static string? Validate(JournalBatch batch, string topicSite)
    {
        if (batch.Schema != ProtocolLimits.JournalSchema)
        {
            return string.Create(CultureInfo.InvariantCulture, $"unknown schema version {batch.Schema} (this hub reads schema {ProtocolLimits.JournalSchema})");
        }

        if (!string.Equals(batch.Site, topicSite, StringComparison.Ordinal))
        {
            return $"site '{batch.Site}' in the payload differs from site '{topicSite}' in the topic";
        }

        if (batch.Records is null || batch.Records.Count == 0)
        {
            return "the batch has no records";
        }

        if (batch.Records.Count > ProtocolLimits.MaxBatchRecords)
        {
            return string.Create(CultureInfo.InvariantCulture, $"oversized batch: {batch.Records.Count} records, the limit is {ProtocolLimits.MaxBatchRecords}");
        }

        long previous = 0;
        for (var i = 0; i < batch.Records.Count; i++)
        {
            var record = batch.Records[i];
            if (record is null)
            {
                return string.Create(CultureInfo.InvariantCulture, $"record {i} is null");
            }

            if (record.Seq < 1)
            {
                return string.Create(CultureInfo.InvariantCulture, $"record {i}: seq {record.Seq} is not positive");
            }

            if (record.Seq <= previous)
            {
                return string.Create(CultureInfo.InvariantCulture, $"record {i}: seq {record.Seq} does not follow {previous} (sequences must strictly increase)");
            }

            previous = record.Seq;
            if ((int)record.Kind < 1)
            {
                return string.Create(CultureInfo.InvariantCulture, $"record {i} (seq {record.Seq}): kind {(int)record.Kind} is not a journal record kind");
            }

            if (record.At.Offset != TimeSpan.Zero)
            {
                return string.Create(CultureInfo.InvariantCulture, $"record {i} (seq {record.Seq}): 'at' must be UTC, got offset {record.At.Offset}");
            }

            var tooLong = FirstTooLong(record);
            if (tooLong is not null)
            {
                return string.Create(CultureInfo.InvariantCulture, $"record {i} (seq {record.Seq}): '{tooLong}' is longer than {ProtocolLimits.MaxFieldLength} characters");
            }
        }

        if (batch.Head is { } head && head < previous)
        {
            return string.Create(CultureInfo.InvariantCulture, $"head {head} is below the batch's last seq {previous}");
        }

        return null;
    }

    private static string? FirstTooLong(JournalBatchRecord record) =>
        TooLong(record.Door) ? "door"
        : TooLong(record.Reader) ? "reader"
        : TooLong(record.Credential) ? "credential"
        : TooLong(record.Member) ? "member"
        : TooLong(record.Reason) ? "reason"
        : TooLong(record.Basis) ? "basis"
        : TooLong(record.Detail) ? "detail"
        : null;

    private static bool TooLong(string? value) => value is { Length: > ProtocolLimits.MaxFieldLength };
}
