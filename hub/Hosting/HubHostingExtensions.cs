using Cybercantal.Edge.Hub.Admin;
using Cybercantal.Edge.Hub.Api;
using Cybercantal.Edge.Hub.Billing;
using Cybercantal.Edge.Hub.Ingest;
using Cybercantal.Edge.Hub.Mqtt;
using Cybercantal.Edge.Hub.Rooms;
using Cybercantal.Edge.Hub.Store;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace Cybercantal.Edge.Hub.Hosting;

/// <summary>The hub's composition root: what <c>Program.cs</c> and the tests call.</summary>
public static class HubHostingExtensions
{
    /// <summary>
    /// Registers the hub: validated <c>Hub</c> options, the SQLite store, the journal ingestor, and the
    /// broker side chosen by <c>Hub:Mqtt:Mode</c> (embedded MQTTnet broker or a client of an external one).
    /// The ingestor is registered before the broker so it starts first and stops last.
    /// </summary>
    public static IHostApplicationBuilder AddHub(this IHostApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddOptionsWithValidateOnStart<HubOptions>()
            .Bind(builder.Configuration.GetSection(HubOptions.Section));
        services.AddSingleton<IValidateOptions<HubOptions>, HubOptionsValidator>();
        services.AddSingleton(TimeProvider.System);
        services.AddSingleton(sp => new HubDatabase(sp.GetRequiredService<IOptions<HubOptions>>().Value.Store.Path));
        services.AddSingleton<SiteCredentialStore>();
        services.AddSingleton<SiteActivityTracker>();
        services.AddSingleton<JournalIngestor>();
        services.AddHostedService(sp => sp.GetRequiredService<JournalIngestor>());
        services.AddAdminApi();
        services.AddBilling(builder.Configuration);
        services.AddRoomReports();

        var mode = builder.Configuration.GetSection(HubOptions.Section).GetValue("Mqtt:Mode", MqttBrokerMode.Embedded);
        if (mode == MqttBrokerMode.External)
        {
            services.AddSingleton<ExternalBrokerBridge>();
            services.AddHostedService(sp => sp.GetRequiredService<ExternalBrokerBridge>());
        }
        else
        {
            services.AddSingleton<EmbeddedBroker>();
            services.AddHostedService(sp => sp.GetRequiredService<EmbeddedBroker>());
        }

        services.ConfigureHttpJsonOptions(json =>
        {
            json.SerializerOptions.TypeInfoResolverChain.Insert(0, HubApiJsonContext.Default);
            json.SerializerOptions.DefaultIgnoreCondition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull;
            json.SerializerOptions.Converters.Add(new System.Text.Json.Serialization.JsonStringEnumConverter<Protocol.Sites.SiteState>());
        });
        return builder;
    }

    /// <summary>
    /// Maps the hub's HTTP API: <c>GET /health</c>, <c>GET /api/sites/status</c>, the admin API (API key
    /// required, see docs/admin-api.md) and its OpenAPI document at <c>/openapi/v1.json</c>.
    /// </summary>
    public static IEndpointRouteBuilder MapHubApi(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet("/health", () => "ok");
        endpoints.MapGet("/api/sites/status", (SiteActivityTracker tracker) => tracker.Snapshot());
        endpoints.MapAdminApi();
        endpoints.MapBillingApi();
        endpoints.MapRoomsApi();
        endpoints.MapOpenApi();
        return endpoints;
    }
}
