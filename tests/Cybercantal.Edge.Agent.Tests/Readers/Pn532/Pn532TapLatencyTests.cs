using Cybercantal.Edge.Agent.Readers.Pn532;
using Cybercantal.Edge.Agent.Tests.Support.Pn532;
using Xunit.Abstractions;

namespace Cybercantal.Edge.Agent.Tests.Readers.Pn532;

/// <summary>Tap-to-sink latency with the default poll interval over the pty pair (the figure quoted in docs/readers.md).</summary>
public sealed class Pn532TapLatencyTests(ITestOutputHelper output)
{
    [Fact]
    public void Tap_reaches_the_sink_within_about_one_poll_interval()
    {
        var options = Pn532TestBench.FastOptions();
        options.PollInterval = new Pn532ReaderOptions().PollInterval;
        using var bench = new Pn532TestBench(options);
        bench.WaitUntil(() => bench.Reader.ConnectionCount == 1, "initialization");

        var started = TimeProvider.System.GetTimestamp();
        var pollsBefore = bench.Emulator.CardPolls + bench.Emulator.EmptyPolls;
        var latencies = new List<double>();
        for (var tap = 1; tap <= 11; tap++)
        {
            var presented = TimeProvider.System.GetTimestamp();
            bench.Emulator.PresentCard(0x04, 0x10, 0x20, 0x30, 0x40, 0x50, (byte)tap);
            bench.WaitUntil(() => bench.Sink.Reads.Count == tap, $"tap {tap}");
            latencies.Add(TimeProvider.System.GetElapsedTime(presented, bench.Sink.ReadTimestamps[tap - 1]).TotalMilliseconds);
        }

        var polls = bench.Emulator.CardPolls + bench.Emulator.EmptyPolls - pollsBefore;
        output.WriteLine($"Mean poll cycle: {TimeProvider.System.GetElapsedTime(started).TotalMilliseconds / polls:F1} ms over {polls} polls");
        latencies.Sort();
        output.WriteLine($"PN532 tap-to-sink latency over 11 taps, poll interval {options.PollInterval.TotalMilliseconds} ms: "
            + $"min {latencies[0]:F1} ms, median {latencies[5]:F1} ms, max {latencies[^1]:F1} ms");
        Assert.True(latencies[5] < 2 * options.PollInterval.TotalMilliseconds + 100, $"median {latencies[5]} ms");
    }
}
