using System.Text.Json;
using Cybercantal.Edge.Hub.Mqtt;
using Cybercantal.Edge.Hub.Sites;
using Cybercantal.Edge.Hub.Tests.Sites;
using Cybercantal.Edge.Protocol.Serialization;
using Cybercantal.Edge.Hub.Tests.Support;
using Cybercantal.Edge.Protocol.Mqtt;
using Microsoft.Extensions.DependencyInjection;
using MQTTnet;

namespace Cybercantal.Edge.Hub.Tests.Mqtt;

/// <summary>The hub in external mode, as a client of a real mosquitto.</summary>
public sealed class ExternalBrokerTests : IClassFixture<MosquittoBroker>, IAsyncLifetime
{
    private readonly MosquittoBroker _broker;
    private readonly TempDirectory _dir = new();
    private RunningHub _hub = null!;

    public ExternalBrokerTests(MosquittoBroker broker) => _broker = broker;

    public async Task InitializeAsync()
    {
        _hub = await RunningHub.StartAsync(_dir.File("hub.db"), settings: new Dictionary<string, string?>
        {
            ["Hub:Mqtt:Mode"] = "External",
            ["Hub:Mqtt:ExternalUri"] = _broker.Uri,
            ["Hub:Mqtt:ExternalPasswordFile"] = _broker.HubPasswordFile,
            ["Hub:Mqtt:ExternalClientId"] = "hub-" + Guid.NewGuid().ToString("N")[..8],
        });
        await _hub.Services.GetRequiredService<ExternalBrokerBridge>().Connected.WaitAsync(TestGateway.Timeout);
    }

    public async Task DisposeAsync()
    {
        await _hub.DisposeAsync();
        _dir.Dispose();
    }

    [Fact]
    public async Task Batches_through_mosquitto_are_stored_once_in_order_and_acked_after_the_commit()
    {
        await using var gateway = await TestGateway.ConnectAsync(_broker.Port, "murat", MosquittoBroker.GatewayPassword);

        await gateway.PublishJournalAsync(Batches.Bytes("murat", 1, 10));
        await gateway.PublishJournalAsync(Batches.Bytes("murat", 1, 10));
        await gateway.PublishJournalAsync(Batches.Bytes("murat", 21, 10));
        var gap = await gateway.WaitForAckAsync(a => a.ResendFrom is not null);
        await gateway.PublishJournalAsync(Batches.Bytes("murat", 11, 10));

        var ack = await gateway.WaitForAckAsync(a => a.CommittedThrough == 30);
        Assert.Equal(10, gap.CommittedThrough);
        Assert.Equal(11, gap.ResendFrom);
        Assert.Null(ack.ResendFrom);
        Assert.Equal(Enumerable.Range(1, 30).Select(i => (long)i), StoreQueries.Sequences(_hub.StorePath, "murat"));
    }

    [Fact]
    public async Task A_malformed_batch_through_mosquitto_is_refused_and_another_site_still_goes_in()
    {
        await using var murat = await TestGateway.ConnectAsync(_broker.Port, "murat", MosquittoBroker.GatewayPassword);
        await using var ydes = await TestGateway.ConnectAsync(_broker.Port, "ydes", MosquittoBroker.GatewayPassword);

        await murat.PublishJournalAsync(Batches.Bytes("ydes", 1, 3)); // site mismatch
        await ydes.PublishJournalAsync(Batches.Bytes("ydes", 1, 3));

        await ydes.WaitForAckAsync(a => a.CommittedThrough == 3);
        Assert.Empty(StoreQueries.Sequences(_hub.StorePath, "murat"));
        Assert.True(_hub.Logs.Contains(2060, "murat", "differs"));
    }

    [Fact]
    public async Task Mosquitto_refuses_a_wrong_password_and_drops_a_publish_on_another_sites_topic()
    {
        using var intruder = new MqttClientFactory().CreateMqttClient();
        var refused = await intruder.ConnectAsync(TestGateway.Options(_broker.Port, "murat", "wrong-password-here"));
        Assert.NotEqual(MqttClientConnectResultCode.Success, refused.ResultCode);

        await using var murat = await TestGateway.ConnectAsync(_broker.Port, "murat", MosquittoBroker.GatewayPassword);
        await using var ydes = await TestGateway.ConnectAsync(_broker.Port, "ydes", MosquittoBroker.GatewayPassword);
        await murat.PublishAsync(MqttTopics.Journal("ydes"), Batches.Bytes("ydes", 1, 3));
        await ydes.PublishJournalAsync(Batches.Bytes("ydes", 4, 1));

        // The hub has seen ydes's own batch (a gap, since 1-3 never arrived): murat's forgery was dropped.
        var ack = await ydes.WaitForAckAsync(a => a.ResendFrom is not null);
        Assert.Equal(0, ack.CommittedThrough);
        Assert.Equal([4], StoreQueries.Sequences(_hub.StorePath, "ydes"));
    }

    [Fact]
    public async Task Site_descriptions_through_mosquitto_are_stored_and_a_forged_one_for_another_site_is_dropped()
    {
        await using var murat = await TestGateway.ConnectAsync(_broker.Port, "murat", MosquittoBroker.GatewayPassword);
        await using var ydes = await TestGateway.ConnectAsync(_broker.Port, "ydes", MosquittoBroker.GatewayPassword);
        var store = _hub.Services.GetRequiredService<SiteDescriptionStore>();

        await ydes.PublishAsync(MqttTopics.Description("ydes"), Json(SiteDescriptionTests.Valid("ydes")));
        await murat.PublishAsync(MqttTopics.Description("ydes"), Json(SiteDescriptionTests.Valid("ydes") with { Name = "forged by murat" }));
        await murat.PublishAsync(MqttTopics.Description("murat"), Json(SiteDescriptionTests.Valid("murat")));

        var deadline = DateTime.UtcNow + TestGateway.Timeout;
        while (store.Find("murat") is null || store.Find("ydes") is null)
        {
            Assert.True(DateTime.UtcNow < deadline, "descriptions not stored through mosquitto");
            await Task.Delay(20);
        }

        Assert.Equal("Cybercantal ydes", store.Find("ydes")!.Description.Name);
    }

    private static byte[] Json(Cybercantal.Edge.Protocol.Sites.SiteDescription description) =>
        JsonSerializer.SerializeToUtf8Bytes(description, ProtocolJsonContext.Default.SiteDescription);
}
