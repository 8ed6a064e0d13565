using System.Buffers;

namespace Cybercantal.Edge.Agent.Sync;

/// <summary>
/// Handles one kind of message the hub sends to this site, e.g. credentials or commands. The gateway's
/// single MQTT session (<c>HubConnection</c>) subscribes to <c>cybercantal/v1/sites/{site}/{Leaf}</c> for every
/// registered handler and dispatches each message to it, in order, one at a time per handler.
/// </summary>
public interface IHubMessageHandler
{
    /// <summary>The topic leaf under the site's subtree, e.g. "credentials" or "commands".</summary>
    string Leaf { get; }

    /// <summary>
    /// Applies one message. Returning normally acknowledges it (QoS 1 PUBACK); throwing leaves it
    /// unacknowledged so the broker redelivers it. Malformed messages are logged and acknowledged (never retried).
    /// </summary>
    Task HandleAsync(ReadOnlySequence<byte> payload, CancellationToken cancellationToken);
}
