using Microsoft.Extensions.Hosting;

namespace Cybercantal.Edge.Demo;

/// <summary>
/// The hub and the five agents share one process: none of them listens to Ctrl+C itself, the demo stops
/// them in order (traffic, agents, hub) when it is asked to.
/// </summary>
public sealed class DemoHostLifetime : IHostLifetime
{
    public Task WaitForStartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
