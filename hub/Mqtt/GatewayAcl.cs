using Cybercantal.Edge.Protocol.Mqtt;

namespace Cybercantal.Edge.Hub.Mqtt;

/// <summary>
/// What a gateway (MQTT user name = its site id) may do on the embedded broker: publish its journal,
/// status, credential version report and site description, subscribe within its own subtree and to the hub state. The hub-to-agent topics (ack,
/// credentials, commands) are the hub's alone to publish.
/// </summary>
public static class GatewayAcl
{
    public static bool MayPublish(string site, string topic) =>
        MqttTopics.TryParseSiteTopic(topic, out var topicSite, out var leaf)
        && string.Equals(topicSite, site, StringComparison.Ordinal)
        && leaf is MqttTopics.JournalLeaf or MqttTopics.StatusLeaf or MqttTopics.CredentialsVersionLeaf or MqttTopics.DescriptionLeaf;

    public static bool MaySubscribe(string site, string filter) =>
        string.Equals(filter, MqttTopics.HubState, StringComparison.Ordinal)
        || (SiteIds.IsValid(site) && filter.StartsWith(MqttTopics.SitePrefix(site), StringComparison.Ordinal));
}
