using System.Globalization;
using Cybercantal.Edge.Hub.Hosting;
using Cybercantal.Edge.Hub.Ingest;
using Cybercantal.Edge.Hub.Store;
using Microsoft.Extensions.Logging;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Cybercantal.Edge.Demo;

/// <summary>
/// The hub inside the demo process: the real <see cref="HubHostingExtensions.AddHub"/> composition with its
/// embedded MQTT broker and SQLite store, HTTP on loopback. It keeps the system clock.
/// </summary>
public sealed class DemoHub : IAsyncDisposable
{
    private readonly WebApplication _app;

    private DemoHub(WebApplication app, string storePath, int httpPort, int mqttPort)
    {
        _app = app;
        StorePath = storePath;
        HttpPort = httpPort;
        MqttPort = mqttPort;
    }

    public string StorePath { get; }

    public int HttpPort { get; }

    public int MqttPort { get; }

    public Uri BaseAddress => new(FormattableString.Invariant($"http://127.0.0.1:{HttpPort}/"));

    public IServiceProvider Services => _app.Services;

    public SiteActivityTracker Activity => _app.Services.GetRequiredService<SiteActivityTracker>();

    /// <summary>Starts the hub; <paramref name="visioRooms"/> (<c>site/zone</c>) are the rooms billed by the hour.</summary>
    public static async Task<DemoHub> StartAsync(string dataDirectory, int httpPort, int mqttPort, IEnumerable<string> visioRooms, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(visioRooms);
        var storePath = Path.Combine(dataDirectory, "hub.db");
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { Args = [], ContentRootPath = dataDirectory });
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Urls"] = FormattableString.Invariant($"http://127.0.0.1:{httpPort}"),
            ["Hub:Mqtt:Mode"] = "Embedded",
            ["Hub:Mqtt:Port"] = mqttPort.ToString(CultureInfo.InvariantCulture),
            ["Hub:Mqtt:BindAddress"] = "127.0.0.1",
            ["Hub:Store:Path"] = storePath,
            ["Logging:LogLevel:Default"] = "Warning",
        });
        builder.Configuration.AddInMemoryCollection(visioRooms.Select((room, i) =>
            KeyValuePair.Create(string.Create(CultureInfo.InvariantCulture, $"Hub:Billing:VisioRooms:{i}"), (string?)room)));
        builder.Logging.ClearProviders();
        builder.Logging.AddSimpleConsole(o =>
        {
            o.SingleLine = true;
            o.TimestampFormat = "HH:mm:ss ";
        });
        builder.AddHub();
        builder.Services.AddSingleton<IHostLifetime, DemoHostLifetime>();
        var app = builder.Build();
        app.MapHubApi();
        try
        {
            await app.StartAsync(cancellationToken).ConfigureAwait(false);
        }
        catch
        {
            await app.DisposeAsync().ConfigureAwait(false);
            throw;
        }

        return new DemoHub(app, storePath, httpPort, mqttPort);
    }

    /// <summary>Sets the gateway secret of a site (what <c>cybercantal-hub site-secret</c> does on a real hub).</summary>
    public void SetSecret(string site, string secret) => _app.Services.GetRequiredService<SiteCredentialStore>().SetSecret(site, secret);

    /// <summary>Creates an admin API key for the person running the demo (what <c>cybercantal-hub apikey create</c> does).</summary>
    public string CreateAdminKey() => _app.Services.GetRequiredService<Cybercantal.Edge.Hub.Admin.ApiKeyStore>().Create("demo", admin: true, sites: null).Key;

    public async Task StopAsync(CancellationToken cancellationToken) => await _app.StopAsync(cancellationToken).ConfigureAwait(false);

    public async ValueTask DisposeAsync() => await _app.DisposeAsync().ConfigureAwait(false);
}
