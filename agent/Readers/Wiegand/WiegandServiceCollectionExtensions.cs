using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Cybercantal.Edge.Agent.Readers.Wiegand;

public static class WiegandServiceCollectionExtensions
{
    /// <summary>
    /// Registers <see cref="WiegandReaderFactory"/> and the <c>Wiegand</c> timing options (validated at start).
    /// The shared <see cref="System.Device.Gpio.GpioController"/> must be registered by the GPIO/doors setup.
    /// </summary>
    public static IServiceCollection AddWiegandReaders(this IServiceCollection services)
    {
        services.AddOptionsWithValidateOnStart<WiegandTiming>()
            .BindConfiguration(WiegandTiming.SectionName);
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<WiegandTiming>, WiegandTimingValidator>());
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<WiegandReaderFactory>();
        return services;
    }
}
