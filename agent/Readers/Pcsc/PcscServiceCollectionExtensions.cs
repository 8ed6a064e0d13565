using Cybercantal.Edge.Agent.Sites;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;

namespace Cybercantal.Edge.Agent.Readers.Pcsc;

/// <summary>DI registration of the PC/SC reader monitor.</summary>
public static class PcscServiceCollectionExtensions
{
    /// <summary>
    /// Registers one <see cref="PcscReaderMonitor"/> (also as an <see cref="IBadgeReader"/>) serving the PC/SC readers of
    /// the registered <see cref="SiteConfiguration"/>. Needs an <see cref="IBadgeReadSink"/> registration.
    /// </summary>
    public static IServiceCollection AddPcscReaders(this IServiceCollection services, PcscMonitorOptions? options = null)
    {
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton(provider => new PcscReaderMonitor(
            provider.GetRequiredService<SiteConfiguration>().Readers,
            provider.GetRequiredService<IBadgeReadSink>(),
            provider.GetRequiredService<TimeProvider>(),
            provider.GetRequiredService<ILogger<PcscReaderMonitor>>(),
            options));
        services.AddSingleton<IBadgeReader>(provider => provider.GetRequiredService<PcscReaderMonitor>());
        return services;
    }
}
