namespace Cybercantal.Edge.Agent.Sync;

/// <summary>
/// The <see cref="IHubPublisher"/> handed to message handlers. The connection needs its handlers when it is
/// built and the handlers need to publish through the connection, so they get this stand-in, which finds the
/// connection at first use instead of at construction.
/// </summary>
public sealed class DeferredHubPublisher(Func<IHubPublisher> connection) : IHubPublisher
{
    private readonly Lazy<IHubPublisher> _connection = new(connection);

    public bool IsHubOnline => _connection.Value.IsHubOnline;

    public Task PublishAsync(string leaf, ReadOnlyMemory<byte> payload, bool retain, CancellationToken cancellationToken) =>
        _connection.Value.PublishAsync(leaf, payload, retain, cancellationToken);
}
