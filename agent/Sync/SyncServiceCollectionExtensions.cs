using Cybercantal.Edge.Agent.Hosting;
using Cybercantal.Edge.Agent.Journal;
using Cybercantal.Edge.Agent.Sites;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Cybercantal.Edge.Agent.Sync;

public static class SyncServiceCollectionExtensions
{
    /// <summary>
    /// True when the agent should talk to the hub: the site file has a <c>hub</c> section and <c>Sync:Enabled</c>
    /// is not false; in <c>--simulate</c> mode only with <c>--Sync:Enabled=true</c> (the Quick start needs no broker).
    /// </summary>
    public static bool IsHubSyncWanted(SiteConfiguration site, IConfiguration configuration, bool simulate)
    {
        ArgumentNullException.ThrowIfNull(site);
        ArgumentNullException.ThrowIfNull(configuration);
        return site.Hub is not null && (configuration.GetValue<bool?>(HubSyncOptions.SectionName + ":" + nameof(HubSyncOptions.Enabled)) ?? !simulate);
    }

    /// <summary>
    /// Registers the persisted sync state (<see cref="SyncStateFile"/>) as the journal's <see cref="IJournalAcknowledgement"/>:
    /// journal retention then never deletes a record the hub has not acknowledged. <see cref="AddHubSync"/> calls it;
    /// the composition also calls it for a site with a <c>hub</c> section whose sync is switched off, so records
    /// meant for the hub are kept until it has them.
    /// </summary>
    public static IServiceCollection AddJournalAcknowledgement(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);
        services.TryAddSingleton(sp =>
        {
            var statePath = configuration.GetSection(HubSyncOptions.SectionName)[nameof(HubSyncOptions.StatePath)];
            var journal = sp.GetRequiredService<IOptions<JournalOptions>>().Value;
            var directory = Path.GetDirectoryName(Path.GetFullPath(journal.DatabasePath)) ?? ".";
            return new SyncStateFile(string.IsNullOrWhiteSpace(statePath) ? Path.Combine(directory, "sync-state") : statePath);
        });
        services.TryAddSingleton<IJournalAcknowledgement>(static sp => sp.GetRequiredService<SyncStateFile>());
        return services;
    }

    /// <summary>
    /// Registers the hub link (<see cref="HubConnection"/>, also as <see cref="IHubPublisher"/>), the journal
    /// outbox and their hosted service. Needs a <see cref="SiteConfiguration"/> with a <c>hub</c> section,
    /// <see cref="SqliteJournal"/> and <see cref="TimeProvider"/> in the container. Handlers
    /// (<see cref="IHubMessageHandler"/>) registered by other parts are picked up.
    /// </summary>
    public static IServiceCollection AddHubSync(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddOptionsWithValidateOnStart<HubSyncOptions>().Bind(configuration.GetSection(HubSyncOptions.SectionName));
        services.AddSingleton<IValidateOptions<HubSyncOptions>, HubSyncOptionsValidator>();
        services.AddJournalAcknowledgement(configuration);
        services.AddSingleton(sp =>
        {
            var site = sp.GetRequiredService<SiteConfiguration>();
            var hub = site.Hub ?? throw new InvalidOperationException($"Site '{site.Id}' has no 'hub' section: hub sync cannot start.");
            return new HubConnection(
                site.Id,
                hub,
                sp.GetRequiredService<IOptions<HubSyncOptions>>().Value,
                sp.GetRequiredService<SyncStateFile>(),
                sp.GetServices<IHubMessageHandler>(),
                sp.GetRequiredService<TimeProvider>(),
                sp.GetRequiredService<ILogger<HubConnection>>(),
                () => SiteDescriptionBuilder.Build(site, sp.GetRequiredService<TimeProvider>().GetUtcNow()));
        });
        services.AddSingleton<IHubPublisher>(sp => new DeferredHubPublisher(sp.GetRequiredService<HubConnection>));
        services.AddSingleton(sp => new JournalOutbox(
            sp.GetRequiredService<HubConnection>(),
            new SqliteOutboxSource(sp.GetRequiredService<SqliteJournal>(), sp.GetRequiredService<TimeProvider>()),
            sp.GetRequiredService<SyncStateFile>(),
            sp.GetRequiredService<IOptions<HubSyncOptions>>().Value,
            sp.GetRequiredService<TimeProvider>(),
            sp.GetRequiredService<ILogger<JournalOutbox>>()));
        services.AddHostedService<HubSyncService>();
        services.AddSingleton<IWatchdogCheck, OutboxWatchdogCheck>();
        return services;
    }
}
