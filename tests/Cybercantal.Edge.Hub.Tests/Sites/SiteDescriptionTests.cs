using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Cybercantal.Edge.Agent.Sites;
using Cybercantal.Edge.Agent.Sync;
using Cybercantal.Edge.Hub.Mqtt;
using Cybercantal.Edge.Hub.Sites;
using Cybercantal.Edge.Hub.Tests.Support;
using Cybercantal.Edge.Protocol.Mqtt;
using Cybercantal.Edge.Protocol.Serialization;
using Cybercantal.Edge.Protocol.Sites;
using Microsoft.Extensions.DependencyInjection;
using MQTTnet;

namespace Cybercantal.Edge.Hub.Tests.Sites;

/// <summary>The agent's site description reaches the hub at each connection; bad ones are refused, site by site.</summary>
public sealed class SiteDescriptionTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(20);

    [Fact]
    public async Task The_agent_publishes_its_description_at_each_connection_and_the_hub_stores_the_latest()
    {
        await using var hub = await AdminHub.StartAsync("murat");
        using var dir = new TempDirectory();
        var site = LoadShipped("murat");
        var store = hub.Hub.Services.GetRequiredService<SiteDescriptionStore>();

        await using (var first = Connect(dir, hub.Hub.MqttPort, () => SiteDescriptionBuilder.Build(site, DateTimeOffset.UtcNow)))
        {
            first.Start();
            await UntilAsync(() => store.Find("murat") is not null, "no description stored after the first connection");
        }

        var stored = await hub.Admin.GetFromJsonAsync<StoredSiteDescription>("/api/sites/murat/description", AdminHub.Json);
        var description = stored!.Description;
        Assert.Equal(("murat", "Cybercantal Murat", "Europe/Paris"), (description.Site, description.Name, description.TimeZone));
        Assert.Equal(["08:30-18:30"], description.OpeningHours["monday"]);
        Assert.False(description.OpeningHours.ContainsKey("sunday"));
        Assert.Contains(new DateOnly(2026, 12, 25), description.Closures);
        Assert.Contains(new SiteDescriptionZone("salle-visio", "Salle de visioconférence", "visio-room", 6), description.Zones);
        Assert.Contains(new SiteDescriptionZone("salle-reunion", "Salle de réunion", "meeting-room", 8), description.Zones);
        Assert.True(hub.Hub.Logs.Contains(2150, "murat"));

        // The next connection (a new site file, say) replaces it.
        await using var second = Connect(dir, hub.Hub.MqttPort, () => SiteDescriptionBuilder.Build(site, DateTimeOffset.UtcNow) with { Name = "Murat (renamed)" });
        second.Start();
        await UntilAsync(() => store.Find("murat")?.Description.Name == "Murat (renamed)", "the second connection did not replace the description");
    }

    [Fact]
    public async Task Malformed_mismatched_or_foreign_descriptions_are_refused_and_other_sites_are_unaffected()
    {
        await using var hub = await AdminHub.StartAsync("murat", "ydes");
        await using var murat = await TestGateway.ConnectAsync(hub.Hub.MqttPort, "murat", subscribeAcks: false);
        await using var ydes = await TestGateway.ConnectAsync(hub.Hub.MqttPort, "ydes", subscribeAcks: false);
        var store = hub.Hub.Services.GetRequiredService<SiteDescriptionStore>();

        var garbage = await murat.PublishAsync(MqttTopics.Description("murat"), Encoding.UTF8.GetBytes("{not json"));
        var otherSite = await murat.PublishAsync(MqttTopics.Description("murat"), Bytes(Valid("ydes")));
        var futureSchema = await murat.PublishAsync(MqttTopics.Description("murat"), Bytes(Valid("murat") with { Schema = 2 }));
        var badHours = await murat.PublishAsync(MqttTopics.Description("murat"), Bytes(Valid("murat") with { OpeningHours = new Dictionary<string, IReadOnlyList<string>> { ["monday"] = ["18:00-08:00"] } }));
        var badZone = await murat.PublishAsync(MqttTopics.Description("murat"), Bytes(Valid("murat") with { TimeZone = "Mars/Olympus" }));
        var oversized = await murat.PublishAsync(MqttTopics.Description("murat"), Bytes(Valid("murat") with { Name = new string('x', 70_000) }));
        var foreignTopic = await murat.PublishAsync(MqttTopics.Description("ydes"), Bytes(Valid("ydes")));
        var good = await ydes.PublishAsync(MqttTopics.Description("ydes"), Bytes(Valid("ydes")));

        Assert.All([garbage, otherSite, futureSchema, badHours, badZone, oversized], r => Assert.Equal(MqttClientPublishReasonCode.PayloadFormatInvalid, r.ReasonCode));
        Assert.Contains("differs from site 'murat'", otherSite.ReasonString, StringComparison.Ordinal);
        Assert.Contains("schema version 2", futureSchema.ReasonString, StringComparison.Ordinal);
        Assert.Contains("18:00-08:00", badHours.ReasonString, StringComparison.Ordinal);
        Assert.Contains("oversized", oversized.ReasonString, StringComparison.Ordinal);
        Assert.Equal(MqttClientPublishReasonCode.NotAuthorized, foreignTopic.ReasonCode);
        Assert.Contains(good.ReasonCode, new[] { MqttClientPublishReasonCode.Success, MqttClientPublishReasonCode.NoMatchingSubscribers });
        Assert.Null(store.Find("murat"));
        Assert.Equal("ydes", store.Find("ydes")?.Description.Site);
        Assert.True(hub.Hub.Logs.Contains(2151, "murat", "Mars/Olympus"));
        Assert.True(hub.Hub.Logs.Contains(2024, "murat", MqttTopics.Description("ydes")));
        Assert.Equal(HttpStatusCode.NotFound, (await hub.Admin.GetAsync("/api/sites/murat/description")).StatusCode);
    }

    [Fact]
    public void A_gateway_may_publish_its_own_description_only()
    {
        Assert.True(GatewayAcl.MayPublish("murat", MqttTopics.Description("murat")));
        Assert.False(GatewayAcl.MayPublish("murat", MqttTopics.Description("ydes")));
        Assert.False(GatewayAcl.MayPublish("murat", MqttTopics.AllDescriptions));
    }

    [Fact]
    public async Task Managers_read_only_the_descriptions_of_their_centres()
    {
        await using var hub = await AdminHub.StartAsync("murat", "ydes");
        var store = hub.Hub.Services.GetRequiredService<SiteDescriptionStore>();
        store.Save(Valid("murat"), DateTimeOffset.UtcNow);
        store.Save(Valid("ydes"), DateTimeOffset.UtcNow);
        using var manager = hub.Manager("murat");

        Assert.Equal(HttpStatusCode.OK, (await manager.GetAsync("/api/sites/murat/description")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await manager.GetAsync("/api/sites/ydes/description")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await hub.Client(null).GetAsync("/api/sites/murat/description")).StatusCode);
    }

    internal static SiteDescription Valid(string site) => new()
    {
        Site = site,
        Name = "Cybercantal " + site,
        TimeZone = "Europe/Paris",
        OpeningHours = new Dictionary<string, IReadOnlyList<string>> { ["monday"] = ["08:30-12:00", "14:00-18:30"] },
        Closures = [new DateOnly(2026, 12, 25)],
        Zones = [new SiteDescriptionZone("salle-visio", "Salle visio", "visio-room", 6)],
        Resources = [new SiteDescriptionResource("visio-1", "visio", "salle-visio")],
        At = new DateTimeOffset(2026, 11, 26, 8, 0, 0, TimeSpan.Zero),
    };

    private static byte[] Bytes(SiteDescription description) => JsonSerializer.SerializeToUtf8Bytes(description, ProtocolJsonContext.Default.SiteDescription);

    private static HubConnection Connect(TempDirectory dir, int port, Func<SiteDescription> description)
    {
        var credential = dir.File("gateway.credential");
        File.WriteAllText(credential, RunningHub.Secret);
        var options = new HubSyncOptions
        {
            KeepAlive = TimeSpan.FromSeconds(5),
            ConnectTimeout = TimeSpan.FromSeconds(5),
            ReconnectMinDelay = TimeSpan.FromMilliseconds(100),
            ReconnectMaxDelay = TimeSpan.FromMilliseconds(800),
        };
        var hubLink = new HubConnectionConfiguration { Broker = new Uri($"mqtt://127.0.0.1:{port}"), Tls = false, CredentialFile = credential };
        return new HubConnection("murat", hubLink, options, new SyncStateFile(dir.File("sync-state")), [], TimeProvider.System, description: description);
    }

    private static SiteConfiguration LoadShipped(string site)
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var path = Path.Combine(dir.FullName, "firmware-config", "sites", site + ".yaml");
            if (File.Exists(path))
            {
                var load = SiteFileLoader.Load(path);
                return load.Configuration ?? throw new InvalidOperationException(string.Join(Environment.NewLine, load.Diagnostics));
            }
        }

        throw new FileNotFoundException(site + ".yaml");
    }

    // Polls the real broker and store (not timing logic) until the condition holds.
    private static async Task UntilAsync(Func<bool> condition, string failure)
    {
        var deadline = DateTime.UtcNow + Timeout;
        while (!condition())
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException(failure);
            }

            await Task.Delay(20);
        }
    }
}
