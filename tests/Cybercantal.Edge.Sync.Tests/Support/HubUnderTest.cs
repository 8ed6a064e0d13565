using Cybercantal.Edge.Hub.Mqtt;
using Microsoft.Extensions.DependencyInjection;

namespace Cybercantal.Edge.Sync.Tests.Support;

/// <summary>Which broker the hub runs with: its own embedded one, or mosquitto (hub in external mode).</summary>
public enum BrokerKind
{
    Embedded,
    Mosquitto,
}

/// <summary>
/// A hub on a fixed store and a fixed broker port, that a test can stop and start again (crash and
/// restart), and whose broker it can take down: the embedded broker goes with the hub, mosquitto alone.
/// </summary>
internal sealed class HubUnderTest : IAsyncDisposable
{
    private readonly Dictionary<string, string?>? _settings;
    private readonly int _port;

    public HubUnderTest(BrokerKind kind, string storePath)
    {
        Kind = kind;
        StorePath = storePath;
        if (kind == BrokerKind.Mosquitto)
        {
            Mosquitto = MosquittoBroker.ForSites(SyncSites.All);
            _port = Mosquitto.Port;
            _settings = new Dictionary<string, string?>
            {
                ["Hub:Mqtt:Mode"] = "External",
                ["Hub:Mqtt:ExternalUri"] = Mosquitto.Uri,
                ["Hub:Mqtt:ExternalPasswordFile"] = Mosquitto.HubPasswordFile,
                ["Hub:Mqtt:ExternalClientId"] = "hub-" + Guid.NewGuid().ToString("N")[..8],
            };
        }
        else
        {
            _port = FreePort.Next();
        }
    }

    public BrokerKind Kind { get; }

    public string StorePath { get; }

    public MosquittoBroker? Mosquitto { get; }

    public RunningHub? Hub { get; private set; }

    public Uri BrokerUri => new($"mqtt://127.0.0.1:{_port}");

    public int Port => _port;

    public async Task StartHubAsync()
    {
        Hub = await RunningHub.StartAsync(StorePath, Kind == BrokerKind.Embedded ? _port : null, _settings, SyncSites.All);
        if (Kind == BrokerKind.Mosquitto)
        {
            await Hub.Services.GetRequiredService<ExternalBrokerBridge>().Connected.WaitAsync(TimeSpan.FromSeconds(20));
        }
    }

    /// <summary>Stops the hub (graceful stop: its process would be gone the same way for the agent).</summary>
    public async Task StopHubAsync()
    {
        if (Hub is not null)
        {
            await Hub.DisposeAsync();
            Hub = null;
        }
    }

    /// <summary>Takes the broker down: the hub with it (embedded), or mosquitto alone (killed).</summary>
    public async Task StopBrokerAsync()
    {
        if (Kind == BrokerKind.Embedded)
        {
            await StopHubAsync();
        }
        else
        {
            Mosquitto!.Stop();
        }
    }

    public async Task StartBrokerAsync()
    {
        if (Kind == BrokerKind.Embedded)
        {
            await StartHubAsync();
        }
        else
        {
            Mosquitto!.Restart();
        }
    }

    public async ValueTask DisposeAsync()
    {
        await StopHubAsync();
        Mosquitto?.Dispose();
    }
}
