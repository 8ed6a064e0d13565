using System.Diagnostics;
using System.Globalization;
using Cybercantal.Edge.Agent.Sites;
using Cybercantal.Edge.Agent.Sync;
using Cybercantal.Edge.Hub.Hosting;
using Cybercantal.Edge.Hub.Store;
using Cybercantal.Edge.Testing;
using Cybercantal.Edge.Sync.LoadTest;
using Microsoft.AspNetCore.Builder;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

// Reconnect storm: N gateways, each holding R unacknowledged records, connect at once to the
// embedded-broker hub and drain through the real HubConnection + JournalOutbox.
// Usage: cybercantal-sync-loadtest [--gateways 1000] [--records 1000] [--batch 500]
var gateways = 1000;
var records = 1000;
var batch = 500;
for (var i = 0; i + 1 < args.Length; i += 2)
{
    var value = int.Parse(args[i + 1], CultureInfo.InvariantCulture);
    switch (args[i])
    {
        case "--gateways": gateways = value; break;
        case "--records": records = value; break;
        case "--batch": batch = value; break;
        default: throw new ArgumentException($"unknown option {args[i]}");
    }
}

const string Secret = "storm-gateway-secret-0001";
using var dir = new TempDirectory();
var port = FreePort.Next();
var storePath = dir.File("hub.db");
var builder = WebApplication.CreateBuilder(new WebApplicationOptions { EnvironmentName = "LoadTest", ContentRootPath = AppContext.BaseDirectory });
builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
{
    ["Urls"] = "http://127.0.0.1:0",
    ["Hub:Mqtt:Port"] = port.ToString(CultureInfo.InvariantCulture),
    ["Hub:Store:Path"] = storePath,
});
builder.Logging.ClearProviders();
builder.AddHub();
await using var app = builder.Build();
var credentials = app.Services.GetRequiredService<SiteCredentialStore>();
var sites = Enumerable.Range(0, gateways).Select(g => "gw-" + g.ToString("D4", CultureInfo.InvariantCulture)).ToList();
var setup = Stopwatch.StartNew();
Parallel.ForEach(sites, site => credentials.SetSecret(site, Secret));
await app.StartAsync();
var credentialFile = dir.File("secret");
await File.WriteAllTextAsync(credentialFile, Secret);
Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{gateways} gateways x {records} records, batches of {batch}; setup {setup.Elapsed.TotalSeconds:F1} s"));

var options = new HubSyncOptions
{
    BatchRecords = batch,
    BacklogBytesPerSecond = 0, // Loopback: the cap belongs to the sDSL line, not to the hub's capacity.
    FlushInterval = TimeSpan.Zero,
    AckTimeout = TimeSpan.FromSeconds(30),
    ConnectTimeout = TimeSpan.FromSeconds(60),
    ReconnectMinDelay = TimeSpan.FromSeconds(1),
    ReconnectMaxDelay = TimeSpan.FromSeconds(10),
};
var time = TimeProvider.System;
var parts = sites.Select(site =>
{
    var state = new SyncStateFile(dir.File(site + ".state"));
    var hub = new HubConnectionConfiguration { Broker = new Uri($"mqtt://127.0.0.1:{port}"), Tls = false, CredentialFile = credentialFile };
    var connection = new HubConnection(site, hub, options, state, [], time);
    var outbox = new JournalOutbox(connection, PreparedBacklog.Create(records), state, options, time);
    return (connection, outbox);
}).ToList();

var clock = Stopwatch.StartNew();
foreach (var (connection, outbox) in parts)
{
    connection.Start();
    outbox.Start();
}

var total = (long)gateways * records;
while (true)
{
    var acked = parts.Sum(p => p.outbox.Acked);
    var connected = parts.Count(p => p.connection.IsConnected);
    if (acked == total)
    {
        break;
    }

    Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  {clock.Elapsed.TotalSeconds,5:F1} s: {connected} connected, {acked:N0} acknowledged"));
    await Task.Delay(1000);
}

var elapsed = clock.Elapsed;
foreach (var (connection, outbox) in parts)
{
    await outbox.DisposeAsync();
    await connection.DisposeAsync();
}

await app.StopAsync();

using var db = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = storePath, Pooling = false }.ToString());
db.Open();
using var command = db.CreateCommand();
command.CommandText = "SELECT COUNT(*), COUNT(DISTINCT site), SUM(CASE WHEN seq BETWEEN 1 AND $records THEN 1 ELSE 0 END) FROM journal";
command.Parameters.AddWithValue("$records", records);
using var reader = command.ExecuteReader();
reader.Read();
var stored = reader.GetInt64(0);
var storedSites = reader.GetInt64(1);
var inRange = reader.GetInt64(2);
var ok = stored == total && storedSites == gateways && inRange == total;
Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
    $"drained {total:N0} records from {gateways} gateways in {elapsed.TotalSeconds:F1} s ({total / elapsed.TotalSeconds:N0} records/s); stored {stored:N0} rows, {storedSites} sites, {(ok ? "no loss, no duplicate" : "MISMATCH")}"));
return ok ? 0 : 1;
