using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Json;
using Cybercantal.Edge.Agent.Access;
using Cybercantal.Edge.Hub.Admin;
using Cybercantal.Edge.Hub.Tests.Support;
using Cybercantal.Edge.Protocol.Journal;
using Microsoft.Extensions.DependencyInjection;
using Xunit.Abstractions;

namespace Cybercantal.Edge.Hub.Tests.Admin;

/// <summary>
/// A badge revoked through the admin API, measured until the site's real decision engine refuses it: real
/// hub (API, store, embedded broker), real MQTT, the agent's real credential handler and access store.
/// </summary>
public sealed class RevocationTests(ITestOutputHelper output) : IAsyncLifetime
{
    private const string Badge = "nfc:04A1B2C3D4E5F6";
    private static readonly TimeSpan Budget = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(20);

    private AdminHub _hub = null!;

    public async Task InitializeAsync() => _hub = await AdminHub.StartAsync("murat", "saint-flour");

    public async Task DisposeAsync() => await _hub.DisposeAsync();

    [Fact]
    public async Task Revoked_while_connected_is_refused_at_the_site_within_one_second()
    {
        await using var murat = await _hub.StartAgentAsync("murat");
        await _hub.CreateMemberAsync("m-1", Badge, "murat");
        await murat.WaitUntilAsync(a => a.Decide(Badge).Granted, Patience);

        var clock = Stopwatch.StartNew();
        (await _hub.Admin.PostAsync($"/api/badges/{Badge}/revoke", null)).EnsureSuccessStatusCode();
        await murat.WaitUntilAsync(a => a.Decide(Badge).Reason == DenyReason.BadgeRevoked, Patience);
        clock.Stop();

        output.WriteLine($"connected site: refused {clock.Elapsed.TotalMilliseconds:F1} ms after the API call");
        Assert.True(clock.Elapsed < Budget, $"took {clock.Elapsed}");
    }

    [Fact]
    public async Task Revoked_while_offline_is_refused_within_one_second_of_reconnection()
    {
        await using var murat = await _hub.StartAgentAsync("murat");
        await _hub.CreateMemberAsync("m-1", Badge, "murat");
        await murat.WaitUntilAsync(a => a.Decide(Badge).Granted, Patience);
        await murat.DisconnectAsync();

        (await _hub.Admin.PostAsync($"/api/badges/{Badge}/revoke", null)).EnsureSuccessStatusCode();
        Assert.True(murat.Decide(Badge).Granted, "offline: the site still runs its last data");

        var clock = Stopwatch.StartNew();
        await murat.ConnectAsync();
        await murat.WaitUntilAsync(a => a.Decide(Badge).Reason == DenyReason.BadgeRevoked, Patience);
        clock.Stop();

        output.WriteLine($"offline site: refused {clock.Elapsed.TotalMilliseconds:F1} ms after reconnecting");
        Assert.True(clock.Elapsed < Budget, $"took {clock.Elapsed}");
    }

    [Fact]
    public async Task A_new_gateway_with_no_session_gets_the_retained_snapshot()
    {
        await _hub.CreateMemberAsync("m-1", Badge, "murat");
        (await _hub.Admin.PostAsync($"/api/badges/{Badge}/revoke", null)).EnsureSuccessStatusCode();

        var clock = Stopwatch.StartNew();
        await using var murat = await _hub.StartAgentAsync("murat");
        await murat.WaitUntilAsync(a => a.Credentials.CurrentVersion == 3, Patience);
        output.WriteLine($"new gateway: snapshot applied {clock.Elapsed.TotalMilliseconds:F1} ms after connecting");

        Assert.Equal(DenyReason.BadgeRevoked, murat.Decide(Badge).Reason);
        Assert.Equal(["snapshot:v3"], murat.Journal.OfKind(JournalRecordKind.CredentialsApplied).Select(e => e.Detail));
    }

    [Fact]
    public async Task A_lost_delta_makes_the_next_one_refused_and_the_site_resynchronises()
    {
        await using var murat = await _hub.StartAgentAsync("murat");
        await _hub.CreateMemberAsync("m-1", Badge, "murat");
        await murat.WaitUntilAsync(a => a.Credentials.CurrentVersion == 2, Patience);

        // Version 3 (and its snapshot) never reach the site.
        murat.Paused = true;
        await _hub.CreateMemberAsync("m-2", "nfc:0A0B0C0D", "murat");
        await WaitForAsync(() => murat.Dropped.Contains("snapshot:v4"));
        murat.Paused = false;

        (await _hub.Admin.PostAsync($"/api/badges/{Badge}/revoke", null)).EnsureSuccessStatusCode();
        await murat.WaitUntilAsync(a => a.Credentials.CurrentVersion == 5, Patience);

        Assert.Contains(murat.Journal.OfKind(JournalRecordKind.CredentialsRefused), e => e.Detail == "delta:v5:base 4 but running v2");
        await WaitForAsync(() => _hub.Hub.Logs.Contains(2114, "murat", "resync asked: True"));
        Assert.Equal(DenyReason.BadgeRevoked, murat.Decide(Badge).Reason);
        Assert.True(murat.Decide("nfc:0A0B0C0D").Granted);
        var version = await _hub.Admin.GetFromJsonAsync<SiteCredentialsVersion>("/api/sites/murat/credentials", AdminHub.Json);
        Assert.Equal(5, version!.Version);
        await WaitForAsync(() => _hub.Hub.Services.GetRequiredService<Credentials.CredentialDistributor>().Reports.GetValueOrDefault("murat")?.Version == 5);
    }

    [Fact]
    public async Task A_site_ahead_of_a_restored_hub_is_brought_back_by_a_newer_snapshot()
    {
        await _hub.CreateMemberAsync("m-1", Badge, "murat");
        await using var murat = await _hub.StartAgentAsync("murat", "ahead");
        await murat.WaitUntilAsync(a => a.Credentials.CurrentVersion == 2, Patience);
        // The site runs version 40 from a hub store since lost: it ignores the hub's version-2 snapshots...
        await murat.Credentials.ApplyAsync(new System.Buffers.ReadOnlySequence<byte>(System.Text.Encoding.UTF8.GetBytes(
            """{"schema":1,"id":"x","site":"murat","kind":"snapshot","version":40,"issuedAt":"2026-11-26T09:00:00Z","payload":{"members":[]}}""")), default);
        // The hub may already have answered the site's version report: the site is at 40 or past it, never back at 2.
        Assert.True(murat.Credentials.CurrentVersion >= 40, $"version {murat.Credentials.CurrentVersion}");

        // ...until its report makes the hub move past 40 and publish again.
        await murat.WaitUntilAsync(a => a.Credentials.CurrentVersion > 40 && a.Decide(Badge).Granted, Patience);
    }

    [Fact]
    public async Task Revocation_reaches_every_connected_site_within_one_second_p99()
    {
        var count = int.TryParse(Environment.GetEnvironmentVariable("CYBERCANTAL_REVOCATION_SITES"), CultureInfo.InvariantCulture, out var n) ? n : 10;
        var rounds = int.TryParse(Environment.GetEnvironmentVariable("CYBERCANTAL_REVOCATION_ROUNDS"), CultureInfo.InvariantCulture, out var r) ? r : 3;
        var sites = Enumerable.Range(1, count).Select(i => "site-" + i.ToString("D2", CultureInfo.InvariantCulture)).ToArray();
        await using var hub = await AdminHub.StartAsync(sites);
        var agents = await Task.WhenAll(sites.Select(s => hub.StartAgentAsync(s)));
        try
        {
            var latencies = new List<double>();
            for (var round = 0; round < rounds; round++)
            {
                var badge = "nfc:0000" + round.ToString("X4", CultureInfo.InvariantCulture);
                await hub.CreateMemberAsync("m-" + round.ToString(CultureInfo.InvariantCulture), badge, sites);
                await Task.WhenAll(agents.Select(a => a.WaitUntilAsync(x => x.Decide(badge).Granted, Patience)));

                var clock = Stopwatch.StartNew();
                var reached = agents.Select(async a =>
                {
                    await a.WaitUntilAsync(x => x.Decide(badge).Reason == DenyReason.BadgeRevoked, Patience);
                    return clock.Elapsed.TotalMilliseconds;
                }).ToArray();
                (await hub.Admin.PostAsync($"/api/badges/{badge}/revoke", null)).EnsureSuccessStatusCode();
                latencies.AddRange(await Task.WhenAll(reached));
            }

            latencies.Sort();
            double Percentile(double p) => latencies[Math.Min(latencies.Count - 1, (int)Math.Ceiling(p * latencies.Count) - 1)];
            output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"revocation to {count} connected sites x {rounds} rounds: p50 {Percentile(0.5):F1} ms, p99 {Percentile(0.99):F1} ms, max {latencies[^1]:F1} ms"));
            Assert.True(Percentile(0.99) < Budget.TotalMilliseconds, $"p99 {Percentile(0.99)} ms");
        }
        finally
        {
            foreach (var agent in agents)
            {
                await agent.DisposeAsync();
            }
        }
    }

    private static async Task WaitForAsync(Func<bool> condition)
    {
        var deadline = Stopwatch.StartNew();
        while (!condition())
        {
            Assert.True(deadline.Elapsed < Patience, "condition not met in time");
            // Polling a condition set by another component (logs); the timing under test is measured elsewhere.
            await Task.Delay(20);
        }
    }
}
