namespace Cybercantal.Edge.Agent.Readers.Wiegand;

/// <summary>How many frames a Wiegand reader closed, by outcome.</summary>
public readonly record struct WiegandReaderCounters(long Valid, long Runts, long WrongLength, long ParityErrors, long SimultaneousEdges)
{
    public long Faults => WrongLength + ParityErrors + SimultaneousEdges;

    public WiegandReaderCounters Add(WiegandFrameStatus status) => status switch
    {
        WiegandFrameStatus.Valid => this with { Valid = Valid + 1 },
        WiegandFrameStatus.Runt => this with { Runts = Runts + 1 },
        WiegandFrameStatus.WrongLength => this with { WrongLength = WrongLength + 1 },
        WiegandFrameStatus.ParityError => this with { ParityErrors = ParityErrors + 1 },
        WiegandFrameStatus.SimultaneousEdges => this with { SimultaneousEdges = SimultaneousEdges + 1 },
        _ => this,
    };
}
