using Cybercantal.Edge.Hub.Hosting;
using Cybercantal.Edge.Hub.Ingest;
using Cybercantal.Edge.Hub.Store;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Cybercantal.Edge.Testing;

/// <summary>A real hub (web host + broker + store) started in-process on loopback.</summary>
public sealed class RunningHub : IAsyncDisposable
{
    public const string Secret = "correct-horse-battery-staple";

    private readonly WebApplication _app;

    private RunningHub(WebApplication app, int mqttPort, string storePath, LogCollector logs)
    {
        _app = app;
        MqttPort = mqttPort;
        StorePath = storePath;
        Logs = logs;
    }

    public int MqttPort { get; }

    public string StorePath { get; }

    public LogCollector Logs { get; }

    public IServiceProvider Services => _app.Services;

    public Uri HttpAddress => new(_app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First());

    public SiteActivityTracker Tracker => Services.GetRequiredService<SiteActivityTracker>();

    public static async Task<RunningHub> StartAsync(string storePath, int? mqttPort = null, IDictionary<string, string?>? settings = null, params string[] sites)
    {
        var port = mqttPort ?? FreePort.Next();
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { EnvironmentName = "Testing", ContentRootPath = AppContext.BaseDirectory });
        var config = new Dictionary<string, string?>
        {
            ["Urls"] = "http://127.0.0.1:0",
            ["Hub:Mqtt:Mode"] = "Embedded",
            ["Hub:Mqtt:Port"] = port.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Hub:Mqtt:BindAddress"] = "127.0.0.1",
            ["Hub:Store:Path"] = storePath,
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            config[key] = value;
        }

        builder.Configuration.AddInMemoryCollection(config);
        var logs = new LogCollector();
        builder.Logging.ClearProviders();
        builder.Logging.AddProvider(logs);
        builder.AddHub();
        var app = builder.Build();
        app.MapHubApi();
        var credentials = app.Services.GetRequiredService<SiteCredentialStore>();
        foreach (var site in sites)
        {
            credentials.SetSecret(site, Secret);
        }

        await app.StartAsync();
        return new RunningHub(app, port, storePath, logs);
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
