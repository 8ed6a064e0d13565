using Cybercantal.Edge.Agent.Simulation;
using Microsoft.Extensions.Hosting;

namespace Cybercantal.Edge.Agent.Hosting;

/// <summary>
/// With <c>--simulate</c>, puts every simulated input at its idle level (doors closed, buttons released,
/// fire panel quiet) before the doors start, as real wiring would be at power-up.
/// </summary>
public sealed class SimulatedWiringService(SimulatedHardware hardware) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        hardware.SetIdleLevels();
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
