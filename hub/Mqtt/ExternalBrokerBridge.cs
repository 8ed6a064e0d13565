using System.Buffers;
using Cybercantal.Edge.Hub.Credentials;
using Cybercantal.Edge.Hub.Hosting;
using Cybercantal.Edge.Hub.Ingest;
using Cybercantal.Edge.Hub.Sites;
using Cybercantal.Edge.Protocol.Journal;
using Cybercantal.Edge.Protocol.Mqtt;
using Cybercantal.Edge.Protocol.Sites;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using MQTTnet;
using MQTTnet.Formatter;
using MQTTnet.Protocol;

namespace Cybercantal.Edge.Hub.Mqtt;

/// <summary>
/// External broker mode (mosquitto): the hub is a client with a persistent session, subscribed to every
/// site's journal at QoS 1 with manual acknowledgement. A journal message is acknowledged to the broker
/// only once committed, and the ack to the agent is published only after the commit, so a hub crash
/// before the commit leaves the message with the broker, which delivers it again.
/// </summary>
public sealed class ExternalBrokerBridge : IHostedService, IDisposable
{
    private static readonly TimeSpan ReconnectDelay = TimeSpan.FromSeconds(2);

    private readonly HubMqttOptions _options;
    private readonly JournalIngestor _ingestor;
    private readonly SiteActivityTracker _tracker;
    private readonly HubOutbox _outbox;
    private readonly CredentialDistributor _distributor;
    private readonly SiteDescriptionIngest _descriptions;
    private readonly TimeProvider _time;
    private readonly ILogger<ExternalBrokerBridge> _logger;
    private readonly CancellationTokenSource _stopping = new();
    private readonly IMqttClient _client;
    private readonly Uri _broker;
    private Task? _connectLoop;
    private readonly TaskCompletionSource _connected = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private Task? _ackPump;
    private Task? _outboxPump;

    public ExternalBrokerBridge(
        IOptions<HubOptions> options,
        JournalIngestor ingestor,
        SiteActivityTracker tracker,
        HubOutbox outbox,
        CredentialDistributor distributor,
        SiteDescriptionIngest descriptions,
        TimeProvider time,
        ILogger<ExternalBrokerBridge> logger)
    {
        _descriptions = descriptions;
        _outbox = outbox;
        _distributor = distributor;
        _options = options.Value.Mqtt;
        _ingestor = ingestor;
        _tracker = tracker;
        _time = time;
        _logger = logger;
        _broker = new Uri(_options.ExternalUri!);
        _client = new MqttClientFactory().CreateMqttClient();
        _client.ApplicationMessageReceivedAsync += OnMessageAsync;
    }

    /// <summary>Completes once the first connection and subscriptions are in place.</summary>
    public Task Connected => _connected.Task;

    public Task StartAsync(CancellationToken cancellationToken)
    {
        _connectLoop = KeepConnectedAsync(_stopping.Token);
        _ackPump = PumpAcksAsync(_stopping.Token);
        _outboxPump = PumpOutboxAsync(_stopping.Token);
        return Task.CompletedTask;
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        await _stopping.CancelAsync();
        foreach (var task in new[] { _connectLoop, _ackPump, _outboxPump })
        {
            if (task is not null)
            {
                await task.WaitAsync(cancellationToken);
            }
        }

        if (_client.IsConnected)
        {
            await PublishAsync(HubMessages.HubState(online: false, _time.GetUtcNow()), cancellationToken);
            await _client.DisconnectAsync(new MqttClientDisconnectOptionsBuilder().WithReason(MqttClientDisconnectOptionsReason.NormalDisconnection).Build(), cancellationToken);
        }
    }

    public void Dispose()
    {
        _client.Dispose();
        _stopping.Dispose();
    }

    private MqttClientOptions BuildOptions()
    {
        var password = File.ReadLines(_options.ExternalPasswordFile!).FirstOrDefault()?.Trim() ?? string.Empty;
        return new MqttClientOptionsBuilder()
            .WithTcpServer(_broker.Host, _broker.Port)
            .WithProtocolVersion(MqttProtocolVersion.V500)
            .WithClientId(_options.ExternalClientId)
            .WithCredentials(_options.ExternalUsername, password)
            .WithCleanStart(false)
            .WithSessionExpiryInterval(uint.MaxValue)
            .WithKeepAlivePeriod(TimeSpan.FromSeconds(30))
            .WithWillTopic(MqttTopics.HubState)
            .WithWillPayload(HubMessages.HubStatePayload(online: false, _time.GetUtcNow()))
            .WithWillRetain(true)
            .WithWillQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce)
            .Build();
    }

    private async Task KeepConnectedAsync(CancellationToken cancellationToken)
    {
        while (!cancellationToken.IsCancellationRequested)
        {
            try
            {
                if (!_client.IsConnected)
                {
                    var result = await _client.ConnectAsync(BuildOptions(), cancellationToken);
                    MqttLog.ExternalConnected(_logger, _options.ExternalUri!, _options.ExternalUsername, result.IsSessionPresent);
                    await _client.SubscribeAsync(
                        new MqttClientSubscribeOptionsBuilder()
                            .WithTopicFilter(MqttTopics.AllJournals, MqttQualityOfServiceLevel.AtLeastOnce)
                            .WithTopicFilter(MqttTopics.AllStatuses, MqttQualityOfServiceLevel.AtLeastOnce)
                            .WithTopicFilter(MqttTopics.AllCredentialsVersions, MqttQualityOfServiceLevel.AtLeastOnce)
                            .WithTopicFilter(MqttTopics.AllDescriptions, MqttQualityOfServiceLevel.AtLeastOnce)
                            .Build(),
                        cancellationToken);
                    await PublishAsync(HubMessages.HubState(online: true, _time.GetUtcNow()), cancellationToken);
                    foreach (var (site, progress) in _ingestor.Progress)
                    {
                        await PublishAsync(HubMessages.Ack(new JournalAck
                        {
                            Site = site,
                            CommittedThrough = progress.CommittedThrough,
                            ResendFrom = progress.HasGap ? progress.CommittedThrough + 1 : null,
                        }), cancellationToken);
                    }

                    _distributor.RepublishAll();
                    _connected.TrySetResult();
                }

                await Task.Delay(ReconnectDelay, _time, cancellationToken);
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception exception)
            {
                MqttLog.ExternalConnectFailed(_logger, _options.ExternalUri!, ReconnectDelay, exception);
                try
                {
                    await Task.Delay(ReconnectDelay, _time, cancellationToken);
                }
                catch (OperationCanceledException)
                {
                    return;
                }
            }
        }
    }

    private async Task PumpAcksAsync(CancellationToken cancellationToken)
    {
        try
        {
            await foreach (var ack in _ingestor.Acks.ReadAllAsync(cancellationToken))
            {
                // While disconnected an ack is dropped: the agent's resend timer brings a fresh one.
                if (_client.IsConnected)
                {
                    await PublishAsync(HubMessages.Ack(ack), cancellationToken);
                }
            }
        }
        catch (OperationCanceledException)
        {
        }
    }

    private async Task PumpOutboxAsync(CancellationToken cancellationToken)
    {
        try
        {
            await foreach (var message in _outbox.ReadAllAsync(cancellationToken))
            {
                // QoS 1 to the broker: while disconnected, wait for the link rather than drop a credential change.
                while (!_client.IsConnected)
                {
                    await Task.Delay(TimeSpan.FromMilliseconds(200), _time, cancellationToken);
                }

                await PublishAsync(message, cancellationToken);
            }
        }
        catch (OperationCanceledException)
        {
        }
    }

    private async Task PublishAsync(MqttApplicationMessage message, CancellationToken cancellationToken)
    {
        try
        {
            await _client.PublishAsync(message, cancellationToken);
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            MqttLog.PublishFailed(_logger, message.Topic, exception);
        }
    }

    private Task OnMessageAsync(MqttApplicationMessageReceivedEventArgs e)
    {
        var topic = e.ApplicationMessage.Topic;
        if (!MqttTopics.TryParseSiteTopic(topic, out var site, out var leaf))
        {
            MqttLog.UnexpectedTopic(_logger, topic);
            return Task.CompletedTask;
        }

        if (leaf == MqttTopics.StatusLeaf)
        {
            var payload = e.ApplicationMessage.Payload;
            var bytes = payload.IsSingleSegment ? payload.FirstSpan : payload.ToArray();
            if (!HubMessages.TryReadStatus(bytes, site, out var status, out var error))
            {
                MqttLog.StatusRefused(_logger, site, error!);
            }
            else if (_tracker.Status(status!))
            {
                MqttLog.SiteStatusChanged(_logger, site, status!.State == SiteState.Online ? "online" : "offline", status.Session);
            }

            return Task.CompletedTask;
        }

        if (leaf == MqttTopics.CredentialsVersionLeaf)
        {
            var payload = e.ApplicationMessage.Payload;
            _distributor.OnVersionReport(site, payload.IsSingleSegment ? payload.FirstSpan : payload.ToArray());
            return Task.CompletedTask;
        }

        if (leaf == MqttTopics.DescriptionLeaf)
        {
            // The broker's ACL (pattern cybercantal/v1/sites/%u/#) already tied the topic to the publisher.
            var payload = e.ApplicationMessage.Payload;
            _descriptions.Accept(site, payload.IsSingleSegment ? payload.FirstSpan : payload.ToArray(), out _);
            return Task.CompletedTask;
        }

        if (leaf != MqttTopics.JournalLeaf)
        {
            MqttLog.UnexpectedTopic(_logger, topic);
            return Task.CompletedTask;
        }

        // Parsing and queueing happen inside IngestAsync before it yields, so arrival order is kept while
        // this handler returns at once and the next message is read (acknowledgement follows the commit).
        e.AutoAcknowledge = false;
        var ingest = _ingestor.IngestAsync(site, e.ApplicationMessage.Payload, _stopping.Token);
        _ = AcknowledgeWhenStoredAsync(e, site, ingest);
        return Task.CompletedTask;
    }

    private async Task AcknowledgeWhenStoredAsync(MqttApplicationMessageReceivedEventArgs e, string site, Task<IngestOutcome> ingest)
    {
        try
        {
            var outcome = await ingest;
            if (outcome.Status == IngestStatus.Failed)
            {
                MqttLog.IngestFailed(_logger, site, outcome.Error ?? "unknown");
                return;
            }

            // Refused batches are acknowledged too: delivering them again would be refused again.
            await e.AcknowledgeAsync(_stopping.Token);
        }
        catch (Exception exception) when (exception is OperationCanceledException or MQTTnet.Exceptions.MqttCommunicationException)
        {
            MqttLog.IngestFailed(_logger, site, exception.Message);
        }
    }
}
