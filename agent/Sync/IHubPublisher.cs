namespace Cybercantal.Edge.Agent.Sync;

/// <summary>Publishes a message on this site's subtree through the gateway's single MQTT session.</summary>
public interface IHubPublisher
{
    /// <summary>True while the session is connected and the hub announced itself online.</summary>
    bool IsHubOnline { get; }

    /// <summary>Publishes at QoS 1 to <c>cybercantal/v1/sites/{site}/{leaf}</c>; completes when the broker acknowledged it.</summary>
    Task PublishAsync(string leaf, ReadOnlyMemory<byte> payload, bool retain, CancellationToken cancellationToken);
}
