using Microsoft.Extensions.Logging;

namespace Cybercantal.Edge.Hub.Mqtt;

/// <summary>MQTT broker and bridge log messages, event ids 2020-2059. Secrets are never logged.</summary>
internal static partial class MqttLog
{
    [LoggerMessage(EventId = 2020, Level = LogLevel.Information, Message = "Embedded MQTT broker listening on {Address}:{Port}")]
    public static partial void EmbeddedStarted(ILogger logger, string address, int port);

    [LoggerMessage(EventId = 2021, Level = LogLevel.Information, Message = "Embedded MQTT broker stopped")]
    public static partial void EmbeddedStopped(ILogger logger);

    [LoggerMessage(EventId = 2022, Level = LogLevel.Warning, Message = "MQTT connection refused for user {User} (client {ClientId}) from {Endpoint}: {Reason}")]
    public static partial void ConnectionRefused(ILogger logger, string user, string clientId, string endpoint, string reason);

    [LoggerMessage(EventId = 2023, Level = LogLevel.Information, Message = "Gateway of site {Site} connected (client {ClientId})")]
    public static partial void GatewayConnected(ILogger logger, string site, string clientId);

    [LoggerMessage(EventId = 2024, Level = LogLevel.Warning, Message = "Site {Site} (client {ClientId}) may not publish on {Topic}; refused")]
    public static partial void PublishDenied(ILogger logger, string site, string clientId, string topic);

    [LoggerMessage(EventId = 2025, Level = LogLevel.Warning, Message = "Site {Site} (client {ClientId}) may not subscribe to {Filter}; refused")]
    public static partial void SubscribeDenied(ILogger logger, string site, string clientId, string filter);

    [LoggerMessage(EventId = 2026, Level = LogLevel.Warning, Message = "Publishing {Topic} failed")]
    public static partial void PublishFailed(ILogger logger, string topic, Exception exception);

    [LoggerMessage(EventId = 2027, Level = LogLevel.Warning, Message = "Status message of site {Site} refused: {Reason}")]
    public static partial void StatusRefused(ILogger logger, string site, string reason);

    [LoggerMessage(EventId = 2028, Level = LogLevel.Information, Message = "Site {Site} is {State} (session {Session})")]
    public static partial void SiteStatusChanged(ILogger logger, string site, string state, long session);

    [LoggerMessage(EventId = 2029, Level = LogLevel.Information, Message = "Connected to external MQTT broker {Broker} as {User} (session present: {SessionPresent})")]
    public static partial void ExternalConnected(ILogger logger, string broker, string user, bool sessionPresent);

    [LoggerMessage(EventId = 2030, Level = LogLevel.Warning, Message = "Cannot reach external MQTT broker {Broker}; retrying in {Delay}")]
    public static partial void ExternalConnectFailed(ILogger logger, string broker, TimeSpan delay, Exception exception);

    [LoggerMessage(EventId = 2031, Level = LogLevel.Warning, Message = "Disconnected from external MQTT broker {Broker}: {Reason}")]
    public static partial void ExternalDisconnected(ILogger logger, string broker, string reason);

    [LoggerMessage(EventId = 2032, Level = LogLevel.Warning, Message = "Journal batch from site {Site} not stored ({Reason}); not acknowledged so it is delivered again")]
    public static partial void IngestFailed(ILogger logger, string site, string reason);

    [LoggerMessage(EventId = 2033, Level = LogLevel.Warning, Message = "Message on unexpected topic {Topic} ignored")]
    public static partial void UnexpectedTopic(ILogger logger, string topic);
}
