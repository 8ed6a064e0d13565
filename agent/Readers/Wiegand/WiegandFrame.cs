using Cybercantal.Edge.Agent.Access;

namespace Cybercantal.Edge.Agent.Readers.Wiegand;

/// <summary>One closed Wiegand frame and what it decoded to.</summary>
/// <param name="LastEdgeTimestamp">The <see cref="TimeProvider.GetTimestamp"/> value of the frame's last accepted edge: when the reader finished sending the card.</param>
/// <param name="IgnoredGlitches">Edges dropped inside this frame because they followed an edge of the same line too closely (ringing).</param>
public readonly record struct WiegandFrame(
    WiegandFrameStatus Status,
    WiegandBits Bits,
    Credential Credential,
    long LastEdgeTimestamp,
    int IgnoredGlitches)
{
    public bool IsValid => Status == WiegandFrameStatus.Valid;

    /// <summary>A short English description of what was wrong, for the sink and the log (no card number: only the shape of the frame).</summary>
    public string Describe() => Status switch
    {
        WiegandFrameStatus.Valid => $"valid {Bits.Count}-bit frame",
        WiegandFrameStatus.Runt => $"{Bits.Count}-bit burst ignored as line noise",
        WiegandFrameStatus.WrongLength => $"{Bits.Count}-bit frame: no supported format has this length (26, 34, 37)",
        WiegandFrameStatus.ParityError => $"{Bits.Count}-bit frame: parity error",
        WiegandFrameStatus.SimultaneousEdges => $"{Bits.Count}-bit frame: edges on D0 and D1 at once (noise on the cable)",
        _ => $"{Bits.Count}-bit frame: {Status}",
    };
}
