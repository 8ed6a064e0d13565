using Cybercantal.Edge.Agent.Access;
using Cybercantal.Edge.Agent.Badges;
using Cybercantal.Edge.Agent.Commands;
using Cybercantal.Edge.Agent.Credentials;
using Cybercantal.Edge.Agent.Doors;
using Cybercantal.Edge.Agent.Journal;
using Cybercantal.Edge.Agent.Readers;
using Cybercantal.Edge.Agent.Readers.Feedback;
using Cybercantal.Edge.Agent.Readers.Pn532;
using Cybercantal.Edge.Agent.Readers.Wiegand;
using Cybercantal.Edge.Agent.Simulation;
using Cybercantal.Edge.Agent.Sync;
using Cybercantal.Edge.Agent.Usage;
using Cybercantal.Edge.Agent.Usage.Snmp;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Configuration.Memory;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Hosting.Systemd;
using Microsoft.Extensions.Logging;

namespace Cybercantal.Edge.Agent.Hosting;

/// <summary>Composition of the agent: one call from <c>run</c>.</summary>
public static class AgentHostBuilderExtensions
{
    public static IHostApplicationBuilder AddAgent(this IHostApplicationBuilder builder, AgentRunSettings settings)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(settings);
        AddDefaults(builder.Configuration, settings);

        builder.Logging.AddSimpleConsole(o =>
        {
            o.SingleLine = true;
            o.TimestampFormat = "HH:mm:ss ";
        });

        var services = builder.Services;
        services.AddSystemd();
        // AddSystemd registers the notifier only under systemd; the watchdog wants one everywhere (disabled off systemd).
        services.TryAddSingleton<ISystemdNotifier, SystemdNotifier>();
        services.AddSingleton(settings);
        services.AddSingleton(settings.Site);
        services.AddSingleton(TimeProvider.System);
        services.AddJournal(builder.Configuration.GetSection("Journal"));

        // Hosted services start in this order and stop in the reverse one: the journal records the start
        // first and the stop last, the simulated wiring is idle before the doors look at it, and the doors
        // are locked before any reader, feedback output or console exists.
        services.AddHostedService<AgentLifecycleJournal>();
        if (settings.Simulate)
        {
            services.AddSingleton<SimulatedHardware>();
            services.AddHostedService<SimulatedWiringService>();
        }

        services.AddAccess();
        services.AddDoors(builder.Configuration);

        services.AddReaderFeedback();
        services.AddWiegandReaders();
        services.AddPn532Readers();
        services.AddSingleton<ReaderFeedbackSet>();
        services.AddSingleton<BadgePipeline>();
        services.AddSingleton<IBadgeReadSink>(sp => sp.GetRequiredService<BadgePipeline>());
        services.AddSingleton<BadgeReaderCatalog>();
        services.AddHostedService<BadgeReaderService>();
        // Usage tracking after the readers: its copier relays open once the strikes are locked. Copier page
        // counters are read over SNMP on a gateway; a simulated centre has no copier to ask (sessions unmeasured).
        if (!settings.Simulate)
        {
            services.AddSnmpCopiers(builder.Configuration);
        }

        services.AddUsageTracking(builder.Configuration);

        // The hub link starts after the doors and readers (it never delays them) and stops before them.
        if (SyncServiceCollectionExtensions.IsHubSyncWanted(settings.Site, builder.Configuration, settings.Simulate))
        {
            services.AddHubSync(builder.Configuration);
            // Handlers of the hub's messages on the same session: credential snapshots/deltas and remote commands.
            services.AddCredentialSync();
            services.AddRemoteCommands();
        }
        else if (settings.Site.Hub is not null)
        {
            // Records of a site declared with a hub are meant for it: retention keeps them until it acknowledged them.
            services.AddJournalAcknowledgement(builder.Configuration);
        }

        // Raw records are deleted after Journal:Retention (CNIL: 3 months), never before the hub acknowledged them.
        services.AddJournalRetention();

        services.AddSingleton<IWatchdogCheck, JournalWatchdogCheck>();
        services.AddHostedService<SystemdWatchdogService>();

        if (settings.Simulate)
        {
            services.TryAddSingleton(SimulationTerminal.Standard());
            services.AddSingleton<SimulationCommands>();
            services.AddHostedService<SimulationConsole>();
        }

        return builder;
    }

    // Paths and drivers implied by the command line, below every other configuration source so that
    // appsettings.json, environment variables and --Section:Key still win.
    private static void AddDefaults(IConfigurationManager configuration, AgentRunSettings settings)
    {
        var defaults = new Dictionary<string, string?>
        {
            ["Journal:DatabasePath"] = settings.JournalPath,
            [$"{AccessDecisionOptions.SectionName}:DatabasePath"] = settings.AccessStorePath,
            ["Gpio:Driver"] = settings.Simulate ? "simulated" : "libgpiod",
        };
        if (settings.Simulate)
        {
            // The console prints every decision and door change itself; logs keep to problems.
            defaults["Logging:LogLevel:Default"] = "Warning";
            defaults["Logging:LogLevel:Cybercantal.Edge.Agent.Badges"] = "Error";
            defaults["Logging:LogLevel:Cybercantal.Edge.Agent.Doors"] = "Error";
        }

        configuration.Sources.Insert(0, new MemoryConfigurationSource { InitialData = defaults });
        Directory.CreateDirectory(settings.DataDirectory);
    }
}
