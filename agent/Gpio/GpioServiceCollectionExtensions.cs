using System.Device.Gpio;
using Cybercantal.Edge.Agent.Sites;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Cybercantal.Edge.Agent.Gpio;

public static class GpioServiceCollectionExtensions
{
    /// <summary>
    /// Registers <see cref="GpioOptions"/> (section <c>Gpio</c>, validated at start), the shared
    /// <see cref="SimulatedGpioDriver"/> and the site's <see cref="GpioController"/>. The chip defaults to the
    /// registered <see cref="SiteConfiguration"/>'s <c>GpioChip</c>.
    /// </summary>
    public static IServiceCollection AddGpio(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptionsWithValidateOnStart<GpioOptions>()
            .Bind(configuration.GetSection(GpioOptions.SectionName));
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<GpioOptions>, GpioOptionsValidator>());
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton(sp => new SimulatedGpioDriver(sp.GetRequiredService<TimeProvider>()));
        services.TryAddSingleton(sp => GpioControllerFactory.Create(
            sp.GetRequiredService<IOptions<GpioOptions>>().Value,
            sp.GetService<SiteConfiguration>()?.GpioChip ?? 0,
            sp.GetRequiredService<SimulatedGpioDriver>,
            sp.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(GpioControllerFactory).FullName!)));
        return services;
    }
}
