using System.ComponentModel.DataAnnotations;
using Cybercantal.Edge.Agent.Hosting;

namespace Cybercantal.Edge.Agent.Readers.Wiegand;

/// <summary>
/// Timing rules of the Wiegand decoder. Defaults suit readers sending a 50-100 µs pulse every 1-2 ms;
/// bound to the <c>Wiegand</c> configuration section.
/// </summary>
public sealed class WiegandTiming
{
    public const string SectionName = "Wiegand";

    /// <summary>Silence on both lines that closes a frame. Readers leave 2 ms between bits and far more between frames.</summary>
    [TimeSpanRange("00:00:00.005", "00:00:01")]
    public TimeSpan FrameGap { get; set; } = TimeSpan.FromMilliseconds(25);

    /// <summary>
    /// Two edges closer than this cannot be two bits (the spec's shortest bit interval is 200 µs):
    /// on the same line the second is ringing and is dropped; on the other line the frame is noise.
    /// </summary>
    [TimeSpanRange("00:00:00", "00:00:00.001")]
    public TimeSpan MinimumEdgeSpacing { get; set; } = TimeSpan.FromMicroseconds(300);

    /// <summary>Bursts with fewer bits than this are glitches on an idle line and are dropped without a fault.</summary>
    [Range(1, 26)]
    public int MinimumFrameBits { get; set; } = 4;

    /// <summary>A frame growing past this many bits is closed as a fault at once (a line oscillating without a gap).</summary>
    [Range(38, 4096)]
    public int MaximumFrameBits { get; set; } = 256;

    /// <summary>Wait before trying again to open the data lines after a failure.</summary>
    [TimeSpanRange("00:00:01", "01:00:00")]
    public TimeSpan ReopenDelay { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Faults closer together than this belong to one burst and share one log line.</summary>
    [TimeSpanRange("00:00:01", "01:00:00")]
    public TimeSpan FaultLogQuietPeriod { get; set; } = TimeSpan.FromSeconds(10);
}
