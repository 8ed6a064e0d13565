using System.Net.Http.Json;
using System.Text.Json;
using Cybercantal.Edge.Agent.Access;
using Cybercantal.Edge.Agent.Badges;
using Cybercantal.Edge.Agent.Gpio;
using Cybercantal.Edge.Agent.Hosting;
using Cybercantal.Edge.Agent.Journal;
using Cybercantal.Edge.Agent.Simulation;
using Cybercantal.Edge.Agent.Sites;
using Cybercantal.Edge.Hub.Admin;
using Cybercantal.Edge.Sync.Tests.Support;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Cybercantal.Edge.Sync.Tests.EndToEnd;

/// <summary>
/// The agent exactly as <c>run</c> composes it (shipped Saint-Flour site file, hub sync, credential and command
/// handlers on the one MQTT session) against a real hub with its embedded broker and admin API.
/// </summary>
public sealed class AgentHostWithHubTests
{
    private const string Site = "saint-flour";
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(20);

    [Fact]
    public async Task A_badge_created_then_revoked_at_the_hub_is_granted_then_refused_at_the_door_and_the_journal_reaches_the_hub()
    {
        using var directory = new TempDirectory();
        var port = FreePort.Next();
        await using var hub = await RunningHub.StartAsync(Path.Combine(directory.Path, "hub.db"), port, sites: Site);
        var (_, adminKey) = hub.Services.GetRequiredService<ApiKeyStore>().Create("test admin", admin: true, sites: null);
        using var admin = new HttpClient { BaseAddress = hub.HttpAddress, Timeout = Patience };
        admin.DefaultRequestHeaders.Add("X-Api-Key", adminKey);

        using var agent = BuildAgent(directory.Path, port);
        await agent.StartAsync();
        var pipeline = agent.Services.GetRequiredService<BadgePipeline>();
        var entrance = agent.Services.GetRequiredService<SiteConfiguration>().Readers.Single(r => r.Id == "lecteur-entree");
        var badge = Credential.Parse("nfc:0A0B0C0D0E");

        // A staff member, so the decision does not depend on the hour the test runs at.
        (await admin.PostAsJsonAsync("/api/members", new MemberRequest { Id = "SF-E2E", Name = "Anne Test", Staff = true, Sites = [Site] }, Json)).EnsureSuccessStatusCode();
        (await admin.PostAsJsonAsync("/api/badges", new BadgeRequest { Credential = badge.ToString(), MemberId = "SF-E2E" }, Json)).EnsureSuccessStatusCode();
        var granted = await DecideUntilAsync(pipeline, entrance, badge, d => d.Decision.Granted);
        Assert.Equal("SF-E2E", granted.MemberId);

        (await admin.PostAsync($"/api/badges/{badge}/revoke", null)).EnsureSuccessStatusCode();
        var refused = await DecideUntilAsync(pipeline, entrance, badge, d => !d.Decision.Granted);
        Assert.Equal(DenyReason.BadgeRevoked, refused.Decision.Reason);

        // Everything the agent journaled (start, doors, both decisions, credential updates) reaches the hub once.
        var journal = agent.Services.GetRequiredService<SqliteJournal>();
        await Waiting.UntilAsync(
            () => StoreQueries.Count(hub.StorePath, Site) >= journal.DurableSequence && journal.DurableSequence > 0,
            Patience,
            () => $"hub holds {StoreQueries.Count(hub.StorePath, Site)} of {journal.DurableSequence} records");
        var sequences = StoreQueries.Sequences(hub.StorePath, Site);
        Assert.Equal(Enumerable.Range(1, sequences.Count).Select(i => (long)i), sequences);

        // The connection also published the site description built from the shipped site file.
        var description = await admin.GetFromJsonAsync<Hub.Sites.StoredSiteDescription>($"/api/sites/{Site}/description", Json);
        Assert.Equal("Europe/Paris", description!.Description.TimeZone);
        Assert.Contains(description.Description.Zones, z => z.Kind == "visio-room");

        await agent.StopAsync();
    }

    private static IHost BuildAgent(string directory, int port)
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

        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?> { ["Sync:Enabled"] = "true" });
        builder.Services.AddSingleton(new SimulatedGpioDriver());
        builder.Services.AddSingleton(new SimulationTerminal(TextReader.Null, TextWriter.Null));
        builder.AddAgent(settings);
        builder.Logging.ClearProviders();
        return builder.Build();
    }

    private static async Task<BadgeDecision> DecideUntilAsync(BadgePipeline pipeline, ReaderConfiguration reader, Credential badge, Func<BadgeDecision, bool> wanted)
    {
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
