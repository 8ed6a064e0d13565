using Cybercantal.Edge.Hub.Commands;
using Cybercantal.Edge.Hub.Credentials;
using Cybercantal.Edge.Hub.Ingest;
using Cybercantal.Edge.Hub.Mqtt;
using Microsoft.Extensions.DependencyInjection;

namespace Cybercantal.Edge.Hub.Admin;

public static class AdminServiceCollectionExtensions
{
    /// <summary>
    /// Registers the admin API's services: API keys, the admin store, access-event queries, credential
    /// distribution, remote commands, the release of no-show bookings, the hub's outbox to gateways, problem details and the OpenAPI document.
    /// </summary>
    public static IServiceCollection AddAdminApi(this IServiceCollection services)
    {
        services.AddSingleton<HubOutbox>();
        services.AddSingleton<ApiKeyStore>();
        services.AddSingleton<CredentialDistributor>();
        services.AddSingleton<AdminStore>();
        // Sites' no-show records release their bookings (and leave the credentials) as they are ingested.
        services.AddSingleton<IJournalCommitObserver, NoShowBookingReleaser>();
        services.AddSingleton<AccessEventQuery>();
        services.AddSingleton<UsageRecordQuery>();
        services.AddSingleton<CommandSender>();
        services.AddProblemDetails();
        services.AddOpenApi();
        return services;
    }
}
