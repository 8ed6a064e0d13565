using System.Text;
using System.Text.Json;
using Cybercantal.Edge.Protocol.Journal;
using Cybercantal.Edge.Protocol.Serialization;

namespace Cybercantal.Edge.Hub.Tests.Support;

/// <summary>Journal batches as an agent would send them.</summary>
internal static class Batches
{
    public static readonly DateTimeOffset Epoch = new(2026, 11, 26, 8, 0, 0, TimeSpan.Zero);

    public static JournalBatch Make(string site, long from, int count) => new()
    {
        Site = site,
        Head = from + count - 1,
        Records = [.. Enumerable.Range(0, count).Select(i => Record(from + i))],
    };

    public static JournalBatchRecord Record(long seq) => new()
    {
        Seq = seq,
        Kind = JournalRecordKind.AccessDecision,
        At = Epoch.AddSeconds(seq),
        Mono = 1000 + seq,
        Door = "entree",
        Reader = "entree-ext",
        Credential = "nfc:04A1B2C3D4E5F6",
        Member = "m-0042",
        Granted = seq % 7 != 0,
        Reason = seq % 7 == 0 ? "OutOfHours" : null,
        Basis = seq % 7 != 0 ? "Lease" : null,
    };

    public static byte[] Bytes(JournalBatch batch) => JsonSerializer.SerializeToUtf8Bytes(batch, ProtocolJsonContext.Default.JournalBatch);

    public static byte[] Bytes(string site, long from, int count) => Bytes(Make(site, from, count));

    public static byte[] Text(string json) => Encoding.UTF8.GetBytes(json);
}
