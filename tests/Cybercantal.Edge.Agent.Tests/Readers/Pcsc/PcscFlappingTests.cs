using System.Diagnostics;
using Cybercantal.Edge.Agent.Access;
using Cybercantal.Edge.Agent.Badges;
using Cybercantal.Edge.Agent.Readers.Pcsc;
using Cybercantal.Edge.Agent.Sites;
using Cybercantal.Edge.Agent.Tests.Support;
using Cybercantal.Edge.Agent.Tests.Support.Pcsc;
using Cybercantal.Edge.Protocol.Journal;
using Xunit.Abstractions;

namespace Cybercantal.Edge.Agent.Tests.Readers.Pcsc;

/// <summary>
/// A flapping PC/SC stack: vpcd cannot unplug a reader, but killing and restarting pcscd removes and brings back
/// every reader through the same paths (context lost, daemon unreachable, readers listed again). 50 flaps in a
/// row while the rest of the agent works.
/// </summary>
[Collection(PcscdCollection.Name)]
public sealed class PcscFlappingTests(PcscdFixture pcscd, ITestOutputHelper output)
{
    private const int Flaps = 50;
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(20);
    private static readonly Credential StaffWiegand = Credential.Parse("wiegand26:123:45678");

    [Fact]
    public async Task Fifty_flaps_keep_other_doors_working_log_once_per_burst_and_the_next_tap_is_read()
    {
        pcscd.Start();
        PcscdFixture.WaitUntilEmpty(PcscdFixture.FirstReader, Patience);
        var journal = new RecordingJournal();
        await using var agent = new AgentHostHarness(journal: journal);
        await agent.Host.StartAsync();
        var pipeline = agent.Get<BadgePipeline>();
        var logger = new RecordingLogger<PcscReaderMonitor>();
        var entranceReader = new ReaderConfiguration { Id = "lecteur-entree", Kind = ReaderKind.Pcsc, Door = "porte-entree", Device = PcscdFixture.FirstReader };
        var monitor = new PcscReaderMonitor([entranceReader], pipeline, TimeProvider.System, logger);
        using var stop = new CancellationTokenSource();
        var running = monitor.RunAsync(stop.Token);
        var officeReader = agent.Reader("lecteur-bureau-1");
        var office = agent.Door("porte-bureau-1");

        var started = Stopwatch.GetTimestamp();
        for (var flap = 1; flap <= Flaps; flap++)
        {
            pcscd.Kill();
            await Task.Delay(100);
            pcscd.Start();
            if (flap % 10 == 0)
            {
                // Meanwhile another reader's badge still opens its door at once.
                agent.Get<Agent.Doors.DoorSystem>().SetLockdown(true, "test relock");
                agent.Get<Agent.Doors.DoorSystem>().SetLockdown(false, "test relock");
                pipeline.CredentialRead(officeReader, StaffWiegand, 0);
                Assert.NotEqual(AgentHostHarness.Locked(office), agent.Driver.LevelOf(office.Strike.Pin));
            }
        }

        output.WriteLine($"{Flaps} pcscd flaps in {Stopwatch.GetElapsedTime(started).TotalSeconds:F1} s");
        var decided = new TaskCompletionSource<BadgeDecision>(TaskCreationOptions.RunContinuationsAsynchronously);
        pipeline.Decided += d =>
        {
            if (d.Reader.Id == "lecteur-entree")
            {
                decided.TrySetResult(d);
            }
        };
        await using var badge = new VirtualBadge(pcscd.Port, Convert.FromHexString("04AABBCCDDEEFF"));
        await badge.PresentAsync();
        var decision = await decided.Task.WaitAsync(Patience);

        Assert.True(decision.Decision.Granted);
        var warnings = logger.Entries.Count(e => e.Level >= Microsoft.Extensions.Logging.LogLevel.Warning);
        var faults = journal.OfKind(JournalRecordKind.ReaderFault);
        output.WriteLine($"{warnings} warning lines, {faults.Count} journaled reader faults");
        foreach (var entry in logger.Entries.Where(e => e.Level >= Microsoft.Extensions.Logging.LogLevel.Warning))
        {
            output.WriteLine($"  {entry.EventId} {entry.Message}");
        }

        foreach (var fault in faults)
        {
            output.WriteLine($"  fault: {fault.Detail}");
        }

        // Once per burst, not once per flap: the log gate's window (1 min) spans the whole run, so each kind of
        // problem (context lost, daemon unreachable, reader list failed) is logged and journaled once; the counts
        // of what was not logged are summarised after the window, not during the run.
        Assert.InRange(warnings, 1, 4);
        Assert.DoesNotContain(logger.Entries, e => e.EventId == 1516);
        Assert.InRange(faults.Count, 1, 2);
        Assert.All(faults, f => Assert.Equal("lecteur-entree", f.ReaderId));
        Assert.Equal(Flaps / 10, journal.OfKind(JournalRecordKind.AccessDecision).Count(d => d.ReaderId == "lecteur-bureau-1" && d.Granted == true));

        await stop.CancelAsync();
        await running.WaitAsync(Patience);
        await agent.Host.StopAsync();
    }
}
