using Cybercantal.Edge.Agent.Sync;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Cybercantal.Edge.Agent.Credentials;

public static class CredentialSyncServiceCollectionExtensions
{
    /// <summary>
    /// Registers the credential sync handler (leaf <c>credentials</c>) as an <see cref="IHubMessageHandler"/>.
    /// Needs <c>AddAccess</c>, <c>AddJournal</c>, a <c>SiteConfiguration</c> and an <see cref="IHubPublisher"/> (the hub connection).
    /// </summary>
    public static IServiceCollection AddCredentialSync(this IServiceCollection services)
    {
        services.TryAddSingleton<CredentialSyncHandler>();
        services.AddSingleton<IHubMessageHandler>(sp => sp.GetRequiredService<CredentialSyncHandler>());
        return services;
    }
}
