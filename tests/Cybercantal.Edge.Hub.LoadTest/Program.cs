using System.Globalization;
using Cybercantal.Edge.Hub.LoadTest;

// Durable journal ingest through the hub's embedded broker, with mosquitto's plain QoS 1 pass-through of
// the same messages as a reference. Usage: cybercantal-hub-loadtest [--gateways 16] [--records 20000]
// [--batch 500] [--runs 3]
var settings = LoadSettings.Parse(args);
var payloads = Enumerable.Range(0, settings.Gateways)
    .Select(g => Workload.Batches(Workload.Site(g), settings.RecordsPerGateway, settings.BatchSize))
    .ToList();
Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
    $"{settings.Gateways} gateways x {settings.RecordsPerGateway} records, batches of {settings.BatchSize} (~{payloads[0][0].Length / 1024} KiB), {settings.Runs} runs"));

// Warm-up (JIT, SQLite page cache, mosquitto start): not counted.
var warmUp = settings with { RecordsPerGateway = Math.Min(settings.RecordsPerGateway, settings.BatchSize * 4) };
var warmUpPayloads = payloads.Select(p => p.Take(4).ToList()).ToList();
await LoadRuns.EmbeddedAsync(warmUp, warmUpPayloads);
await LoadRuns.MosquittoAsync(warmUp, warmUpPayloads);

var embedded = new List<double>();
var mosquitto = new List<double>();
for (var run = 1; run <= settings.Runs; run++)
{
    embedded.Add(await LoadRuns.EmbeddedAsync(settings, payloads));
    mosquitto.Add(await LoadRuns.MosquittoAsync(settings, payloads));
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
        $"run {run}: hub embedded durable ingest {embedded[^1]:N0} records/s; mosquitto QoS1 pass-through {mosquitto[^1]:N0} records/s"));
}

static double Median(List<double> values)
{
    var sorted = values.Order().ToList();
    return sorted.Count % 2 == 1 ? sorted[sorted.Count / 2] : (sorted[(sorted.Count / 2) - 1] + sorted[sorted.Count / 2]) / 2;
}

var hub = Median(embedded);
var reference = Median(mosquitto);
Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
    $"median: hub {hub:N0} records/s, mosquitto {reference:N0} records/s, ratio hub/mosquitto {hub / reference:P0}"));
