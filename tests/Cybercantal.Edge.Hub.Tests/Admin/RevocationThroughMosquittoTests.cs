using System.Diagnostics;
using System.Net.Http.Json;
using Cybercantal.Edge.Agent.Access;
using Cybercantal.Edge.Hub.Admin;
using Cybercantal.Edge.Hub.Mqtt;
using Cybercantal.Edge.Hub.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using Xunit.Abstractions;

namespace Cybercantal.Edge.Hub.Tests.Admin;

/// <summary>
/// The revocation guarantees with the hub behind mosquitto (external mode): the hub publishes credential
/// deltas and retained snapshots through the broker, the site's real credential handler and decision engine
/// apply them.
/// </summary>
public sealed class RevocationThroughMosquittoTests(MosquittoBroker broker, ITestOutputHelper output) : IClassFixture<MosquittoBroker>, IAsyncLifetime
{
    private const string Badge = "nfc:04C1D2E3F40506";
    private static readonly TimeSpan Budget = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(20);

    private readonly TempDirectory _directory = new();
    private RunningHub _hub = null!;
    private HttpClient _admin = null!;

    public async Task InitializeAsync()
    {
        _hub = await RunningHub.StartAsync(
            Path.Combine(_directory.Path, "hub.db"),
            settings: new Dictionary<string, string?>
            {
                ["Hub:Mqtt:Mode"] = "External",
                ["Hub:Mqtt:ExternalUri"] = broker.Uri,
                ["Hub:Mqtt:ExternalPasswordFile"] = broker.HubPasswordFile,
                ["Hub:Mqtt:ExternalClientId"] = "hub-" + Guid.NewGuid().ToString("N")[..8],
            },
            sites: "murat");
        await _hub.Services.GetRequiredService<ExternalBrokerBridge>().Connected.WaitAsync(Patience);
        var (_, key) = _hub.Services.GetRequiredService<ApiKeyStore>().Create("test admin", admin: true, sites: null);
        _admin = new HttpClient { BaseAddress = _hub.HttpAddress, Timeout = Patience };
        _admin.DefaultRequestHeaders.Add(ApiKeyFilter.Header, key);
    }

    public async Task DisposeAsync()
    {
        _admin.Dispose();
        await _hub.DisposeAsync();
        _directory.Dispose();
    }

    [Fact]
    public async Task Revoked_while_connected_is_refused_at_the_site_within_one_second()
    {
        await using var murat = await SiteAgent.StartAsync(broker.Port, "murat", Path.Combine(_directory.Path, "connected"));
        await CreateMemberAsync("m-mosq-1");
        await murat.WaitUntilAsync(a => a.Decide(Badge).Granted, Patience);

        var clock = Stopwatch.StartNew();
        (await _admin.PostAsync($"/api/badges/{Badge}/revoke", null)).EnsureSuccessStatusCode();
        await murat.WaitUntilAsync(a => a.Decide(Badge).Reason == DenyReason.BadgeRevoked, Patience);
        clock.Stop();

        output.WriteLine($"mosquitto, connected site: refused {clock.Elapsed.TotalMilliseconds:F1} ms after the API call");
        Assert.True(clock.Elapsed < Budget, $"took {clock.Elapsed}");
    }

    [Fact]
    public async Task Revoked_while_offline_is_refused_within_one_second_of_reconnection()
    {
        await using var murat = await SiteAgent.StartAsync(broker.Port, "murat", Path.Combine(_directory.Path, "offline"));
        await CreateMemberAsync("m-mosq-2");
        await murat.WaitUntilAsync(a => a.Decide(Badge).Granted, Patience);
        await murat.DisconnectAsync();

        (await _admin.PostAsync($"/api/badges/{Badge}/revoke", null)).EnsureSuccessStatusCode();
        Assert.True(murat.Decide(Badge).Granted, "offline: the site still runs its last data");

        var clock = Stopwatch.StartNew();
        await murat.ConnectAsync();
        await murat.WaitUntilAsync(a => a.Decide(Badge).Reason == DenyReason.BadgeRevoked, Patience);
        clock.Stop();

        output.WriteLine($"mosquitto, offline site: refused {clock.Elapsed.TotalMilliseconds:F1} ms after reconnecting");
        Assert.True(clock.Elapsed < Budget, $"took {clock.Elapsed}");
    }

    private async Task CreateMemberAsync(string id)
    {
        (await _admin.PostAsJsonAsync("/api/members", new MemberRequest { Id = id, Name = "Anne", Sites = ["murat"] }, AdminHub.Json)).EnsureSuccessStatusCode();
        (await _admin.PostAsJsonAsync("/api/badges", new BadgeRequest { Credential = Badge, MemberId = id }, AdminHub.Json)).EnsureSuccessStatusCode();
    }
}
