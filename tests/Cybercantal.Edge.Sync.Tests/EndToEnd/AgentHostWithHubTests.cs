using System.Net.Http.Json;
using System.Text.Json;
using Cybercantal.Edge.Agent.Access;
using Cybercantal.Edge.Agent.Journal;
using Cybercantal.Edge.Hub.Admin;
using Cybercantal.Edge.Sync.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace Cybercantal.Edge.Sync.Tests.EndToEnd;

/// <summary>
/// The agent exactly as <c>run</c> composes it (shipped Saint-Flour site file, hub sync, credential and command
/// handlers on the one MQTT session) against a real hub with its embedded broker and admin API.
/// </summary>
public sealed class AgentHostWithHubTests
{
    private const string Site = ShippedAgentWithHub.Site;
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(20);

    [Fact]
    public async Task A_badge_created_then_revoked_at_the_hub_is_granted_then_refused_at_the_door_and_the_journal_reaches_the_hub()
    {
        await using var world = await ShippedAgentWithHub.StartAsync(Patience);
        var (hub, admin, agent) = (world.Hub, world.Admin, world.Agent);
        var entrance = world.Reader("lecteur-entree");
        var badge = Credential.Parse("nfc:0A0B0C0D0E");

        // A staff member, so the decision does not depend on the hour the test runs at.
        (await admin.PostAsJsonAsync("/api/members", new MemberRequest { Id = "SF-E2E", Name = "Anne Test", Staff = true, Sites = [Site] }, Json)).EnsureSuccessStatusCode();
        (await admin.PostAsJsonAsync("/api/badges", new BadgeRequest { Credential = badge.ToString(), MemberId = "SF-E2E" }, Json)).EnsureSuccessStatusCode();
        var granted = await world.DecideUntilAsync(entrance, badge, d => d.Decision.Granted);
        Assert.Equal("SF-E2E", granted.MemberId);

        (await admin.PostAsync($"/api/badges/{badge}/revoke", null)).EnsureSuccessStatusCode();
        var refused = await world.DecideUntilAsync(entrance, badge, d => !d.Decision.Granted);
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
}
