using System.Diagnostics;
using System.Globalization;
using Cybercantal.Edge.Agent.Readers.Pn532;
using Cybercantal.Edge.Agent.Sites;
using Cybercantal.Edge.Agent.Tests.Support.Pn532;
using Microsoft.Extensions.Logging.Abstractions;

namespace Cybercantal.Edge.Benchmarks;

/// <summary>
/// <c>pn532-harness [taps]</c>: the real <see cref="Pn532Reader"/> with its default poll interval on a socat
/// pseudo-terminal pair, against the test project's PN532 emulator; cards presented at moments unrelated to
/// the polling. Prints the tap-to-sink distribution and the mean poll cycle. Needs socat (root installs it).
/// </summary>
internal static class Pn532Harness
{
    public const string Mode = "pn532-harness";

    public static async Task<int> RunAsync(string[] args)
    {
        var taps = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 50;
        using var pair = SocatPtyPair.Start();
        using var emulator = new Pn532Emulator(pair.CardPath);
        var sink = new Pn532RecordingSink();
        var options = new Pn532ReaderOptions();
        var reader = new Pn532Reader(
            new ReaderConfiguration { Id = "harness", Kind = ReaderKind.Pn532, Door = "harness", Device = pair.AgentPath },
            sink,
            TimeProvider.System,
            NullLogger<Pn532Reader>.Instance,
            options);
        using var stop = new CancellationTokenSource();
        var running = reader.RunAsync(stop.Token);
        var random = new Random(532);
        await WaitAsync(() => reader.ConnectionCount >= 1);

        var started = Stopwatch.GetTimestamp();
        var pollsBefore = emulator.CardPolls + emulator.EmptyPolls;
        var latencies = new List<double>();
        for (var tap = 1; tap <= taps; tap++)
        {
            // Present at a random phase of the poll cycle, as a person would.
            await Task.Delay(random.Next((int)options.PollInterval.TotalMilliseconds));
            var presented = Stopwatch.GetTimestamp();
            emulator.PresentCard(0x04, 0x10, 0x20, 0x30, 0x40, (byte)(tap >> 8), (byte)tap);
            await WaitAsync(() => sink.Reads.Count == tap);
            latencies.Add(Stopwatch.GetElapsedTime(presented, sink.ReadTimestamps[tap - 1]).TotalMilliseconds);
            emulator.RemoveCard();
            await Task.Delay(options.PollInterval * (options.EmptyPollsToRelease + 1));
        }

        var polls = emulator.CardPolls + emulator.EmptyPolls - pollsBefore;
        var sorted = latencies.Order().ToArray();
        double At(double rank) => sorted[Math.Clamp((int)Math.Ceiling(rank * sorted.Length) - 1, 0, sorted.Length - 1)];
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"""
            PN532 over a pty pair, poll interval {options.PollInterval.TotalMilliseconds} ms, {taps} taps, {sink.Faults.Count} faults
              tap -> sink ms: p50 {At(0.5):F1}  p90 {At(0.9):F1}  p99 {At(0.99):F1}  max {sorted[^1]:F1}
              mean poll cycle {Stopwatch.GetElapsedTime(started).TotalMilliseconds / polls:F1} ms over {polls} polls
            """));
        await stop.CancelAsync();
        await running;
        return sink.Reads.Count == taps ? 0 : 1;
    }

    private static async Task WaitAsync(Func<bool> condition)
    {
        var deadline = Stopwatch.GetTimestamp() + (10 * Stopwatch.Frequency);
        while (!condition())
        {
            if (Stopwatch.GetTimestamp() > deadline)
            {
                throw new TimeoutException("the PN532 harness waited 10 s for the reader");
            }

            await Task.Delay(5);
        }
    }
}
