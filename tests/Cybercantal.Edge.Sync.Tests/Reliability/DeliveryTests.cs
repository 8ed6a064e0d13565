using Cybercantal.Edge.Sync.Tests.Support;

namespace Cybercantal.Edge.Sync.Tests.Reliability;

/// <summary>
/// Exactly once, in order, whatever fails: checked in the hub's own SQLite store, behind the embedded
/// broker and behind mosquitto (hub in external mode).
/// </summary>
public sealed class DeliveryTests : IDisposable
{
    private static readonly TimeSpan Drain = TimeSpan.FromSeconds(60);
    private readonly TempDirectory _dir = new();

    [Theory]
    [InlineData(BrokerKind.Embedded)]
    [InlineData(BrokerKind.Mosquitto)]
    public async Task Ten_thousand_records_journaled_while_the_broker_is_down_all_arrive_once(BrokerKind kind)
    {
        const int total = 10_000;
        await using var hub = new HubUnderTest(kind, _dir.File($"hub-{kind}.db"));
        if (kind == BrokerKind.Mosquitto)
        {
            // The hub runs; its broker dies.
            await hub.StartHubAsync();
        }

        await hub.StopBrokerAsync();
        await using var gateway = SyncGateway.Create(_dir.Path, "backlog", hub.BrokerUri);
        gateway.Start();
        gateway.Append(total);
        await gateway.Journal.WaitDurableAsync(total);
        Assert.False(gateway.Connection.IsConnected);

        await hub.StartBrokerAsync();
        await gateway.WaitAckedAsync(total, Drain);

        Assert.Equal(Enumerable.Range(1, total).Select(i => (long)i), StoreQueries.Sequences(hub.StorePath, "backlog"));
        Assert.Equal(total, gateway.State.Acked);
        Assert.Equal(0, gateway.Outbox.Figures.Lag);
    }

    [Theory]
    [InlineData(BrokerKind.Embedded)]
    [InlineData(BrokerKind.Mosquitto)]
    public async Task A_hub_killed_and_restarted_during_ingest_ends_with_every_record_once(BrokerKind kind)
    {
        const int total = 6_000;
        await using var hub = new HubUnderTest(kind, _dir.File($"hub-{kind}.db"));
        await hub.StartHubAsync();
        var options = SyncGateway.TestOptions();
        options.BatchRecords = 100;
        await using var gateway = SyncGateway.Create(_dir.Path, "hub-restart", hub.BrokerUri, options);
        gateway.Start();

        // Live traffic keeps coming while the hub goes down and up again.
        var appending = Task.Run(async () =>
        {
            for (var appended = 0; appended < total; appended += 100)
            {
                gateway.Append(100);
                await Task.Delay(25);
            }
        });

        foreach (var threshold in new[] { 800, 2_000, 3_500 })
        {
            await gateway.WaitAckedAsync(threshold, Drain);
            await hub.StopHubAsync();
            await hub.StartHubAsync();
        }

        await appending;
        await gateway.WaitAckedAsync(total, Drain);

        Assert.Equal(Enumerable.Range(1, total).Select(i => (long)i), StoreQueries.Sequences(hub.StorePath, "hub-restart"));
    }

    public void Dispose() => _dir.Dispose();
}
