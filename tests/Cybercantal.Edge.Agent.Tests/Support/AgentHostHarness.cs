using System.Device.Gpio;
using Cybercantal.Edge.Agent.Access;
using Cybercantal.Edge.Agent.Gpio;
using Cybercantal.Edge.Agent.Hosting;
using Cybercantal.Edge.Agent.Simulation;
using Cybercantal.Edge.Agent.Sites;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Cybercantal.Edge.Agent.Tests.Support;

/// <summary>
/// The whole agent as <c>run --simulate</c> composes it, on the shipped Saint-Flour site file and sample
/// seed, with real SQLite files in a temporary folder and a simulated GPIO driver the test can inspect.
/// </summary>
internal sealed class AgentHostHarness : IAsyncDisposable
{
    private readonly TemporaryDirectory _data = new();

    public AgentHostHarness(Action<SimulatedGpioDriver>? prepareDriver = null, string? consoleInput = null, RecordingJournal? journal = null)
    {
        var load = SiteFileLoader.Load(RepositoryFiles.Find("firmware-config/sites/saint-flour.yaml"));
        Site = load.Configuration ?? throw new InvalidOperationException(string.Join(Environment.NewLine, load.Diagnostics));
        var settings = new AgentRunSettings(Site, Simulate: true, DataDirectory: _data.Path, SeedFile: null);
        Assert.Equal(0, AccessImportCommand.Run(RepositoryFiles.Find("samples/seed/saint-flour.yaml"), settings.AccessStorePath, TextWriter.Null, TextWriter.Null));

        Driver = new SimulatedGpioDriver();
        prepareDriver?.Invoke(Driver);
        Output = new StringWriter();
        var builder = Microsoft.Extensions.Hosting.Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        // Registered before AddAgent so the GPIO composition takes this driver instead of making its own.
        builder.Services.AddSingleton(Driver);
        if (journal is not null)
        {
            builder.Services.AddSingleton<Agent.Journal.IJournal>(journal);
        }

        builder.Services.AddSingleton(new SimulationTerminal(new StringReader(consoleInput ?? string.Empty), TextWriter.Synchronized(Output)));
        builder.AddAgent(settings);
        builder.Logging.ClearProviders();
        Host = builder.Build();
        Settings = settings;
    }

    public SiteConfiguration Site { get; }

    public AgentRunSettings Settings { get; }

    public SimulatedGpioDriver Driver { get; }

    public StringWriter Output { get; }

    public IHost Host { get; }

    public T Get<T>()
        where T : notnull => Host.Services.GetRequiredService<T>();

    public DoorConfiguration Door(string id) => Site.Doors.Single(d => d.Id == id);

    public ReaderConfiguration Reader(string id) => Site.Readers.Single(r => r.Id == id);

    public static PinValue Locked(DoorConfiguration door) => door.Strike.UnlockLevel == SignalLevel.High ? PinValue.Low : PinValue.High;

    public async ValueTask DisposeAsync()
    {
        Host.Dispose();
        await Task.Yield();
        _data.Dispose();
    }
}
