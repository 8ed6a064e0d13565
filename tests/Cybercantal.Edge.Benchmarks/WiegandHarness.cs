using System.Device.Gpio;
using System.Diagnostics;
using System.Globalization;
using Cybercantal.Edge.Agent.Access;
using Cybercantal.Edge.Agent.Gpio;
using Cybercantal.Edge.Agent.Readers;
using Cybercantal.Edge.Agent.Readers.Wiegand;
using Cybercantal.Edge.Agent.Sites;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace Cybercantal.Edge.Benchmarks;

/// <summary>
/// <c>wiegand-harness [--frames N] [--seed S]</c>: drives the real <see cref="WiegandReader"/> (simulated GPIO
/// driver, fake clock) with N random 26/34/37-bit frames per scenario and counts what came out: correct reads,
/// faults (the member presents the badge again), lost frames, and wrong credentials (a decoded badge that is
/// not the one sent: the dangerous case). Jitter is gaussian on each edge's observed time, as when a loaded
/// gateway runs the user-space callbacks of D0 and D1 late by different amounts; edges are delivered in
/// observed order. Noise edges are single glitches at uniform random times around a frame.
/// </summary>
internal static class WiegandHarness
{
    private const int D0 = 5;
    private const int D1 = 6;
    private static readonly TimeSpan BitInterval = TimeSpan.FromMilliseconds(2);

    public static int Run(string[] args)
    {
        var frames = IntArgument(args, "--frames", 10_000);
        var seed = IntArgument(args, "--seed", 20261126);
        Scenario[] scenarios =
        [
            new("nominal, frames exactly one gap apart", 0, 0, TimeSpan.FromMilliseconds(25)),
            new("nominal", 0, 0, TimeSpan.FromMilliseconds(60)),
            new("jitter sigma 0.1 ms", 0.1, 0, TimeSpan.FromMilliseconds(60)),
            new("jitter sigma 0.25 ms", 0.25, 0, TimeSpan.FromMilliseconds(60)),
            new("jitter sigma 0.5 ms", 0.5, 0, TimeSpan.FromMilliseconds(60)),
            new("jitter sigma 1 ms", 1.0, 0, TimeSpan.FromMilliseconds(60)),
            new("noise 0.1 glitch/frame", 0, 0.1, TimeSpan.FromMilliseconds(60)),
            new("noise 1 glitch/frame", 0, 1.0, TimeSpan.FromMilliseconds(60)),
            new("jitter 0.5 ms + noise 0.1/frame", 0.5, 0.1, TimeSpan.FromMilliseconds(60)),
            new("one 5 ms callback stall per frame", 0, 0, TimeSpan.FromMilliseconds(60), StallMs: 5),
            new("one 5 ms stall in 10 frames", 0, 0, TimeSpan.FromMilliseconds(60), StallMs: 5, StallPerFrame: 0.1),

            // The trade-off of MinimumEdgeSpacing: wider turns more transposed bits into faults, and more good frames too.
            new("jitter 0.5 ms, edge spacing 0.6 ms", 0.5, 0, TimeSpan.FromMilliseconds(60), TimeSpan.FromMicroseconds(600)),
            new("jitter 0.5 ms, edge spacing 1 ms", 0.5, 0, TimeSpan.FromMilliseconds(60), TimeSpan.FromMilliseconds(1)),
            new("jitter 1 ms, edge spacing 1 ms", 1.0, 0, TimeSpan.FromMilliseconds(60), TimeSpan.FromMilliseconds(1)),
        ];

        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"Wiegand harness: {frames} frames per scenario (26/34/37-bit mixed), 50 us pulses every 2 ms, gap 25 ms, seed {seed}"));
        Console.WriteLine("scenario                              | correct | faults (len/parity/noise) | lost | WRONG | error rate | wall ms");
        var failed = false;
        foreach (var scenario in scenarios)
        {
            var result = RunScenario(scenario, frames, seed);
            Console.WriteLine(string.Create(
                CultureInfo.InvariantCulture,
                $"{scenario.Name,-37} | {result.Correct,7} | {result.Counters.Faults,6} ({result.Counters.WrongLength}/{result.Counters.ParityErrors}/{result.Counters.SimultaneousEdges}) | {result.Lost,4} | {result.Wrong,5} | {100.0 * (frames - result.Correct) / frames,9:F2}% | {result.Elapsed.TotalMilliseconds,7:F0}"));
            if (scenario.JitterMs == 0 && scenario.NoisePerFrame == 0 && scenario.StallMs == 0 && result.Correct != frames)
            {
                failed = true;
            }
        }

        return failed ? 1 : 0;
    }

    private static Result RunScenario(Scenario scenario, int frames, int seed)
    {
        var random = new Random(seed);
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 11, 26, 8, 0, 0, TimeSpan.Zero));
        var driver = new SimulatedGpioDriver(time);
        using var gpio = new GpioController(driver);
        var sink = new CountingSink();
        var reader = new WiegandReader(
            new ReaderConfiguration { Id = "harness", Kind = ReaderKind.Wiegand, WiegandD0Pin = D0, WiegandD1Pin = D1 },
            gpio,
            sink,
            new WiegandTiming { MinimumEdgeSpacing = scenario.EdgeSpacing ?? new WiegandTiming().MinimumEdgeSpacing },
            time,
            NullLogger<WiegandReader>.Instance);
        using var stop = new CancellationTokenSource();
        var run = reader.RunAsync(stop.Token);
        driver.SetInput(D0, PinValue.High);
        driver.SetInput(D1, PinValue.High);

        var correct = 0;
        var wrong = 0;
        var lost = 0;
        var events = new List<(TimeSpan At, int Line)>(64);
        var origin = time.GetUtcNow() + TimeSpan.FromSeconds(1);
        var frameStart = TimeSpan.Zero;
        var watch = Stopwatch.StartNew();
        for (var f = 0; f < frames; f++)
        {
            var sent = RandomCredential(random);
            var bits = WiegandCodec.Encode(sent);
            var frameEnd = frameStart + (BitInterval * (bits.Count - 1));

            events.Clear();
            for (var i = 0; i < bits.Count; i++)
            {
                events.Add((frameStart + (BitInterval * i) + Jitter(random, scenario.JitterMs), bits.Bit(i)));
            }

            for (var n = Poisson(random, scenario.NoisePerFrame); n > 0; n--)
            {
                var window = (frameEnd - frameStart) + TimeSpan.FromMilliseconds(10);
                events.Add((frameStart - TimeSpan.FromMilliseconds(5) + (window * random.NextDouble()), random.Next(2)));
            }

            events.Sort((a, b) => a.At.CompareTo(b.At));
            if (scenario.StallMs > 0 && random.NextDouble() < scenario.StallPerFrame)
            {
                Stall(events, frameStart + ((frameEnd - frameStart) * random.NextDouble()), TimeSpan.FromMilliseconds(scenario.StallMs));
            }

            var readsBefore = sink.Reads;
            var faultsBefore = sink.Faults;
            foreach (var (at, line) in events)
            {
                AdvanceTo(time, origin + at);
                var pin = line == 0 ? D0 : D1;
                driver.SetInput(pin, PinValue.Low);
                driver.SetInput(pin, PinValue.High);
            }

            // Let the gap close the frame, then judge it before the next one starts.
            var nextStart = frameEnd + scenario.Silence;
            AdvanceTo(time, origin + Min(nextStart, frameEnd + TimeSpan.FromMilliseconds(45)));
            var reads = sink.Reads - readsBefore;
            if (reads == 1 && sink.Last == sent)
            {
                correct++;
            }
            else if (reads >= 1)
            {
                wrong++;
            }
            else if (sink.Faults == faultsBefore)
            {
                lost++;
            }

            frameStart = nextStart;
        }

        watch.Stop();
        stop.Cancel();
        run.GetAwaiter().GetResult();
        return new Result(correct, wrong, lost, reader.Counters, watch.Elapsed);
    }

    /// <summary>
    /// The callback thread stops for <paramref name="length"/> (a GC pause, SD-card I/O): edges that happen meanwhile
    /// wait in the kernel queue and are delivered together when it resumes, 10 µs apart, each then timestamped.
    /// </summary>
    private static void Stall(List<(TimeSpan At, int Line)> events, TimeSpan start, TimeSpan length)
    {
        var resume = start + length;
        var delivered = 0;
        for (var i = 0; i < events.Count; i++)
        {
            if (events[i].At >= start && events[i].At < resume)
            {
                events[i] = (resume + (TimeSpan.FromMicroseconds(10) * delivered++), events[i].Line);
            }
        }

        events.Sort((a, b) => a.At.CompareTo(b.At));
    }

    private static void AdvanceTo(FakeTimeProvider time, DateTimeOffset at)
    {
        var now = time.GetUtcNow();
        if (at > now)
        {
            time.Advance(at - now);
        }
    }

    private static Credential RandomCredential(Random random)
    {
        var (kind, facilities, cards) = random.Next(3) switch
        {
            0 => (CredentialKind.Wiegand26, 256, 65_536),
            1 => (CredentialKind.Wiegand34, 65_536, 65_536),
            _ => (CredentialKind.Wiegand37, 65_536, 524_288),
        };
        Credential.TryFromWiegand(kind, (uint)random.Next(facilities), (uint)random.Next(cards), out var credential);
        return credential;
    }

    private static TimeSpan Jitter(Random random, double sigmaMs)
    {
        if (sigmaMs == 0)
        {
            return TimeSpan.Zero;
        }

        // Box-Muller: one standard normal sample.
        var u1 = 1.0 - random.NextDouble();
        var u2 = random.NextDouble();
        var z = Math.Sqrt(-2.0 * Math.Log(u1)) * Math.Cos(2.0 * Math.PI * u2);
        return TimeSpan.FromMilliseconds(z * sigmaMs);
    }

    private static int Poisson(Random random, double mean)
    {
        if (mean <= 0)
        {
            return 0;
        }

        var limit = Math.Exp(-mean);
        var product = random.NextDouble();
        var count = 0;
        while (product > limit)
        {
            count++;
            product *= random.NextDouble();
        }

        return count;
    }

    private static TimeSpan Min(TimeSpan a, TimeSpan b) => a < b ? a : b;

    private static int IntArgument(string[] args, string name, int fallback)
    {
        var index = Array.IndexOf(args, name);
        return index >= 0 && index + 1 < args.Length && int.TryParse(args[index + 1], NumberStyles.None, CultureInfo.InvariantCulture, out var value)
            ? value
            : fallback;
    }

    private sealed record Scenario(
        string Name,
        double JitterMs,
        double NoisePerFrame,
        TimeSpan Silence,
        TimeSpan? EdgeSpacing = null,
        double StallMs = 0,
        double StallPerFrame = 1);

    private sealed record Result(int Correct, int Wrong, int Lost, WiegandReaderCounters Counters, TimeSpan Elapsed);

    private sealed class CountingSink : IBadgeReadSink
    {
        public int Reads { get; private set; }

        public int Faults { get; private set; }

        public Credential Last { get; private set; }

        public void CredentialRead(ReaderConfiguration reader, Credential credential, long timestamp)
        {
            Reads++;
            Last = credential;
        }

        public void ReaderFault(ReaderConfiguration reader, string fault) => Faults++;
    }
}
