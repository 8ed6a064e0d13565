using System.Text.Json;
using Cybercantal.Edge.Protocol.Mqtt;
using Cybercantal.Edge.Protocol.Serialization;
using Cybercantal.Edge.Protocol.Sites;
using Cybercantal.Edge.Sync.Tests.Support;
using MQTTnet;
using MQTTnet.Formatter;
using MQTTnet.Protocol;

namespace Cybercantal.Edge.Sync.Tests.Reliability;

/// <summary>Birth and Will with the persisted session counter, seen from the hub, end to end.</summary>
public sealed class StatusTests : IDisposable
{
    private const string Site = "status";
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(20);
    private readonly TempDirectory _dir = new();

    [Theory]
    [InlineData(BrokerKind.Embedded)]
    [InlineData(BrokerKind.Mosquitto)]
    public async Task Each_connection_announces_a_newer_session_and_a_late_will_of_an_old_one_changes_nothing(BrokerKind kind)
    {
        await using var hub = new HubUnderTest(kind, _dir.File("hub.db"));
        await hub.StartHubAsync();
        await using var gateway = SyncGateway.Create(_dir.Path, Site, hub.BrokerUri);
        gateway.Start();
        await WaitStatusAsync(hub, SiteState.Online, 1);

        // The link drops (the broker goes away) and comes back: a new connection, a new session.
        await hub.StopBrokerAsync();
        await hub.StartBrokerAsync();
        if (kind == BrokerKind.Mosquitto)
        {
            await hub.StopHubAsync();
            await hub.StartHubAsync();
        }

        // Failed attempts while the broker was away took numbers too: the counter only has to grow.
        await Waiting.UntilAsync(() => gateway.Connection.IsConnected && gateway.Connection.Session > 1, Timeout, () => "no reconnection");
        var session = gateway.Connection.Session;
        Assert.Equal(session, gateway.State.Session);
        await WaitStatusAsync(hub, SiteState.Online, session);

        // The old connection's Will, delivered late, must not hide the newer session.
        await PublishStatusAsync(hub.Port, new SiteStatus { Site = Site, State = SiteState.Offline, Session = 1 });
        await Task.Delay(500); // Absence of an effect: give the hub time to (not) apply it.
        var activity = hub.Hub!.Tracker.Find(Site);
        Assert.Equal(SiteState.Online, activity?.State);
        Assert.Equal(session, activity?.Session);

        // A clean stop says offline with the same session.
        await gateway.Connection.StopAsync(CancellationToken.None);
        await WaitStatusAsync(hub, SiteState.Offline, session);
    }

    [Fact]
    public async Task The_session_counter_survives_a_restart_of_the_agent()
    {
        await using var hub = new HubUnderTest(BrokerKind.Embedded, _dir.File("hub.db"));
        await hub.StartHubAsync();
        await using (var first = SyncGateway.Create(_dir.Path, Site, hub.BrokerUri))
        {
            first.Start();
            await WaitStatusAsync(hub, SiteState.Online, 1);
        }

        await using var second = SyncGateway.Create(_dir.Path, Site, hub.BrokerUri);
        second.Start();
        await WaitStatusAsync(hub, SiteState.Online, 2);
    }

    public void Dispose() => _dir.Dispose();

    private static Task WaitStatusAsync(HubUnderTest hub, SiteState state, long session) =>
        Waiting.UntilAsync(
            () => hub.Hub?.Tracker.Find(Site) is { } a && a.State == state && a.Session == session,
            Timeout,
            () => $"expected {state} session {session}, hub has {hub.Hub?.Tracker.Find(Site)}");

    private static async Task PublishStatusAsync(int port, SiteStatus status)
    {
        using var client = new MqttClientFactory().CreateMqttClient();
        await client.ConnectAsync(new MqttClientOptionsBuilder()
            .WithTcpServer("127.0.0.1", port)
            .WithProtocolVersion(MqttProtocolVersion.V500)
            .WithClientId("late-will-" + Guid.NewGuid().ToString("N")[..6])
            .WithCredentials(Site, RunningHub.Secret)
            .Build());
        await client.PublishAsync(new MqttApplicationMessageBuilder()
            .WithTopic(MqttTopics.Status(Site))
            .WithPayload(JsonSerializer.SerializeToUtf8Bytes(status, ProtocolJsonContext.Default.SiteStatus))
            .WithRetainFlag(true)
            .WithQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce)
            .Build());
        await client.DisconnectAsync();
    }
}
