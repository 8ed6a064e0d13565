using Cybercantal.Edge.Agent.Credentials;
using Cybercantal.Edge.Agent.Sync;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Cybercantal.Edge.Agent.Commands;

public static class RemoteCommandsServiceCollectionExtensions
{
    /// <summary>
    /// Registers the remote command handler (leaf <c>commands</c>) as an <see cref="IHubMessageHandler"/>.
    /// Needs <c>AddDoors</c>, <c>AddAccess</c>, <c>AddJournal</c> and <see cref="CredentialSyncServiceCollectionExtensions.AddCredentialSync"/>
    /// (a resync command asks for a snapshot through it).
    /// </summary>
    public static IServiceCollection AddRemoteCommands(this IServiceCollection services)
    {
        services.TryAddSingleton<CredentialSyncHandler>();
        services.AddSingleton<RemoteCommandHandler>();
        services.AddSingleton<IHubMessageHandler>(sp => sp.GetRequiredService<RemoteCommandHandler>());
        return services;
    }
}
