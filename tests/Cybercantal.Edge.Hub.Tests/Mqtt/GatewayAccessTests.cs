using Cybercantal.Edge.Hub.Tests.Support;
using Cybercantal.Edge.Protocol.Mqtt;
using MQTTnet;
using MQTTnet.Protocol;

namespace Cybercantal.Edge.Hub.Tests.Mqtt;

/// <summary>Who may connect to the embedded broker, and what a connected gateway may touch.</summary>
public sealed class GatewayAccessTests : IAsyncLifetime
{
    private readonly TempDirectory _dir = new();
    private RunningHub _hub = null!;

    public async Task InitializeAsync() => _hub = await RunningHub.StartAsync(_dir.File("hub.db"), sites: ["murat", "ydes"]);

    public async Task DisposeAsync()
    {
        await _hub.DisposeAsync();
        _dir.Dispose();
    }

    [Theory]
    [InlineData(null, null)]
    [InlineData("murat", "not-the-secret-at-all")]
    [InlineData("unknown-site", RunningHub.Secret)]
    [InlineData("murat", "")]
    public async Task Anonymous_wrong_password_and_unknown_sites_are_refused(string? user, string? password)
    {
        using var client = new MqttClientFactory().CreateMqttClient();

        var result = await client.ConnectAsync(TestGateway.Options(_hub.MqttPort, user, password));

        Assert.Equal(MqttClientConnectResultCode.BadUserNameOrPassword, result.ResultCode);
        Assert.False(client.IsConnected);
        Assert.DoesNotContain(_hub.Logs.Lines, l => l.Message.Contains(RunningHub.Secret, StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_gateway_cannot_publish_on_another_sites_topics()
    {
        await using var murat = await TestGateway.ConnectAsync(_hub.MqttPort, "murat");

        var journal = await murat.PublishAsync(MqttTopics.Journal("ydes"), Batches.Bytes("ydes", 1, 3));
        var ack = await murat.PublishAsync(MqttTopics.Ack("ydes"), Batches.Text("""{"site":"ydes","committedThrough":999}"""));
        var ownAck = await murat.PublishAsync(MqttTopics.Ack("murat"), Batches.Text("""{"site":"murat","committedThrough":999}"""));
        var hubState = await murat.PublishAsync(MqttTopics.HubState, Batches.Text("""{"online":false,"at":"2026-11-26T08:00:00Z"}"""));

        Assert.Equal(MqttClientPublishReasonCode.NotAuthorized, journal.ReasonCode);
        Assert.Equal(MqttClientPublishReasonCode.NotAuthorized, ack.ReasonCode);
        Assert.Equal(MqttClientPublishReasonCode.NotAuthorized, ownAck.ReasonCode);
        Assert.Equal(MqttClientPublishReasonCode.NotAuthorized, hubState.ReasonCode);
        Assert.Empty(StoreQueries.Sequences(_hub.StorePath, "ydes"));
        Assert.True(_hub.Logs.Contains(2024, "murat", MqttTopics.Journal("ydes")));
    }

    [Fact]
    public async Task A_gateway_may_subscribe_only_to_its_own_subtree_and_the_hub_state()
    {
        await using var murat = await TestGateway.ConnectAsync(_hub.MqttPort, "murat", subscribeAcks: false);

        var result = await murat.Client.SubscribeAsync(new MqttClientSubscribeOptionsBuilder()
            .WithTopicFilter(MqttTopics.Ack("ydes"), MqttQualityOfServiceLevel.AtLeastOnce)
            .WithTopicFilter(MqttTopics.SitesPrefix + "+/ack", MqttQualityOfServiceLevel.AtLeastOnce)
            .WithTopicFilter("cybercantal/#", MqttQualityOfServiceLevel.AtLeastOnce)
            .WithTopicFilter(MqttTopics.SitePrefix("murat") + "#", MqttQualityOfServiceLevel.AtLeastOnce)
            .WithTopicFilter(MqttTopics.HubState, MqttQualityOfServiceLevel.AtLeastOnce)
            .Build());

        var codes = result.Items.Select(i => i.ResultCode).ToList();
        Assert.Equal(
            [
                MqttClientSubscribeResultCode.NotAuthorized,
                MqttClientSubscribeResultCode.NotAuthorized,
                MqttClientSubscribeResultCode.NotAuthorized,
                MqttClientSubscribeResultCode.GrantedQoS1,
                MqttClientSubscribeResultCode.GrantedQoS1,
            ],
            codes);
    }

    [Fact]
    public async Task The_hub_state_is_retained_online_and_a_late_will_does_not_hide_a_newer_session()
    {
        await using var murat = await TestGateway.ConnectAsync(_hub.MqttPort, "murat", subscribeAcks: false);
        var hubState = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
        murat.Client.ApplicationMessageReceivedAsync += e =>
        {
            if (e.ApplicationMessage.Topic == MqttTopics.HubState)
            {
                hubState.TrySetResult(e.ApplicationMessage.ConvertPayloadToString());
            }

            return Task.CompletedTask;
        };
        await murat.Client.SubscribeAsync(MqttTopics.HubState, MqttQualityOfServiceLevel.AtLeastOnce);
        Assert.Contains("\"online\":true", await hubState.Task.WaitAsync(TestGateway.Timeout), StringComparison.Ordinal);

        await murat.PublishAsync(MqttTopics.Status("murat"), Batches.Text("""{"site":"murat","state":"online","session":7}"""));
        await murat.PublishAsync(MqttTopics.Status("murat"), Batches.Text("""{"site":"murat","state":"offline","session":6}"""));

        var site = _hub.Tracker.Find("murat")!;
        Assert.Equal(Cybercantal.Edge.Protocol.Sites.SiteState.Online, site.State);
        Assert.Equal(7, site.Session);
    }

    [Fact]
    public async Task A_gateways_will_marks_its_own_session_offline()
    {
        using var client = new MqttClientFactory().CreateMqttClient();
        var options = new MqttClientOptionsBuilder()
            .WithTcpServer("127.0.0.1", _hub.MqttPort)
            .WithProtocolVersion(MQTTnet.Formatter.MqttProtocolVersion.V500)
            .WithClientId("agent-murat")
            .WithCredentials("murat", RunningHub.Secret)
            .WithWillTopic(MqttTopics.Status("murat"))
            .WithWillPayload("""{"site":"murat","state":"offline","session":9}""")
            .WithWillRetain(true)
            .WithWillQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce)
            .Build();
        await client.ConnectAsync(options);
        await client.PublishAsync(new MqttApplicationMessageBuilder()
            .WithTopic(MqttTopics.Status("murat"))
            .WithPayload("""{"site":"murat","state":"online","session":9}""")
            .WithQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce)
            .WithRetainFlag()
            .Build());
        Assert.Equal(Cybercantal.Edge.Protocol.Sites.SiteState.Online, _hub.Tracker.Find("murat")!.State);

        await client.DisconnectAsync(new MqttClientDisconnectOptionsBuilder().WithReason(MqttClientDisconnectOptionsReason.DisconnectWithWillMessage).Build());

        var deadline = DateTime.UtcNow + TestGateway.Timeout;
        while (_hub.Tracker.Find("murat")!.State != Cybercantal.Edge.Protocol.Sites.SiteState.Offline && DateTime.UtcNow < deadline)
        {
            await Task.Yield();
        }

        Assert.True(_hub.Tracker.Find("murat")!.State == Cybercantal.Edge.Protocol.Sites.SiteState.Offline, string.Join("\n", _hub.Logs.Lines.Select(l => $"{l.EventId} {l.Message}")));
        Assert.Equal(9, _hub.Tracker.Find("murat")!.Session);
    }
}
