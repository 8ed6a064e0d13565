using Cybercantal.Edge.Agent.Access;
using Cybercantal.Edge.Agent.Badges;
using Cybercantal.Edge.Agent.Readers.Pcsc;
using Cybercantal.Edge.Agent.Sites;
using Cybercantal.Edge.Agent.Tests.Support;
using Cybercantal.Edge.Agent.Tests.Support.Pcsc;
using Cybercantal.Edge.Protocol.Journal;
using Microsoft.Extensions.Logging.Abstractions;

namespace Cybercantal.Edge.Agent.Tests.Readers.Pcsc;

/// <summary>
/// The whole chain on real peers: a badge played on vpcd, read by pcscd, seen by the monitor, decided by
/// the agent's pipeline on the shipped Saint-Flour site and sample seed, and the right strike driven.
/// </summary>
[Collection(PcscdCollection.Name)]
public sealed class PcscToDoorTests(PcscdFixture pcscd)
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(10);

    [Fact]
    public async Task A_tap_at_the_entrance_reader_reaches_the_decision_engine_and_opens_the_entrance_only()
    {
        pcscd.Start();
        PcscdFixture.WaitUntilEmpty(PcscdFixture.FirstReader, Patience);
        var journal = new RecordingJournal();
        await using var agent = new AgentHostHarness(journal: journal);
        await agent.Host.StartAsync();
        var pipeline = agent.Get<BadgePipeline>();
        var decided = new TaskCompletionSource<BadgeDecision>(TaskCreationOptions.RunContinuationsAsynchronously);
        pipeline.Decided += d => decided.TrySetResult(d);
        // The shipped file names the real ACR122U; on the test bed the same reader id sits on vpcd's slot.
        var entranceReader = new ReaderConfiguration { Id = "lecteur-entree", Kind = ReaderKind.Pcsc, Door = "porte-entree", Device = PcscdFixture.FirstReader };
        var monitor = new PcscReaderMonitor([entranceReader], pipeline, TimeProvider.System, NullLogger<PcscReaderMonitor>.Instance);
        using var stop = new CancellationTokenSource();
        var running = monitor.RunAsync(stop.Token);
        await using var staffBadge = new VirtualBadge(pcscd.Port, Convert.FromHexString("04AABBCCDDEEFF"));

        await staffBadge.PresentAsync();
        var decision = await decided.Task.WaitAsync(Patience);

        Assert.True(decision.Decision.Granted);
        Assert.Equal(("SF-STAFF-2", "porte-entree", Credential.Parse("nfc:04AABBCCDDEEFF")), (decision.MemberId, decision.Door?.Id, decision.Credential));
        foreach (var door in agent.Site.Doors)
        {
            var unlocked = agent.Driver.LevelOf(door.Strike.Pin) != AgentHostHarness.Locked(door);
            Assert.Equal(door.Id == "porte-entree", unlocked);
        }

        var record = Assert.Single(journal.OfKind(JournalRecordKind.AccessDecision));
        Assert.Equal(("lecteur-entree", true), (record.ReaderId, record.Granted));

        await stop.CancelAsync();
        await running.WaitAsync(Patience);
        await agent.Host.StopAsync();
    }

    [Fact]
    public async Task An_unknown_card_is_refused_and_no_strike_moves()
    {
        pcscd.Start();
        PcscdFixture.WaitUntilEmpty(PcscdFixture.FirstReader, Patience);
        var journal = new RecordingJournal();
        await using var agent = new AgentHostHarness(journal: journal);
        await agent.Host.StartAsync();
        var pipeline = agent.Get<BadgePipeline>();
        var decided = new TaskCompletionSource<BadgeDecision>(TaskCreationOptions.RunContinuationsAsynchronously);
        pipeline.Decided += d => decided.TrySetResult(d);
        var strikeWritesBefore = agent.Site.Doors.Sum(d => agent.Driver.WritesTo(d.Strike.Pin).Count);
        var entranceReader = new ReaderConfiguration { Id = "lecteur-entree", Kind = ReaderKind.Pcsc, Door = "porte-entree", Device = PcscdFixture.FirstReader };
        var monitor = new PcscReaderMonitor([entranceReader], pipeline, TimeProvider.System, NullLogger<PcscReaderMonitor>.Instance);
        using var stop = new CancellationTokenSource();
        var running = monitor.RunAsync(stop.Token);
        await using var stranger = new VirtualBadge(pcscd.Port, Convert.FromHexString("0455667788"));

        await stranger.PresentAsync();
        var decision = await decided.Task.WaitAsync(Patience);

        Assert.False(decision.Decision.Granted);
        Assert.Equal(DenyReason.UnknownBadge, decision.Decision.Reason);
        Assert.Equal(strikeWritesBefore, agent.Site.Doors.Sum(d => agent.Driver.WritesTo(d.Strike.Pin).Count));

        await stop.CancelAsync();
        await running.WaitAsync(Patience);
        await agent.Host.StopAsync();
    }
}
