using Microsoft.Extensions.Hosting;

namespace Cybercantal.Edge.Agent.Access;

/// <summary>
/// Loads the access snapshot when the host starts. Register it before the doors and readers so no
/// badge is decided against the empty snapshot while the store is still loading.
/// </summary>
internal sealed class AccessStoreStartup(AccessStore store) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        // A failed load is logged by the store; the agent keeps running (staff badges are decided the
        // same way as anyone's, so an empty store denies all: the journal shows why).
        store.Reload();
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
