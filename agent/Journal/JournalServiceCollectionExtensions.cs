using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Cybercantal.Edge.Agent.Journal;

/// <summary>Registers the SQLite journal as the site's <see cref="IJournal"/>.</summary>
public static class JournalServiceCollectionExtensions
{
    /// <summary>
    /// Registers <see cref="JournalOptions"/> (bound from <paramref name="configuration"/> when given, validated at start)
    /// and one <see cref="SqliteJournal"/> singleton exposed as itself and as <see cref="IJournal"/>.
    /// The container disposes it last among its dependents, which flushes every queued record.
    /// </summary>
    public static IServiceCollection AddJournal(this IServiceCollection services, IConfiguration? configuration = null, Action<JournalOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        var options = services.AddOptionsWithValidateOnStart<JournalOptions>();
        if (configuration is not null)
        {
            options.Bind(configuration);
        }

        if (configure is not null)
        {
            options.Configure(configure);
        }

        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<JournalOptions>, JournalOptionsValidator>());
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<SqliteJournal>();
        services.TryAddSingleton<IJournal>(static provider => provider.GetRequiredService<SqliteJournal>());
        return services;
    }

    /// <summary>
    /// Registers the daily journal retention (<see cref="JournalRetentionWorker"/>, settings in <see cref="JournalOptions"/>).
    /// It respects the hub's acknowledgement when an <see cref="IJournalAcknowledgement"/> is registered and prunes
    /// every registered <see cref="IRetentionPrunable"/>. Call after <see cref="AddJournal"/>.
    /// </summary>
    public static IServiceCollection AddJournalRetention(this IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.TryAddSingleton<JournalRetentionWorker>();
        services.AddHostedService(static provider => provider.GetRequiredService<JournalRetentionWorker>());
        return services;
    }
}
