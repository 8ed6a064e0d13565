using Microsoft.Extensions.Hosting;

namespace Cybercantal.Edge.Agent.Doors;

/// <summary>
/// Takes the doors into service when the host starts (strikes locked first) and drives them locked when it
/// stops. A GPIO fault at start fails the host start with a <see cref="DoorHardwareException"/> naming the line.
/// </summary>
internal sealed class DoorSystemHostedService(DoorSystem doors) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        doors.Start();
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken)
    {
        doors.Stop();
        return Task.CompletedTask;
    }
}
