using System.Device.Gpio;
using Cybercantal.Edge.Agent.Access;
using Cybercantal.Edge.Agent.Badges;
using Cybercantal.Edge.Agent.Doors;
using Cybercantal.Edge.Agent.Journal;
using Cybercantal.Edge.Agent.Tests.Support;
using Cybercantal.Edge.Protocol.Journal;
using Microsoft.Extensions.Hosting;

namespace Cybercantal.Edge.Agent.Tests.Hosting;

public sealed class AgentHostTests
{
    // A staff badge of the sample seed: granted at any hour, so the test does not depend on when it runs.
    private static readonly Credential StaffBadge = Credential.Parse("nfc:04AABBCCDDEEFF");

    [Fact]
    public async Task Boot_drives_every_strike_locked_before_anything_else_and_shutdown_leaves_them_locked()
    {
        await using var agent = new AgentHostHarness();

        await agent.Host.StartAsync();
        var strikePins = agent.Site.Doors.ToDictionary(d => d.Strike.Pin);
        var writesAtBoot = agent.Driver.Writes;

        foreach (var door in agent.Site.Doors)
        {
            var strikeWrites = writesAtBoot.Where(w => w.Pin == door.Strike.Pin).ToList();
            var only = Assert.Single(strikeWrites);
            Assert.True(only.IsInitialValue);
            Assert.Equal(AgentHostHarness.Locked(door), only.Value);
        }

        // Nothing else (reader LEDs, buzzers) was driven before the last strike was locked.
        var lastStrike = writesAtBoot.Select((w, i) => (w, i)).Last(x => strikePins.ContainsKey(x.w.Pin)).i;
        Assert.All(writesAtBoot.Take(lastStrike), w => Assert.Contains(w.Pin, strikePins.Keys));

        agent.Get<BadgePipeline>().CredentialRead(agent.Reader("lecteur-entree"), StaffBadge, 0);
        var entrance = agent.Door("porte-entree");
        Assert.Equal(entrance.Strike.UnlockLevel == Agent.Sites.SignalLevel.High ? PinValue.High : PinValue.Low, agent.Driver.LevelOf(entrance.Strike.Pin));

        await agent.Host.StopAsync();

        foreach (var door in agent.Site.Doors)
        {
            Assert.Equal(AgentHostHarness.Locked(door), agent.Driver.WritesTo(door.Strike.Pin)[^1].Value);
        }
    }

    [Fact]
    public async Task A_badge_is_decided_locally_opens_its_door_and_is_journaled_between_start_and_stop()
    {
        await using var agent = new AgentHostHarness();
        await agent.Host.StartAsync();

        var pipeline = agent.Get<BadgePipeline>();
        pipeline.CredentialRead(agent.Reader("lecteur-entree"), StaffBadge, 0);
        pipeline.CredentialRead(agent.Reader("lecteur-entree"), Credential.Parse("nfc:DEADBEEF"), 0);
        pipeline.CredentialRead(agent.Reader("lecteur-entree"), Credential.Parse("nfc:0102030405"), 0);
        await agent.Host.StopAsync();
        agent.Host.Dispose();

        await using var journal = new SqliteJournal(Microsoft.Extensions.Options.Options.Create(new JournalOptions { DatabasePath = agent.Settings.JournalPath }), TimeProvider.System, Microsoft.Extensions.Logging.Abstractions.NullLogger<SqliteJournal>.Instance);
        var records = journal.ReadAfter(0, 10_000);
        Assert.Equal(Enumerable.Range(1, records.Count).Select(i => (long)i), records.Select(r => r.Sequence));
        Assert.Equal(JournalRecordKind.AgentStarted, records[0].Kind);
        Assert.Equal(JournalRecordKind.AgentStopped, records[^1].Kind);

        var decisions = records.Where(r => r.Kind == JournalRecordKind.AccessDecision).ToList();
        Assert.Collection(
            decisions,
            granted =>
            {
                Assert.True(granted.Granted);
                Assert.Equal("SF-STAFF-2", granted.MemberId);
                Assert.Equal(GrantBasis.Staff, granted.Basis);
                Assert.Equal("porte-entree", granted.DoorId);
                Assert.Equal("lecteur-entree", granted.ReaderId);
            },
            revoked =>
            {
                Assert.False(revoked.Granted);
                Assert.Equal(DenyReason.BadgeRevoked, revoked.Reason);
                Assert.Equal("nfc:DEADBEEF", revoked.CredentialText);
            },
            unknown => Assert.Equal(DenyReason.UnknownBadge, unknown.Reason));

        // The strike is driven before anything is written: the door's own unlock record comes just before the decision.
        var grantIndex = records.ToList().FindIndex(r => r.Kind == JournalRecordKind.AccessDecision);
        var unlock = records[grantIndex - 1];
        Assert.Equal((JournalRecordKind.DoorStateChanged, "porte-entree", "unlocked:grant"), (unlock.Kind, unlock.DoorId, unlock.Detail));
    }

    [Fact]
    public async Task A_busy_gpio_line_stops_start_up_naming_the_pin_and_the_door()
    {
        var site = Agent.Sites.SiteFileLoader.Load(RepositoryFiles.Find("firmware-config/sites/saint-flour.yaml")).Configuration!;
        var office = site.Doors.Single(d => d.Id == "porte-bureau-1");
        await using var agent = new AgentHostHarness(driver => driver.FailOpening(office.Strike.Pin, new IOException("Device or resource busy")));

        var error = await Assert.ThrowsAsync<DoorHardwareException>(() => agent.Host.StartAsync());

        Assert.Contains($"GPIO {office.Strike.Pin}", error.Message, StringComparison.Ordinal);
        Assert.Contains("porte-bureau-1", error.Message, StringComparison.Ordinal);
        // Doors opened before the failure were left locked.
        var entrance = site.Doors.Single(d => d.Id == "porte-entree");
        Assert.All(agent.Driver.WritesTo(entrance.Strike.Pin), w => Assert.Equal(AgentHostHarness.Locked(entrance), w.Value));
    }

    [Fact]
    public async Task The_simulation_console_plays_the_hardware_and_prints_what_happens()
    {
        await using var agent = new AgentHostHarness(consoleInput: "badge lecteur-entree nfc:04AABBCCDDEEFF\nbadge nowhere nfc:01\nlockdown on\nbadge lecteur-entree nfc:04AABBCCDDEEFF\nquit\n");
        var lifetime = agent.Get<IHostApplicationLifetime>();

        await agent.Host.StartAsync();
        using var stopped = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        await Task.Delay(Timeout.Infinite, lifetime.ApplicationStopping).ContinueWith(_ => { }, TaskScheduler.Default).WaitAsync(stopped.Token);
        await agent.Host.StopAsync();

        var output = agent.Output.ToString();
        Assert.Contains("GRANTED [Staff]", output, StringComparison.Ordinal);
        Assert.Contains("no reader 'nowhere'", output, StringComparison.Ordinal);
        Assert.Contains("LOCKDOWN", output, StringComparison.Ordinal);
        Assert.Contains("DENIED  [Lockdown]", output, StringComparison.Ordinal);
    }
}
