using System.Runtime.InteropServices;

namespace Cybercantal.Edge.Agent.Readers.Pcsc;

/// <summary>SCARD_IO_REQUEST: protocol control information header (two DWORDs = 16 bytes on 64-bit Linux).</summary>
[StructLayout(LayoutKind.Sequential)]
internal struct ScardIoRequest
{
    public nuint Protocol;

    public nuint PciLength;
}
