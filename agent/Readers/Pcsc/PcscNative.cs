using System.Runtime.InteropServices;

namespace Cybercantal.Edge.Agent.Readers.Pcsc;

/// <summary>
/// Direct binding of pcsc-lite (libpcsclite.so.1, winscard.h). On 64-bit Linux pcsc-lite's DWORD and LONG are C
/// <c>unsigned long</c>/<c>long</c>, i.e. 8 bytes: hence nuint/nint everywhere. SCARDCONTEXT and SCARDHANDLE are LONG.
/// </summary>
internal static unsafe partial class PcscNative
{
    public const string Library = "libpcsclite.so.1";

    public const nuint ScopeSystem = 2;
    public const nuint ShareShared = 2;
    public const nuint ProtocolT0 = 1;
    public const nuint ProtocolT1 = 2;
    public const nuint LeaveCard = 0;
    public const nuint Infinite = 0xFFFFFFFF;

    /// <summary>The pseudo reader whose state changes when readers are plugged or unplugged.</summary>
    public const string PnpNotification = @"\\?PnP?\Notification";

    [LibraryImport(Library)]
    public static partial nint SCardEstablishContext(nuint scope, nint reserved1, nint reserved2, out PcscContextHandle context);

    [LibraryImport(Library)]
    public static partial nint SCardReleaseContext(nint context);

    [LibraryImport(Library)]
    public static partial nint SCardIsValidContext(PcscContextHandle context);

    [LibraryImport(Library)]
    public static partial nint SCardListReaders(PcscContextHandle context, byte* groups, byte* readers, ref nuint readersLength);

    [LibraryImport(Library)]
    public static partial nint SCardGetStatusChange(PcscContextHandle context, nuint timeoutMilliseconds, ScardReaderState* states, nuint count);

    [LibraryImport(Library)]
    public static partial nint SCardCancel(PcscContextHandle context);

    [LibraryImport(Library)]
    public static partial nint SCardConnect(PcscContextHandle context, byte* reader, nuint shareMode, nuint preferredProtocols, out nint card, out nuint activeProtocol);

    [LibraryImport(Library)]
    public static partial nint SCardTransmit(nint card, ScardIoRequest* sendPci, byte* sendBuffer, nuint sendLength, ScardIoRequest* receivePci, byte* receiveBuffer, ref nuint receiveLength);

    [LibraryImport(Library)]
    public static partial nint SCardDisconnect(nint card, nuint disposition);

    /// <summary>pcsc-lite returns a C long; its low 32 bits are the SCARD code.</summary>
    public static PcscResult ToResult(nint value) => (PcscResult)unchecked((uint)(long)value);
}
