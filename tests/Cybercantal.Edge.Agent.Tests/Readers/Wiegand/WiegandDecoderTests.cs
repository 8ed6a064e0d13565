using Cybercantal.Edge.Agent.Readers.Wiegand;

namespace Cybercantal.Edge.Agent.Tests.Readers.Wiegand;

public sealed class WiegandDecoderTests
{
    // Same tick rate as FakeTimeProvider: 10 MHz.
    private const long Frequency = TimeSpan.TicksPerSecond;
    private static readonly long BitInterval = Ticks(TimeSpan.FromMilliseconds(2));

    [Fact]
    public void A_frame_closes_only_once_the_gap_has_passed()
    {
        var decoder = new WiegandDecoder(new WiegandTiming(), Frequency);
        var end = Feed(decoder, "10111101110110010011011101", start: 0);

        Assert.False(decoder.TryClose(end + Ticks(TimeSpan.FromMilliseconds(24)), out _));
        Assert.True(decoder.TryClose(end + Ticks(TimeSpan.FromMilliseconds(25)), out var frame));
        Assert.Equal(WiegandFrameStatus.Valid, frame.Status);
        Assert.Equal("wiegand26:123:45678", frame.Credential.ToString());
        Assert.Equal(end, frame.LastEdgeTimestamp);
        Assert.False(decoder.HasPendingFrame);
    }

    [Fact]
    public void An_edge_after_the_gap_closes_the_previous_frame_even_when_the_timer_was_late()
    {
        var decoder = new WiegandDecoder(new WiegandTiming(), Frequency);
        var end = Feed(decoder, "10111101110110010011011101", start: 0);

        Assert.True(decoder.OnEdge(0, end + Ticks(TimeSpan.FromMilliseconds(30)), out var first));
        Assert.Equal("wiegand26:123:45678", first.Credential.ToString());
        Assert.True(decoder.HasPendingFrame);
    }

    [Fact]
    public void Ringing_on_the_same_line_is_dropped_and_counted()
    {
        var decoder = new WiegandDecoder(new WiegandTiming(), Frequency);
        var wire = "10111101110110010011011101";
        long t = 0;
        foreach (var c in wire)
        {
            var line = c - '0';
            Assert.False(decoder.OnEdge(line, t, out _));
            Assert.False(decoder.OnEdge(line, t + Ticks(TimeSpan.FromMicroseconds(80)), out _));
            t += BitInterval;
        }

        Assert.True(decoder.TryClose(t + Ticks(TimeSpan.FromMilliseconds(25)), out var frame));
        Assert.Equal(WiegandFrameStatus.Valid, frame.Status);
        Assert.Equal(26, frame.IgnoredGlitches);
    }

    [Fact]
    public void Edges_on_both_lines_at_once_make_the_frame_noise()
    {
        var decoder = new WiegandDecoder(new WiegandTiming(), Frequency);
        var end = Feed(decoder, "1011110111011", start: 0);
        decoder.OnEdge(0, end + Ticks(TimeSpan.FromMicroseconds(100)), out _);
        end = Feed(decoder, "0010011011101", start: end + BitInterval);

        Assert.True(decoder.TryClose(end + Ticks(TimeSpan.FromMilliseconds(25)), out var frame));
        Assert.Equal(WiegandFrameStatus.SimultaneousEdges, frame.Status);
        Assert.Equal(26, frame.Bits.Count);
    }

    [Fact]
    public void A_lone_glitch_on_an_idle_line_is_a_runt_not_a_badge()
    {
        var decoder = new WiegandDecoder(new WiegandTiming(), Frequency);
        decoder.OnEdge(1, 0, out _);

        Assert.True(decoder.TryClose(Ticks(TimeSpan.FromMilliseconds(25)), out var frame));
        Assert.Equal(WiegandFrameStatus.Runt, frame.Status);
    }

    [Fact]
    public void A_line_oscillating_without_a_gap_is_closed_at_the_maximum_length()
    {
        var decoder = new WiegandDecoder(new WiegandTiming { MaximumFrameBits = 100 }, Frequency);
        var closed = new List<WiegandFrame>();
        for (var i = 0; i < 250; i++)
        {
            if (decoder.OnEdge(i & 1, i * BitInterval, out var frame))
            {
                closed.Add(frame);
            }
        }

        Assert.Equal(2, closed.Count);
        Assert.All(closed, f => Assert.Equal(WiegandFrameStatus.WrongLength, f.Status));
        Assert.All(closed, f => Assert.Equal(100, f.Bits.Count));
    }

    private static long Feed(WiegandDecoder decoder, string wire, long start)
    {
        var t = start;
        foreach (var c in wire)
        {
            Assert.False(decoder.OnEdge(c - '0', t, out _));
            t += BitInterval;
        }

        return t - BitInterval;
    }

    private static long Ticks(TimeSpan span) => span.Ticks;
}
