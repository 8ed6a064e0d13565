using Microsoft.Extensions.Hosting;

namespace Cybercantal.Edge.Agent.Sync;

/// <summary>Starts the hub link then the outbox; stops the outbox first, then says goodbye to the broker.</summary>
public sealed class HubSyncService(HubConnection connection, JournalOutbox outbox) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        // Never waits for the network: the doors must not depend on the link.
        connection.Start();
        outbox.Start();
        return Task.CompletedTask;
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        await outbox.StopAsync().ConfigureAwait(false);
        await connection.StopAsync(cancellationToken).ConfigureAwait(false);
    }
}
