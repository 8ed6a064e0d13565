using System.Text.Json;
using Cybercantal.Edge.Protocol.Journal;
using Cybercantal.Edge.Protocol.Serialization;

namespace Cybercantal.Edge.Hub.LoadTest;

/// <summary>Pre-serialized journal batches per simulated gateway (the agent's serialization cost is not measured).</summary>
internal static class Workload
{
    public static string Site(int gateway) => "load-" + gateway.ToString("D3", System.Globalization.CultureInfo.InvariantCulture);

    public static List<byte[]> Batches(string site, int records, int batchSize)
    {
        var epoch = new DateTimeOffset(2026, 11, 26, 8, 0, 0, TimeSpan.Zero);
        var result = new List<byte[]>();
        for (long from = 1; from <= records; from += batchSize)
        {
            var count = (int)Math.Min(batchSize, records - from + 1);
            var batch = new JournalBatch
            {
                Site = site,
                Head = from + count - 1,
                Records = [.. Enumerable.Range(0, count).Select(i => new JournalBatchRecord
                {
                    Seq = from + i,
                    Kind = JournalRecordKind.AccessDecision,
                    At = epoch.AddMilliseconds((from + i) * 250),
                    Mono = 5_000 + ((from + i) * 250),
                    Door = "entree",
                    Reader = "entree-ext",
                    Credential = "nfc:04A1B2C3D4E5F6",
                    Member = "m-" + ((from + i) % 400).ToString(System.Globalization.CultureInfo.InvariantCulture),
                    Granted = true,
                    Basis = "Lease",
                })],
            };
            result.Add(JsonSerializer.SerializeToUtf8Bytes(batch, ProtocolJsonContext.Default.JournalBatch));
        }

        return result;
    }
}
