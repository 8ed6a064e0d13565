using Cybercantal.Edge.Agent.Access;
using Cybercantal.Edge.Agent.Journal;
using Cybercantal.Edge.Agent.Sites;
using Cybercantal.Edge.Agent.Sync;
using Cybercantal.Edge.Protocol.Journal;
using Cybercantal.Edge.Protocol.Mqtt;
using Cybercantal.Edge.Sync.Tests.Support;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;

namespace Cybercantal.Edge.Sync.Tests.Unit;

public sealed class SyncPartsTests : IDisposable
{
    private readonly TempDirectory _dir = new();

    [Fact]
    public void Default_options_are_valid_and_bad_ones_are_named()
    {
        var validator = new HubSyncOptionsValidator();
        Assert.True(validator.Validate(null, new HubSyncOptions()).Succeeded);
        var result = validator.Validate(null, new HubSyncOptions
        {
            BatchRecords = ProtocolLimits.MaxBatchRecords + 1,
            AckTimeout = TimeSpan.Zero,
            ReconnectMinDelay = TimeSpan.FromSeconds(10),
            ReconnectMaxDelay = TimeSpan.FromSeconds(1),
        });
        Assert.True(result.Failed);
        Assert.Contains("Sync:BatchRecords", result.FailureMessage, StringComparison.Ordinal);
        Assert.Contains("Sync:AckTimeout", result.FailureMessage, StringComparison.Ordinal);
        Assert.Contains("Sync:ReconnectMaxDelay", result.FailureMessage, StringComparison.Ordinal);
    }

    [Fact]
    public void The_backlog_bucket_paces_bytes_to_the_configured_rate()
    {
        var time = new FakeTimeProvider();
        var limiter = new BacklogBandwidthLimiter(125_000, time);
        Assert.Equal(TimeSpan.Zero, limiter.DelayFor(100_000));
        limiter.Consume(100_000);
        limiter.Consume(100_000);

        // 75,000 bytes of debt, then 100,000 more needed: 175,000 / 125,000 = 1.4 s.
        Assert.Equal(1.4, limiter.DelayFor(100_000).TotalSeconds, 3);
        time.Advance(TimeSpan.FromSeconds(1.4));
        Assert.Equal(TimeSpan.Zero, limiter.DelayFor(100_000));

        // An idle line does not bank more than one second of budget.
        time.Advance(TimeSpan.FromMinutes(5));
        limiter.Consume(125_000);
        Assert.True(limiter.DelayFor(125_000) > TimeSpan.FromSeconds(0.9));
    }

    [Fact]
    public void Batches_stay_within_the_protocol_limits_and_pass_the_hubs_check()
    {
        var longText = new string('x', 1000);
        var records = Enumerable.Range(1, 1000).Select(i => new JournalRecord(i, JournalRecordKind.AccessDecision, DateTimeOffset.UnixEpoch.AddDays(20_000), i)
        {
            DoorId = longText,
            Detail = longText,
            Granted = false,
            Reason = DenyReason.OutOfHours,
        }).ToList();

        var (payload, count) = JournalBatchBuilder.Build("unit", records, head: 1000, timestampFrequency: 1000);

        Assert.True(payload.Length <= ProtocolLimits.MaxBatchBytes);
        Assert.True(count < records.Count);
        Assert.True(JournalBatchValidation.TryRead(new System.Buffers.ReadOnlySequence<byte>(payload), "unit", out var batch, out var error), error);
        Assert.Equal(count, batch!.Records.Count);
        Assert.Equal(ProtocolLimits.MaxFieldLength, batch.Records[0].Door!.Length);
        Assert.Equal("OutOfHours", batch.Records[0].Reason);
        Assert.Null(batch.Records[0].Basis);
    }

    [Fact]
    public void The_state_file_keeps_the_session_and_the_ack_across_restarts()
    {
        var path = _dir.File("sync-state");
        var state = new SyncStateFile(path);
        Assert.Equal(1, state.NextSession());
        Assert.Equal(2, state.NextSession());
        state.SetAcked(1234);

        var reopened = new SyncStateFile(path);
        Assert.Equal(2, reopened.Session);
        Assert.Equal(1234, reopened.Acked);
        Assert.Equal(3, reopened.NextSession());
    }

    [Fact]
    public async Task A_missing_credential_file_is_named_in_the_log_and_the_link_keeps_trying()
    {
        var logs = new LogCollector();
        using var factory = LoggerFactory.Create(b => b.AddProvider(logs));
        var missing = _dir.File("no-such-password");
        var hub = new HubConnectionConfiguration { Broker = new Uri("mqtt://127.0.0.1:1"), Tls = false, CredentialFile = missing };
        var options = SyncGateway.TestOptions();
        await using var connection = new HubConnection("unit", hub, options, new SyncStateFile(_dir.File("state")), [], TimeProvider.System, factory.CreateLogger<HubConnection>());
        connection.Start();
        await Waiting.UntilAsync(() => logs.Lines.Count(l => l.EventId == 2204) >= 2, TimeSpan.FromSeconds(10), () => "no repeated credential-file error");
        Assert.True(logs.Contains(2204, missing));
        Assert.False(connection.IsConnected);
    }

    public void Dispose() => _dir.Dispose();
}
