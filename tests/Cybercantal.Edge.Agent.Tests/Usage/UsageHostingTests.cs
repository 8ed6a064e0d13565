using System.Device.Gpio;
using Cybercantal.Edge.Agent.Access;
using Cybercantal.Edge.Agent.Badges;
using Cybercantal.Edge.Agent.Tests.Support;
using Cybercantal.Edge.Agent.Usage;
using Cybercantal.Edge.Agent.Usage.Copiers;
using Cybercantal.Edge.Protocol.Journal;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Cybercantal.Edge.Agent.Tests.Usage;

public sealed class UsageHostingTests
{
    [Fact]
    public async Task In_the_agent_host_the_copier_relay_opens_off_after_every_strike_and_a_granted_tap_enables_it()
    {
        var journal = new RecordingJournal();
        await using var agent = new AgentHostHarness(journal: journal);
        await agent.Host.StartAsync();
        var relay = agent.Site.Copiers.Single().EnablePin!.Value;
        var writes = agent.Driver.Writes;
        var strikePins = agent.Site.Doors.Select(d => d.Strike.Pin).ToHashSet();
        var relayOpened = writes.Select((w, i) => (w, i)).Single(x => x.w.Pin == relay).i;
        Assert.True(writes.Select((w, i) => (w, i)).Where(x => strikePins.Contains(x.w.Pin)).All(x => x.i < relayOpened));
        Assert.Equal(CopierSessionManager.RelayOff, writes[relayOpened].Value);

        agent.Get<BadgePipeline>().CredentialRead(agent.Reader("lecteur-copieur"), Credential.Parse("nfc:04AABBCCDDEEFF"), 0);

        // The session starts off the read path, on the usage worker; no counter reader is registered here,
        // so it is unmeasured.
        using var hang = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        await agent.Get<UsageWorker>().DrainedAsync(hang.Token);

        Assert.Equal(PinValue.High, agent.Driver.LevelOf(relay));
        Assert.Equal("unmeasured", UsageDetail.Parse(Assert.Single(journal.OfKind(JournalRecordKind.CopierSessionStarted)).Detail)["flag"]);
        await agent.Host.StopAsync();
        Assert.Equal(PinValue.Low, agent.Driver.LevelOf(relay));
    }

    [Theory]
    [InlineData("Usage:PcEndpointPrefixes:0", "ftp://127.0.0.1:21/", "PcEndpointPrefixes")]
    [InlineData("Usage:PcProbePort", "70000", "PcProbePort")]
    [InlineData("Usage:CopierIdleTimeout", "02:00:00", "CopierIdleTimeout")]
    public void Bad_usage_options_are_refused_naming_the_setting(string key, string value, string named)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { [key] = value }).Build();
        using var provider = new ServiceCollection().AddUsageTracking(configuration).BuildServiceProvider();

        var error = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IOptions<UsageOptions>>().Value);

        Assert.Contains(named, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_state_file_defaults_to_usage_db_next_to_the_journal()
    {
        var path = UsageServiceCollectionExtensions.StatePath(new UsageOptions(), new Agent.Journal.JournalOptions { DatabasePath = "/var/lib/cybercantal/journal.db" });

        Assert.Equal("/var/lib/cybercantal/usage.db", path);
    }
}
