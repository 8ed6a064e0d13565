using Microsoft.Extensions.Logging;

namespace Cybercantal.Edge.Agent.Sync;

/// <summary>Log messages of the hub link and the journal outbox (event ids 2200-2299). Never logs the secret.</summary>
internal static partial class SyncLog
{
    [LoggerMessage(EventId = 2200, Level = LogLevel.Information, Message = "Hub link: connecting to {Broker} as site {Site} (client id {ClientId}, session {Session}, TLS {Tls})")]
    public static partial void Connecting(ILogger logger, string broker, string site, string clientId, long session, bool tls);

    [LoggerMessage(EventId = 2201, Level = LogLevel.Information, Message = "Hub link: connected to {Broker} (session {Session}, broker kept our session: {SessionPresent})")]
    public static partial void Connected(ILogger logger, string broker, long session, bool sessionPresent);

    [LoggerMessage(EventId = 2202, Level = LogLevel.Warning, Message = "Hub link: connection to {Broker} failed ({Reason}); next attempt in {Delay}")]
    public static partial void ConnectFailed(ILogger logger, string broker, string reason, TimeSpan delay);

    [LoggerMessage(EventId = 2203, Level = LogLevel.Warning, Message = "Hub link: disconnected from {Broker} ({Reason}); doors keep deciding locally, the journal keeps every record")]
    public static partial void Disconnected(ILogger logger, string broker, string reason);

    [LoggerMessage(EventId = 2204, Level = LogLevel.Error, Message = "Hub link: cannot read the gateway's password file '{File}': {Reason}. The agent keeps working offline; next attempt in {Delay}")]
    public static partial void CredentialFileUnreadable(ILogger logger, string file, string reason, TimeSpan delay);

    [LoggerMessage(EventId = 2205, Level = LogLevel.Information, Message = "Hub link: hub is {State}")]
    public static partial void HubState(ILogger logger, string state);

    [LoggerMessage(EventId = 2206, Level = LogLevel.Warning, Message = "Hub link: ignored a malformed message on {Topic}: {Reason}")]
    public static partial void MalformedMessage(ILogger logger, string topic, string reason);

    [LoggerMessage(EventId = 2207, Level = LogLevel.Error, Message = "Hub link: handler for '{Leaf}' failed; the message stays unacknowledged and the broker delivers it again after the next reconnection")]
    public static partial void HandlerFailed(ILogger logger, string leaf, Exception exception);

    [LoggerMessage(EventId = 2208, Level = LogLevel.Warning, Message = "Hub link: sync state file '{File}' unreadable ({Reason}); starting from session 0 and the hub's retained ack")]
    public static partial void StateFileUnreadable(ILogger logger, string file, string reason);

    [LoggerMessage(EventId = 2209, Level = LogLevel.Error, Message = "Hub link: cannot write the sync state file '{File}': {Reason}")]
    public static partial void StateFileWriteFailed(ILogger logger, string file, string reason);

    [LoggerMessage(EventId = 2210, Level = LogLevel.Warning, Message = "Hub link: subscription to {Topic} refused by the broker ({Code})")]
    public static partial void SubscriptionRefused(ILogger logger, string topic, string code);

    [LoggerMessage(EventId = 2211, Level = LogLevel.Information, Message = "Hub link: site description published ({Zones} zones, {Resources} resources, time zone {TimeZone})")]
    public static partial void DescriptionPublished(ILogger logger, int zones, int resources, string timeZone);

    [LoggerMessage(EventId = 2212, Level = LogLevel.Warning, Message = "Hub link: the site description was not accepted ({Reason}); the hub's reports lack this site's opening hours until the next connection")]
    public static partial void DescriptionRefused(ILogger logger, string reason);

    [LoggerMessage(EventId = 2220, Level = LogLevel.Information, Message = "Outbox: starting after sequence {Acked} (journal durable through {Durable})")]
    public static partial void OutboxStarting(ILogger logger, long acked, long durable);

    [LoggerMessage(EventId = 2221, Level = LogLevel.Warning, Message = "Outbox: no ack advanced for {Timeout} with records sent through {Sent}; resending from {From}")]
    public static partial void AckTimeout(ILogger logger, TimeSpan timeout, long sent, long from);

    [LoggerMessage(EventId = 2222, Level = LogLevel.Information, Message = "Outbox: the hub asked to resend from {From} (committed through {Committed})")]
    public static partial void ResendRequested(ILogger logger, long from, long committed);

    [LoggerMessage(EventId = 2223, Level = LogLevel.Error, Message = "Outbox: the broker refused the batch {First}-{Last} ({Code}: {Reason}); retrying after {Delay}")]
    public static partial void BatchRefused(ILogger logger, long first, long last, string code, string reason, TimeSpan delay);

    [LoggerMessage(EventId = 2224, Level = LogLevel.Debug, Message = "Outbox: sent {First}-{Last} ({Bytes} bytes, backlog {Backlog})")]
    public static partial void BatchSent(ILogger logger, long first, long last, int bytes, bool backlog);

    [LoggerMessage(EventId = 2225, Level = LogLevel.Information, Message = "Outbox: caught up, hub committed through {Acked} (lag {Lag})")]
    public static partial void CaughtUp(ILogger logger, long acked, long lag);

    [LoggerMessage(EventId = 2226, Level = LogLevel.Error, Message = "Outbox: unexpected failure; retrying in {Delay}")]
    public static partial void OutboxFailed(ILogger logger, TimeSpan delay, Exception exception);

    [LoggerMessage(EventId = 2227, Level = LogLevel.Warning, Message = "Outbox: the hub's ack {Committed} is behind this journal's resume point {Acked}; resending from {From} (hub store restored?)")]
    public static partial void AckBehind(ILogger logger, long committed, long acked, long from);

    [LoggerMessage(EventId = 2228, Level = LogLevel.Warning, Message = "Outbox: the hub acknowledged {Committed} but the journal only holds {Last}: the journal was reset; new records would be ignored as duplicates (use a new site id or continue the sequence)")]
    public static partial void AckAhead(ILogger logger, long committed, long last);
}
