using System.Buffers;
using System.Text;
using System.Text.Json;
using System.Threading.Channels;
using Cybercantal.Edge.Agent.Sites;
using Cybercantal.Edge.Protocol.Journal;
using Cybercantal.Edge.Protocol.Mqtt;
using Cybercantal.Edge.Protocol.Serialization;
using Cybercantal.Edge.Protocol.Sites;
using SiteStatus = Cybercantal.Edge.Protocol.Sites.SiteStatus;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using MQTTnet;
using MQTTnet.Formatter;
using MQTTnet.Protocol;

namespace Cybercantal.Edge.Agent.Sync;

/// <summary>
/// The gateway's single MQTT session with the hub's broker. Connects as user = site id with the secret
/// read from the site's credential file (at every attempt, so fixing the file needs no restart), with a
/// stable client id and a persistent session (CleanStart=false), keeps it alive, and reconnects with
/// exponential backoff and jitter. At every connection it takes a new session number, announces
/// <c>online</c> (retained) and leaves <c>offline</c> with the same number as its Will, then publishes the
/// site description (retained, when given). It subscribes to
/// the site's ack, to <c>hub/state</c> and to one leaf per <see cref="IHubMessageHandler"/>.
/// Nothing here blocks the doors: every failure ends in a log line and another attempt.
/// </summary>
public sealed class HubConnection : IHubPublisher, IAsyncDisposable
{
    private readonly string _site;
    private readonly HubConnectionConfiguration _hub;
    private readonly HubSyncOptions _options;
    private readonly SyncStateFile _state;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly IMqttClient _client;
    private readonly Func<SiteDescription>? _description;
    private readonly Dictionary<string, HandlerQueue> _handlers = new(StringComparer.Ordinal);
    private readonly string _ackTopic;
    private readonly string _brokerText;
    private readonly CancellationTokenSource _stopping = new();
    private readonly Lock _gate = new();
    private TaskCompletionSource _disconnected = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private Task? _loop;
    private bool _connected;
    private bool _hubOnline;
    private long _session;
    private long _connections;
    private long _sessionFallback;

    public HubConnection(
        string site,
        HubConnectionConfiguration hub,
        HubSyncOptions options,
        SyncStateFile state,
        IEnumerable<IHubMessageHandler> handlers,
        TimeProvider time,
        ILogger<HubConnection>? logger = null,
        Func<SiteDescription>? description = null)
    {
        ArgumentNullException.ThrowIfNull(hub);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(state);
        ArgumentNullException.ThrowIfNull(handlers);
        ArgumentNullException.ThrowIfNull(time);
        if (!SiteIds.IsValid(site))
        {
            throw new ArgumentException($"'{site}' is not a valid site id ({SiteIds.Rule}).", nameof(site));
        }

        _site = site;
        _hub = hub;
        _options = options;
        _state = state;
        _time = time;
        _logger = (ILogger?)logger ?? NullLogger.Instance;
        _ackTopic = MqttTopics.Ack(site);
        _description = description;
        _brokerText = hub.Broker.GetLeftPart(UriPartial.Authority);
        ClientId = "gateway-" + site;
        foreach (var handler in handlers)
        {
            _handlers.Add(MqttTopics.SitePrefix(site) + handler.Leaf, new HandlerQueue(handler));
        }

        _client = new MqttClientFactory().CreateMqttClient();
        _client.ApplicationMessageReceivedAsync += OnMessageAsync;
        _client.DisconnectedAsync += OnDisconnectedAsync;
        if (state.LoadError is { } error)
        {
            SyncLog.StateFileUnreadable(_logger, state.FilePath, error);
        }
    }

    /// <summary>Raised (on a pool thread) when the session connects or drops, or the hub's state changes.</summary>
    public event Action? LinkChanged;

    /// <summary>Raised for every <see cref="JournalAck"/> of this site, in the order received.</summary>
    public event Action<JournalAck>? AckReceived;

    public string Site => _site;

    public string ClientId { get; }

    public bool IsConnected
    {
        get
        {
            lock (_gate)
            {
                return _connected;
            }
        }
    }

    /// <inheritdoc />
    public bool IsHubOnline
    {
        get
        {
            lock (_gate)
            {
                return _connected && _hubOnline;
            }
        }
    }

    /// <summary>The session number announced by the current (or last) connection.</summary>
    public long Session => Interlocked.Read(ref _session);

    /// <summary>Successful connections since start: changes at every reconnection.</summary>
    public long Connections => Interlocked.Read(ref _connections);

    public void Start()
    {
        if (_loop is not null)
        {
            return;
        }

        foreach (var queue in _handlers.Values)
        {
            queue.Start(_logger, _stopping.Token);
        }

        _loop = Task.Run(() => KeepConnectedAsync(_stopping.Token));
    }

    /// <summary>Announces <c>offline</c> (best effort), disconnects cleanly and stops reconnecting.</summary>
    public async Task StopAsync(CancellationToken cancellationToken)
    {
        if (_stopping.IsCancellationRequested)
        {
            return;
        }

        await _stopping.CancelAsync().ConfigureAwait(false);
        if (_loop is not null)
        {
            await _loop.ConfigureAwait(false);
        }

        foreach (var queue in _handlers.Values)
        {
            await queue.StopAsync().ConfigureAwait(false);
        }

        if (_client.IsConnected)
        {
            try
            {
                using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
                timeout.CancelAfter(TimeSpan.FromSeconds(5));
                await _client.PublishAsync(StatusMessage(SiteState.Offline, Session), timeout.Token).ConfigureAwait(false);
                await _client.DisconnectAsync(new MqttClientDisconnectOptionsBuilder().WithReason(MqttClientDisconnectOptionsReason.NormalDisconnection).Build(), timeout.Token).ConfigureAwait(false);
            }
            catch (Exception exception) when (exception is not OutOfMemoryException)
            {
                // Best effort: the broker publishes our Will (offline, same session) anyway.
                SyncLog.Disconnected(_logger, _brokerText, "stop: " + exception.Message);
            }
        }
    }

    /// <inheritdoc />
    public async Task PublishAsync(string leaf, ReadOnlyMemory<byte> payload, bool retain, CancellationToken cancellationToken)
    {
        var result = await PublishCoreAsync(leaf, payload, retain, cancellationToken).ConfigureAwait(false);
        if (!result.Accepted)
        {
            throw new HubUnavailableException($"The broker refused the message on '{leaf}' ({result.Code}: {result.Reason}).");
        }
    }

    /// <summary>Publishes at QoS 1 and returns the broker's verdict; throws <see cref="HubUnavailableException"/> when not connected or the link drops.</summary>
    public async Task<HubPublishResult> PublishCoreAsync(string leaf, ReadOnlyMemory<byte> payload, bool retain, CancellationToken cancellationToken)
    {
        if (!IsConnected)
        {
            throw new HubUnavailableException("Not connected to the hub's broker.");
        }

        var message = new MqttApplicationMessageBuilder()
            .WithTopic(MqttTopics.SitePrefix(_site) + leaf)
            .WithPayload(new ReadOnlySequence<byte>(payload))
            .WithRetainFlag(retain)
            .WithQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce)
            .Build();
        try
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(_options.ConnectTimeout);
            var result = await _client.PublishAsync(message, timeout.Token).ConfigureAwait(false);
            return result.ReasonCode is MqttClientPublishReasonCode.Success or MqttClientPublishReasonCode.NoMatchingSubscribers
                ? new HubPublishResult(true, result.ReasonCode.ToString(), null)
                : new HubPublishResult(false, result.ReasonCode.ToString(), result.ReasonString);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            throw;
        }
        catch (Exception exception) when (exception is not HubUnavailableException and not OutOfMemoryException)
        {
            throw new HubUnavailableException($"Publish on '{leaf}' failed: {exception.Message}", exception);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync(CancellationToken.None).ConfigureAwait(false);
        _client.Dispose();
        _stopping.Dispose();
    }

    private async Task KeepConnectedAsync(CancellationToken cancellationToken)
    {
        var failures = 0;
        while (!cancellationToken.IsCancellationRequested)
        {
            Task disconnected;
            lock (_gate)
            {
                disconnected = _disconnected.Task;
                if (_connected)
                {
                    goto wait;
                }
            }

            try
            {
                await ConnectOnceAsync(cancellationToken).ConfigureAwait(false);
                failures = 0;
                continue;
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                return;
            }
            catch (CredentialFileException exception)
            {
                var delay = Backoff(failures++);
                SyncLog.CredentialFileUnreadable(_logger, _hub.CredentialFile, exception.Message, delay);
                await DelayAsync(delay, cancellationToken).ConfigureAwait(false);
                continue;
            }
            catch (Exception exception) when (exception is not OutOfMemoryException)
            {
                var delay = Backoff(failures++);
                SyncLog.ConnectFailed(_logger, _brokerText, exception.Message, delay);
                if (_client.IsConnected)
                {
                    // Connected but birth or subscriptions failed: start over on a fresh connection.
                    await SafeDisconnectAsync().ConfigureAwait(false);
                }

                await DelayAsync(delay, cancellationToken).ConfigureAwait(false);
                continue;
            }

        wait:
            try
            {
                await disconnected.WaitAsync(cancellationToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                return;
            }

            // Reconnect after a short jittered pause so a broker restart is not hit by every gateway at once.
            await DelayAsync(Backoff(0), cancellationToken).ConfigureAwait(false);
        }
    }

    private async Task ConnectOnceAsync(CancellationToken cancellationToken)
    {
        var password = ReadPassword();
        var session = NextSession();
        var tls = _hub.Tls || _hub.Broker.Scheme is "mqtts" or "ssl" or "tls";
        SyncLog.Connecting(_logger, _brokerText, _site, ClientId, session, tls);
        var port = _hub.Broker.Port > 0 ? _hub.Broker.Port : tls ? 8883 : 1883;
        var builder = new MqttClientOptionsBuilder()
            .WithTcpServer(_hub.Broker.Host, port)
            .WithProtocolVersion(MqttProtocolVersion.V500)
            .WithClientId(ClientId)
            .WithCredentials(_site, password)
            .WithCleanStart(false)
            .WithSessionExpiryInterval((uint)Math.Min(uint.MaxValue, _options.SessionExpiry.TotalSeconds))
            .WithKeepAlivePeriod(_options.KeepAlive)
            .WithTimeout(_options.ConnectTimeout)
            .WithWillTopic(MqttTopics.Status(_site))
            .WithWillPayload(StatusPayload(SiteState.Offline, session))
            .WithWillRetain(true)
            .WithWillQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce);
        if (tls)
        {
            builder = builder.WithTlsOptions(o => o.UseTls());
        }

        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(_options.ConnectTimeout);
        var result = await _client.ConnectAsync(builder.Build(), timeout.Token).ConfigureAwait(false);
        if (result.ResultCode != MqttClientConnectResultCode.Success)
        {
            throw new HubUnavailableException($"connection refused: {result.ResultCode} {result.ReasonString}");
        }

        Interlocked.Exchange(ref _session, session);

        // Birth first ("right after CONNACK"), then the subscriptions: the retained ack and hub state follow.
        await _client.PublishAsync(StatusMessage(SiteState.Online, session), timeout.Token).ConfigureAwait(false);
        await PublishDescriptionAsync(timeout.Token).ConfigureAwait(false);
        var subscribe = new MqttClientSubscribeOptionsBuilder()
            .WithTopicFilter(_ackTopic, MqttQualityOfServiceLevel.AtLeastOnce)
            .WithTopicFilter(MqttTopics.HubState, MqttQualityOfServiceLevel.AtLeastOnce);
        foreach (var topic in _handlers.Keys)
        {
            subscribe = subscribe.WithTopicFilter(topic, MqttQualityOfServiceLevel.AtLeastOnce);
        }

        lock (_gate)
        {
            _connected = true;
            _hubOnline = false;
            _disconnected = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        }

        var subscribed = await _client.SubscribeAsync(subscribe.Build(), timeout.Token).ConfigureAwait(false);
        foreach (var item in subscribed.Items)
        {
            if (item.ResultCode > MqttClientSubscribeResultCode.GrantedQoS2)
            {
                SyncLog.SubscriptionRefused(_logger, item.TopicFilter.Topic, item.ResultCode.ToString());
            }
        }

        Interlocked.Increment(ref _connections);
        SyncLog.Connected(_logger, _brokerText, session, result.IsSessionPresent);
        RaiseLinkChanged();
    }

    // Retained, like the birth: the hub (and whoever watches the site) always finds the latest description.
    private async Task PublishDescriptionAsync(CancellationToken cancellationToken)
    {
        if (_description is null)
        {
            return;
        }

        byte[] payload;
        SiteDescription description;
        try
        {
            description = _description();
            payload = JsonSerializer.SerializeToUtf8Bytes(description, ProtocolJsonContext.Default.SiteDescription);
        }
        catch (Exception exception) when (exception is not OutOfMemoryException)
        {
            SyncLog.DescriptionRefused(_logger, "could not be built: " + exception.Message);
            return;
        }

        var message = new MqttApplicationMessageBuilder()
            .WithTopic(MqttTopics.Description(_site))
            .WithPayload(payload)
            .WithRetainFlag(true)
            .WithQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce)
            .WithContentType("application/json")
            .Build();
        var result = await _client.PublishAsync(message, cancellationToken).ConfigureAwait(false);
        if (result.ReasonCode is MqttClientPublishReasonCode.Success or MqttClientPublishReasonCode.NoMatchingSubscribers)
        {
            SyncLog.DescriptionPublished(_logger, description.Zones.Count, description.Resources.Count, description.TimeZone);
        }
        else
        {
            SyncLog.DescriptionRefused(_logger, $"{result.ReasonCode}: {result.ReasonString}");
        }
    }

    private string ReadPassword()
    {
        try
        {
            var text = File.ReadAllText(_hub.CredentialFile).Trim();
            if (text.Length == 0)
            {
                throw new CredentialFileException("the file is empty");
            }

            return text;
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException or NotSupportedException or ArgumentException)
        {
            throw new CredentialFileException(exception.Message, exception);
        }
    }

    private long NextSession()
    {
        try
        {
            var session = _state.NextSession();
            _sessionFallback = session;
            return session;
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            // Unwritable state file: still announce an increasing number for this run.
            SyncLog.StateFileWriteFailed(_logger, _state.FilePath, exception.Message);
            _sessionFallback = Math.Max(_sessionFallback, _state.Session) + 1;
            return _sessionFallback;
        }
    }

    private TimeSpan Backoff(int failures)
    {
        var min = _options.ReconnectMinDelay.TotalMilliseconds;
        var max = _options.ReconnectMaxDelay.TotalMilliseconds;
        var ceiling = Math.Min(max, min * Math.Pow(2, Math.Min(failures, 30)));

        // "Equal jitter": at least half the delay, so failures still back off, spread over the other half.
        return TimeSpan.FromMilliseconds((ceiling / 2) + (Random.Shared.NextDouble() * ceiling / 2));
    }

    private async Task DelayAsync(TimeSpan delay, CancellationToken cancellationToken)
    {
        try
        {
            await Task.Delay(delay, _time, cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            // Stopping.
        }
    }

    private async Task SafeDisconnectAsync()
    {
        try
        {
            await _client.DisconnectAsync().ConfigureAwait(false);
        }
        catch (Exception exception) when (exception is not OutOfMemoryException)
        {
            SyncLog.Disconnected(_logger, _brokerText, exception.Message);
        }
    }

    private Task OnDisconnectedAsync(MqttClientDisconnectedEventArgs e)
    {
        bool was;
        TaskCompletionSource signal;
        lock (_gate)
        {
            was = _connected;
            _connected = false;
            _hubOnline = false;
            signal = _disconnected;
        }

        signal.TrySetResult();
        if (was)
        {
            SyncLog.Disconnected(_logger, _brokerText, e.Exception?.Message ?? e.Reason.ToString());
            RaiseLinkChanged();
        }

        return Task.CompletedTask;
    }

    private Task OnMessageAsync(MqttApplicationMessageReceivedEventArgs e)
    {
        var topic = e.ApplicationMessage.Topic;
        var payload = e.ApplicationMessage.Payload;
        if (string.Equals(topic, _ackTopic, StringComparison.Ordinal))
        {
            OnAck(payload);
        }
        else if (string.Equals(topic, MqttTopics.HubState, StringComparison.Ordinal))
        {
            OnHubState(payload);
        }
        else if (_handlers.TryGetValue(topic, out var queue))
        {
            // Acknowledged by the handler's queue once handled; the payload is copied because MQTTnet
            // may reuse its buffer after this callback returns.
            e.AutoAcknowledge = false;
            queue.Enqueue(new ReadOnlySequence<byte>(payload.ToArray()), e);
        }

        return Task.CompletedTask;
    }

    private void OnAck(ReadOnlySequence<byte> payload)
    {
        JournalAck? ack;
        try
        {
            ack = JsonSerializer.Deserialize(payload.IsSingleSegment ? payload.FirstSpan : payload.ToArray(), ProtocolJsonContext.Default.JournalAck);
        }
        catch (JsonException exception)
        {
            SyncLog.MalformedMessage(_logger, _ackTopic, exception.Message);
            return;
        }

        if (ack is null || !string.Equals(ack.Site, _site, StringComparison.Ordinal) || ack.CommittedThrough < 0)
        {
            SyncLog.MalformedMessage(_logger, _ackTopic, "not an ack of this site");
            return;
        }

        AckReceived?.Invoke(ack);
    }

    private void OnHubState(ReadOnlySequence<byte> payload)
    {
        HubState? state = null;
        try
        {
            state = payload.Length == 0 ? null : JsonSerializer.Deserialize(payload.IsSingleSegment ? payload.FirstSpan : payload.ToArray(), ProtocolJsonContext.Default.HubState);
        }
        catch (JsonException exception)
        {
            SyncLog.MalformedMessage(_logger, MqttTopics.HubState, exception.Message);
        }

        var online = state?.Online == true;
        bool changed;
        lock (_gate)
        {
            changed = _hubOnline != online;
            _hubOnline = online;
        }

        if (changed)
        {
            SyncLog.HubState(_logger, online ? "online" : "offline");
            RaiseLinkChanged();
        }
    }

    private void RaiseLinkChanged()
    {
        try
        {
            LinkChanged?.Invoke();
        }
        catch (Exception exception) when (exception is not OutOfMemoryException)
        {
            SyncLog.OutboxFailed(_logger, TimeSpan.Zero, exception);
        }
    }

    private MqttApplicationMessage StatusMessage(SiteState state, long session) =>
        new MqttApplicationMessageBuilder()
            .WithTopic(MqttTopics.Status(_site))
            .WithPayload(StatusPayload(state, session))
            .WithRetainFlag(true)
            .WithQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce)
            .Build();

    private byte[] StatusPayload(SiteState state, long session) =>
        JsonSerializer.SerializeToUtf8Bytes(new SiteStatus { Site = _site, State = state, Session = session }, ProtocolJsonContext.Default.SiteStatus);

    /// <summary>One handler's messages, applied one at a time in arrival order.</summary>
    private sealed class HandlerQueue(IHubMessageHandler handler)
    {
        private readonly Channel<(ReadOnlySequence<byte> Payload, MqttApplicationMessageReceivedEventArgs Message)> _queue =
            Channel.CreateUnbounded<(ReadOnlySequence<byte>, MqttApplicationMessageReceivedEventArgs)>(new UnboundedChannelOptions { SingleReader = true });

        private Task _pump = Task.CompletedTask;

        public void Start(ILogger logger, CancellationToken cancellationToken) =>
            _pump = Task.Run(() => PumpAsync(logger, cancellationToken), CancellationToken.None);

        public void Enqueue(ReadOnlySequence<byte> payload, MqttApplicationMessageReceivedEventArgs message) =>
            _queue.Writer.TryWrite((payload, message));

        public async Task StopAsync()
        {
            _queue.Writer.TryComplete();
            await _pump.ConfigureAwait(false);
        }

        private async Task PumpAsync(ILogger logger, CancellationToken cancellationToken)
        {
            try
            {
                await foreach (var (payload, message) in _queue.Reader.ReadAllAsync(cancellationToken).ConfigureAwait(false))
                {
                    try
                    {
                        await handler.HandleAsync(payload, cancellationToken).ConfigureAwait(false);
                    }
                    catch (Exception exception) when (exception is not OutOfMemoryException)
                    {
                        if (cancellationToken.IsCancellationRequested)
                        {
                            return;
                        }

                        SyncLog.HandlerFailed(logger, handler.Leaf, exception);
                        continue;
                    }

                    try
                    {
                        await message.AcknowledgeAsync(cancellationToken).ConfigureAwait(false);
                    }
                    catch (Exception exception) when (exception is not OutOfMemoryException)
                    {
                        // The connection that delivered it is gone: the broker delivers it again.
                        SyncLog.Disconnected(logger, handler.Leaf, "ack after link loss: " + exception.Message);
                    }
                }
            }
            catch (OperationCanceledException)
            {
                // Stopping.
            }
        }
    }

    private sealed class CredentialFileException(string message, Exception? inner = null) : Exception(message, inner);
}
