using Cybercantal.Edge.Agent.Access;
using Cybercantal.Edge.Agent.Badges;
using Cybercantal.Edge.Agent.Gpio;
using Cybercantal.Edge.Agent.Hosting;
using Cybercantal.Edge.Agent.Simulation;
using Cybercantal.Edge.Agent.Sites;
using Cybercantal.Edge.Hub.Admin;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Cybercantal.Edge.Sync.Tests.Support;

/// <summary>
/// A real hub (embedded broker, admin API, an admin client) and the agent composed exactly as <c>run</c> does it
/// from the shipped Saint-Flour site file, its hub section pointed at that hub. The agent is started; the test
/// stops it itself when stopping is part of what it checks.
/// </summary>
internal sealed class ShippedAgentWithHub : IAsyncDisposable
{
    public const string Site = "saint-flour";

    private readonly TempDirectory _directory;

    private ShippedAgentWithHub(TempDirectory directory, RunningHub hub, HttpClient admin, IHost agent, TimeSpan patience)
    {
        _directory = directory;
        Hub = hub;
        Admin = admin;
        Agent = agent;
        Patience = patience;
    }

    public RunningHub Hub { get; }

    /// <summary>An HTTP client on the hub's admin API with an admin key.</summary>
    public HttpClient Admin { get; }

    public IHost Agent { get; }

    public TimeSpan Patience { get; }

    public BadgePipeline Pipeline => Agent.Services.GetRequiredService<BadgePipeline>();

    /// <param name="agentSettings">Configuration on top of <c>Sync:Enabled=true</c>.</param>
    public static async Task<ShippedAgentWithHub> StartAsync(TimeSpan patience, IDictionary<string, string?>? agentSettings = null)
    {
        var directory = new TempDirectory();
        RunningHub? hub = null;
        HttpClient? admin = null;
        IHost? agent = null;
        try
        {
            var port = FreePort.Next();
            hub = await RunningHub.StartAsync(Path.Combine(directory.Path, "hub.db"), port, sites: Site);
            var (_, adminKey) = hub.Services.GetRequiredService<ApiKeyStore>().Create("test admin", admin: true, sites: null);
            admin = new HttpClient { BaseAddress = hub.HttpAddress, Timeout = patience };
            admin.DefaultRequestHeaders.Add("X-Api-Key", adminKey);
            agent = BuildAgent(directory.Path, port, agentSettings);
            await agent.StartAsync();
            return new ShippedAgentWithHub(directory, hub, admin, agent, patience);
        }
        catch
        {
            agent?.Dispose();
            admin?.Dispose();
            if (hub is not null)
            {
                await hub.DisposeAsync();
            }

            directory.Dispose();
            throw;
        }
    }

    public ReaderConfiguration Reader(string id) => Agent.Services.GetRequiredService<SiteConfiguration>().Readers.Single(r => r.Id == id);

    /// <summary>Presents <paramref name="badge"/> again and again until a decision is the one wanted.</summary>
    public async Task<BadgeDecision> DecideUntilAsync(ReaderConfiguration reader, Credential badge, Func<BadgeDecision, bool> wanted)
    {
        var pipeline = Pipeline;
        BadgeDecision? last = null;
        void Record(BadgeDecision decision) => last = decision;
        pipeline.Decided += Record;
        try
        {
            await Waiting.UntilAsync(
                () =>
                {
                    pipeline.CredentialRead(reader, badge, 0);
                    return last is not null && wanted(last);
                },
                Patience,
                () => $"last decision: {last?.Decision}");
            return last!;
        }
        finally
        {
            pipeline.Decided -= Record;
        }
    }

    public async ValueTask DisposeAsync()
    {
        Agent.Dispose();
        Admin.Dispose();
        await Hub.DisposeAsync();
        _directory.Dispose();
    }

    private static IHost BuildAgent(string directory, int port, IDictionary<string, string?>? agentSettings)
    {
        var credentialFile = Path.Combine(directory, "gateway.credential");
        File.WriteAllText(credentialFile, RunningHub.Secret);
        // The shipped file, with its hub section pointed at the test hub.
        var shipped = File.ReadAllText(FindUpwards("firmware-config/sites/saint-flour.yaml"));
        var yaml = shipped
            .Replace("mqtts://hub.cybercantal.fr:8883", $"mqtt://127.0.0.1:{port}", StringComparison.Ordinal)
            .Replace("tls: true", "tls: false", StringComparison.Ordinal)
            .Replace("/etc/cybercantal/gateway.credential", credentialFile, StringComparison.Ordinal);
        var load = SiteFileLoader.Parse(yaml, "saint-flour.yaml");
        var site = load.Configuration ?? throw new InvalidOperationException(string.Join(Environment.NewLine, load.Diagnostics));
        var settings = new AgentRunSettings(site, Simulate: true, DataDirectory: Path.Combine(directory, "agent"), SeedFile: null);

        var configuration = new Dictionary<string, string?> { ["Sync:Enabled"] = "true" };
        foreach (var (key, value) in agentSettings ?? new Dictionary<string, string?>())
        {
            configuration[key] = value;
        }

        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Configuration.AddInMemoryCollection(configuration);
        builder.Services.AddSingleton(new SimulatedGpioDriver());
        builder.Services.AddSingleton(new SimulationTerminal(TextReader.Null, TextWriter.Null));
        builder.AddAgent(settings);
        builder.Logging.ClearProviders();
        return builder.Build();
    }

    private static string FindUpwards(string relativePath)
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, relativePath);
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }

        throw new FileNotFoundException(relativePath);
    }
}
