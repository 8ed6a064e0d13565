namespace Cybercantal.Edge.Agent.Readers.Pcsc;

/// <summary>Helpers over the raw <c>dwEventState</c> word.</summary>
public static class PcscReaderStatesExtensions
{
    /// <summary>
    /// pcsc-lite's card event counter (high 16 bits): it moves on every insertion and removal, so a card removed and
    /// presented again between two SCardGetStatusChange calls still shows up although PRESENT stayed set.
    /// </summary>
    public static int EventCount(nuint eventState) => (int)((ulong)eventState >> 16 & 0xFFFF);

    public static PcscReaderStates Flags(nuint eventState) => (PcscReaderStates)((ulong)eventState & 0xFFFF);
}
