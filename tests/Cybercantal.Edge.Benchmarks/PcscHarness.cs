using System.Diagnostics;
using System.Globalization;
using Cybercantal.Edge.Agent.Readers.Pcsc;
using Cybercantal.Edge.Agent.Sites;
using Cybercantal.Edge.Agent.Tests.Support.Pcsc;
using Microsoft.Extensions.Logging.Abstractions;

namespace Cybercantal.Edge.Benchmarks;

/// <summary>
/// <c>cybercantal-benchmarks pcsc-harness [taps]</c>: taps a virtual badge on a real pcscd + vpcd reader watched by the
/// real <see cref="PcscReaderMonitor"/> and prints the latency distributions. Needs root or pcscd/vpcd installed
/// (see docs/readers.md). Two rounds: badges presented once pcscd has seen the previous one leave ("settled"), and
/// removed/presented back to back.
/// </summary>
internal static class PcscHarness
{
    public static async Task<int> RunAsync(string[] args)
    {
        var taps = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 100;
        using var pcscd = new PcscdFixture();
        var sink = new RecordingBadgeSink();
        var reader = new ReaderConfiguration { Id = "front", Kind = ReaderKind.Pcsc, Door = "front", Device = PcscdFixture.FirstReader };
        var monitor = new PcscReaderMonitor([reader], sink, TimeProvider.System, NullLogger<PcscReaderMonitor>.Instance);
        using var stop = new CancellationTokenSource();
        var running = monitor.RunAsync(stop.Token);
        var badge = new VirtualBadge(pcscd.Port, [0x04, 0, 0, 0]);
        var timeout = TimeSpan.FromSeconds(10);

        foreach (var settled in new[] { true, false })
        {
            var endToEnd = new List<double>();
            var agentAdded = new List<double>();
            var started = Stopwatch.GetTimestamp();
            var before = sink.Reads.Count;
            for (var tap = 0; tap < taps; tap++)
            {
                if (settled)
                {
                    PcscdFixture.WaitUntilEmpty(PcscdFixture.FirstReader, timeout);
                }

                badge.Uid = [0x04, settled ? (byte)1 : (byte)2, (byte)(tap >> 8), (byte)tap];
                await badge.PresentAsync();
                await sink.WaitForReadsAsync(before + tap + 1, timeout);
                var read = sink.Reads[before + tap];
                endToEnd.Add(Stopwatch.GetElapsedTime(badge.PresentedAt, read.ReceivedAt).TotalMilliseconds);
                agentAdded.Add(Stopwatch.GetElapsedTime(read.Timestamp, read.ReceivedAt).TotalMilliseconds);
                await badge.RemoveAsync();
            }

            var mode = settled ? "settled" : "back-to-back";
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{mode}: {taps} taps, {sink.Reads.Count - before} reads, {sink.Faults.Count} faults, {Stopwatch.GetElapsedTime(started).TotalSeconds:F1} s"));
            Print("  end-to-end (badge connects -> sink)        ", endToEnd);
            Print("  agent-added (GetStatusChange -> sink)      ", agentAdded);
            Print("  agent-added without the first (JIT) tap    ", agentAdded[1..]);
        }

        await stop.CancelAsync();
        await running;
        return 0;
    }

    private static void Print(string label, List<double> values)
    {
        var sorted = values.Order().ToArray();
        double At(double rank) => sorted[Math.Clamp((int)Math.Ceiling(rank * sorted.Length) - 1, 0, sorted.Length - 1)];
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{label} ms: p50 {At(0.5):F2}  p90 {At(0.9):F2}  p99 {At(0.99):F2}  max {sorted[^1]:F2}"));
    }
}
