using System.Globalization;
using Cybercantal.Edge.Agent.Badges;
using Cybercantal.Edge.Agent.Doors;
using Cybercantal.Edge.Agent.Hosting;
using Cybercantal.Edge.Agent.Journal;
using Cybercantal.Edge.Agent.Simulation;
using Cybercantal.Edge.Agent.Usage;
using Cybercantal.Edge.Agent.Usage.Snmp;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Cybercantal.Edge.Demo;

/// <summary>
/// One centre's agent inside the demo process: the real <see cref="AgentHostBuilderExtensions.AddAgent"/>
/// composition in <c>--simulate</c> mode with hub sync on, on the accelerated clock, without the interactive
/// console (the traffic generator plays the hardware instead).
/// </summary>
public sealed class DemoAgent : IAsyncDisposable
{
    private readonly IHost _host;

    private DemoAgent(DemoCentre centre, string dataDirectory, IHost host)
    {
        Centre = centre;
        DataDirectory = dataDirectory;
        _host = host;
    }

    public DemoCentre Centre { get; }

    public string DataDirectory { get; }

    public IServiceProvider Services => _host.Services;

    public SqliteJournal Journal => _host.Services.GetRequiredService<SqliteJournal>();

    public BadgePipeline Pipeline => _host.Services.GetRequiredService<BadgePipeline>();

    public DoorSystem Doors => _host.Services.GetRequiredService<DoorSystem>();

    public SimulatedHardware Hardware => _host.Services.GetRequiredService<SimulatedHardware>();

    /// <summary>Builds and starts the agent; its access data comes from the hub (credential sync), as on a gateway.</summary>
    public static async Task<DemoAgent> StartAsync(DemoCentre centre, string dataDirectory, AcceleratedTimeProvider clock, DemoUsageDevices devices, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(centre);
        ArgumentNullException.ThrowIfNull(clock);
        ArgumentNullException.ThrowIfNull(devices);
        var settings = new AgentRunSettings(centre.Site, Simulate: true, DataDirectory: dataDirectory, SeedFile: null);
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings
        {
            Args = [],
            ContentRootPath = dataDirectory,
            DisableDefaults = false,
        });

        // The interactive console of `run --simulate` gets no input and writes nowhere: five of them cannot share a terminal.
        builder.Services.AddSingleton(new SimulationTerminal(TextReader.Null, TextWriter.Null));
        // Before AddAgent, which decides from it whether to link to the hub (its own defaults go below it).
        builder.Configuration.AddInMemoryCollection(Settings(clock));
        builder.AddAgent(settings);

        // Registered after AddAgent so that every component resolving TimeProvider gets the accelerated clock.
        builder.Services.AddSingleton<TimeProvider>(clock);
        builder.Services.AddSingleton<IHostLifetime, DemoHostLifetime>();
        // `run --simulate` has no copier to ask; the demo has one (DemoCopier), so its counter is read over
        // the agent's real SNMP client, as on a gateway.
        builder.Services.AddSnmpCopiers(builder.Configuration);
        builder.Services.PostConfigure<UsageOptions>(options => UseDemoDevices(options, devices, clock));

        var host = builder.Build();
        try
        {
            await host.StartAsync(cancellationToken).ConfigureAwait(false);
        }
        catch
        {
            host.Dispose();
            throw;
        }

        return new DemoAgent(centre, dataDirectory, host);
    }

    /// <summary>Stops the agent: hub link first, readers, then doors locked and the journal flushed.</summary>
    public async Task StopAsync(CancellationToken cancellationToken) => await _host.StopAsync(cancellationToken).ConfigureAwait(false);

    public async ValueTask DisposeAsync()
    {
        if (_host is IAsyncDisposable disposable)
        {
            await disposable.DisposeAsync().ConfigureAwait(false);
        }
        else
        {
            _host.Dispose();
        }
    }

    /// <summary>
    /// Each agent's PC session endpoint on its own loopback port (five agents cannot share 8790); every PC
    /// probed on the demo's always-on listener, the flaky one on its own; probes spaced so that five centres
    /// of PCs stay a light load at high speeds (at least every simulated minute, at most 4 per real second).
    /// </summary>
    private static void UseDemoDevices(UsageOptions options, DemoUsageDevices devices, AcceleratedTimeProvider clock)
    {
        options.PcEndpointPrefixes.Clear();
        options.PcEndpointPrefixes.Add(devices.PcEndpoint.ToString());
        options.PcProbePort = devices.Pcs.AlivePort;
        if (devices.Pcs.FlakyPc is { } flaky)
        {
            options.PcProbePorts[flaky] = devices.Pcs.FlakyPort;
        }

        var interval = clock.Accelerated(TimeSpan.FromMilliseconds(250));
        options.PcProbeInterval = TimeSpan.FromTicks(Math.Clamp(interval.Ticks, TimeSpan.FromMinutes(1).Ticks, TimeSpan.FromHours(1).Ticks));
    }

    // Timings written for real time are given in accelerated time so that they stay the same in real
    // seconds: a 60x demo must not resend after 0.5 s or retry a connection every 16 ms.
    private static Dictionary<string, string?> Settings(AcceleratedTimeProvider clock)
    {
        string Span(TimeSpan real) => clock.Accelerated(real).ToString("c", CultureInfo.InvariantCulture);
        return new Dictionary<string, string?>
        {
            ["Sync:Enabled"] = "true",
            ["Sync:FlushInterval"] = Span(TimeSpan.FromMilliseconds(100)),
            ["Sync:AckTimeout"] = Span(TimeSpan.FromSeconds(30)),
            ["Sync:ReconnectMinDelay"] = Span(TimeSpan.FromSeconds(1)),
            ["Sync:ReconnectMaxDelay"] = Span(TimeSpan.FromSeconds(30)),
            // The journal accepts at most 5 s (site time) of group-commit gathering.
            ["Journal:FlushInterval"] = TimeSpan.FromTicks(Math.Min(clock.Accelerated(TimeSpan.FromMilliseconds(20)).Ticks, TimeSpan.FromSeconds(5).Ticks)).ToString("c", CultureInfo.InvariantCulture),
            // An SNMP answer from the demo's copier takes real milliseconds: 1 s real, within the option's 60 s (site time).
            ["Snmp:Timeout"] = TimeSpan.FromTicks(Math.Min(clock.Accelerated(TimeSpan.FromSeconds(1)).Ticks, TimeSpan.FromSeconds(60).Ticks)).ToString("c", CultureInfo.InvariantCulture),
            ["Logging:LogLevel:Default"] = "Warning",
            ["Logging:LogLevel:Microsoft.Hosting.Lifetime"] = "Warning",
            ["Logging:LogLevel:Cybercantal.Edge.Agent.Doors"] = "Error",
            ["Logging:LogLevel:Cybercantal.Edge.Agent.Badges"] = "Error",
        };
    }
}
