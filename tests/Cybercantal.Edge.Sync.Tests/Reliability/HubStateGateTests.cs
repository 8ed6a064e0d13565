using System.Text.Json;
using Cybercantal.Edge.Protocol.Mqtt;
using Cybercantal.Edge.Protocol.Serialization;
using Cybercantal.Edge.Protocol.Sites;
using Cybercantal.Edge.Sync.Tests.Support;
using MQTTnet;
using MQTTnet.Formatter;
using MQTTnet.Protocol;

namespace Cybercantal.Edge.Sync.Tests.Reliability;

/// <summary>The outbox flushes only while the retained <c>hub/state</c> says the hub is online.</summary>
public sealed class HubStateGateTests : IDisposable
{
    private const string Site = "hub-state";
    private readonly TempDirectory _dir = new();

    [Fact]
    public async Task Nothing_is_sent_until_the_hub_announces_itself_online_and_sending_stops_when_it_goes_offline()
    {
        using var broker = MosquittoBroker.ForSites(SyncSites.All);
        using var spy = new MqttClientFactory().CreateMqttClient();
        var batches = 0;
        spy.ApplicationMessageReceivedAsync += _ =>
        {
            Interlocked.Increment(ref batches);
            return Task.CompletedTask;
        };
        await spy.ConnectAsync(new MqttClientOptionsBuilder()
            .WithTcpServer("127.0.0.1", broker.Port)
            .WithProtocolVersion(MqttProtocolVersion.V500)
            .WithClientId("spy")
            .WithCredentials(MosquittoBroker.HubUser, MosquittoBroker.HubPassword)
            .Build());
        await spy.SubscribeAsync(MqttTopics.Journal(Site), MqttQualityOfServiceLevel.AtLeastOnce);

        var options = SyncGateway.TestOptions();
        options.AckTimeout = TimeSpan.FromMilliseconds(300); // No hub acks here: resend often while online.
        await using var gateway = SyncGateway.Create(_dir.Path, Site, new Uri(broker.Uri), options);
        gateway.Start();
        gateway.Append(50);
        await Waiting.UntilAsync(() => gateway.Connection.IsConnected, TimeSpan.FromSeconds(20), () => "never connected");
        await Task.Delay(700); // Absence of traffic while no hub/state is retained.
        Assert.Equal(0, Volatile.Read(ref batches));
        Assert.False(gateway.Connection.IsHubOnline);

        await PublishHubStateAsync(spy, online: true);
        await Waiting.UntilAsync(() => Volatile.Read(ref batches) > 0, TimeSpan.FromSeconds(20), () => "no batch after hub/state online");

        await PublishHubStateAsync(spy, online: false);
        await Waiting.UntilAsync(() => !gateway.Connection.IsHubOnline, TimeSpan.FromSeconds(20), () => "hub still seen online");
        var seen = Volatile.Read(ref batches);
        await Task.Delay(1_000); // Several ack timeouts: an online outbox would have resent by now.
        Assert.Equal(seen, Volatile.Read(ref batches));
    }

    public void Dispose() => _dir.Dispose();

    private static Task PublishHubStateAsync(IMqttClient client, bool online) =>
        client.PublishAsync(new MqttApplicationMessageBuilder()
            .WithTopic(MqttTopics.HubState)
            .WithPayload(JsonSerializer.SerializeToUtf8Bytes(new HubState { Online = online, At = DateTimeOffset.UtcNow }, ProtocolJsonContext.Default.HubState))
            .WithRetainFlag(true)
            .WithQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce)
            .Build());
}
