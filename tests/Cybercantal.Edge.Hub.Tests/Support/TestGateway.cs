using System.Text.Json;
using Cybercantal.Edge.Protocol.Journal;
using Cybercantal.Edge.Protocol.Mqtt;
using Cybercantal.Edge.Protocol.Serialization;
using MQTTnet;
using MQTTnet.Formatter;
using MQTTnet.Protocol;

namespace Cybercantal.Edge.Hub.Tests.Support;

/// <summary>A raw MQTT client standing for a centre's gateway: publishes what the test says, records acks.</summary>
internal sealed class TestGateway : IAsyncDisposable
{
    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(20);

    private readonly Lock _lock = new();
    private readonly List<JournalAck> _acks = [];
    private TaskCompletionSource _signal = new(TaskCreationOptions.RunContinuationsAsynchronously);

    private TestGateway(IMqttClient client, string site)
    {
        Client = client;
        Site = site;
        client.ApplicationMessageReceivedAsync += e =>
        {
            if (e.ApplicationMessage.Topic == MqttTopics.Ack(site))
            {
                var ack = JsonSerializer.Deserialize(e.ApplicationMessage.Payload.FirstSpan, ProtocolJsonContext.Default.JournalAck)!;
                lock (_lock)
                {
                    _acks.Add(ack);
                    _signal.TrySetResult();
                    _signal = new(TaskCreationOptions.RunContinuationsAsynchronously);
                }
            }

            return Task.CompletedTask;
        };
    }

    public IMqttClient Client { get; }

    public string Site { get; }

    public IReadOnlyList<JournalAck> Acks
    {
        get
        {
            lock (_lock)
            {
                return [.. _acks];
            }
        }
    }

    public static MqttClientOptions Options(int port, string? user, string? password, string? clientId = null) =>
        new MqttClientOptionsBuilder()
            .WithTcpServer("127.0.0.1", port)
            .WithProtocolVersion(MqttProtocolVersion.V500)
            .WithClientId(clientId ?? "gw-" + (user ?? "anon") + "-" + Guid.NewGuid().ToString("N")[..6])
            .WithCredentials(user, password)
            .WithTimeout(TimeSpan.FromSeconds(10))
            .Build();

    public static async Task<TestGateway> ConnectAsync(int port, string site, string password = RunningHub.Secret, bool subscribeAcks = true)
    {
        var client = new MqttClientFactory().CreateMqttClient();
        var gateway = new TestGateway(client, site);
        await client.ConnectAsync(Options(port, site, password));
        if (subscribeAcks)
        {
            var result = await client.SubscribeAsync(MqttTopics.Ack(site), MqttQualityOfServiceLevel.AtLeastOnce);
            Assert.Equal(MqttClientSubscribeResultCode.GrantedQoS1, result.Items.Single().ResultCode);
        }

        return gateway;
    }

    public Task<MqttClientPublishResult> PublishAsync(string topic, byte[] payload) =>
        Client.PublishAsync(new MqttApplicationMessageBuilder()
            .WithTopic(topic)
            .WithPayload(payload)
            .WithQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce)
            .Build());

    public Task<MqttClientPublishResult> PublishJournalAsync(byte[] payload) => PublishAsync(MqttTopics.Journal(Site), payload);

    public async Task<JournalAck> WaitForAckAsync(Func<JournalAck, bool> predicate)
    {
        var deadline = DateTime.UtcNow + Timeout;
        while (true)
        {
            Task signal;
            lock (_lock)
            {
                var match = _acks.FirstOrDefault(predicate);
                if (match is not null)
                {
                    return match;
                }

                signal = _signal.Task;
            }

            var left = deadline - DateTime.UtcNow;
            if (left <= TimeSpan.Zero)
            {
                throw new TimeoutException($"no matching ack for site {Site}; received: {string.Join(", ", Acks)}");
            }

            await signal.WaitAsync(left).ContinueWith(_ => { }, TaskScheduler.Default);
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (Client.IsConnected)
        {
            await Client.DisconnectAsync();
        }

        Client.Dispose();
    }
}
