using Cybercantal.Edge.Agent.Tests.Support;
using Cybercantal.Edge.Agent.Readers.Pn532;
using Cybercantal.Edge.Agent.Sites;

namespace Cybercantal.Edge.Agent.Tests.Support.Pn532;

/// <summary>
/// A real pty pair, the PN532 emulator on the card end and a running <see cref="Pn532Reader"/> on the agent end,
/// with fast timings. Real time is used because the serial link is real; waits are bounded by
/// <see cref="WaitUntil"/> on observable state, never fixed sleeps.
/// </summary>
public sealed class Pn532TestBench : IDisposable
{
    private static readonly TimeSpan DefaultWait = TimeSpan.FromSeconds(15);

    private readonly CancellationTokenSource _stop = new();
    private readonly Task _run;

    public Pn532TestBench(Pn532ReaderOptions? options = null)
    {
        Pair = SocatPtyPair.Start();
        Emulator = new Pn532Emulator(Pair.CardPath);
        Configuration = new ReaderConfiguration { Id = "entree-pn532", Kind = ReaderKind.Pn532, Door = "entree", Device = Pair.AgentPath };
        Reader = new Pn532Reader(Configuration, Sink, TimeProvider.System, Logger, options ?? FastOptions());
        _run = Reader.RunAsync(_stop.Token);
    }

    public SocatPtyPair Pair { get; }

    public Pn532Emulator Emulator { get; private set; }

    public ReaderConfiguration Configuration { get; }

    public Pn532RecordingSink Sink { get; } = new();

    public RecordingLogger<Pn532Reader> Logger { get; } = new();

    public Pn532Reader Reader { get; }

    public static Pn532ReaderOptions FastOptions() => new()
    {
        PollInterval = TimeSpan.FromMilliseconds(15),
        EmptyPollsToRelease = 3,
        ResponseTimeout = TimeSpan.FromMilliseconds(150),
        SilentPollsBeforeReconnect = 3,
        ReconnectInitialDelay = TimeSpan.FromMilliseconds(50),
        ReconnectMaxDelay = TimeSpan.FromMilliseconds(400),
        FaultReportInterval = TimeSpan.FromMinutes(5),
    };

    /// <summary>Waits until <paramref name="condition"/> holds; fails naming <paramref name="what"/> and the reader state otherwise.</summary>
    public void WaitUntil(Func<bool> condition, string what, TimeSpan? timeout = null)
    {
        if (!SpinWait.SpinUntil(condition, timeout ?? DefaultWait))
        {
            Assert.Fail($"Timed out waiting for {what}. Reads: [{string.Join(", ", Sink.Reads)}], faults: {Reader.FaultCount}, "
                + $"connections: {Reader.ConnectionCount}, emulator polls card/empty/spoiled: {Emulator.CardPolls}/{Emulator.EmptyPolls}/{Emulator.SpoiledPolls}, "
                + $"log: {string.Join(" | ", Logger.Entries.TakeLast(8).Select(entry => $"{entry.EventId} {entry.Message}"))}");
        }
    }

    /// <summary>Unplugs the device: socat dies, the links vanish, the emulator loses its end.</summary>
    public void Unplug()
    {
        Pair.Kill();
        Emulator.Dispose();
    }

    /// <summary>Plugs a fresh device back on the same path, with a fresh emulator.</summary>
    public void Replug()
    {
        Pair.Restart();
        Emulator = new Pn532Emulator(Pair.CardPath);
    }

    public void Dispose()
    {
        _stop.Cancel();
        var stopped = _run.Wait(TimeSpan.FromSeconds(5));
        Emulator.Dispose();
        Pair.Dispose();
        _stop.Dispose();
        Assert.True(stopped, "the reader did not stop within 5 s of cancellation");
    }
}
