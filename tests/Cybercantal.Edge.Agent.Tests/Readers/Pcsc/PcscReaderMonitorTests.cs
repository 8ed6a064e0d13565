using Cybercantal.Edge.Agent.Tests.Support;
using System.Diagnostics;
using Cybercantal.Edge.Agent.Access;
using Cybercantal.Edge.Agent.Readers.Pcsc;
using Cybercantal.Edge.Agent.Sites;
using Cybercantal.Edge.Agent.Tests.Support.Pcsc;
using Xunit.Abstractions;

namespace Cybercantal.Edge.Agent.Tests.Readers.Pcsc;

/// <summary>The monitor against a real pcscd and vpcd virtual reader, with badges played over vpcd's socket.</summary>
[Collection(PcscdCollection.Name)]
public sealed class PcscReaderMonitorTests : IAsyncLifetime
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(10);
    private static readonly byte[] Alice = Convert.FromHexString("04A1B2C3D4E5F6");
    private static readonly byte[] Bob = Convert.FromHexString("DEADBEEF");

    private readonly PcscdFixture _pcscd;
    private readonly ITestOutputHelper _output;
    private readonly RecordingBadgeSink _sink = new();
    private readonly RecordingLogger<PcscReaderMonitor> _logger = new();
    private readonly CancellationTokenSource _stop = new();
    private readonly List<VirtualBadge> _badges = [];
    private Task? _running;

    public PcscReaderMonitorTests(PcscdFixture pcscd, ITestOutputHelper output)
    {
        _pcscd = pcscd;
        _output = output;
    }

    private static ReaderConfiguration FrontDoor => new() { Id = "front", Kind = ReaderKind.Pcsc, Door = "front", Device = "Virtual PCD 00 00" };

    private static ReaderConfiguration Copier => new() { Id = "copier", Kind = ReaderKind.Pcsc, Resource = "copier", Device = "Virtual PCD 00 01" };

    public Task InitializeAsync()
    {
        // A previous test may have killed the daemon or left a card being noticed as removed.
        _pcscd.Start();
        PcscdFixture.WaitUntilEmpty(PcscdFixture.FirstReader, Patience);
        PcscdFixture.WaitUntilEmpty(PcscdFixture.SecondReader, Patience);
        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        foreach (var entry in _logger.Entries)
        {
            _output.WriteLine($"{entry.EventId} {entry.Level} {entry.Message}");
        }

        foreach (var badge in _badges)
        {
            await badge.DisposeAsync();
        }

        await _stop.CancelAsync();
        if (_running is not null)
        {
            await _running.WaitAsync(TimeSpan.FromSeconds(15));
        }

        _stop.Dispose();
    }

    [Fact]
    public async Task A_tap_delivers_the_card_uid_to_the_sink_of_the_right_reader()
    {
        Start(FrontDoor, Copier);
        var badge = Badge(_pcscd.Port, Alice);

        await badge.PresentAsync();
        await _sink.WaitForReadsAsync(1, Patience);

        var read = Assert.Single(_sink.Reads);
        Assert.Equal("front", read.ReaderId);
        Assert.Equal(Credential.Parse("nfc:04A1B2C3D4E5F6"), read.Credential);
        Assert.True(read.Timestamp >= badge.PresentedAt && read.Timestamp <= read.ReceivedAt);
        Assert.Empty(_sink.Faults);
    }

    [Fact]
    public async Task A_card_held_on_the_reader_is_read_once()
    {
        Start(FrontDoor);
        var badge = Badge(_pcscd.Port, Alice);

        await badge.PresentAsync();
        await _sink.WaitForReadsAsync(1, Patience);
        var polls = badge.AtrRequests.Count;
        await WaitUntil(() => badge.AtrRequests.Count >= polls + 5);

        Assert.Single(_sink.Reads);
        Assert.Equal(1, badge.ApduCount);
    }

    [Fact]
    public async Task A_card_removed_and_presented_again_is_read_twice()
    {
        Start(FrontDoor);
        var badge = Badge(_pcscd.Port, Alice);

        await badge.PresentAsync();
        await _sink.WaitForReadsAsync(1, Patience);
        await badge.RemoveAsync();
        PcscdFixture.WaitUntilEmpty(PcscdFixture.FirstReader, Patience);
        await badge.PresentAsync();
        await _sink.WaitForReadsAsync(2, Patience);

        Assert.Equal(2, _sink.Reads.Count);
        Assert.All(_sink.Reads, read => Assert.Equal(Credential.Parse("nfc:04A1B2C3D4E5F6"), read.Credential));
    }

    [Fact]
    public async Task A_card_answering_6A81_is_a_reader_fault_and_the_next_card_is_read()
    {
        Start(FrontDoor);
        var failing = Badge(_pcscd.Port, Alice);
        failing.StatusWord = [0x6A, 0x81];

        await failing.PresentAsync();
        await _sink.WaitForFaultsAsync(1, Patience);
        await failing.RemoveAsync();
        PcscdFixture.WaitUntilEmpty(PcscdFixture.FirstReader, Patience);
        var good = Badge(_pcscd.Port, Bob);
        await good.PresentAsync();
        await _sink.WaitForReadsAsync(1, Patience);

        var fault = Assert.Single(_sink.Faults);
        Assert.Equal("front", fault.ReaderId);
        Assert.Contains("6A 81", fault.Fault, StringComparison.Ordinal);
        Assert.Equal(Credential.Parse("nfc:DEADBEEF"), Assert.Single(_sink.Reads).Credential);
        Assert.Equal(1, _logger.Count(1511));
    }

    [Fact]
    public async Task After_pcscd_is_killed_and_restarted_the_next_tap_is_read()
    {
        Start(FrontDoor);
        var badge = Badge(_pcscd.Port, Alice);
        await badge.PresentAsync();
        await _sink.WaitForReadsAsync(1, Patience);
        await badge.RemoveAsync();

        _pcscd.Kill();
        // Let the monitor fail to reach the daemon several times (backoff 250, 500, 1000 ms...).
        await Task.Delay(TimeSpan.FromSeconds(2));
        _pcscd.Start();
        var again = Badge(_pcscd.Port, Bob);
        await again.PresentAsync();
        await _sink.WaitForReadsAsync(2, TimeSpan.FromSeconds(20));

        Assert.Equal(Credential.Parse("nfc:DEADBEEF"), _sink.Reads[1].Credential);
        // The outage is journaled against the reader once per burst: the lost context, then the unreachable daemon.
        Assert.Collection(
            _sink.Faults,
            lost => Assert.Equal(("front", true), (lost.ReaderId, lost.Fault.StartsWith("pcscd context lost", StringComparison.Ordinal))),
            unavailable => Assert.Equal(("front", true), (unavailable.ReaderId, unavailable.Fault.StartsWith("pcscd unavailable", StringComparison.Ordinal))));
        // One line for the lost context and one for the unreachable daemon, not one per retry.
        Assert.Equal(1, _logger.Count(1504));
        Assert.Equal(1, _logger.Count(1502));
        Assert.True(_logger.Count(1503) >= 2);
    }

    [Fact]
    public async Task A_card_that_never_answers_does_not_stall_the_other_reader()
    {
        Start(new PcscMonitorOptions { ReadTimeout = TimeSpan.FromMilliseconds(500) }, FrontDoor, Copier);
        var hanging = Badge(_pcscd.Port, Alice);
        hanging.NeverAnswer = true;
        var good = Badge(_pcscd.Port + 1, Bob);

        await hanging.PresentAsync();
        await _sink.WaitForFaultsAsync(1, Patience);
        await good.PresentAsync();
        await _sink.WaitForReadsAsync(1, Patience);

        Assert.Contains("did not answer", Assert.Single(_sink.Faults).Fault, StringComparison.Ordinal);
        var read = Assert.Single(_sink.Reads);
        Assert.Equal(("copier", Credential.Parse("nfc:DEADBEEF")), (read.ReaderId, read.Credential));

        // Once the hanging card goes away, its reader works again.
        await hanging.RemoveAsync();
        PcscdFixture.WaitUntilEmpty(PcscdFixture.FirstReader, Patience);
        var next = Badge(_pcscd.Port, Alice);
        await next.PresentAsync();
        await _sink.WaitForReadsAsync(2, Patience);
        Assert.Equal("front", _sink.Reads[1].ReaderId);
    }

    [Fact]
    public async Task Readers_matching_no_configured_prefix_are_ignored_and_logged_once()
    {
        Start(FrontDoor);
        var other = Badge(_pcscd.Port + 1, Bob);

        await other.PresentAsync();
        var first = Badge(_pcscd.Port, Alice);
        await first.PresentAsync();
        await _sink.WaitForReadsAsync(1, Patience);

        Assert.Equal("front", Assert.Single(_sink.Reads).ReaderId);
        Assert.Equal(1, _logger.Count(1507));
    }

    [Fact]
    public async Task Two_hundred_taps_in_a_row_give_two_hundred_reads()
    {
        Start(FrontDoor);
        var badge = Badge(_pcscd.Port, Alice);
        var endToEnd = new List<double>();
        var agentAdded = new List<double>();
        var started = Stopwatch.GetTimestamp();

        for (var tap = 1; tap <= Taps; tap++)
        {
            badge.Uid = [0x04, (byte)(tap >> 8), (byte)tap, 0xC3];
            await badge.PresentAsync();
            await _sink.WaitForReadsAsync(tap, Patience);
            var read = _sink.Reads[tap - 1];
            endToEnd.Add(Stopwatch.GetElapsedTime(badge.PresentedAt, read.ReceivedAt).TotalMilliseconds);
            agentAdded.Add(Stopwatch.GetElapsedTime(read.Timestamp, read.ReceivedAt).TotalMilliseconds);
            await badge.RemoveAsync();
        }

        // Give a stray double read time to show up before counting.
        await Task.Delay(TimeSpan.FromSeconds(1));
        var reads = _sink.Reads;
        Assert.Equal(Taps, reads.Count);
        Assert.Equal(Taps, reads.Select(read => read.Credential).Distinct().Count());
        Assert.Empty(_sink.Faults);
        _output.WriteLine($"{Taps} taps in {Stopwatch.GetElapsedTime(started).TotalSeconds:F1} s");
        _output.WriteLine($"end-to-end ms: p50 {Percentile(endToEnd, 0.5):F1} p99 {Percentile(endToEnd, 0.99):F1} max {endToEnd.Max():F1}");
        _output.WriteLine($"agent-added ms: first tap (JIT) {agentAdded[0]:F2}; then p50 {Percentile(agentAdded[1..], 0.5):F2} p99 {Percentile(agentAdded[1..], 0.99):F2} max {agentAdded[1..].Max():F2}");
        _output.WriteLine("slow taps (agent-added > 2 ms): " + string.Join(", ", agentAdded.Select((ms, i) => (ms, i)).Where(t => t.ms > 2).Select(t => $"#{t.i + 1} {t.ms:F1}")));
        var polling = endToEnd.Zip(agentAdded, (total, agent) => total - agent).ToList();
        _output.WriteLine($"pcscd polling (card connected -> pcscd reports it) ms: p50 {Percentile(polling, 0.5):F1} p99 {Percentile(polling, 0.99):F1}");
        // Latency is reported here, never asserted: figures come from the pcsc-harness and pcsc-door-harness (docs/benchmarks.md).
    }

    private static int Taps => int.TryParse(Environment.GetEnvironmentVariable("PCSC_TAPS"), out var taps) ? taps : 200;

    private static double Percentile(List<double> values, double rank)
    {
        var sorted = values.Order().ToArray();
        return sorted[Math.Min(sorted.Length - 1, (int)Math.Ceiling(rank * sorted.Length) - 1)];
    }

    private static async Task WaitUntil(Func<bool> condition)
    {
        var deadline = Stopwatch.GetTimestamp() + (long)(Patience.TotalSeconds * Stopwatch.Frequency);
        while (!condition())
        {
            Assert.True(Stopwatch.GetTimestamp() < deadline, "condition not met in time");
            await Task.Delay(20);
        }
    }

    private VirtualBadge Badge(int port, byte[] uid)
    {
        var badge = new VirtualBadge(port, uid);
        _badges.Add(badge);
        return badge;
    }

    private void Start(params ReaderConfiguration[] readers) => Start(new PcscMonitorOptions(), readers);

    private void Start(PcscMonitorOptions options, params ReaderConfiguration[] readers)
    {
        var monitor = new PcscReaderMonitor(readers, _sink, TimeProvider.System, _logger, options);
        _running = monitor.RunAsync(_stop.Token);
    }
}
