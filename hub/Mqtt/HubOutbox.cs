using System.Runtime.CompilerServices;
using System.Threading.Channels;
using MQTTnet;

namespace Cybercantal.Edge.Hub.Mqtt;

/// <summary>
/// Messages the hub sends to gateways besides acks (credentials, commands), in the order they were queued.
/// The active broker side (embedded broker or external bridge) drains it. An entry may be deferred: built
/// only when its turn comes, so a burst of changes to one site publishes one snapshot, read at that time.
/// </summary>
public sealed class HubOutbox
{
    private readonly Channel<Func<MqttApplicationMessage?>> _queue =
        Channel.CreateUnbounded<Func<MqttApplicationMessage?>>(new UnboundedChannelOptions { SingleReader = true });

    public void Enqueue(MqttApplicationMessage message) => _queue.Writer.TryWrite(() => message);

    /// <summary>Queues a message built when dequeued; a null result publishes nothing.</summary>
    public void EnqueueDeferred(Func<MqttApplicationMessage?> build) => _queue.Writer.TryWrite(build);

    public async IAsyncEnumerable<MqttApplicationMessage> ReadAllAsync([EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await foreach (var build in _queue.Reader.ReadAllAsync(cancellationToken))
        {
            if (build() is { } message)
            {
                yield return message;
            }
        }
    }
}
