using System.Device.Gpio;
using Cybercantal.Edge.Agent.Journal;
using Cybercantal.Edge.Agent.Usage.Copiers;
using Cybercantal.Edge.Agent.Usage.Pcs;
using Cybercantal.Edge.Agent.Usage.Rooms;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Cybercantal.Edge.Agent.Usage;

public static class UsageServiceCollectionExtensions
{
    /// <summary>
    /// Registers usage tracking: <see cref="UsageOptions"/> (section <c>Usage</c>, validated at start), the
    /// usage state file, PC sessions (tracker, HTTP endpoint, TCP liveness probe), copier badge release
    /// and room use. Call after the doors and readers: hosted services start in registration order, so
    /// the copier relays open only once the strikes are locked. Uses the <see cref="ICopierCounterReader"/>
    /// registered by the SNMP area when there is one (otherwise every copier session is unmeasured).
    /// </summary>
    public static IServiceCollection AddUsageTracking(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddOptionsWithValidateOnStart<UsageOptions>()
            .Bind(configuration.GetSection(UsageOptions.SectionName))
            .Validate(o => o.PcEndpointPrefixes.All(IsPrefix), "Usage:PcEndpointPrefixes: every prefix must be http://host:port/ ending with '/'")
            .Validate(o => o.PcProbePorts.Values.All(p => p is > 0 and <= 65535), "Usage:PcProbePorts: every port must be 1-65535")
            .Validate(o => o.CopierIdleTimeout <= o.CopierMaxDuration, "Usage:CopierIdleTimeout must not exceed Usage:CopierMaxDuration");
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<UsageOptions>, UsageOptionsValidator>());
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton(sp => new UsageStateStore(StatePath(
            sp.GetRequiredService<IOptions<UsageOptions>>().Value,
            sp.GetService<IOptions<JournalOptions>>()?.Value)));
        services.AddSingleton<IRetentionPrunable>(static sp => sp.GetRequiredService<UsageStateStore>());
        services.TryAddSingleton<PcSessionTracker>();
        services.TryAddSingleton<IPcProbe, TcpPcProbe>();
        services.TryAddSingleton<RoomUseTracker>();
        services.TryAddSingleton<UsageSessionEnder>();
        services.TryAddSingleton(sp => new CopierSessionManager(
            sp.GetRequiredService<Sites.SiteConfiguration>(),
            sp.GetRequiredService<GpioController>(),
            sp.GetService<ICopierCounterReader>(),
            sp.GetRequiredService<UsageStateStore>(),
            sp.GetRequiredService<IJournal>(),
            sp.GetRequiredService<IOptions<UsageOptions>>(),
            sp.GetRequiredService<TimeProvider>(),
            sp.GetRequiredService<ILogger<CopierSessionManager>>()));

        services.AddHostedService(sp => sp.GetRequiredService<CopierSessionManager>());
        services.AddHostedService(sp => sp.GetRequiredService<RoomUseTracker>());
        services.TryAddSingleton(sp => new UsageWorker(
            sp,
            sp.GetRequiredService<CopierSessionManager>(),
            sp.GetRequiredService<RoomUseTracker>(),
            sp.GetRequiredService<PcSessionTracker>(),
            sp.GetRequiredService<IJournal>(),
            sp.GetRequiredService<ILogger<UsageWorker>>()));
        // After the copiers and rooms: it starts after them and, stopping first, hands them what is queued.
        services.AddHostedService(sp => sp.GetRequiredService<UsageWorker>());
        services.AddHostedService<PcSessionEndpoint>();
        services.AddHostedService<PcLivenessMonitor>();
        return services;
    }

    /// <summary>The configured state path, or <c>usage.db</c> next to the journal.</summary>
    internal static string StatePath(UsageOptions options, JournalOptions? journal)
    {
        if (!string.IsNullOrWhiteSpace(options.StatePath))
        {
            return options.StatePath;
        }

        var journalPath = journal?.DatabasePath ?? new JournalOptions().DatabasePath;
        return Path.Combine(Path.GetDirectoryName(Path.GetFullPath(journalPath)) ?? ".", "usage.db");
    }

    private static bool IsPrefix(string prefix) =>
        Uri.TryCreate(prefix.Replace("://+", "://placeholder", StringComparison.Ordinal).Replace("://*", "://placeholder", StringComparison.Ordinal), UriKind.Absolute, out var uri)
        && uri.Scheme == Uri.UriSchemeHttp && prefix.EndsWith('/');
}
