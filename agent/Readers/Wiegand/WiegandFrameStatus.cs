namespace Cybercantal.Edge.Agent.Readers.Wiegand;

/// <summary>What the decoder made of one frame.</summary>
public enum WiegandFrameStatus
{
    /// <summary>A 26, 34 or 37-bit frame with correct parity: <see cref="WiegandFrame.Credential"/> is set.</summary>
    Valid,

    /// <summary>A burst shorter than <see cref="WiegandTiming.MinimumFrameBits"/>: a glitch on an idle line, not a badge. Not a reader fault.</summary>
    Runt,

    /// <summary>A bit count no supported format has (lost or extra bits, or an unsupported reader format).</summary>
    WrongLength,

    /// <summary>A supported length whose parity bits do not match: a bit was flipped, lost and replaced, or merged.</summary>
    ParityError,

    /// <summary>Falling edges on D0 and D1 closer than <see cref="WiegandTiming.MinimumEdgeSpacing"/>: noise on the cable, the bit is ambiguous.</summary>
    SimultaneousEdges,
}
