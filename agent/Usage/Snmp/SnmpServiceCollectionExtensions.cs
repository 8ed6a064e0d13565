using Cybercantal.Edge.Agent.Usage.Copiers;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Cybercantal.Edge.Agent.Usage.Snmp;

public static class SnmpServiceCollectionExtensions
{
    /// <summary>
    /// Registers <see cref="SnmpOptions"/> (section <c>Snmp</c>, validated at start, community file included),
    /// one shared <see cref="SnmpClient"/> and <see cref="SnmpCopierCounterReader"/> as the
    /// <see cref="ICopierCounterReader"/> (unless another reader, e.g. a simulated one, was registered first).
    /// </summary>
    public static IServiceCollection AddSnmpCopiers(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddOptionsWithValidateOnStart<SnmpOptions>().Bind(configuration.GetSection(SnmpOptions.SectionName));
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<SnmpOptions>, SnmpOptionsValidator>());
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton(sp => new SnmpClient(
            sp.GetRequiredService<IOptions<SnmpOptions>>().Value,
            sp.GetRequiredService<TimeProvider>(),
            sp.GetRequiredService<ILogger<SnmpClient>>()));
        services.TryAddSingleton<ICopierCounterReader, SnmpCopierCounterReader>();
        return services;
    }
}
