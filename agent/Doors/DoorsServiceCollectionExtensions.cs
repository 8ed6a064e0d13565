using System.Device.Gpio;
using Cybercantal.Edge.Agent.Gpio;
using Cybercantal.Edge.Agent.Journal;
using Cybercantal.Edge.Agent.Sites;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;

namespace Cybercantal.Edge.Agent.Doors;

public static class DoorsServiceCollectionExtensions
{
    /// <summary>
    /// Registers GPIO (<see cref="GpioServiceCollectionExtensions.AddGpio"/>), the site's <see cref="DoorSystem"/>
    /// and the hosted service that starts and stops it. Needs a <see cref="SiteConfiguration"/> and an
    /// <see cref="IJournal"/> registered by their areas.
    /// </summary>
    public static IServiceCollection AddDoors(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddGpio(configuration);
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton(sp => new DoorSystem(
            sp.GetRequiredService<SiteConfiguration>(),
            sp.GetRequiredService<GpioController>(),
            sp.GetRequiredService<IJournal>(),
            sp.GetRequiredService<TimeProvider>(),
            sp.GetRequiredService<ILogger<DoorSystem>>()));
        services.AddHostedService<DoorSystemHostedService>();
        return services;
    }
}
