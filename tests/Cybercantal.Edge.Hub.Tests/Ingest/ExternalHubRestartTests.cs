using Cybercantal.Edge.Hub.Mqtt;
using Cybercantal.Edge.Hub.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace Cybercantal.Edge.Hub.Tests.Ingest;

/// <summary>The hub restarted mid-ingest in external mode: mosquitto keeps what the hub had not acknowledged.</summary>
public sealed class ExternalHubRestartTests : IClassFixture<MosquittoBroker>, IDisposable
{
    private readonly MosquittoBroker _broker;
    private readonly TempDirectory _dir = new();

    public ExternalHubRestartTests(MosquittoBroker broker) => _broker = broker;

    [Fact]
    public async Task A_hub_restart_behind_mosquitto_loses_nothing_and_duplicates_nothing()
    {
        const int total = 2000;
        var store = _dir.File("hub.db");
        var settings = new Dictionary<string, string?>
        {
            ["Hub:Mqtt:Mode"] = "External",
            ["Hub:Mqtt:ExternalUri"] = _broker.Uri,
            ["Hub:Mqtt:ExternalPasswordFile"] = _broker.HubPasswordFile,
            ["Hub:Mqtt:ExternalClientId"] = "hub-restart-" + Guid.NewGuid().ToString("N")[..8],
        };
        var hub = await StartAsync(store, settings);
        await using var agent = new SimulatedAgent(_broker.Port, "allanche", total, batchSize: 50);
        var sending = agent.RunAsync();

        for (var restart = 1; restart <= 2; restart++)
        {
            await agent.WaitForAckAsync(restart * total / 3);
            await hub.DisposeAsync();
            hub = await StartAsync(store, settings);
        }

        await sending.WaitAsync(TimeSpan.FromSeconds(60));
        await hub.DisposeAsync();

        Assert.Equal(Enumerable.Range(1, total).Select(i => (long)i), StoreQueries.Sequences(store, "allanche"));
    }

    public void Dispose() => _dir.Dispose();

    private static async Task<RunningHub> StartAsync(string store, Dictionary<string, string?> settings)
    {
        var hub = await RunningHub.StartAsync(store, settings: settings);
        await hub.Services.GetRequiredService<ExternalBrokerBridge>().Connected.WaitAsync(TestGateway.Timeout);
        return hub;
    }
}
