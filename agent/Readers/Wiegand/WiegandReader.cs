using System.Device.Gpio;
using Cybercantal.Edge.Agent.Access;
using Cybercantal.Edge.Agent.Sites;
using Microsoft.Extensions.Logging;

namespace Cybercantal.Edge.Agent.Readers.Wiegand;

/// <summary>
/// A Wiegand reader wired to two GPIO inputs of the gateway. Each falling edge is timestamped with
/// <see cref="TimeProvider.GetTimestamp"/> in the GPIO callback and fed to a <see cref="WiegandDecoder"/>;
/// a <see cref="TimeProvider"/> timer closes the frame after the inter-frame gap. Valid frames go to
/// <see cref="IBadgeReadSink.CredentialRead"/>, bad ones to <see cref="IBadgeReadSink.ReaderFault"/> (one per
/// frame) with one log line per burst of faults.
/// </summary>
/// <remarks>
/// The <see cref="GpioController"/> is shared with doors and other readers and is not disposed here.
/// <see cref="RunAsync"/> opens the lines before its first await, so once it returns a task the reader listens.
/// User-space edge callbacks carry no kernel timestamp: see docs/readers.md (Wiegand) for the timing limits.
/// </remarks>
public sealed class WiegandReader : IBadgeReader
{
    private readonly Lock _gate = new();
    private readonly ReaderConfiguration _reader;
    private readonly GpioController _gpio;
    private readonly IBadgeReadSink _sink;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly WiegandTiming _timing;
    private readonly WiegandDecoder _decoder;
    private readonly WiegandFaultLogLimiter _faultLog;
    private readonly PinChangeEventHandler _onD0;
    private readonly PinChangeEventHandler _onD1;
    private readonly List<int> _opened = new(2);
    private ITimer? _gapTimer;
    private WiegandReaderCounters _counters;

    public WiegandReader(
        ReaderConfiguration reader,
        GpioController gpio,
        IBadgeReadSink sink,
        WiegandTiming timing,
        TimeProvider time,
        ILogger<WiegandReader> logger)
    {
        ArgumentNullException.ThrowIfNull(reader);
        ArgumentNullException.ThrowIfNull(gpio);
        ArgumentNullException.ThrowIfNull(sink);
        ArgumentNullException.ThrowIfNull(timing);
        ArgumentNullException.ThrowIfNull(time);
        ArgumentNullException.ThrowIfNull(logger);
        _reader = reader;
        _gpio = gpio;
        _sink = sink;
        _timing = timing;
        _time = time;
        _logger = logger;
        _decoder = new WiegandDecoder(timing, time.TimestampFrequency);
        _faultLog = new WiegandFaultLogLimiter(timing.FaultLogQuietPeriod, TimeSpan.FromMinutes(5));
        _onD0 = (_, _) => OnEdge(0);
        _onD1 = (_, _) => OnEdge(1);
    }

    public string ReaderId => _reader.Id;

    /// <summary>Frames decoded since start, by outcome (for status pages and benchmarks).</summary>
    public WiegandReaderCounters Counters
    {
        get
        {
            lock (_gate)
            {
                return _counters;
            }
        }
    }

    public async Task RunAsync(CancellationToken cancellationToken)
    {
        if (_reader.WiegandD0Pin is not int d0 || _reader.WiegandD1Pin is not int d1 || d0 == d1)
        {
            const string problem = "WiegandD0Pin and WiegandD1Pin must both be set to two different GPIO lines";
            WiegandLog.Misconfigured(_logger, ReaderId, problem);
            ReportFault(problem);
            return;
        }

        while (!cancellationToken.IsCancellationRequested)
        {
            if (TryOpen(d0, d1))
            {
                try
                {
                    await WaitForCancellationAsync(cancellationToken).ConfigureAwait(false);
                }
                finally
                {
                    Close();
                }

                return;
            }

            try
            {
                await Task.Delay(_timing.ReopenDelay, _time, cancellationToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    private bool TryOpen(int d0, int d1)
    {
        try
        {
            // The reader drives both lines (idle high through its pull-ups, via a level shifter to 3.3 V).
            OpenInput(d0);
            OpenInput(d1);
            _gapTimer = _time.CreateTimer(_ => OnGapElapsed(), null, Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
            _gpio.RegisterCallbackForPinValueChangedEvent(d0, PinEventTypes.Falling, _onD0);
            _gpio.RegisterCallbackForPinValueChangedEvent(d1, PinEventTypes.Falling, _onD1);
            WiegandLog.Listening(_logger, ReaderId, d0, d1);
            return true;
        }
#pragma warning disable CA1031 // Any driver failure (busy line, missing chip, permissions) must leave the agent running.
        catch (Exception exception)
#pragma warning restore CA1031
        {
            WiegandLog.OpenFailed(_logger, exception, ReaderId, d0, d1, _timing.ReopenDelay);
            ReportFault($"cannot open Wiegand data lines GPIO {d0}/{d1}: {exception.Message}");
            Close();
            return false;
        }
    }

    private void OpenInput(int pin)
    {
        // GpioController hands back a line that is already open instead of failing: never take over
        // a line another part of the agent (a strike output!) owns.
        if (_gpio.IsPinOpen(pin))
        {
            throw new InvalidOperationException($"GPIO {pin} is already used by another part of the agent; check the site file for a pin used twice.");
        }

        _gpio.OpenPin(pin, PinMode.Input);
        _opened.Add(pin);
    }

    // Releases only the lines this reader opened: a line that failed as busy belongs to someone else.
    private void Close()
    {
        for (var i = 0; i < _opened.Count; i++)
        {
            var pin = _opened[i];
            try
            {
                _gpio.UnregisterCallbackForPinValueChangedEvent(pin, i == 0 ? _onD0 : _onD1);
                _gpio.ClosePin(pin);
            }
#pragma warning disable CA1031 // Closing is best effort: a line that cannot be released must not stop the others.
            catch (Exception)
#pragma warning restore CA1031
            {
            }
        }

        _opened.Clear();
        lock (_gate)
        {
            _gapTimer?.Dispose();
            _gapTimer = null;
            _decoder.Reset();
        }

        WiegandLog.Stopped(_logger, ReaderId);
    }

    private void OnEdge(int line)
    {
        // Timestamp first: everything after this line adds latency, not error.
        var timestamp = _time.GetTimestamp();
        WiegandFrame closed;
        bool hasClosed;
        lock (_gate)
        {
            hasClosed = _decoder.OnEdge(line, timestamp, out closed);
            _gapTimer?.Change(_decoder.FrameGap, Timeout.InfiniteTimeSpan);
        }

        if (hasClosed)
        {
            Deliver(closed);
        }
    }

    private void OnGapElapsed()
    {
        WiegandFrame frame;
        lock (_gate)
        {
            if (!_decoder.HasPendingFrame)
            {
                return;
            }

            var now = _time.GetTimestamp();
            if (!_decoder.TryClose(now, out frame))
            {
                // Timer fired a hair early for our clock: wait for the rest of the gap.
                var remaining = _time.GetElapsedTime(now, _decoder.PendingFrameClosesAt);
                _gapTimer?.Change(remaining > TimeSpan.Zero ? remaining : TimeSpan.FromMilliseconds(1), Timeout.InfiniteTimeSpan);
                return;
            }
        }

        Deliver(frame);
    }

    private void Deliver(in WiegandFrame frame)
    {
        lock (_gate)
        {
            _counters = _counters.Add(frame.Status);
        }

        switch (frame.Status)
        {
            case WiegandFrameStatus.Valid:
                try
                {
                    _sink.CredentialRead(_reader, frame.Credential, frame.LastEdgeTimestamp);
                }
#pragma warning disable CA1031 // The sink is another component: its failure must not kill the reader.
                catch (Exception exception)
#pragma warning restore CA1031
                {
                    WiegandLog.SinkFailed(_logger, exception, ReaderId);
                }

                break;
            case WiegandFrameStatus.Runt:
                WiegandLog.RuntIgnored(_logger, ReaderId, frame.Bits.Count);
                break;
            default:
                ReportFault(frame.Describe());
                break;
        }
    }

    private void ReportFault(string fault)
    {
        bool log;
        long suppressed;
        lock (_gate)
        {
            log = _faultLog.ShouldLog(_time.GetUtcNow(), out suppressed);
        }

        if (log)
        {
            if (suppressed > 0)
            {
                WiegandLog.FaultsSuppressed(_logger, ReaderId, suppressed);
            }

            WiegandLog.FrameFault(_logger, ReaderId, fault, _faultLog.QuietPeriod);
        }

        try
        {
            _sink.ReaderFault(_reader, fault);
        }
#pragma warning disable CA1031 // The sink promises not to throw; if it does anyway the reader still runs.
        catch (Exception exception)
#pragma warning restore CA1031
        {
            WiegandLog.SinkFailed(_logger, exception, ReaderId);
        }
    }

    private static Task WaitForCancellationAsync(CancellationToken cancellationToken)
    {
        var stopped = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var registration = cancellationToken.Register(() => stopped.TrySetResult());
        return stopped.Task.ContinueWith(_ => registration.Dispose(), CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
    }
}
