using Cybercantal.Edge.Hub.Tests.Support;

namespace Cybercantal.Edge.Hub.Tests.Ingest;

/// <summary>The hub stopped and replaced by a new instance on the same SQLite file while a gateway is sending.</summary>
public sealed class HubRestartTests : IDisposable
{
    private readonly TempDirectory _dir = new();

    [Fact]
    public async Task A_hub_restart_mid_ingest_loses_nothing_and_duplicates_nothing()
    {
        const int total = 3000;
        var store = _dir.File("hub.db");
        var port = FreePort.Next();
        var hub = await RunningHub.StartAsync(store, port, sites: ["saint-flour"]);
        await using var agent = new SimulatedAgent(port, "saint-flour", total, batchSize: 50);
        var sending = agent.RunAsync();

        // Restart the hub twice while the agent is mid-stream.
        for (var restart = 1; restart <= 2; restart++)
        {
            await agent.WaitForAckAsync(restart * total / 3);
            await hub.DisposeAsync();
            hub = await RunningHub.StartAsync(store, port);
        }

        await sending.WaitAsync(TimeSpan.FromSeconds(60));
        await hub.DisposeAsync();

        Assert.Equal(Enumerable.Range(1, total).Select(i => (long)i), StoreQueries.Sequences(store, "saint-flour"));
        Assert.True(agent.Reconnections >= 2, $"the agent reconnected {agent.Reconnections} times");
    }

    public void Dispose() => _dir.Dispose();
}
