using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Cybercantal.Edge.Agent.Readers.Pn532;

public static class Pn532ServiceCollectionExtensions
{
    /// <summary>Default configuration section of the PN532 timings.</summary>
    public const string DefaultSection = "Readers:Pn532";

    /// <summary>
    /// Registers <see cref="Pn532ReaderFactory"/> and <see cref="Pn532ReaderOptions"/> bound to <paramref name="section"/>
    /// and validated at start. The caller registers the <see cref="IBadgeReadSink"/>.
    /// </summary>
    public static IServiceCollection AddPn532Readers(this IServiceCollection services, string section = DefaultSection)
    {
        services.AddOptionsWithValidateOnStart<Pn532ReaderOptions>().BindConfiguration(section);
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<Pn532ReaderOptions>, Pn532ReaderOptionsValidator>());
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<Pn532ReaderFactory>();
        return services;
    }
}
