using System.Text.Json;
using Cybercantal.Edge.Protocol.Journal;
using Cybercantal.Edge.Protocol.Mqtt;
using Cybercantal.Edge.Protocol.Serialization;
using Cybercantal.Edge.Protocol.Sites;
using MQTTnet;
using MQTTnet.Protocol;

namespace Cybercantal.Edge.Hub.Mqtt;

/// <summary>The messages the hub itself publishes, built once here for both broker modes.</summary>
internal static class HubMessages
{
    public static MqttApplicationMessage Ack(JournalAck ack) =>
        Build(MqttTopics.Ack(ack.Site), JsonSerializer.SerializeToUtf8Bytes(ack, ProtocolJsonContext.Default.JournalAck), retain: true);

    public static MqttApplicationMessage HubState(bool online, DateTimeOffset at) =>
        Build(MqttTopics.HubState, HubStatePayload(online, at), retain: true);

    public static byte[] HubStatePayload(bool online, DateTimeOffset at) =>
        JsonSerializer.SerializeToUtf8Bytes(new HubState { Online = online, At = at }, ProtocolJsonContext.Default.HubState);

    public static bool TryReadStatus(ReadOnlySpan<byte> payload, string topicSite, out SiteStatus? status, out string? error)
    {
        status = null;
        try
        {
            status = JsonSerializer.Deserialize(payload, ProtocolJsonContext.Default.SiteStatus);
        }
        catch (JsonException exception)
        {
            error = "malformed JSON: " + exception.Message;
            return false;
        }

        if (status is null || !Enum.IsDefined(status.State))
        {
            error = "not a site status";
            return false;
        }

        if (!string.Equals(status.Site, topicSite, StringComparison.Ordinal))
        {
            error = $"site '{status.Site}' in the payload differs from site '{topicSite}' in the topic";
            return false;
        }

        error = null;
        return true;
    }

    private static MqttApplicationMessage Build(string topic, byte[] payload, bool retain) =>
        new MqttApplicationMessageBuilder()
            .WithTopic(topic)
            .WithPayload(payload)
            .WithQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce)
            .WithRetainFlag(retain)
            .WithContentType("application/json")
            .Build();
}
