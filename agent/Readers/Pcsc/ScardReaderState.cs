using System.Runtime.InteropServices;

namespace Cybercantal.Edge.Agent.Readers.Pcsc;

/// <summary>
/// pcsc-lite's SCARD_READERSTATE on 64-bit Linux: DWORD is <c>unsigned long</c> (8 bytes), the struct is not packed,
/// so <c>rgbAtr[33]</c> starts at offset 40 and the struct is padded to 80 bytes.
/// </summary>
[StructLayout(LayoutKind.Sequential)]
internal unsafe struct ScardReaderState
{
    public const int MaxAtrSize = 33;

    /// <summary>Null-terminated UTF-8 reader name, owned by the caller for the duration of the call.</summary>
    public byte* Reader;

    public nint UserData;

    public nuint CurrentState;

    public nuint EventState;

    public nuint AtrLength;

    public fixed byte Atr[MaxAtrSize];
}
