using System.Buffers;
using System.Net;
using System.Net.Sockets;
using Cybercantal.Edge.Hub.Credentials;
using Cybercantal.Edge.Hub.Hosting;
using Cybercantal.Edge.Hub.Ingest;
using Cybercantal.Edge.Hub.Sites;
using Cybercantal.Edge.Hub.Store;
using Cybercantal.Edge.Protocol.Mqtt;
using Cybercantal.Edge.Protocol.Sites;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using MQTTnet;
using MQTTnet.Protocol;
using MQTTnet.Server;

namespace Cybercantal.Edge.Hub.Mqtt;

/// <summary>
/// The hub's own MQTT broker (default mode). Journal batches are ingested INSIDE the publish interceptor,
/// before the broker answers PUBACK: a PUBACK with reason Success means the batch is committed. Journal
/// messages are never forwarded to other subscribers.
/// </summary>
public sealed class EmbeddedBroker : IHostedService, IDisposable
{
    /// <summary>Client id of the hub's own injected messages; no gateway may connect with it.</summary>
    public const string HubClientId = "$cybercantal-hub";

    private const string SiteItem = "cybercantal.site";

    private readonly HubMqttOptions _options;
    private readonly JournalIngestor _ingestor;
    private readonly SiteActivityTracker _tracker;
    private readonly SiteCredentialStore _credentials;
    private readonly HubOutbox _outbox;
    private readonly CredentialDistributor _distributor;
    private readonly SiteDescriptionIngest _descriptions;
    private readonly TimeProvider _time;
    private readonly ILogger<EmbeddedBroker> _logger;
    private readonly CancellationTokenSource _stopping = new();
    // The session each connected client announced as online: its disconnection ends that session (the
    // embedded broker does not pass Wills through the publish interceptor, so this is the hub's own Will).
    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, SiteStatus> _announced = new(StringComparer.Ordinal);
    private MqttServer? _server;
    private Task? _ackPump;
    private Task? _outboxPump;

    public EmbeddedBroker(
        IOptions<HubOptions> options,
        JournalIngestor ingestor,
        SiteActivityTracker tracker,
        SiteCredentialStore credentials,
        HubOutbox outbox,
        CredentialDistributor distributor,
        SiteDescriptionIngest descriptions,
        TimeProvider time,
        ILogger<EmbeddedBroker> logger)
    {
        _descriptions = descriptions;
        _outbox = outbox;
        _distributor = distributor;
        _options = options.Value.Mqtt;
        _ingestor = ingestor;
        _tracker = tracker;
        _credentials = credentials;
        _time = time;
        _logger = logger;
    }

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var address = IPAddress.Parse(_options.BindAddress);
        var builder = new MqttServerOptionsBuilder()
            .WithDefaultEndpoint()
            .WithDefaultEndpointPort(_options.Port)
            .WithPersistentSessions();
        builder = address.AddressFamily == AddressFamily.InterNetworkV6
            ? builder.WithDefaultEndpointBoundIPAddress(IPAddress.None).WithDefaultEndpointBoundIPV6Address(address)
            : builder.WithDefaultEndpointBoundIPAddress(address).WithDefaultEndpointBoundIPV6Address(IPAddress.None);

        _server = new MqttServerFactory().CreateMqttServer(builder.Build());
        _server.ValidatingConnectionAsync += OnValidatingConnectionAsync;
        _server.InterceptingPublishAsync += OnInterceptingPublishAsync;
        _server.InterceptingSubscriptionAsync += OnInterceptingSubscriptionAsync;
        _server.ClientDisconnectedAsync += OnClientDisconnectedAsync;
        await _server.StartAsync();
        MqttLog.EmbeddedStarted(_logger, _options.BindAddress, _options.Port);

        await PublishAsync(HubMessages.HubState(online: true, _time.GetUtcNow()));
        foreach (var (site, progress) in _ingestor.Progress)
        {
            // Retained messages do not survive a restart of this broker: re-announce where every site stands.
            await PublishAsync(HubMessages.Ack(new Protocol.Journal.JournalAck
            {
                Site = site,
                CommittedThrough = progress.CommittedThrough,
                ResendFrom = progress.HasGap ? progress.CommittedThrough + 1 : null,
            }));
        }

        _ackPump = PumpAcksAsync(_stopping.Token);
        _distributor.RepublishAll();
        _outboxPump = PumpOutboxAsync(_stopping.Token);
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        if (_server is null)
        {
            return;
        }

        await _stopping.CancelAsync();
        foreach (var pump in new[] { _ackPump, _outboxPump })
        {
            if (pump is not null)
            {
                await pump.WaitAsync(cancellationToken);
            }
        }

        await PublishAsync(HubMessages.HubState(online: false, _time.GetUtcNow()));
        await _server.StopAsync();
        MqttLog.EmbeddedStopped(_logger);
    }

    public void Dispose()
    {
        _server?.Dispose();
        _stopping.Dispose();
    }

    private async Task PumpAcksAsync(CancellationToken cancellationToken)
    {
        try
        {
            await foreach (var ack in _ingestor.Acks.ReadAllAsync(cancellationToken))
            {
                await PublishAsync(HubMessages.Ack(ack));
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
                await PublishAsync(message);
            }
        }
        catch (OperationCanceledException)
        {
        }
    }

    private async Task PublishAsync(MqttApplicationMessage message)
    {
        try
        {
            await _server!.InjectApplicationMessage(new InjectedMqttApplicationMessage(message) { SenderClientId = HubClientId });
        }
        catch (Exception exception)
        {
            MqttLog.PublishFailed(_logger, message.Topic, exception);
        }
    }

    private Task OnValidatingConnectionAsync(ValidatingConnectionEventArgs e)
    {
        var user = e.UserName ?? string.Empty;
        string? refusal = null;
        if (string.IsNullOrEmpty(user))
        {
            refusal = "anonymous";
        }
        else if (!SiteIds.IsValid(user))
        {
            refusal = "the user name is not a site id";
        }
        else if (string.Equals(e.ClientId, HubClientId, StringComparison.Ordinal))
        {
            refusal = "reserved client id";
        }
        else if (!_credentials.Verify(user, e.RawPassword))
        {
            refusal = "wrong or unknown credentials";
        }

        if (refusal is not null)
        {
            e.ReasonCode = refusal == "reserved client id" ? MqttConnectReasonCode.ClientIdentifierNotValid : MqttConnectReasonCode.BadUserNameOrPassword;
            MqttLog.ConnectionRefused(_logger, user, e.ClientId ?? string.Empty, e.RemoteEndPoint?.ToString() ?? "?", refusal);
            return Task.CompletedTask;
        }

        e.SessionItems[SiteItem] = user;
        if (string.IsNullOrEmpty(e.ClientId))
        {
            // MQTT 5 lets a client ask the broker for an id; MQTTnet wants one assigned explicitly.
            e.AssignedClientIdentifier = user + "-" + Guid.NewGuid().ToString("N")[..8];
        }

        MqttLog.GatewayConnected(_logger, user, e.ClientId ?? string.Empty);
        return Task.CompletedTask;
    }

    private async Task OnInterceptingPublishAsync(InterceptingPublishEventArgs e)
    {
        var topic = e.ApplicationMessage.Topic;
        if (e.SessionItems[SiteItem] is not string site)
        {
            // Only the hub's own injected messages come without a site; anything else is refused (fail closed).
            if (!string.Equals(e.ClientId, HubClientId, StringComparison.Ordinal))
            {
                Deny(e, "?", topic);
            }

            return;
        }

        if (!GatewayAcl.MayPublish(site, topic))
        {
            Deny(e, site, topic);
            return;
        }

        if (topic.EndsWith("/" + MqttTopics.JournalLeaf, StringComparison.Ordinal))
        {
            e.ProcessPublish = false;
            var outcome = await _ingestor.IngestAsync(site, e.ApplicationMessage.Payload, e.CancellationToken);
            switch (outcome.Status)
            {
                case IngestStatus.Committed:
                    e.Response.ReasonCode = MqttPubAckReasonCode.Success;
                    break;
                case IngestStatus.Refused:
                    e.Response.ReasonCode = MqttPubAckReasonCode.PayloadFormatInvalid;
                    e.Response.ReasonString = outcome.Error;
                    break;
                default:
                    // No PUBACK: the connection closes and the agent sends the batch again.
                    MqttLog.IngestFailed(_logger, site, outcome.Error ?? "unknown");
                    e.CloseConnection = true;
                    break;
            }

            return;
        }

        var payload = e.ApplicationMessage.Payload;
        var bytes = payload.IsSingleSegment ? payload.FirstSpan : payload.ToArray();
        if (topic.EndsWith("/" + MqttTopics.DescriptionLeaf, StringComparison.Ordinal))
        {
            // Checked against the authenticated site; a refused one is not retained, the stored one stays.
            if (!_descriptions.Accept(site, bytes, out var refused))
            {
                e.ProcessPublish = false;
                e.Response.ReasonCode = MqttPubAckReasonCode.PayloadFormatInvalid;
                e.Response.ReasonString = refused;
            }

            return;
        }

        if (topic.EndsWith("/" + MqttTopics.CredentialsVersionLeaf, StringComparison.Ordinal))
        {
            // Kept retained for whoever watches the site; the hub answers a stale or resync report with a snapshot.
            _distributor.OnVersionReport(site, bytes);
            return;
        }

        if (!HubMessages.TryReadStatus(bytes, site, out var status, out var error))
        {
            MqttLog.StatusRefused(_logger, site, error!);
            e.ProcessPublish = false;
            e.Response.ReasonCode = MqttPubAckReasonCode.PayloadFormatInvalid;
            e.Response.ReasonString = error;
            return;
        }

        if (status!.State == SiteState.Online)
        {
            _announced[e.ClientId] = status;
        }

        ApplyStatus(status);
    }

    private Task OnClientDisconnectedAsync(ClientDisconnectedEventArgs e)
    {
        if (_announced.TryRemove(e.ClientId, out var online))
        {
            ApplyStatus(online with { State = SiteState.Offline });
        }

        return Task.CompletedTask;
    }

    private void ApplyStatus(SiteStatus status)
    {
        if (_tracker.Status(status))
        {
            MqttLog.SiteStatusChanged(_logger, status.Site, status.State == SiteState.Online ? "online" : "offline", status.Session);
        }
    }

    private Task OnInterceptingSubscriptionAsync(InterceptingSubscriptionEventArgs e)
    {
        var filter = e.TopicFilter.Topic;
        if (e.SessionItems[SiteItem] is string site && GatewayAcl.MaySubscribe(site, filter))
        {
            return Task.CompletedTask;
        }

        MqttLog.SubscribeDenied(_logger, e.SessionItems[SiteItem] as string ?? "?", e.ClientId, filter);
        e.ProcessSubscription = false;
        e.Response.ReasonCode = MqttSubscribeReasonCode.NotAuthorized;
        return Task.CompletedTask;
    }

    private void Deny(InterceptingPublishEventArgs e, string site, string topic)
    {
        MqttLog.PublishDenied(_logger, site, e.ClientId, topic);
        e.ProcessPublish = false;
        e.Response.ReasonCode = MqttPubAckReasonCode.NotAuthorized;
    }
}
