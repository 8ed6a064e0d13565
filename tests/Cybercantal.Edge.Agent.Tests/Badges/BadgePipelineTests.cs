using System.Device.Gpio;
using Cybercantal.Edge.Agent.Access;
using Cybercantal.Edge.Agent.Badges;
using Cybercantal.Edge.Agent.Doors;
using Cybercantal.Edge.Agent.Sites;
using Cybercantal.Edge.Agent.Tests.Support;
using Cybercantal.Edge.Protocol.Journal;

namespace Cybercantal.Edge.Agent.Tests.Badges;

public sealed class BadgePipelineTests
{
    private static readonly Credential StaffNfc = Credential.Parse("nfc:04AABBCCDDEEFF");
    private static readonly Credential StaffWiegand = Credential.Parse("wiegand26:123:45678");

    [Fact]
    public async Task A_grant_at_a_wiegand_door_unlocks_it_and_lights_the_readers_green_led()
    {
        var journal = new RecordingJournal();
        await using var agent = new AgentHostHarness(journal: journal);
        await agent.Host.StartAsync();
        var reader = agent.Reader("lecteur-bureau-1");
        var door = agent.Door("porte-bureau-1");

        agent.Get<BadgePipeline>().CredentialRead(reader, StaffWiegand, 0);

        Assert.NotEqual(AgentHostHarness.Locked(door), agent.Driver.LevelOf(door.Strike.Pin));
        var green = reader.Feedback!.GreenLedPin!.Value;
        Assert.Equal(reader.Feedback.ActiveLevel == SignalLevel.High ? PinValue.High : PinValue.Low, agent.Driver.LevelOf(green));
        var decision = Assert.Single(journal.OfKind(JournalRecordKind.AccessDecision));
        Assert.Equal((true, "SF-STAFF-1", "porte-bureau-1", StaffWiegand), (decision.Granted!.Value, decision.MemberId, decision.DoorId, decision.Credential));
        await agent.Host.StopAsync();
    }

    [Fact]
    public async Task During_lockdown_a_valid_badge_is_refused_for_lockdown_and_the_door_stays_locked()
    {
        var journal = new RecordingJournal();
        await using var agent = new AgentHostHarness(journal: journal);
        await agent.Host.StartAsync();
        agent.Get<DoorSystem>().SetLockdown(true, "test");
        var door = agent.Door("porte-entree");

        agent.Get<BadgePipeline>().CredentialRead(agent.Reader("lecteur-entree"), StaffNfc, 0);

        Assert.Equal(AgentHostHarness.Locked(door), agent.Driver.LevelOf(door.Strike.Pin));
        var decision = Assert.Single(journal.OfKind(JournalRecordKind.AccessDecision));
        Assert.Equal((false, DenyReason.Lockdown, "SF-STAFF-2"), (decision.Granted!.Value, decision.Reason, decision.MemberId));
        await agent.Host.StopAsync();
    }

    [Fact]
    public async Task A_resource_reader_is_decided_for_its_zone_and_drives_no_strike()
    {
        var journal = new RecordingJournal();
        await using var agent = new AgentHostHarness(journal: journal);
        await agent.Host.StartAsync();
        var pipeline = agent.Get<BadgePipeline>();
        var before = agent.Driver.Writes.Count;
        BadgeDecision? seen = null;
        pipeline.Decided += d => seen = d;

        pipeline.CredentialRead(agent.Reader("lecteur-copieur"), StaffNfc, 0);

        // No strike moves; the copier's own enable relay (usage tracking's badge release) may.
        var copierRelay = agent.Site.Copiers.Single().EnablePin;
        Assert.Equal(before, agent.Driver.Writes.Count(w => w.Pin != copierRelay) + agent.Driver.Writes.Take(before).Count(w => w.Pin == copierRelay));
        var decision = Assert.Single(journal.OfKind(JournalRecordKind.AccessDecision));
        Assert.Null(decision.DoorId);
        Assert.Equal("lecteur-copieur", decision.ReaderId);
        Assert.True(decision.Granted);
        Assert.NotNull(seen);
        Assert.Null(seen.Door);
        Assert.Equal("coin-copie", seen.Zone?.Id);
        await agent.Host.StopAsync();
    }

    [Fact]
    public async Task Reader_faults_are_journaled_and_a_reader_the_site_does_not_declare_is_ignored()
    {
        var journal = new RecordingJournal();
        await using var agent = new AgentHostHarness(journal: journal);
        await agent.Host.StartAsync();
        var pipeline = agent.Get<BadgePipeline>();
        var stranger = new ReaderConfiguration { Id = "intrus", Kind = ReaderKind.Pcsc, Door = "porte-entree" };

        pipeline.ReaderFault(agent.Reader("lecteur-entree"), "uid:empty");
        pipeline.CredentialRead(stranger, StaffNfc, 0);

        var fault = Assert.Single(journal.OfKind(JournalRecordKind.ReaderFault));
        Assert.Equal(("lecteur-entree", "uid:empty"), (fault.ReaderId, fault.Detail));
        Assert.Empty(journal.OfKind(JournalRecordKind.AccessDecision));
        var entrance = agent.Door("porte-entree");
        Assert.Equal(AgentHostHarness.Locked(entrance), agent.Driver.LevelOf(entrance.Strike.Pin));
        await agent.Host.StopAsync();
    }

    [Fact]
    public async Task A_failing_live_view_does_not_undo_or_block_the_decision()
    {
        var journal = new RecordingJournal();
        await using var agent = new AgentHostHarness(journal: journal);
        await agent.Host.StartAsync();
        var pipeline = agent.Get<BadgePipeline>();
        pipeline.Decided += _ => throw new InvalidOperationException("kiosk crashed");

        pipeline.CredentialRead(agent.Reader("lecteur-entree"), StaffNfc, 0);

        Assert.True(Assert.Single(journal.OfKind(JournalRecordKind.AccessDecision)).Granted);
        await agent.Host.StopAsync();
    }
}
