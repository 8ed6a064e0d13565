using Cybercantal.Edge.Agent.Sites;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Cybercantal.Edge.Agent.Access;

public static class AccessServiceCollectionExtensions
{
    /// <summary>
    /// Registers the offline access store and decision engine: options from the "Access" section
    /// (validated at start), the SQLite store, <see cref="AccessStore"/>, <see cref="AccessDecisionEngine"/>
    /// (needs a <see cref="SiteConfiguration"/> singleton) and the start-up snapshot load.
    /// Call before registering doors and readers.
    /// </summary>
    public static IServiceCollection AddAccess(this IServiceCollection services)
    {
        services.AddOptionsWithValidateOnStart<AccessDecisionOptions>()
            .BindConfiguration(AccessDecisionOptions.SectionName);
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<AccessDecisionOptions>, AccessDecisionOptionsValidator>());
        services.AddSingleton(provider => AccessStoreDatabase.Open(provider.GetRequiredService<IOptions<AccessDecisionOptions>>().Value.DatabasePath));
        services.AddSingleton(provider => new AccessStore(
            provider.GetRequiredService<AccessStoreDatabase>(),
            provider.GetService<ILogger<AccessStore>>()));
        services.AddSingleton(provider => new AccessDecisionEngine(
            provider.GetRequiredService<SiteConfiguration>(),
            provider.GetRequiredService<AccessStore>(),
            provider.GetRequiredService<IOptions<AccessDecisionOptions>>().Value,
            provider.GetService<ILogger<AccessDecisionEngine>>()));
        services.AddHostedService<AccessStoreStartup>();
        return services;
    }
}
