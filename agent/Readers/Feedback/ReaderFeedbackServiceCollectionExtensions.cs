using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Cybercantal.Edge.Agent.Readers.Feedback;

public static class ReaderFeedbackServiceCollectionExtensions
{
    /// <summary>Registers <see cref="ReaderFeedbackFactory"/>. The shared <see cref="System.Device.Gpio.GpioController"/> must be registered by the GPIO/doors setup.</summary>
    public static IServiceCollection AddReaderFeedback(this IServiceCollection services)
    {
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<ReaderFeedbackFactory>();
        return services;
    }
}
