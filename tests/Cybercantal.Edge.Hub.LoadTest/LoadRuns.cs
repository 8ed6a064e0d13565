using System.Diagnostics;
using System.Globalization;
using Cybercantal.Edge.Hub.Hosting;
using Cybercantal.Edge.Hub.Store;
using Cybercantal.Edge.Testing;
using Cybercantal.Edge.Protocol.Mqtt;
using Microsoft.AspNetCore.Builder;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using MQTTnet;
using MQTTnet.Formatter;
using MQTTnet.Protocol;

namespace Cybercantal.Edge.Hub.LoadTest;

/// <summary>
/// One measured run per mode. Gateways are real MQTT clients, each sending its batches one after the
/// other and waiting for each PUBACK (QoS 1), as an agent does.
/// </summary>
internal static class LoadRuns
{
    /// <summary>Durable ingest through the hub's embedded broker: a PUBACK means committed (synchronous=FULL).</summary>
    public static async Task<double> EmbeddedAsync(LoadSettings settings, IReadOnlyList<List<byte[]>> payloads)
    {
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
        for (var g = 0; g < settings.Gateways; g++)
        {
            credentials.SetSecret(Workload.Site(g), MosquittoBroker.GatewayPassword);
        }

        await app.StartAsync();
        var clients = await ConnectGatewaysAsync(port, settings.Gateways);
        var elapsed = await SendAllAsync(clients, payloads);
        await app.StopAsync();
        foreach (var client in clients)
        {
            client.Dispose();
        }

        var stored = CountRecords(storePath);
        if (stored != settings.TotalRecords)
        {
            throw new InvalidOperationException($"stored {stored} records, expected {settings.TotalRecords}");
        }

        return settings.TotalRecords / elapsed.TotalSeconds;
    }

    /// <summary>Reference: mosquitto's QoS 1 pass-through of the same messages to one subscriber (no storage).</summary>
    public static async Task<double> MosquittoAsync(LoadSettings settings, IReadOnlyList<List<byte[]>> payloads)
    {
        using var broker = MosquittoBroker.ForSites([.. Enumerable.Range(0, settings.Gateways).Select(Workload.Site)]);
        var expected = payloads.Sum(p => p.Count);
        var received = 0;
        var all = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        using var subscriber = new MqttClientFactory().CreateMqttClient();
        subscriber.ApplicationMessageReceivedAsync += _ =>
        {
            if (Interlocked.Increment(ref received) == expected)
            {
                all.TrySetResult();
            }

            return Task.CompletedTask;
        };
        await subscriber.ConnectAsync(Options(broker.Port, MosquittoBroker.HubUser, MosquittoBroker.HubPassword, "hub"));
        await subscriber.SubscribeAsync(MqttTopics.AllJournals, MqttQualityOfServiceLevel.AtLeastOnce);
        var clients = await ConnectGatewaysAsync(broker.Port, settings.Gateways);
        var stopwatch = Stopwatch.StartNew();
        await SendAllAsync(clients, payloads);
        await all.Task.WaitAsync(TimeSpan.FromMinutes(5));
        var elapsed = stopwatch.Elapsed;
        foreach (var client in clients)
        {
            client.Dispose();
        }

        return settings.TotalRecords / elapsed.TotalSeconds;
    }

    private static async Task<List<IMqttClient>> ConnectGatewaysAsync(int port, int gateways)
    {
        var clients = new List<IMqttClient>();
        for (var g = 0; g < gateways; g++)
        {
            var client = new MqttClientFactory().CreateMqttClient();
            var result = await client.ConnectAsync(Options(port, Workload.Site(g), MosquittoBroker.GatewayPassword, "gw-" + Workload.Site(g)));
            if (result.ResultCode != MqttClientConnectResultCode.Success)
            {
                throw new InvalidOperationException($"gateway {g} refused: {result.ResultCode}");
            }

            clients.Add(client);
        }

        return clients;
    }

    private static async Task<TimeSpan> SendAllAsync(List<IMqttClient> clients, IReadOnlyList<List<byte[]>> payloads)
    {
        var stopwatch = Stopwatch.StartNew();
        await Task.WhenAll(clients.Select((client, g) => Task.Run(async () =>
        {
            var topic = MqttTopics.Journal(Workload.Site(g));
            foreach (var payload in payloads[g])
            {
                var result = await client.PublishAsync(new MqttApplicationMessageBuilder()
                    .WithTopic(topic)
                    .WithPayload(payload)
                    .WithQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce)
                    .Build());
                if (result.ReasonCode != MqttClientPublishReasonCode.Success)
                {
                    throw new InvalidOperationException($"gateway {g}: {result.ReasonCode} {result.ReasonString}");
                }
            }
        })));
        return stopwatch.Elapsed;
    }

    private static MqttClientOptions Options(int port, string user, string password, string clientId) =>
        new MqttClientOptionsBuilder()
            .WithTcpServer("127.0.0.1", port)
            .WithProtocolVersion(MqttProtocolVersion.V500)
            .WithClientId(clientId)
            .WithCredentials(user, password)
            .WithTimeout(TimeSpan.FromSeconds(60))
            .Build();

    private static long CountRecords(string path)
    {
        using var connection = new SqliteConnection($"Data Source={path};Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT COUNT(*) FROM journal";
        return (long)command.ExecuteScalar()!;
    }
}
