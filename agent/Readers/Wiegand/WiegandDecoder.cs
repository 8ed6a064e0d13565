using Cybercantal.Edge.Agent.Access;

namespace Cybercantal.Edge.Agent.Readers.Wiegand;

/// <summary>
/// Assembles Wiegand frames from timestamped falling edges (D0 = bit 0, D1 = bit 1). Pure logic, no clock
/// and no thread: the caller feeds edges with <see cref="OnEdge"/> and closes frames with
/// <see cref="TryClose"/> once <see cref="FrameGap"/> has passed. Not thread-safe: callers serialise.
/// </summary>
/// <remarks>
/// Noise policy (the reader only sees falling edges, not pulse widths):
/// an edge closer than <see cref="WiegandTiming.MinimumEdgeSpacing"/> to the previous accepted edge is
/// dropped as ringing when it is on the same line, and marks the frame <see cref="WiegandFrameStatus.SimultaneousEdges"/>
/// when it is on the other line (D0 and D1 never pulse together: which bit was meant cannot be known).
/// A burst shorter than <see cref="WiegandTiming.MinimumFrameBits"/> is a <see cref="WiegandFrameStatus.Runt"/>
/// (a lone glitch on an idle line), not a fault. A glitch far from any real bit is indistinguishable from a
/// bit: it makes the frame fail on length or parity, which is why the formats' parity is always checked.
/// </remarks>
public sealed class WiegandDecoder
{
    private readonly long _gapTicks;
    private readonly long _spacingTicks;
    private readonly int _minimumBits;
    private readonly int _maximumBits;

    private ulong _bits;
    private int _count;
    private bool _simultaneous;
    private int _glitches;
    private int _lastLine = -1;
    private long _lastAccepted;
    private long _lastActivity;

    public WiegandDecoder(WiegandTiming timing, long timestampFrequency)
    {
        ArgumentNullException.ThrowIfNull(timing);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(timestampFrequency);
        _gapTicks = ToTicks(timing.FrameGap, timestampFrequency);
        _spacingTicks = ToTicks(timing.MinimumEdgeSpacing, timestampFrequency);
        _minimumBits = timing.MinimumFrameBits;
        _maximumBits = Math.Max(timing.MaximumFrameBits, 38);
        FrameGap = timing.FrameGap;
    }

    public TimeSpan FrameGap { get; }

    /// <summary>True while a frame has started and is not closed yet.</summary>
    public bool HasPendingFrame => _count > 0 || _simultaneous;

    /// <summary>Timestamp at which the pending frame closes if no edge comes (last edge plus the gap).</summary>
    public long PendingFrameClosesAt => _lastActivity + _gapTicks;

    /// <summary>Edges dropped as ringing since this decoder was created.</summary>
    public long TotalIgnoredGlitches { get; private set; }

    /// <summary>
    /// Feeds one falling edge on <paramref name="line"/> (0 for D0, 1 for D1) seen at <paramref name="timestamp"/>.
    /// Returns true with <paramref name="closed"/> when this edge closed a frame: the previous one when the gap had
    /// passed without <see cref="TryClose"/> being called in time, or the current one when it overflowed.
    /// </summary>
    public bool OnEdge(int line, long timestamp, out WiegandFrame closed)
    {
        ArgumentOutOfRangeException.ThrowIfNotEqual(line is 0 or 1, true, nameof(line));
        closed = default;
        var closedOne = false;
        if (HasPendingFrame && timestamp - _lastActivity >= _gapTicks)
        {
            closed = Close();
            closedOne = true;
        }

        if (HasPendingFrame && Math.Abs(timestamp - _lastAccepted) < _spacingTicks)
        {
            _lastActivity = Math.Max(_lastActivity, timestamp);
            if (line == _lastLine)
            {
                _glitches++;
                TotalIgnoredGlitches++;
            }
            else
            {
                _simultaneous = true;
            }

            return closedOne;
        }

        _bits = (_bits << 1) | (uint)line;
        _count++;
        _lastLine = line;
        _lastAccepted = timestamp;
        _lastActivity = Math.Max(_lastActivity, timestamp);
        if (_count == 1)
        {
            _lastActivity = timestamp;
        }

        if (_count >= _maximumBits)
        {
            // A line oscillating without ever leaving a gap: report it now rather than never.
            closed = Close();
            return true;
        }

        return closedOne;
    }

    /// <summary>Closes the pending frame if the gap has passed at <paramref name="now"/>.</summary>
    public bool TryClose(long now, out WiegandFrame frame)
    {
        if (!HasPendingFrame || now - _lastActivity < _gapTicks)
        {
            frame = default;
            return false;
        }

        frame = Close();
        return true;
    }

    /// <summary>Forgets any partial frame (the reader stopped).</summary>
    public void Reset()
    {
        _bits = 0;
        _count = 0;
        _simultaneous = false;
        _glitches = 0;
        _lastLine = -1;
    }

    private WiegandFrame Close()
    {
        var bits = new WiegandBits(_bits, _count);
        var credential = default(Credential);
        var status = _simultaneous ? WiegandFrameStatus.SimultaneousEdges
            : _count < _minimumBits ? WiegandFrameStatus.Runt
            : WiegandCodec.TryDecode(bits, out credential);
        var frame = new WiegandFrame(status, bits, credential, _lastAccepted, _glitches);
        Reset();
        return frame;
    }

    private static long ToTicks(TimeSpan span, long frequency) => (long)(span.TotalSeconds * frequency);
}
