using System.Diagnostics;
using System.Globalization;
using Cybercantal.Edge.Billing.Bench;
using Cybercantal.Edge.Hub.Admin;
using Cybercantal.Edge.Hub.Billing;
using Cybercantal.Edge.Hub.Store;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

// Month-end statement run over a real hub SQLite store. Usage:
// cybercantal-billing-bench [--sites 7] [--members 100] [--records 1000000] [--runs 5] [--store PATH]
// --store PATH keeps the generated store at PATH and reuses it on the next run (generating takes longer than the runs).
int Arg(string name, int fallback)
{
    var i = Array.IndexOf(args, name);
    return i >= 0 && i + 1 < args.Length ? int.Parse(args[i + 1], CultureInfo.InvariantCulture) : fallback;
}

var sites = Arg("--sites", 7);
var members = Arg("--members", 100);
var records = Arg("--records", 1_000_000);
var runs = Math.Max(1, Arg("--runs", 5));
var month = new BillingMonth(2026, 10); // holds the 25 October DST change

var storeIndex = Array.IndexOf(args, "--store");
var keptStore = storeIndex >= 0 && storeIndex + 1 < args.Length ? Path.GetFullPath(args[storeIndex + 1]) : null;
var reuse = keptStore is not null && File.Exists(keptStore);
var directory = Path.Combine(Path.GetTempPath(), "cc-billing-bench-" + Guid.NewGuid().ToString("N")[..8]);
Directory.CreateDirectory(directory);
try
{
    var database = new HubDatabase(keptStore ?? Path.Combine(directory, "hub.db"));
    var options = new BillingOptions();
    for (var s = 0; s < sites; s++)
    {
        options.VisioRooms.Add(UsageGenerator.Site(s) + "/visio");
    }

    var billing = new BillingService(database, TimeProvider.System, Options.Create(options), NullLogger<BillingService>.Instance);
    foreach (var (item, cents, free) in reuse ? [] : new[] { (BillingItems.Office, 7500L, 0L), (BillingItems.CopierPage, 5L, 50L), (BillingItems.VisioHour, 2000L, 60L) })
    {
        billing.AddTariff(ApiCaller.System, new TariffRequest { Item = item, EffectiveFrom = new DateOnly(2024, 1, 1), UnitPriceCents = cents, FreePerMonth = free });
    }

    if (reuse)
    {
        Console.WriteLine($"reusing the store {keptStore}");
    }
    else
    {
        billing.AddTariff(ApiCaller.System, new TariffRequest { Item = BillingItems.CopierPage, EffectiveFrom = new DateOnly(2026, 10, 16), UnitPriceCents = 6 });
        var fill = Stopwatch.StartNew();
        UsageGenerator.Fill(database, month, sites, members, records);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{records:N0} raw journal rows ({sites} centres x {members} members, {month}) written in {fill.Elapsed.TotalSeconds:F1} s"));
    }

    var times = new List<double>();
    var hashes = new HashSet<string>(StringComparer.Ordinal);
    for (var run = 0; run <= runs; run++)
    {
        var watch = Stopwatch.StartNew();
        var result = billing.CloseMonth(ApiCaller.System, month);
        var csv = StatementCsv.Bytes(billing.Lines(ApiCaller.System, month, null));
        watch.Stop();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{(run == 0 ? "warm-up" : "run " + run)}: {watch.Elapsed.TotalMilliseconds:F0} ms ({result.Records:N0} usage records, {result.Skipped} skipped, {result.Lines} lines, CSV {csv.Length:N0} bytes)"));
        hashes.Add(Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(csv)));
        if (run > 0)
        {
            times.Add(watch.Elapsed.TotalMilliseconds);
        }
    }

    times.Sort();
    var median = times.Count % 2 == 1 ? times[times.Count / 2] : (times[(times.Count / 2) - 1] + times[times.Count / 2]) / 2;
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"median month close + CSV export: {median:F0} ms over {times.Count} runs"));
    Console.WriteLine($"CSV SHA-256: {string.Join(" / ", hashes)}");
}
finally
{
    Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
    Directory.Delete(directory, recursive: true);
}
