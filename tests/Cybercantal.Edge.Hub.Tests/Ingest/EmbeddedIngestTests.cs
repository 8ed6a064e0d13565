using Cybercantal.Edge.Hub.Tests.Support;
using MQTTnet;

namespace Cybercantal.Edge.Hub.Tests.Ingest;

/// <summary>Journal batches through the embedded broker, with a real MQTT client as the gateway.</summary>
public sealed class EmbeddedIngestTests : IAsyncLifetime
{
    private readonly TempDirectory _dir = new();
    private RunningHub _hub = null!;

    public async Task InitializeAsync() => _hub = await RunningHub.StartAsync(_dir.File("hub.db"), sites: ["murat", "allanche"]);

    public async Task DisposeAsync()
    {
        await _hub.DisposeAsync();
        _dir.Dispose();
    }

    [Fact]
    public async Task A_batch_is_committed_before_its_puback_and_acked_on_the_ack_topic()
    {
        await using var gateway = await TestGateway.ConnectAsync(_hub.MqttPort, "murat");

        var result = await gateway.PublishJournalAsync(Batches.Bytes("murat", 1, 25));

        Assert.Equal(MqttClientPublishReasonCode.Success, result.ReasonCode);
        // The PUBACK came after the commit: the rows are there without waiting.
        Assert.Equal(Enumerable.Range(1, 25).Select(i => (long)i), StoreQueries.Sequences(_hub.StorePath, "murat"));
        var ack = await gateway.WaitForAckAsync(a => a.CommittedThrough == 25);
        Assert.Equal("murat", ack.Site);
        Assert.Null(ack.ResendFrom);
    }

    [Fact]
    public async Task Duplicated_and_reordered_batches_are_stored_once_in_order_and_the_ack_is_the_contiguous_prefix()
    {
        await using var gateway = await TestGateway.ConnectAsync(_hub.MqttPort, "murat");

        await gateway.PublishJournalAsync(Batches.Bytes("murat", 1, 10));
        await gateway.PublishJournalAsync(Batches.Bytes("murat", 1, 10));
        await gateway.PublishJournalAsync(Batches.Bytes("murat", 21, 10));
        var afterHole = await gateway.WaitForAckAsync(a => a.ResendFrom is not null);
        Assert.Equal(10, afterHole.CommittedThrough);
        Assert.Equal(11, afterHole.ResendFrom);

        await gateway.PublishJournalAsync(Batches.Bytes("murat", 11, 10));
        await gateway.PublishJournalAsync(Batches.Bytes("murat", 5, 20)); // overlaps everything already stored

        var final = await gateway.WaitForAckAsync(a => a.CommittedThrough == 30);
        Assert.Null(final.ResendFrom);
        Assert.Equal(Enumerable.Range(1, 30).Select(i => (long)i), StoreQueries.Sequences(_hub.StorePath, "murat"));
        Assert.All(gateway.Acks, a => Assert.True(a.CommittedThrough <= 30));
        var committed = gateway.Acks.Select(a => a.CommittedThrough).ToList();
        Assert.Equal(committed.Order(), committed); // acks never go backwards
    }

    [Fact]
    public async Task A_gap_is_stored_and_answered_with_resend_from()
    {
        await using var gateway = await TestGateway.ConnectAsync(_hub.MqttPort, "allanche");

        await gateway.PublishJournalAsync(Batches.Bytes("allanche", 1, 5));
        var result = await gateway.PublishJournalAsync(Batches.Bytes("allanche", 9, 3));

        Assert.Equal(MqttClientPublishReasonCode.Success, result.ReasonCode);
        var ack = await gateway.WaitForAckAsync(a => a.ResendFrom is not null);
        Assert.Equal(5, ack.CommittedThrough);
        Assert.Equal(6, ack.ResendFrom);
        Assert.Equal([1, 2, 3, 4, 5, 9, 10, 11], StoreQueries.Sequences(_hub.StorePath, "allanche"));
        var status = _hub.Tracker.Find("allanche")!;
        Assert.Equal(5, status.CommittedThrough);
        Assert.Equal(6, status.Lag);
    }

    [Theory]
    [InlineData("not json at all", "malformed JSON")]
    [InlineData("""{"schema":2,"site":"murat","records":[{"seq":1,"kind":1,"at":"2026-11-26T08:00:00Z","mono":1}]}""", "unknown schema version 2")]
    [InlineData("""{"schema":1,"site":"allanche","records":[{"seq":1,"kind":1,"at":"2026-11-26T08:00:00Z","mono":1}]}""", "differs from site 'murat'")]
    [InlineData("""{"schema":1,"site":"murat","records":[{"seq":2,"kind":1,"at":"2026-11-26T08:00:00Z","mono":1},{"seq":2,"kind":1,"at":"2026-11-26T08:00:01Z","mono":2}]}""", "strictly increase")]
    [InlineData("""{"schema":1,"site":"murat","records":[{"seq":1,"kind":1,"at":"2026-11-26T09:00:00+01:00","mono":1}]}""", "must be UTC")]
    [InlineData("""{"schema":1,"site":"murat","records":[]}""", "no records")]
    public async Task A_malformed_batch_is_refused_logged_and_not_stored_while_another_site_goes_in(string payload, string reason)
    {
        await using var murat = await TestGateway.ConnectAsync(_hub.MqttPort, "murat");
        await using var allanche = await TestGateway.ConnectAsync(_hub.MqttPort, "allanche");

        var refused = await murat.PublishJournalAsync(Batches.Text(payload));
        var accepted = await allanche.PublishJournalAsync(Batches.Bytes("allanche", 1, 3));

        Assert.Equal(MqttClientPublishReasonCode.PayloadFormatInvalid, refused.ReasonCode);
        Assert.Contains(reason, refused.ReasonString, StringComparison.Ordinal);
        Assert.Equal(MqttClientPublishReasonCode.Success, accepted.ReasonCode);
        Assert.Empty(StoreQueries.Sequences(_hub.StorePath, "murat"));
        Assert.Equal([1, 2, 3], StoreQueries.Sequences(_hub.StorePath, "allanche"));
        Assert.True(_hub.Logs.Contains(2060, "murat", reason));
        Assert.True(murat.Client.IsConnected);
    }

    [Fact]
    public async Task Oversized_batches_are_refused()
    {
        await using var gateway = await TestGateway.ConnectAsync(_hub.MqttPort, "murat");

        var tooMany = await gateway.PublishJournalAsync(Batches.Bytes("murat", 1, 1001));
        var tooBig = await gateway.PublishJournalAsync(new byte[300 * 1024]);

        Assert.Equal(MqttClientPublishReasonCode.PayloadFormatInvalid, tooMany.ReasonCode);
        Assert.Contains("1001 records", tooMany.ReasonString, StringComparison.Ordinal);
        Assert.Equal(MqttClientPublishReasonCode.PayloadFormatInvalid, tooBig.ReasonCode);
        Assert.Contains("oversized", tooBig.ReasonString, StringComparison.Ordinal);
        Assert.Empty(StoreQueries.Sequences(_hub.StorePath, "murat"));
    }

    [Fact]
    public async Task The_sites_status_endpoint_reports_lag_and_last_seen()
    {
        await using var gateway = await TestGateway.ConnectAsync(_hub.MqttPort, "murat");
        var batch = Batches.Make("murat", 1, 10) with { Head = 40 };
        await gateway.PublishJournalAsync(Batches.Bytes(batch));

        using var http = new HttpClient { BaseAddress = _hub.HttpAddress };
        var json = await http.GetStringAsync(new Uri("/api/sites/status", UriKind.Relative));

        using var document = System.Text.Json.JsonDocument.Parse(json);
        var murat = document.RootElement.EnumerateArray().Single(e => e.GetProperty("site").GetString() == "murat");
        Assert.Equal(10, murat.GetProperty("committedThrough").GetInt64());
        Assert.Equal(30, murat.GetProperty("lag").GetInt64());
        Assert.Equal(System.Text.Json.JsonValueKind.String, murat.GetProperty("lastSeen").ValueKind);
    }
}
