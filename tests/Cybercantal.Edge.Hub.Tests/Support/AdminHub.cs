using System.Net.Http.Json;
using System.Text.Json;
using Cybercantal.Edge.Hub.Admin;
using Cybercantal.Edge.Protocol.Journal;
using Microsoft.Extensions.DependencyInjection;

namespace Cybercantal.Edge.Hub.Tests.Support;

/// <summary>A running hub with an admin key, and HTTP clients holding admin or manager keys.</summary>
internal sealed class AdminHub : IAsyncDisposable
{
    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    private readonly TempDirectory _directory;

    private AdminHub(TempDirectory directory, RunningHub hub, string adminKey)
    {
        _directory = directory;
        Hub = hub;
        Admin = Client(adminKey);
    }

    public RunningHub Hub { get; }

    public HttpClient Admin { get; }

    public static async Task<AdminHub> StartAsync(params string[] sites)
    {
        var directory = new TempDirectory();
        var hub = await RunningHub.StartAsync(Path.Combine(directory.Path, "hub.db"), sites: sites);
        var (_, key) = hub.Services.GetRequiredService<ApiKeyStore>().Create("test admin", admin: true, sites: null);
        return new AdminHub(directory, hub, key);
    }

    public HttpClient Manager(params string[] sites)
    {
        var (_, key) = Hub.Services.GetRequiredService<ApiKeyStore>().Create("manager " + string.Join('+', sites), admin: false, sites);
        return Client(key);
    }

    public HttpClient Client(string? key)
    {
        var client = new HttpClient { BaseAddress = Hub.HttpAddress, Timeout = TimeSpan.FromSeconds(20) };
        if (key is not null)
        {
            client.DefaultRequestHeaders.Add(ApiKeyFilter.Header, key);
        }

        return client;
    }

    /// <summary>Creates a member known at <paramref name="sites"/> with one active NFC badge.</summary>
    public async Task CreateMemberAsync(string id, string credential, params string[] sites)
    {
        (await Admin.PostAsJsonAsync("/api/members", new MemberRequest { Id = id, Name = "Anne", Sites = sites }, Json)).EnsureSuccessStatusCode();
        (await Admin.PostAsJsonAsync("/api/badges", new BadgeRequest { Credential = credential, MemberId = id }, Json)).EnsureSuccessStatusCode();
    }

    /// <summary>
    /// Starts <paramref name="site"/> running the agent's real credential handler and access store against this
    /// hub; its files go in <paramref name="folder"/> of the hub's temporary directory (removed with the hub).
    /// </summary>
    public Task<SiteAgent> StartAgentAsync(string site, string folder = "agents")
    {
        var directory = Path.Combine(_directory.Path, folder);
        Directory.CreateDirectory(directory);
        return SiteAgent.StartAsync(Hub.MqttPort, site, directory);
    }

    /// <summary>Publishes <paramref name="records"/> as one journal batch of <paramref name="site"/>'s gateway; returns once the hub acknowledged it.</summary>
    public async Task IngestAsync(string site, params JournalBatchRecord[] records)
    {
        await using var gateway = await TestGateway.ConnectAsync(Hub.MqttPort, site);
        var result = await gateway.PublishJournalAsync(Batches.Bytes(new JournalBatch { Site = site, Records = records }));
        Assert.True(result.IsSuccess, result.ReasonString);
    }

    public async ValueTask DisposeAsync()
    {
        Admin.Dispose();
        await Hub.DisposeAsync();
        _directory.Dispose();
    }
}
