using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Cybercantal.Edge.Agent.Sites;

public static class SiteServiceCollectionExtensions
{
    /// <summary>
    /// Registers the <see cref="SiteConfiguration"/> loaded from <paramref name="path"/> as a singleton. On first
    /// resolution every problem is logged (event 1001) and a <see cref="SiteConfigurationException"/> stops the
    /// host: doors must never run on a configuration that was only half understood.
    /// </summary>
    public static IServiceCollection AddSiteConfiguration(this IServiceCollection services, string path)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        services.AddSingleton(provider =>
        {
            var logger = provider.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(SiteFileLoader));
            var result = SiteFileLoader.Load(path);
            if (result.Configuration is not { } site)
            {
                foreach (var diagnostic in result.Diagnostics)
                {
                    SitesLog.SiteFileProblem(logger, diagnostic.ToString());
                }

                SitesLog.SiteFileRejected(logger, path, result.Diagnostics.Count);
                throw new SiteConfigurationException(path, result.Diagnostics);
            }

            SitesLog.SiteLoaded(logger, site.Id, path, site.Doors.Count, site.Readers.Count, site.Zones.Count);
            return site;
        });
        return services;
    }
}
